// Live status over HTTP against the real control plane (kube-apiserver + kro from tools/cluster): nothing is mocked.
import { markWorkloadReady } from '@kro-designer/cluster';
import { LiveInstance, type Problem } from '@kro-designer/contracts';
import { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadKubeGateway } from '../adapters/k8s/KubeconfigGateway.js';
import type { ClusterConnection, KubeObject } from '../ports/ClusterGateway.js';
import { HttpClient } from '../testing/HttpClient.js';
import { deployRgd, webAppRgd } from '../testing/kroFixtures.js';
import { SseClient } from '../testing/SseClient.js';
import { startKroCluster, type KroTestCluster } from '../testing/startKroCluster.js';
import { startTestServer, type TestServer } from '../testing/startTestServer.js';

const suffix = randomBytes(3).toString('hex');
const ns = `live-${suffix}`;
const rgdName = `webapp-${suffix}`;
const kind = `WebApp${suffix.toUpperCase().replace(/[0-9]/g, 'X')}`;
let cluster: KroTestCluster;
let conn: ClusterConnection;
let clusterId: string;
let server: TestServer;
let kc: KubeConfig;

const instance = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'kro.run/v1alpha1', kind, metadata: { name, namespace: ns }, spec });
const opened: SseClient[] = [];
const stream = (name: string) => {
  const c = new SseClient(server.url + livePath(name) + '/live');
  opened.push(c);
  return c;
};
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});
const livePath = (name: string) => `/api/clusters/${clusterId}/rgds/${rgdName}/instances/${ns}/${name}`;

beforeAll(async () => {
  cluster = await startKroCluster();
  const gateway = loadKubeGateway({ KUBECONFIG: cluster.info.kubeconfigPath });
  clusterId = (await gateway.list())[0]!.id;
  conn = gateway.connect(clusterId);
  kc = new KubeConfig();
  kc.loadFromFile(cluster.info.kubeconfigPath);
  await conn.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { fieldManager: 'kro-designer-test' });
  await deployRgd(conn, webAppRgd(rgdName, kind));
  server = await startTestServer({ clusterGateway: gateway });
}, 240_000);

afterAll(async () => {
  await server?.close();
  await cluster?.stop();
});

describe('live status of an instance', () => {
  it('streams nodes going waiting → creating → ready as kro creates them and workloads report ready; excluded stays excluded', async () => {
    const sse = stream('shop');
    await sse.connect();
    expect(sse.status).toBe(200);
    // The instance does not exist yet: the first snapshot says so.
    await sse.waitFor(() => sse.view?.gone === true, 10_000, 'a snapshot of a missing instance');
    expect(sse.retryMs).toBe(2000);
    expect(sse.frames[0]!.event).toBe('snapshot');

    await conn.apply(instance('shop'), { fieldManager: 'kro-designer-test' });
    await sse.waitFor(() => sse.summary().deploy === 'creating' && sse.view?.nodes.find((n) => n.id === 'deploy')?.objects.length === 1, 30_000, 'the Deployment applied');
    expect(sse.summary()).toMatchObject({ config: 'ready', service: 'waiting' });
    expect(sse.view!.nodes.find((n) => n.id === 'service')!.waitingOn).toEqual(['deploy']);

    await markWorkloadReady(kc, { kind: 'Deployment', namespace: ns, name: 'shop' });
    await sse.waitFor(() => sse.view?.ready === 'True' && sse.summary().service === 'ready', 30_000, 'the instance Ready');
    expect(sse.summary()).toEqual({ config: 'ready', deploy: 'ready', service: 'ready', extra: 'excluded' });
    expect(sse.view!.state).toBe('ACTIVE');
    // Between markWorkloadReady and kro's next reconcile kro's message still names the readyWhen, so a short
    // not-ready may sit between creating and ready; the order of the rest is fixed.
    const history = sse.healthHistory.get('deploy')!.filter((h) => h !== 'not-ready');
    expect(history, JSON.stringify(sse.view!.nodes.find((n) => n.id === 'deploy')!.timeline)).toEqual(['unknown', 'waiting', 'creating', 'ready']);
    const deploy = sse.view!.nodes.find((n) => n.id === 'deploy')!;
    expect(deploy.readyAt).toBeDefined();
    expect(deploy.timeline!.find((t) => t.health === 'waiting')?.waitingOn).toEqual(['config']);
    // Ids increase along the stream.
    const seqs = sse.frames.filter((f) => f.id).map((f) => Number(f.id!.split('-')[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // The snapshot route agrees with the stream.
    const api = new HttpClient(server.url);
    const snap = await api.get(livePath('shop'));
    expect(snap.status).toBe(200);
    const parsed = LiveInstance.parse(snap.body);
    expect(Object.fromEntries(parsed.nodes.map((n) => [n.id, n.health]))).toEqual(sse.summary());

    // Turning includeWhen on creates the extra node.
    await conn.apply(instance('shop', { extra: true }), { fieldManager: 'kro-designer-test' });
    await sse.waitFor(() => sse.summary().extra === 'ready', 30_000, 'extra created');

    // Deleting: nodes go away in kro's teardown and the instance ends gone.
    await conn.delete({ apiVersion: 'kro.run/v1alpha1', kind, namespace: ns, name: 'shop' });
    await sse.waitFor(() => sse.view?.gone === true, 30_000, 'instance gone');
    expect(sse.healthHistory.get('deploy')).toContain('deleting');
    sse.close();
  });

  it('shows a kro error on the node that caused it', async () => {
    const sse = stream('broken');
    await sse.connect();
    // A negative replica count passes the instance schema but the API server rejects the Deployment kro applies.
    await conn.apply(instance('broken', { replicas: -1 }), { fieldManager: 'kro-designer-test' });
    await sse.waitFor(() => sse.summary().deploy === 'error', 30_000, 'deploy error');
    const deploy = sse.view!.nodes.find((n) => n.id === 'deploy')!;
    expect(deploy.reason).toMatch(/replicas/i);
    expect(sse.view!.state).toBe('ERROR');
    sse.close();
  });

  it('answers 404 problems for an unknown cluster, RGD or instance, and keeps one watch per kind for many streams', async () => {
    const api = new HttpClient(server.url);
    expect((await api.get<Problem>(`/api/clusters/nope/rgds/${rgdName}/instances/${ns}/x`)).status).toBe(404);
    expect((await api.get<Problem>(`/api/clusters/${clusterId}/rgds/nope-${suffix}/instances/${ns}/x/live`)).status).toBe(404);
    const missing = await api.get<Problem>(livePath('absent'));
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/absent/);

    const before = server.services.live.stats().watches;
    const clients = Array.from({ length: 20 }, (_, i) => stream(i % 2 ? 'a' : 'b'));
    await Promise.all(clients.map((c) => c.connect()));
    await Promise.all(clients.map((c) => c.waitFor(() => c.view !== undefined, 10_000, 'snapshot')));
    const stats = server.services.live.stats();
    expect(stats.streams).toBeGreaterThanOrEqual(20);
    expect(stats.watches).toBe(before);
    for (const c of clients) c.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(server.services.live.stats().streams).toBe(0);
  });
});

describe('Last-Event-ID beyond the replay log', () => {
  it('gets a fresh snapshot when the events it missed no longer fit the log', async () => {
    const small = await startTestServer({ clusterGateway: loadKubeGateway({ KUBECONFIG: cluster.info.kubeconfigPath }), liveOptions: { logSize: 2 } });
    try {
      await conn.apply(instance('resume'), { fieldManager: 'kro-designer-test' });
      const sse = new SseClient(small.url + livePath('resume') + '/live');
      opened.push(sse);
      await sse.connect();
      await sse.waitFor(() => sse.summary().deploy === 'creating' && (sse.view?.nodes.find((n) => n.id === 'deploy')?.objects.length ?? 0) > 0, 30_000, 'deploy applied');
      sse.close();
      const before = sse.frames.length;
      // Several changes while away: more events than the log of 2 holds.
      for (let i = 0; i < 3; i++) {
        await conn.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'resume-config', namespace: ns, annotations: { touch: String(i) } } }, { fieldManager: 'touch' });
        await new Promise((r) => setTimeout(r, 300));
      }
      await sse.connect();
      await sse.waitFor(() => sse.frames.length > before, 10_000, 'the first frame after reconnecting');
      expect(sse.frames[before]!.event).toBe('snapshot');
      const config = sse.view!.nodes.find((n) => n.id === 'config')!;
      expect((config.objects[0]!.object.metadata as { annotations?: Record<string, string> }).annotations?.touch).toBe('2');
    } finally {
      await small.close();
    }
  });
});

describe('live routes with sign-in', () => {
  it('refuses anonymous callers', async () => {
    const secured = await startTestServer({ authMode: 'local', admin: { username: 'admin', password: 'correct horse battery' } });
    try {
      const anon = new SseClient(secured.url + livePath('shop') + '/live');
      await anon.connect();
      expect(anon.status).toBe(401);
    } finally {
      await secured.close();
    }
  });
});
