import type { TestProject } from 'vitest/node';
import { buildOracle, type OracleBuild } from './buildOracle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The kro-oracle build; read it in tests with `inject('kroOracle')`. */
    kroOracle: OracleBuild;
  }
}

/** Builds the oracle once per run (or finds it in the cache) and provides it to the tests. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('kroOracle', await buildOracle());
}
