import { defineProject } from 'vitest/config';

// Differential tests against kro v0.9.3's own code. The oracle binary is built (or found in its cache) once per
// run by the global setup; a cold build downloads kro's module graph and compiles it (see CONTEXT.md).
export default defineProject({
  test: {
    name: 'oracle',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./src/globalSetup.ts'],
    hookTimeout: 60_000,
    testTimeout: 120_000,
  },
});
