import { startCluster, type ClusterInfo } from '@kro-designer/cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KroTestCluster {
  readonly info: ClusterInfo;
  stop(): Promise<void>;
  /** Restarts kube-apiserver in place (objects and resourceVersions survive); for fault tests. */
  restartApiServer(): Promise<void>;
}

/**
 * Starts a private control plane (etcd, kube-apiserver, kro v0.9.3 from tools/cluster) with its kubeconfig and logs
 * in a temporary directory, so API test files can run beside the `cluster` project and each other.
 */
export async function startKroCluster(): Promise<KroTestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kro-designer-api-cluster-'));
  const cluster = await startCluster({ kubeconfigPath: join(dir, 'kubeconfig'), logDir: join(dir, 'logs'), onOutput: () => {} });
  try {
    const info = await cluster.waitForReady();
    return {
      info,
      restartApiServer: () => cluster.restartApiServer(),
      async stop() {
        await cluster.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
