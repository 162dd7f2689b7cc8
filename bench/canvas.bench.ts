/**
 * Canvas benchmark of the web designer in headless Chromium (Debian's /usr/bin/chromium, never a downloaded one):
 *
 * 1. ELK layout time for generated RGDs of 100 / 300 / 500 resources: the ELK worker's round trip (layout request
 *    posted → answer received, timed by wrapping the page's `elk-layout` Worker) and, end to end, text pasted into
 *    the editor → the first DOM commit of ELK's positions on the `.react-flow__node` elements (validation in its
 *    worker + graph build + ELK + React Flow render).
 * 2. Frames per second while panning the 500-node graph (fit to view) by a scripted ~2 s mouse drag on the pane,
 *    counted with requestAnimationFrame in the page; also the longest frame.
 * 3. Keystroke → markers on a 100-resource RGD: a key typed in Monaco that makes a schema type unknown, from the
 *    keydown event to Monaco's `onDidChangeMarkers` reporting the error (owner `kro`) on that line.
 *
 * Medians of several runs. Builds apps/web if dist is missing, serves it with scripts/start.mjs (as e2e does) on a
 * free port with a throwaway data directory, and always stops the server and the browser.
 *
 * Run: npm run bench:canvas (or npx tsx bench/canvas.bench.ts; WEB_DIR=<built web dir> benches that build). RUNS=<n> changes the number of runs (default 3;
 * the 500-resource layout alone takes tens of seconds per run on a 2-core machine).
 */
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateLargeRgd } from './generateLargeRgd.js';
import { median } from './measureMedian.js';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = [100, 300, 500] as const;
/** About 6.7 expressions per resource, the density of the validate benchmark's 300 / 2,000 RGD. */
const rgd = (resources: number) => generateLargeRgd(resources, Math.round((resources * 20) / 3));


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready at ${url} after ${timeoutMs} ms`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Installed before the app's scripts: times the ELK worker's layout requests and answers, records when React Flow
 * nodes' styles change (positions), and counts animation frames on demand. Plain JS text: bench/ has no DOM types.
 */
const INIT_SCRIPT = `
(() => {
  const bench = (window.__bench = { elk: [], nodeMoves: [], frames: null });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!options || options.name !== 'elk-layout') return;
      const pending = new Map();
      this.addEventListener('message', (e) => {
        const id = e.data && e.data.id;
        const req = pending.get(id);
        if (!req) return;
        pending.delete(id);
        bench.elk.push({ nodes: req.nodes, sent: req.sent, answered: performance.now(), ok: !e.data.error });
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (msg, ...rest) => {
        if (msg && msg.cmd === 'layout') pending.set(msg.id, { nodes: (msg.graph.children || []).length, sent: performance.now() });
        return post(msg, ...rest);
      };
    }
  };
  // A node moved (style) or, with only the visible part of a large graph rendered, a node mounted at its new place.
  const isNode = (n) => n.classList && n.classList.contains('react-flow__node');
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' ? isNode(r.target) : Array.from(r.addedNodes).some(isNode)) {
        bench.nodeMoves.push(performance.now());
        return;
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
})();
`;

interface ElkRecord {
  nodes: number;
  sent: number;
  answered: number;
  ok: boolean;
}

/** Pastes `text` into the editor (the path a paste or the e2e suite's setText takes) and returns the page time. */
async function paste(page: Page, text: string): Promise<number> {
  return page.evaluate(`(() => { const t = performance.now(); window.__kroMonaco.editor.getModels()[0].setValue(${JSON.stringify(text)}); return t; })()`);
}

async function waitForValidation(page: Page): Promise<void> {
  await page.waitForFunction(`(() => { const v = document.querySelector('[data-testid="validity"]'); return v && !/Validating/.test(v.textContent) && !v.classList.contains('stale'); })()`, undefined, { timeout: 60_000 });
}

/** Waits for an ELK answer for a graph of `nodes` nodes sent after `since`, then for the DOM to settle. */
async function measureLayout(page: Page, nodes: number, since: number): Promise<{ elk: number; endToEnd: number }> {
  const handle = await page.waitForFunction(
    `(() => window.__bench.elk.find((r) => r.sent >= ${since} && r.nodes === ${nodes}) || null)()`,
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  const record = (await handle.jsonValue()) as ElkRecord;
  if (!record.ok) throw new Error(`ELK failed on ${nodes} nodes`);
  // Wait for React to commit the positions (polled, so a loaded machine is measured rather than cut off), then let
  // the fit-view animation finish.
  const commit = await page
    .waitForFunction(`window.__bench.nodeMoves.find((t) => t >= ${record.answered}) ?? null`, undefined, { timeout: 30_000, polling: 20 })
    .catch(() => undefined);
  const committed = commit ? ((await commit.jsonValue()) as number) : null;
  if (committed === null) throw new Error(`ELK positions for ${nodes} nodes never reached the DOM`);
  await page.waitForTimeout(800);
  return { elk: record.answered - record.sent, endToEnd: committed - since };
}

async function layoutBench(page: Page): Promise<Map<number, { elk: number[]; endToEnd: number[] }>> {
  const results = new Map(SIZES.map((n) => [n, { elk: [] as number[], endToEnd: [] as number[] }]));
  // A warm-up layout (worker start, JIT), then RUNS passes; each size changes the structure, so ELK runs every time.
  await measureLayout(page, 51, await paste(page, rgd(50)));
  for (let run = 0; run < RUNS; run++) {
    for (const size of SIZES) {
      const since = await paste(page, rgd(size));
      const m = await measureLayout(page, size + 1, since);
      results.get(size)!.elk.push(m.elk);
      results.get(size)!.endToEnd.push(m.endToEnd);
    }
  }
  return results;
}

/** A point on the empty pane (no node, edge or control under it) inside the canvas. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(`(() => {
    const box = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (let fy = 0.5; fy < 0.95; fy += 0.05) for (let fx = 0.1; fx < 0.9; fx += 0.02) {
      const x = box.left + box.width * fx, y = box.top + box.height * fy;
      const el = document.elementFromPoint(x, y);
      if (el && el.classList.contains('react-flow__pane')) return { x, y };
    }
    return null;
  })()`)) as { x: number; y: number } | null;
  if (!point) throw new Error('no empty spot on the pane to drag');
  return point;
}

/** Animation frames per second with no input for `ms` (the baseline the pan figure compares with). */
async function idleFps(page: Page, ms = 1000): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => {
    const times = [];
    const tick = (t) => { times.push(t); if (t - times[0] < ${ms}) requestAnimationFrame(tick); else resolve(((times.length - 1) * 1000) / (t - times[0])); };
    requestAnimationFrame(tick);
  })`)) as number;
}

async function panBench(page: Page): Promise<{ fps: number; worstFrame: number; durationMs: number }[]> {
  const runs: { fps: number; worstFrame: number; durationMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = await emptyPanePoint(page);
    const before = (await page.evaluate(`document.querySelector('.react-flow__viewport').style.transform`)) as string;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.evaluate(`(() => {
      const f = (window.__bench.frames = { times: [], on: true });
      const tick = (t) => { f.times.push(t); if (f.on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const t0 = Date.now();
    let i = 0;
    // Back and forth by up to 150 px horizontally and 60 px vertically, one small step per mouse event, for ~2 s.
    while (Date.now() - t0 < 2000) {
      i++;
      const phase = (i % 120) / 120;
      const dx = 150 * Math.sin(phase * 2 * Math.PI);
      const dy = 60 * Math.sin(phase * 4 * Math.PI);
      await page.mouse.move(start.x + dx, start.y + dy);
    }
    const frames = (await page.evaluate(`(() => { const f = window.__bench.frames; f.on = false; return f.times; })()`)) as number[];
    await page.mouse.up();
    const after = (await page.evaluate(`document.querySelector('.react-flow__viewport').style.transform`)) as string;
    if (before === after && i > 1) throw new Error('the drag did not pan the canvas');
    const durationMs = frames[frames.length - 1]! - frames[0]!;
    let worst = 0;
    for (let k = 1; k < frames.length; k++) worst = Math.max(worst, frames[k]! - frames[k - 1]!);
    runs.push({ fps: ((frames.length - 1) * 1000) / durationMs, worstFrame: worst, durationMs });
    await page.waitForTimeout(300);
  }
  return runs;
}

/** Keydown → the `kro` error marker on the edited line, per keystroke; Backspace restores a clean text between runs. */
async function keystrokeBench(page: Page): Promise<number[]> {
  const text = rgd(100);
  // Wait for the layout too, so ELK's worker is idle while keys are timed.
  await measureLayout(page, 101, await paste(page, text));
  await waitForValidation(page);
  const lines = text.split('\n');
  const lineIndex = lines.findIndex((l) => l.includes('replicas: integer'));
  const column = lines[lineIndex]!.indexOf('integer') + 'integer'.length + 1;
  const lineNumber = lineIndex + 1;
  const errorsOnLine = `window.__kroMonaco.editor.getModelMarkers({ owner: 'kro' }).filter((m) => m.severity === 8 && m.startLineNumber === ${lineNumber}).length`;
  await page.evaluate(`(() => {
    const e = window.__kroMonaco.editor.getEditors()[0];
    e.setPosition({ lineNumber: ${lineNumber}, column: ${column} });
    e.focus();
  })()`);
  const latencies: number[] = [];
  for (let run = -1; run < RUNS * 2; run++) {
    if ((await page.evaluate(errorsOnLine)) !== 0) throw new Error('line already has an error before the keystroke');
    await page.evaluate(`(() => {
      const b = window.__bench;
      b.key = { down: null, marked: null };
      document.addEventListener('keydown', (e) => { if (b.key.down === null) b.key.down = performance.now(); }, { capture: true, once: true });
      const sub = window.__kroMonaco.editor.onDidChangeMarkers(() => {
        if (b.key.marked === null && (${errorsOnLine}) > 0) { b.key.marked = performance.now(); sub.dispose(); }
      });
    })()`);
    // "integer" → "integerz": a SimpleSchema type that does not exist.
    await page.keyboard.press('z');
    const handle = await page.waitForFunction(`(() => { const k = window.__bench.key; return k.marked !== null && k.down !== null ? k.marked - k.down : null; })()`, undefined, { timeout: 30_000, polling: 20 });
    const ms = (await handle.jsonValue()) as number;
    if (run >= 0) latencies.push(ms);
    await page.keyboard.press('Backspace');
    await page.waitForFunction(`(${errorsOnLine}) === 0`, undefined, { timeout: 30_000, polling: 20 });
    await page.waitForTimeout(200);
  }
  return latencies;
}

async function main(): Promise<void> {
  // WEB_DIR=<dir> benches a build elsewhere (as e2e's E2E_WEB_DIR), so parallel work on one checkout does not collide.
  if (!process.env.WEB_DIR && !existsSync(join(root, 'apps/web/dist/index.html'))) {
    console.log('building apps/web …');
    execSync('npm run build -w @kro-designer/web', { cwd: root, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kro-canvas-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    server = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, AUTH: 'none', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(url, server);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(INIT_SCRIPT);
    await page.goto(`${url}/?starter=blank`);
    await page.waitForFunction(`window.__kroMonaco !== undefined`, undefined, { timeout: 60_000 });
    await waitForValidation(page);
    const version = await browser.version();
    console.log(`# canvas: headless Chromium ${version}, 1280×800, ${RUNS} runs each (medians), generated RGDs of ~6.7 expressions per resource\n`);

    const layout = await layoutBench(page);
    console.log('## ELK layout (ms)');
    console.log(`${'resources'.padEnd(10)} ${'nodes'.padStart(6)} ${'ELK worker round trip'.padStart(22)} ${'text → ELK positions in DOM'.padStart(28)}`);
    for (const size of SIZES) {
      const r = layout.get(size)!;
      console.log(`${String(size).padEnd(10)} ${String(size + 1).padStart(6)} ${median(r.elk).toFixed(0).padStart(22)} ${median(r.endToEnd).toFixed(0).padStart(28)}`);
    }

    // The 500-resource graph is on the canvas now (the last size of the last pass). Its first frames (every node,
    // routed edge and label rasterised) are slow; pan once it renders idle frames at full rate again.
    await page.click('[data-testid="fit-view"]');
    let idle = await idleFps(page);
    for (let settle = Date.now(); idle < 50 && Date.now() - settle < 20_000; ) idle = await idleFps(page);
    const pan = await panBench(page);
    const fps = median(pan.map((p) => p.fps));
    // What is on screen: the graph is wider than the pane at the minimum zoom, and large graphs render only what is
    // in view, so say how much of it the figure covers.
    const view = (await page.evaluate(`[document.querySelectorAll('.react-flow__node').length, document.querySelectorAll('.react-flow__edge').length, document.querySelector('.react-flow__viewport').style.transform]`)) as [number, number, string];
    console.log(`\n## Panning the 500-resource graph (fit to view: ${view[2]}; ${view[0]} nodes and ${view[1]} edges in the DOM), ~2 s mouse drag`);
    console.log(`frames per second: median ${fps.toFixed(1)} (runs: ${pan.map((p) => p.fps.toFixed(1)).join(', ')}); longest frame median ${median(pan.map((p) => p.worstFrame)).toFixed(0)} ms`);
    console.log(`idle (no input, same graph): ${idle.toFixed(1)} frames per second`);
    console.log(`target "300+ nodes stay smooth" read as 60 fps: ${fps.toFixed(1)} / 60 = ${(fps / 60).toFixed(2)}x`);

    const keys = await keystrokeBench(page);
    console.log('\n## Keystroke → markers, 100-resource RGD (ms)');
    console.log(`median ${median(keys).toFixed(0)} ms, min ${Math.min(...keys).toFixed(0)}, max ${Math.max(...keys).toFixed(0)} (${keys.length} keystrokes)`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
