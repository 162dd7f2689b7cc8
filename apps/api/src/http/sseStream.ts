import type { Request, Response } from 'express';

export interface SseOptions {
  /** Reconnection delay suggested to the browser (`retry:`). */
  readonly retryMs: number;
  /** A comment line this often keeps proxies and the browser from timing the stream out. */
  readonly heartbeatMs: number;
}

export interface SseStream {
  /** Sends one event; `id` (when given) is what the browser sends back as Last-Event-ID. */
  send(event: string, data: unknown, id?: string): void;
  /** Registers cleanup for when the client goes away (or `close` is called); runs once. */
  onClose(fn: () => void): void;
  close(): void;
  readonly closed: boolean;
}

/**
 * Turns the response into a Server-Sent Events stream: headers that defeat buffering (proxies, compression), the
 * `retry:` hint, heartbeats, and one cleanup when the client disconnects.
 */
export function openSse(req: Request, res: Response, options: SseOptions): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  req.socket.setNoDelay(true);
  res.write(`retry: ${options.retryMs}\n\n`);

  const cleanups: (() => void)[] = [];
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const fn of cleanups.splice(0)) fn();
  };
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();
  res.on('close', finish);
  req.on('close', finish);

  return {
    send(event, data, id) {
      if (closed) return;
      // JSON never contains a raw newline, so one `data:` line per event is enough.
      res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(fn) {
      if (closed) fn();
      else cleanups.push(fn);
    },
    close() {
      finish();
      res.end();
    },
    get closed() {
      return closed;
    },
  };
}
