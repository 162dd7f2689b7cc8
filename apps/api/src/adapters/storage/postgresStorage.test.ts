import { describe, expect, it } from 'vitest';
import { dropSchema } from '../../testing/postgresTarget.js';
import { redact } from './createPostgresDatabase.js';
import { openStorage } from './openStorage.js';
import { describeStorageContract } from './storageContract.js';

const url = process.env.TEST_DATABASE_URL;
const required = process.env.REQUIRE_POSTGRES === '1';

if (url) {
  // With REQUIRE_POSTGRES=1 an unreachable server fails this suite (openStorage rejects in beforeAll): CI must not
  // pass without having run it.
  describeStorageContract('PostgreSQL', async () => {
    const schema = `kd_test_contract_${process.pid}_${Date.now().toString(36)}`;
    const storage = await openStorage({ driver: 'postgres', connectionString: url, schema });
    return {
      storage,
      dispose: async () => {
        await storage.close();
        await dropSchema(url, schema);
      },
    };
  });
} else if (required) {
  describe('storage contract (PostgreSQL)', () => {
    it('runs against a real PostgreSQL server', () => {
      expect.fail('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set: point it at a PostgreSQL server (postgres://user:pass@host:5432/db)');
    });
  });
} else {
  describe('storage contract (PostgreSQL)', () => {
    it.skip('skipped: set TEST_DATABASE_URL=postgres://… to run the storage contract against PostgreSQL (CI does, with REQUIRE_POSTGRES=1)', () => {});
  });
  console.warn('[api] PostgreSQL storage suite skipped: TEST_DATABASE_URL is not set');
}

describe('PostgreSQL connection errors', () => {
  it('names the server without its password', async () => {
    expect(redact('postgres://kd:secret@db.example:5432/kd')).toBe('postgres://kd:***@db.example:5432/kd');
    expect(redact('host=db password=secret')).toBe('(the configured DATABASE_URL)');
    await expect(openStorage({ driver: 'postgres', connectionString: 'postgres://kd:secret@127.0.0.1:1/kd' })).rejects.toThrow(
      /cannot reach PostgreSQL at postgres:\/\/kd:\*\*\*@127\.0\.0\.1:1\/kd/,
    );
  });
});
