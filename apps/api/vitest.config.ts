import { defineProject } from 'vitest/config';

export default defineProject({
  // Tests open real databases (PGlite, PostgreSQL) and spawn the server: generous timeouts, one file at a time.
  test: { name: 'api', include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
});
