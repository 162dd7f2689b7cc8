/**
 * API storage benchmark: p50/p95 latency of saving a design (PUT with If-Match, a new revision each time) and of
 * listing the revisions of a design that has 1,000 of them, over real HTTP against the real app, on embedded PGlite
 * and — when TEST_DATABASE_URL is set — on PostgreSQL.
 *
 * Run: npm run bench:api (or npx tsx bench/api.bench.ts). SAVES=<n> changes the number of revisions (default 1000).
 */
import { readFileSync } from 'node:fs';
import type { StorageConfig } from '../apps/api/src/adapters/storage/openStorage.js';
import { startTestServer } from '../apps/api/src/testing/startTestServer.js';

const root = new URL('..', import.meta.url).pathname;
const example = readFileSync(`${root}examples/webapp.yaml`, 'utf8');
const REVISIONS = Number(process.env.SAVES ?? 1000);
const LIST_RUNS = 200;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ms;
}

async function run(label: string, storage?: StorageConfig) {
  const server = await startTestServer(storage ? { storage } : {});
  try {
    const json = { 'content-type': 'application/json' };
    const created = await fetch(`${server.url}/api/designs`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'bench', yaml: example }) });
    const design = (await created.json()) as { id: string; etag: string };
    let etag = design.etag;
    const saves: number[] = [];
    for (let i = 2; i <= REVISIONS; i++) {
      // A different replica count each time: a real content change, so every save is a new revision.
      const yaml = example.replace('default=2 minimum=1', `default=${i} minimum=1`);
      const t = performance.now();
      const res = await fetch(`${server.url}/api/designs/${design.id}`, { method: 'PUT', headers: { ...json, 'if-match': etag }, body: JSON.stringify({ yaml, message: `save ${i}` }) });
      const body = (await res.json()) as { etag: string };
      saves.push(performance.now() - t);
      if (!res.ok) throw new Error(`save ${i}: HTTP ${res.status}`);
      etag = body.etag;
    }
    const firstPage: number[] = [];
    const everything: number[] = [];
    for (let i = 0; i < LIST_RUNS; i++) firstPage.push(await timed(() => fetch(`${server.url}/api/designs/${design.id}/revisions`)));
    for (let i = 0; i < LIST_RUNS / 10; i++) {
      let total = 0;
      for (let offset = 0; offset < REVISIONS; offset += 200) total += await timed(() => fetch(`${server.url}/api/designs/${design.id}/revisions?limit=200&offset=${offset}`));
      everything.push(total);
    }
    const row = (what: string, xs: number[]) =>
      console.log(`${label.padEnd(11)} ${what.padEnd(44)} ${String(xs.length).padStart(5)} ${percentile(xs, 50).toFixed(2).padStart(8)} ${percentile(xs, 95).toFixed(2).padStart(8)}`);
    row(`save (PUT, new revision ${2}..${REVISIONS})`, saves);
    row(`list revisions, first page of 50 (of ${REVISIONS})`, firstPage);
    row(`list all ${REVISIONS} revisions (pages of 200)`, everything);
  } finally {
    await server.close();
  }
}

console.log(`# api: latency over HTTP on loopback, ms (Node ${process.version}, example design ${example.length} chars)\n`);
console.log(`${'storage'.padEnd(11)} ${'operation'.padEnd(44)} ${'n'.padStart(5)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}`);
await run('PGlite');
const url = process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `kd_bench_${process.pid}`;
  await run('PostgreSQL', { driver: 'postgres', connectionString: url, schema });
  const { dropSchema } = await import('../apps/api/src/testing/postgresTarget.js');
  await dropSchema(url, schema);
} else {
  console.log('PostgreSQL  skipped: set TEST_DATABASE_URL=postgres://… to measure it too');
}
