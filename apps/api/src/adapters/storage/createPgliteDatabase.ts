import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDatabase, SqlExecutor } from './SqlDatabase.js';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function executor(db: PgliteLike): SqlExecutor {
  return {
    query: async <R extends object>(sql: string, params: readonly unknown[] = []) => (await db.query<R>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
}

/**
 * Opens (creating when needed) an embedded PostgreSQL in `dataDir` (PGlite, PostgreSQL compiled to WebAssembly).
 * PGlite is one connection: statements and transactions queue behind each other, so transactions never interleave.
 * Only one process may open a data directory at a time.
 */
export async function createPgliteDatabase(dataDir: string): Promise<SqlDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  return {
    driver: 'pglite',
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}
