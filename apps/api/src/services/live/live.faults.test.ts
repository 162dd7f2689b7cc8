// Fault tests of live status against the real control plane (tools/cluster): a kube-apiserver restart during the
// watches, the API server process killed under an SSE client, and a watch that gets 410 Gone.
import { markWorkloadReady } from '@kro-designer/cluster';
import { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadKubeGateway } from '../../adapters/k8s/KubeconfigGateway.js';
import type { ClusterConnection, ClusterGateway, KindRef, KubeObject, WatchCallbacks, WatchOptions } from '../../ports/ClusterGateway.js';
import { deployRgd, webAppRgd } from '../../testing/kroFixtures.js';
import { spawnServer, type SpawnedServer } from '../../testing/spawnServer.js';
import { SseClient } from '../../testing/SseClient.js';
import { startKroCluster, type KroTestCluster } from '../../testing/startKroCluster.js';
import { startTestServer, type TestServer } from '../../testing/startTestServer.js';
import { WatchHub, type HubChange, type StreamState } from './WatchHub.js';

const suffix = randomBytes(3).toString('hex');
const ns = `faults-${suffix}`;
const rgdName = `faultapp-${suffix}`;
const kind = `FaultApp${suffix.toUpperCase().replace(/[0-9]/g, 'Y')}`;
let cluster: KroTestCluster;
let gateway: ClusterGateway;
let conn: ClusterConnection;
let clusterId: string;
let kc: KubeConfig;
const cleanups: (() => unknown)[] = [];

const instance = (name: string): KubeObject => ({ apiVersion: 'kro.run/v1alpha1', kind, metadata: { name, namespace: ns }, spec: {} });
const livePath = (name: string) => `/api/clusters/${clusterId}/rgds/${rgdName}/instances/${ns}/${name}`;
const CM: KindRef = { apiVersion: 'v1', kind: 'ConfigMap' };
/**
 * Compacts the test cluster's etcd up to `revision` through its JSON gateway. The harness does not publish the etcd
 * address, so it is read from the etcd child's command line (a child of the harness process `harnessPid`).
 */
async function compactEtcd(harnessPid: number, revision: string): Promise<void> {
  let url: string | undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== harnessPid || !stat.includes('(etcd)')) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      url = args.find((a) => a.startsWith('--listen-client-urls='))?.split('=')[1];
    } catch {
      // the process ended while we looked
    }
  }
  if (!url) throw new Error(`no etcd child of the harness ${harnessPid}`);
  const res = await fetch(`${url}/v3/kv/compaction`, { method: 'POST', body: JSON.stringify({ revision, physical: true }) });
  if (!res.ok) throw new Error(`etcd compaction failed: ${res.status} ${await res.text()}`);
}

const cm = (name: string, v: string): KubeObject => ({ ...CM, metadata: { name, namespace: ns }, data: { v } });

beforeAll(async () => {
  cluster = await startKroCluster();
  const kube = loadKubeGateway({ KUBECONFIG: cluster.info.kubeconfigPath });
  gateway = kube;
  clusterId = (await kube.list())[0]!.id;
  conn = kube.connect(clusterId);
  kc = new KubeConfig();
  kc.loadFromFile(cluster.info.kubeconfigPath);
  await conn.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { fieldManager: 'kro-designer-test' });
  await deployRgd(conn, webAppRgd(rgdName, kind));
}, 240_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

afterAll(async () => {
  await cluster?.stop();
});

describe('a watch that gets 410 Gone', () => {
  it('relists from the real API server and reports every change of the gap (add, modify, delete)', async () => {
    // The real adapter with one switch: `blackout` drops events, as a network partition would.
    let blackout = false;
    const flaky: ClusterGateway = {
      list: () => gateway.list(),
      connect: (id) => {
        const real = gateway.connect(id);
        return Object.assign(Object.create(real) as ClusterConnection, {
          list: real.list.bind(real),
          watch: (k: KindRef, options: WatchOptions, callbacks: WatchCallbacks) =>
            real.watch(k, options, { onEvent: (e) => !blackout && callbacks.onEvent(e), onEnd: (err) => callbacks.onEnd(err) }),
        });
      },
    };
    await conn.apply(cm('keep', '1'), { fieldManager: 't' });
    await conn.apply(cm('mod', '1'), { fieldManager: 't' });
    await conn.apply(cm('gone', '1'), { fieldManager: 't' });
    const hub = new WatchHub(flaky, { lingerMs: 0 });
    cleanups.push(() => hub.close());
    const changes: HubChange[] = [];
    const states: StreamState[] = [];
    const sub = hub.subscribe({ cluster: clusterId, kind: CM, namespace: ns }, { onChange: (c) => changes.push(c), onState: (s) => states.push(s) });
    await sub.whenSynced();
    expect(sub.items().map((o) => o.metadata.name).sort()).toEqual(['gone', 'keep', 'mod']);

    blackout = true;
    await conn.apply(cm('mod', '2'), { fieldManager: 't' });
    await conn.delete({ ...CM, namespace: ns, name: 'gone' });
    await conn.apply(cm('added', '1'), { fieldManager: 't' });
    await new Promise((r) => setTimeout(r, 300));
    expect(changes).toEqual([]);
    // Compact etcd up to now and restart kube-apiserver (its watch cache starts afresh): the hub's last version is
    // gone for good, as after a long partition. Its watch ended with the restart; the re-watch meets 410.
    await compactEtcd(cluster.info.pid, (await conn.list(CM, { namespace: ns })).resourceVersion);
    await cluster.restartApiServer();
    blackout = false;
    await expect.poll(() => changes.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(changes.map((c) => `${c.type} ${c.object.metadata.name} ${c.synthetic}`).sort()).toEqual(['ADDED added true', 'DELETED gone true', 'MODIFIED mod true']);
    expect(states).toContain('relisting');
    expect(sub.state).toBe('live');
    const truth = await conn.list(CM, { namespace: ns });
    expect(sub.items().map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort()).toEqual(truth.items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort());
    // And it streams again after the relist.
    await conn.apply(cm('after', '1'), { fieldManager: 't' });
    await expect.poll(() => changes.some((c) => c.object.metadata.name === 'after' && !c.synthetic), { timeout: 10_000 }).toBe(true);
  });
});

describe('kube-apiserver restarts during a watch', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clusterGateway: gateway, liveOptions: { hub: { backoff: { initialMs: 100, maxMs: 2_000, factor: 2 } } } });
  });
  afterAll(() => server?.close());

  it('the stream reports reconnecting, resumes from its resourceVersion, and ends in the true final state', { timeout: 180_000 }, async () => {
    await conn.apply(instance('restart'), { fieldManager: 'kro-designer-test' });
    const sse = new SseClient(server.url + livePath('restart') + '/live');
    cleanups.push(() => sse.close());
    await sse.connect();
    await sse.waitFor(() => sse.summary().deploy === 'creating' && (sse.view?.nodes.find((n) => n.id === 'deploy')?.objects.length ?? 0) > 0, 30_000, 'deploy applied');

    const restarting = cluster.restartApiServer();
    await sse.waitFor(() => sse.streamState !== 'live', 30_000, 'the server noticing the lost watches');
    await restarting;
    // Changed while the server's watches are still backing off: the resumed watch must deliver it.
    await markWorkloadReady(kc, { kind: 'Deployment', namespace: ns, name: 'restart' });
    await sse.waitFor(() => sse.streamState === 'live' && sse.view?.ready === 'True' && sse.summary().service === 'ready', 60_000, 'ready after the restart');
    expect(sse.summary()).toEqual({ config: 'ready', deploy: 'ready', service: 'ready', extra: 'excluded' });
    // The browser connection itself never dropped: one snapshot, then updates.
    expect(sse.frames.filter((f) => f.event === 'snapshot')).toHaveLength(1);
    const stateEvents = sse.frames.filter((f) => f.event === 'stream').map((f) => (JSON.parse(f.data) as { state: string }).state);
    expect(stateEvents.at(-1)).toBe('live');
    // The same truth as a fresh read.
    const fresh = await fetch(server.url + livePath('restart'));
    const snap = (await fresh.json()) as { nodes: { id: string; health: string }[] };
    expect(Object.fromEntries(snap.nodes.map((n) => [n.id, n.health]))).toEqual(sse.summary());
    expect(server.services.live.stats().watches).toBeLessThanOrEqual(6);
  });
});

describe('the API server process', () => {
  it('replays missed events to a client that reconnects with Last-Event-ID, and after a kill -9 sends a fresh snapshot and carries on', { timeout: 400_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kro-designer-live-faults-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, KUBECONFIG: cluster.info.kubeconfigPath };
    let proc: SpawnedServer = await spawnServer(env, 150_000);
    cleanups.push(() => proc.child.kill('SIGKILL'));
    const port = new URL(proc.url).port;

    await conn.apply(instance('killed'), { fieldManager: 'kro-designer-test' });
    const sse = new SseClient(proc.url + livePath('killed') + '/live');
    cleanups.push(() => sse.close());
    await sse.connect();
    await sse.waitFor(() => sse.summary().deploy === 'creating' && (sse.view?.nodes.find((n) => n.id === 'deploy')?.objects.length ?? 0) > 0, 30_000, 'deploy applied');

    // 1. Same process: drop the connection, change the cluster, reconnect with Last-Event-ID → only the missed events.
    sse.close();
    const beforeGap = sse.frames.length;
    const idBefore = sse.lastEventId!;
    await markWorkloadReady(kc, { kind: 'Deployment', namespace: ns, name: 'killed' });
    await new Promise((r) => setTimeout(r, 1_500));
    await sse.connect();
    await sse.waitFor(() => sse.view?.ready === 'True' && sse.summary().service === 'ready', 30_000, 'ready from the replay');
    const replayed = sse.frames.slice(beforeGap);
    expect(replayed.some((f) => f.event === 'snapshot')).toBe(false);
    expect(replayed[0]!.id!.split('-')[0]).toBe(idBefore.split('-')[0]);
    expect(Number(replayed[0]!.id!.split('-')[1])).toBe(Number(idBefore.split('-')[1]) + 1);

    // 2. kill -9 and a new process on the same port: the id is from a dead process, so a fresh snapshot comes first.
    proc.child.kill('SIGKILL');
    await proc.exited;
    await sse.ended;
    const idFromDeadProcess = sse.lastEventId!;
    proc = await spawnServer({ ...env, PORT: port }, 150_000);
    const beforeRestart = sse.frames.length;
    await sse.connect();
    expect(sse.status).toBe(200);
    await sse.waitFor(() => sse.frames.length > beforeRestart, 30_000, 'the first frame after the restart');
    expect(sse.frames[beforeRestart]!.event).toBe('snapshot');
    expect(sse.frames[beforeRestart]!.id!.split('-')[0]).not.toBe(idFromDeadProcess.split('-')[0]);
    expect(sse.summary()).toEqual({ config: 'ready', deploy: 'ready', service: 'ready', extra: 'excluded' });
    // And it carries on streaming changes.
    await conn.delete({ apiVersion: 'kro.run/v1alpha1', kind, namespace: ns, name: 'killed' });
    await sse.waitFor(() => sse.view?.gone === true, 30_000, 'gone after delete');
  });
});
