/**
 * Live status benchmark against the real control plane (tools/cluster: etcd + kube-apiserver + kro) and the real
 * server process (apps/api main.ts):
 *
 * 1. change → event: an annotation written on a kro-managed child → the SSE `node` event read by an HTTP client
 *    (fetch stream, the browser's EventSource protocol), p50/p95 over SAMPLES changes, while STREAMS clients listen;
 *    then the same ending in Chromium: EventSource receipt, and the frame painted after writing it into the DOM.
 * 2. server memory (RSS of the server process, from /proc) with INSTANCES instances and STREAMS SSE clients, and the
 *    heap live status itself takes (a LiveService in this process, heap after a forced GC, before and after).
 * 3. watches the server holds on kube-apiserver with 1 and with STREAMS clients, counted by the API server itself
 *    (`apiserver_longrunning_requests{verb="WATCH"}` minus kro's own before the server started).
 *
 * Run: npm run bench:live. INSTANCES (default 500), STREAMS (default 200), SAMPLES (default 50).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { startCluster } from '../tools/cluster/src/startCluster.js';
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeGateway } from '../apps/api/src/adapters/k8s/KubeconfigGateway.js';
import type { ClusterConnection, ClusterGateway, KubeObject } from '../apps/api/src/ports/ClusterGateway.js';
import { LiveService } from '../apps/api/src/services/live/LiveService.js';
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

/**
 * The same change → event path ending in a real browser: a page on the server's origin opens an EventSource, writes
 * each node update into the DOM and notes when it arrived and when the next frame after it was painted. Both clocks
 * are wall clocks (performance.timeOrigin + now) on the same machine.
 */
async function browserSamples(origin: string, streamUrl: string, conn: ClusterConnection): Promise<{ received: number[]; painted: number[] } | undefined> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return undefined;
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(origin + '/');
    // Page scripts as text: this file is type-checked without the DOM library.
    await page.evaluate(`(() => {
      window.marks = [];
      window.ready = false;
      document.body.innerHTML = '<div id="health" style="font-size:40px">…</div>';
      const es = new EventSource(${JSON.stringify(new URL(streamUrl).pathname)});
      es.addEventListener('snapshot', () => { window.ready = true; });
      es.addEventListener('node', (e) => {
        const got = performance.timeOrigin + performance.now();
        const node = JSON.parse(e.data).node;
        const seq = (node.objects[0] && node.objects[0].object.metadata.annotations || {})['bench/seq'] || '';
        document.getElementById('health').textContent = node.health + ' ' + seq;
        requestAnimationFrame(() => requestAnimationFrame(() => window.marks.push({ seq, got, painted: performance.timeOrigin + performance.now() })));
      });
    })()`);
    await page.waitForFunction('window.ready === true', undefined, { timeout: 30_000 });
    const received: number[] = [];
    const painted: number[] = [];
    for (let i = 0; i < Math.min(SAMPLES, 30); i++) {
      const seq = `b${i}`;
      const start = performance.timeOrigin + performance.now();
      await conn.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'i0000', namespace: NS, annotations: { 'bench/seq': seq } } }, { fieldManager: 'bench-touch' });
      const mark = await page.waitForFunction(`window.marks.find((m) => m.seq === ${JSON.stringify(seq)})`, undefined, { timeout: 30_000 });
      const m = (await mark.jsonValue()) as { got: number; painted: number };
      received.push(m.got - start);
      painted.push(m.painted - start);
    }
    return { received, painted };
  } finally {
    await browser.close();
  }
}

/**
 * Heap used by live status itself, measured where a GC can be forced: a LiveService in this process over the same
 * cluster with a view on every instance and STREAMS listeners, heap after GC minus heap before.
 */
async function liveHeap(gateway: ClusterGateway, clusterId: string, names: readonly string[]): Promise<{ deltaMiB: number; views: number; watches: number } | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 100));
    }
    return process.memoryUsage().heapUsed;
  };
  const before = await settle();
  const live = new LiveService(gateway);
  const closers: (() => void)[] = [];
  await inBatches(names, 50, async (name) => {
    closers.push(await live.open({ cluster: clusterId, rgd: 'live-bench', namespace: NS, name }, () => undefined));
  });
  for (let i = 0; i < STREAMS - 1; i++) closers.push(await live.open({ cluster: clusterId, rgd: 'live-bench', namespace: NS, name: names[i % names.length]! }, () => undefined));
  const after = await settle();
  const stats = live.stats();
  for (const c of closers) c();
  live.close();
  return { deltaMiB: (after - before) / 1024 / 1024, views: stats.views, watches: stats.watches };
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
    const browser = await browserSamples(server.url, url(names[0]!), conn);
    for (const c of all) c.close();
    const heap = await liveHeap(gateway, clusterId, names);

    console.log('\nlive status benchmark (real kube-apiserver + kro, real server process, HTTP SSE clients)');
    console.log(`  change → SSE node event (apply of an annotation on a kro child → frame parsed by a client), ${SAMPLES} samples:`);
    console.log(`    p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms   max ${Math.max(...latencies).toFixed(1)} ms`);
    console.log(`    of which after the apply returned: p50 ${percentile(afterApply, 50).toFixed(1)} ms   p95 ${percentile(afterApply, 95).toFixed(1)} ms (watch → hub → derive (20 ms debounce) → SSE)`);
    if (browser) {
      console.log(`  change → event in a browser (Chromium EventSource, ${browser.received.length} samples): received p50 ${percentile(browser.received, 50).toFixed(1)} ms, p95 ${percentile(browser.received, 95).toFixed(1)} ms;`);
      console.log(`    written to the DOM and painted (two animation frames later) p50 ${percentile(browser.painted, 50).toFixed(1)} ms, p95 ${percentile(browser.painted, 95).toFixed(1)} ms`);
    } else console.log('  browser: not measured (no Chromium at CHROMIUM_PATH or /usr/bin/chromium)');
    console.log(`  server RSS: idle ${rssIdle.toFixed(0)} MiB; ${INSTANCES} instances + ${STREAMS} streams ${rssStreams.toFixed(0)} MiB; after the samples ${rssAfter.toFixed(0)} MiB`);
    if (heap) console.log(`  live-status heap in this process (LiveService over the same cluster, after GC): ${heap.views} views + ${STREAMS} listeners = ${heap.deltaMiB.toFixed(1)} MiB (${heap.watches} watches)`);
    else console.log('  live-status heap: run with --expose-gc (npm run bench:live does) to measure it');
    console.log(`  watches held on kube-apiserver by the server: ${watchesOne} with 1 stream, ${watchesMany} with ${STREAMS} streams (kro's own: ${kroWatches})`);
    if (watchesMany > watchesOne) console.log('  WARNING: the number of watches grew with the number of clients');
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

await main();
