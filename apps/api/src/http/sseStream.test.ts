import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openSse } from './sseStream.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(app: express.Express): Promise<string> {
  server = createServer(app);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('openSse', () => {
  it('sends no-buffering headers, the retry hint, framed events with ids, heartbeats; cleans up once on disconnect', async () => {
    let cleaned = 0;
    const app = express();
    app.get('/s', (req, res) => {
      const s = openSse(req, res, { retryMs: 1234, heartbeatMs: 30 });
      s.onClose(() => cleaned++);
      s.send('node', { a: 'x\ny' }, 'e-1');
      s.send('stream', { b: 1 });
    });
    const url = await serve(app);
    const controller = new AbortController();
    const res = await fetch(`${url}/s`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': heartbeat')) text += (await reader.read()).value ?? '';
    expect(text.startsWith('retry: 1234\n\n')).toBe(true);
    // A newline inside the data stays escaped in JSON: one data line per event.
    expect(text).toContain('id: e-1\nevent: node\ndata: {"a":"x\\ny"}\n\n');
    expect(text).toContain('event: stream\ndata: {"b":1}\n\n');
    controller.abort();
    await expect.poll(() => cleaned, { timeout: 5_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(cleaned).toBe(1);
  });
});
