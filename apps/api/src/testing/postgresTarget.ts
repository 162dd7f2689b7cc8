import pg from 'pg';
import type { StorageConfig } from '../adapters/storage/openStorage.js';

/**
 * The PostgreSQL test target, when `TEST_DATABASE_URL` is set: each call gives a fresh schema so runs and files never
 * see each other's rows. Returns no target when unset, so suites run on PGlite alone.
 */
export function postgresTarget(label: string): { name: string; storage: () => StorageConfig }[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return [];
  let n = 0;
  return [
    {
      name: 'PostgreSQL',
      storage: () => ({ driver: 'postgres', connectionString: url, schema: `kd_test_${label}_${process.pid}_${Date.now().toString(36)}_${n++}` }),
    },
  ];
}

/** Drops a schema a test created, with everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
