import { test as base } from '@playwright/test';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The modules themselves, not the package index: that one also carries the vitest globalSetup.
import { markWorkloadReady } from '../../tools/cluster/src/markWorkloadReady';
import { startCluster, type Cluster } from '../../tools/cluster/src/startCluster';
import { spawnServer, type SpawnedServer } from '../../apps/api/src/testing/spawnServer';

/** A real control plane (etcd, kube-apiserver, kro from tools/cluster) and an API server whose KUBECONFIG points at it. */
export interface RealCluster {
  /** The designer served by that API server. */
  readonly url: string;
  /** The kubeconfig context id, as the cluster switcher lists it. */
  readonly clusterId: string;
  /** A second context whose API server does not answer (a closed local port): the unreachable state. */
  readonly offlineId: string;
  readonly kubeConfig: KubeConfig;
  /** Kills the API server (SIGKILL, no goodbye to the browsers) and starts it again on the same port and data. */
  restartServer(): Promise<void>;
  /** Changes an RGD behind the designer's back (a JSON patch, as kubectl or GitOps would): drift. */
  patchRgd(name: string, patch: readonly { op: 'replace' | 'add'; path: string; value: unknown }[]): Promise<void>;
  /** Fakes a Deployment's readiness (there is no kubelet): what a healthy controller would write to its status. */
  markDeploymentReady(namespace: string, name: string): Promise<void>;
}

const WEB_DIR = process.env.E2E_WEB_DIR ?? fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

/**
 * Worker-scoped: one cluster and one server for every test of the file that asks for `real`, stopped afterwards. The
 * journeys served by playwright.config's webServer (sandbox only) are untouched.
 */
export const test = base.extend<object, { real: RealCluster }>({
  real: [
    // Playwright reads a fixture's dependencies from its first parameter's destructuring, so it must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'kro-e2e-real-'));
      let cluster: Cluster | undefined;
      let server: SpawnedServer | undefined;
      try {
        cluster = await startCluster({ kubeconfigPath: join(dir, 'kubeconfig'), logDir: join(dir, 'logs'), onOutput: () => undefined });
        const info = await cluster.waitForReady();
        const kubeConfig = new KubeConfig();
        kubeConfig.loadFromFile(info.kubeconfigPath);
        const offline = new KubeConfig();
        offline.loadFromFile(info.kubeconfigPath);
        offline.addCluster({ name: 'offline', server: 'https://127.0.0.1:9', skipTLSVerify: false });
        offline.addContext({ name: 'offline', cluster: 'offline', user: offline.getCurrentUser()!.name });
        const kubeconfigPath = join(dir, 'kubeconfig-with-offline');
        writeFileSync(kubeconfigPath, offline.exportConfig(), { mode: 0o600 });
        // LOG_LEVEL stays info: spawnServer reads the port from the "listening" log line.
        const env = { HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), AUTH: 'none', WEB_DIR, KUBECONFIG: kubeconfigPath, HOME: dir };
        server = await spawnServer(env, 120_000);
        const port = new URL(server.url).port;
        await use({
          url: server.url,
          clusterId: kubeConfig.getCurrentContext(),
          offlineId: 'offline',
          kubeConfig,
          restartServer: async () => {
            const old = server!;
            old.child.kill('SIGKILL');
            await old.exited;
            server = await spawnServer({ ...env, PORT: port }, 120_000);
          },
          patchRgd: async (name, patch) => {
            await kubeConfig.makeApiClient(CustomObjectsApi).patchClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', name, body: patch });
          },
          markDeploymentReady: (namespace, name) => markWorkloadReady(kubeConfig, { kind: 'Deployment', namespace, name }),
        });
      } finally {
        server?.child.kill('SIGTERM');
        if (server) await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
        await cluster?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 240_000 },
  ],
});
