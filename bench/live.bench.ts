/**
 * Live status benchmark against the real control plane (tools/cluster: etcd + kube-apiserver + kro) and the real
 * server process (apps/api main.ts):
 *
 * 1. change → event: an annotation written on a kro-managed child → the SSE `node` event read by an HTTP client
 *    (fetch stream, the browser's EventSource protocol), p50/p95 over SAMPLES changes, while STREAMS clients listen.
 *    Painting in a browser is not measured here (see README "Live status").
 * 2. server memory (RSS of the server process, from /proc) with INSTANCES instances and STREAMS SSE clients.
 * 3. watches the server holds on kube-apiserver with 1 and with STREAMS clients, counted by the API server itself
 *    (`apiserver_longrunning_requests{verb="WATCH"}` minus kro's own before the server started).
 *
 * Run: npm run bench:live. INSTANCES (default 500), STREAMS (default 200), SAMPLES (default 50).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { startCluster } from '@kro-designer/cluster';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeGateway } from '../apps/api/src/adapters/k8s/KubeconfigGateway.js';
import type { ClusterConnection, KubeObject } from '../apps/api/src/ports/ClusterGateway.js';
import { deployRgd, RGD_API } from '../apps/api/src/testing/kroFixtures.js';
import { spawnServer } from '../apps/api/src/testing/spawnServer.js';
import { SseClient } from '../apps/api/src/testing/SseClient.js';

const INSTANCES = Number(process.env.INSTANCES ?? 500);
const STREAMS = Number(process.env.STREAMS ?? 200);
const SAMPLES = Number(process.env.SAMPLES ?? 50);
const NS = 'bench-live';
const KIND = 'LiveBench';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** Watches open on kube-apiserver right now, by its own metric. */
async function apiserverWatches(kc: KubeConfig): Promise<number> {
  const server = new URL(kc.getCurrentCluster()!.server);
  const opts: RequestOptions = { host: server.hostname, port: server.port, path: '/metrics', method: 'GET' };
  await kc.applyToHTTPSOptions(opts);
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(opts, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith('apiserver_longrunning_requests{') && line.includes('verb="WATCH"')) total += Number(line.split(' ').at(-1));
  return total;
}

const rgd: KubeObject = {
  ...RGD_API,
  metadata: { name: 'live-bench' },
  spec: {
    schema: { apiVersion: 'v1alpha1', kind: KIND, spec: { value: 'string | default=x' } },
    resources: [{ id: 'config', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.metadata.name}' }, data: { value: '${schema.spec.value}' } } }],
  },
};

async function inBatches<T>(items: readonly T[], size: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kro-designer-bench-live-'));
  const cluster = await startCluster({ kubeconfigPath: join(dir, 'kubeconfig'), logDir: join(dir, 'logs'), onOutput: () => {} });
  const cleanups: (() => unknown)[] = [() => cluster.stop(), () => rmSync(dir, { recursive: true, force: true })];
  try {
    const info = await cluster.waitForReady();
    const kc = new KubeConfig();
    kc.loadFromFile(info.kubeconfigPath);
    const gateway = loadKubeGateway({ KUBECONFIG: info.kubeconfigPath });
    const clusterId = (await gateway.list())[0]!.id;
    const conn: ClusterConnection = gateway.connect(clusterId);
    await conn.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }, { fieldManager: 'bench' });
    await deployRgd(conn, rgd);

    let t = performance.now();
    const names = Array.from({ length: INSTANCES }, (_, i) => `i${String(i).padStart(4, '0')}`);
    await inBatches(names, 25, (name) => conn.apply({ apiVersion: 'kro.run/v1alpha1', kind: KIND, metadata: { name, namespace: NS }, spec: {} }, { fieldManager: 'bench' }));
    await waitUntil(`${INSTANCES} instances ACTIVE`, async () => {
      const list = await conn.list({ apiVersion: 'kro.run/v1alpha1', kind: KIND }, { namespace: NS });
      return list.items.filter((o) => (o.status as { state?: string } | undefined)?.state === 'ACTIVE').length === INSTANCES;
    }, 600_000);
    console.log(`setup: ${INSTANCES} instances ACTIVE in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const kroWatches = await apiserverWatches(kc);
    const serverDir = mkdtempSync(join(tmpdir(), 'kro-designer-bench-live-data-'));
    cleanups.push(() => rmSync(serverDir, { recursive: true, force: true }));
    const server = await spawnServer({ DATA_DIR: serverDir, KUBECONFIG: info.kubeconfigPath, LOG_LEVEL: 'info' }, 150_000);
    cleanups.push(() => server.child.kill('SIGKILL'));
    const pid = server.child.pid!;
    const url = (name: string) => `${server.url}/api/clusters/${clusterId}/rgds/live-bench/instances/${NS}/${name}/live`;
    const rssIdle = rssMiB(pid);

    const one = new SseClient(url(names[0]!));
    await one.connect();
    await one.waitFor(() => one.view !== undefined, 60_000, 'first snapshot');
    await new Promise((r) => setTimeout(r, 1_000));
    const watchesOne = (await apiserverWatches(kc)) - kroWatches;

    t = performance.now();
    const clients = Array.from({ length: STREAMS - 1 }, (_, i) => new SseClient(url(names[(i + 1) % INSTANCES]!)));
    await inBatches(clients, 50, async (c) => {
      await c.connect();
      await c.waitFor(() => c.view !== undefined, 120_000, 'snapshot');
    });
    const all = [one, ...clients];
    console.log(`${STREAMS} streams open with a snapshot each in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, 2_000));
    const watchesMany = (await apiserverWatches(kc)) - kroWatches;
    const rssStreams = rssMiB(pid);

    // change → event
    const latencies: number[] = [];
    const afterApply: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const client = all[i % all.length]!;
      // Client k watches instance k (mod INSTANCES); touch that instance's ConfigMap.
      const name = names[(i % all.length) % INSTANCES]!;
      const before = client.frames.length;
      const start = performance.now();
      await conn.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, annotations: { 'bench/seq': String(i) } } }, { fieldManager: 'bench-touch' });
      const applied = performance.now();
      await client.waitFor(() => client.frames.slice(before).some((f) => f.event === 'node' && f.data.includes(`"bench/seq":"${i}"`)), 30_000, `sample ${i}`);
      const frame = client.frames.slice(before).find((f) => f.event === 'node' && f.data.includes(`"bench/seq":"${i}"`))!;
      latencies.push(frame.at - start);
      afterApply.push(frame.at - applied);
    }
    const rssAfter = rssMiB(pid);
    for (const c of all) c.close();

    console.log('\nlive status benchmark (real kube-apiserver + kro, real server process, HTTP SSE clients)');
    console.log(`  change → SSE node event (apply of an annotation on a kro child → frame parsed by a client), ${SAMPLES} samples:`);
    console.log(`    p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   max ${Math.max(...latencies).toFixed(1)} ms`);
    console.log(`    of which after the apply returned: p50 ${percentile(afterApply, 50).toFixed(1)} ms   p95 ${percentile(afterApply, 95).toFixed(1)} ms (watch → hub → derive (20 ms debounce) → SSE)`);
    console.log(`  server RSS: idle ${rssIdle.toFixed(0)} MiB; ${INSTANCES} instances + ${STREAMS} streams ${rssStreams.toFixed(0)} MiB; after the samples ${rssAfter.toFixed(0)} MiB`);
    console.log(`  watches held on kube-apiserver by the server: ${watchesOne} with 1 stream, ${watchesMany} with ${STREAMS} streams (kro's own: ${kroWatches})`);
    if (watchesMany > watchesOne) console.log('  WARNING: the number of watches grew with the number of clients');
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

await main();
