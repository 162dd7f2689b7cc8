import { defineProject } from 'vitest/config';

// The smoke test needs a real control plane: a cold build of kube-apiserver takes minutes
// (the globalSetup builds it once and caches the binaries), and kro reconciles in seconds.
export default defineProject({
  test: {
    name: 'cluster',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./src/globalSetup.ts'],
    hookTimeout: 60_000,
    testTimeout: 180_000,
  },
});
