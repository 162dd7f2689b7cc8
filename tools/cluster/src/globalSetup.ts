import type { TestProject } from 'vitest/node';
import type { ClusterInfo } from './parseReadyLine.js';
import { startCluster, type StartClusterOptions } from './startCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running test cluster; read it in tests with `inject('kroCluster')`. */
    kroCluster: ClusterInfo;
  }
}

/**
 * Creates a vitest `globalSetup` that builds (if needed) and starts the control plane once per
 * run, provides its {@link ClusterInfo} as `inject('kroCluster')`, and stops it on teardown.
 *
 * @example
 * // vitest.config.ts of a project that needs a cluster: globalSetup: ['./src/clusterSetup.ts']
 * // clusterSetup.ts:
 * export default clusterGlobalSetup({ kroArgs: ['--allow-crd-deletion'] });
 */
export function clusterGlobalSetup(options: StartClusterOptions = {}) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const cluster = await startCluster(options);
    try {
      const info = await cluster.waitForReady();
      project.provide('kroCluster', info);
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return () => cluster.stop();
  };
}

/** The default setup: the full control plane with kro's defaults. */
export default clusterGlobalSetup();
