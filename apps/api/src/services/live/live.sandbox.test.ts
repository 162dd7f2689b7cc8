// The same live-status journey on the sandbox cluster (in-process API server + kro simulation), over real HTTP SSE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxCluster, SANDBOX_CLUSTER_ID, SANDBOX_SUMMARY, type SandboxCluster } from '../../adapters/sandbox/createSandboxCluster.js';
import { ClusterError, type ClusterGateway } from '../../ports/ClusterGateway.js';
import { deployRgd, webAppRgd } from '../../testing/kroFixtures.js';
import { SseClient } from '../../testing/SseClient.js';
import { startTestServer, type TestServer } from '../../testing/startTestServer.js';

let sandbox: SandboxCluster;
let server: TestServer;
const ns = 'default';
const kind = 'SandboxWebApp';
const livePath = (name: string) => `/api/clusters/${SANDBOX_CLUSTER_ID}/rgds/webapp/instances/${ns}/${name}`;

beforeAll(async () => {
  // A rollout of 1.5 s keeps the not-yet-ready Deployment on the stream long enough to be seen on a loaded machine.
  sandbox = createSandboxCluster({ requeueMs: 200, readyAfterMs: 1500 });
  const gateway: ClusterGateway = {
    list: async () => [SANDBOX_SUMMARY],
    connect: (id) => {
      if (id !== SANDBOX_CLUSTER_ID) throw new ClusterError(`no cluster ${id}`, 404, 'NotFound');
      return sandbox;
    },
  };
  await deployRgd(sandbox, webAppRgd('webapp', kind));
  server = await startTestServer({ clusterGateway: gateway });
});

afterAll(async () => {
  await server?.close();
  sandbox?.close();
});

describe('live status on the sandbox', () => {
  it('streams creating → ready, excluded, Ready, and the teardown', async () => {
    const sse = new SseClient(server.url + livePath('shop') + '/live');
    try {
      await sse.connect();
      await sse.waitFor(() => sse.view?.gone === true, 10_000, 'missing instance');
      await sandbox.apply({ apiVersion: 'kro.run/v1alpha1', kind, metadata: { name: 'shop', namespace: ns }, spec: {} }, { fieldManager: 'test' });
      await sse.waitFor(() => sse.view?.ready === 'True' && sse.summary().service === 'ready', 30_000, 'Ready');
      expect(sse.summary()).toEqual({ config: 'ready', deploy: 'ready', service: 'ready', extra: 'excluded' });
      // The Deployment is seen before it is ready: "creating" while it has no status, or "not-ready" once the
      // simulated rollout reports progress (which of the two a 20 ms debounce window catches depends on timing), then
      // "ready". "waiting" may fall inside one window: the sandbox creates the ConfigMap with the instance.
      const deploy = sse.healthHistory.get('deploy')!.filter((h) => h !== 'waiting');
      expect(deploy[0]).toBe('unknown');
      expect(deploy.at(-1)).toBe('ready');
      expect(deploy.slice(1, -1).length).toBeGreaterThan(0);
      expect(deploy.slice(1, -1).every((h) => h === 'creating' || h === 'not-ready')).toBe(true);
      expect(sse.view!.nodes.find((n) => n.id === 'deploy')!.readyAt).toBeDefined();
      await sandbox.delete({ apiVersion: 'kro.run/v1alpha1', kind, namespace: ns, name: 'shop' });
      await sse.waitFor(() => sse.view?.gone === true, 30_000, 'gone');
      expect(new Set(Object.values(sse.summary()))).toEqual(new Set(['unknown']));
    } finally {
      sse.close();
    }
  });

  it('follows a cluster-scoped instance under the `_` namespace', async () => {
    await deployRgd(sandbox, {
      apiVersion: 'kro.run/v1alpha1',
      kind: 'ResourceGraphDefinition',
      metadata: { name: 'tenant' },
      spec: {
        schema: { apiVersion: 'v1alpha1', kind: 'SandboxTenant', scope: 'Cluster', spec: {} },
        resources: [{ id: 'quota', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.metadata.name}', namespace: 'default' }, data: { a: 'b' } } }],
      },
    });
    const sse = new SseClient(`${server.url}/api/clusters/${SANDBOX_CLUSTER_ID}/rgds/tenant/instances/_/acme/live`);
    try {
      await sse.connect();
      await sandbox.apply({ apiVersion: 'kro.run/v1alpha1', kind: 'SandboxTenant', metadata: { name: 'acme' }, spec: {} }, { fieldManager: 'test' });
      await sse.waitFor(() => sse.view?.ready === 'True', 30_000, 'Ready');
      expect(sse.summary()).toEqual({ quota: 'ready' });
      expect(sse.view!.namespace).toBeUndefined();
    } finally {
      sse.close();
    }
  });

  it('compiles an RGD version once, however many of its instances are watched', async () => {
    const streams = ['one', 'two', 'three'].map((name) => new SseClient(server.url + livePath(name) + '/live'));
    try {
      await streams[0]!.connect();
      const compiled = server.services.live.stats().graphCompilations;
      for (const sse of streams.slice(1)) await sse.connect();
      for (const sse of streams) await sse.waitFor(() => sse.view !== undefined && sse.view.nodes.length === 4, 10_000, 'graph');
      expect(server.services.live.stats().views).toBeGreaterThanOrEqual(3);
      expect(server.services.live.stats().graphCompilations).toBe(compiled);
    } finally {
      for (const sse of streams) sse.close();
    }
  });
});
