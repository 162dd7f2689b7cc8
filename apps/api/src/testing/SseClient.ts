import { LiveEvent, type LiveInstance, type NodeHealth } from '@kro-designer/contracts';

export interface SseFrame {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
  /** performance.now() when the frame was parsed. */
  readonly at: number;
}

/**
 * A Server-Sent Events client for tests and the benchmark that behaves like EventSource: real HTTP (fetch), frames
 * parsed as the spec says, `Last-Event-ID` kept and sent on `reconnect()`. It also applies the LiveEvents to a view of
 * the instance, like the browser does, and records each node's health history.
 */
export class SseClient {
  readonly frames: SseFrame[] = [];
  lastEventId: string | undefined;
  status = 0;
  view: LiveInstance | undefined;
  streamState = 'live';
  readonly healthHistory = new Map<string, NodeHealth[]>();
  comments = 0;
  retryMs: number | undefined;
  private controller?: AbortController;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  /** Settles when the current connection ends (server closed it, network error, or `close()`). */
  ended: Promise<void> = Promise.resolve();

  constructor(
    readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Connects (sending Last-Event-ID when one is known) and resolves once the response headers arrived. */
  async connect(): Promise<void> {
    this.controller = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream', ...this.headers };
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
    const res = await fetch(this.url, { headers, signal: this.controller.signal });
    this.status = res.status;
    if (!res.ok || !res.body) {
      await res.text().catch(() => '');
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    this.ended = this.read(reader);
  }

  reconnect(): Promise<void> {
    this.close();
    return this.connect();
  }

  close(): void {
    this.controller?.abort();
  }

  /** Resolves when `check` holds (re-checked after every frame), rejects after `timeoutMs`. */
  waitFor(check: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { check, resolve: () => (clearTimeout(t), resolve()) };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; view: ${JSON.stringify(this.summary())} state ${this.view?.state} message ${JSON.stringify(this.view?.message)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Node id → health, for assertions and messages. */
  summary(): Record<string, string> {
    return Object.fromEntries((this.view?.nodes ?? []).map((n) => [n.id, n.health]));
  }

  private async read(reader: ReadableStreamDefaultReader<string>): Promise<void> {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          this.onBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch {
      // Aborted or the connection dropped: the caller decides whether to reconnect.
    }
  }

  private onBlock(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') this.retryMs = Number(value);
    }
    if (id !== undefined) this.lastEventId = id;
    if (data.length === 0) return;
    const frame: SseFrame = { ...(id !== undefined ? { id } : {}), event, data: data.join('\n'), at: performance.now() };
    this.frames.push(frame);
    this.apply(LiveEvent.parse(JSON.parse(frame.data)));
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  private apply(e: LiveEvent): void {
    if (e.type === 'snapshot') this.view = e.instance;
    else if (e.type === 'instance' && this.view) this.view = { ...this.view, ...e.instance };
    else if (e.type === 'node' && this.view) this.view = { ...this.view, nodes: this.view.nodes.map((n) => (n.id === e.node.id ? e.node : n)) };
    else if (e.type === 'stream') this.streamState = e.state;
    for (const n of this.view?.nodes ?? []) {
      const h = this.healthHistory.get(n.id) ?? [];
      if (h.at(-1) !== n.health) h.push(n.health);
      this.healthHistory.set(n.id, h);
    }
  }
}
