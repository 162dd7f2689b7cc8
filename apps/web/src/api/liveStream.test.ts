import { describe, expect, it } from 'vitest';
import { openLiveStream, parseLiveEvent, type EventSourceLike, type StreamState } from './liveStream';

const instance = { cluster: 'sandbox', rgdName: 'web-app', name: 'demo', namespace: 'default', ready: 'False', conditions: [], nodes: [{ id: 'deployment', health: 'creating', waitingOn: [], objects: [], events: [] }], deleting: false, gone: false };

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown, id = '1'): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: id }));
  }
}

describe('parseLiveEvent', () => {
  it('accepts the four event types and names what is wrong with anything else', () => {
    expect(parseLiveEvent(JSON.stringify({ type: 'snapshot', instance }))).toHaveProperty('event');
    expect(parseLiveEvent(JSON.stringify({ type: 'node', node: instance.nodes[0] }))).toHaveProperty('event');
    expect(parseLiveEvent(JSON.stringify({ type: 'stream', state: 'relisting' }))).toHaveProperty('event');
    expect(parseLiveEvent('{oops')).toEqual({ error: expect.stringContaining('not JSON') });
    expect(parseLiveEvent(JSON.stringify({ type: 'node', node: { id: 'x', health: 'happy', objects: [] } }))).toEqual({ error: expect.stringContaining('valid node') });
    expect(parseLiveEvent(JSON.stringify({ type: 'party' }))).toEqual({ error: expect.stringContaining('"party"') });
    expect(parseLiveEvent(JSON.stringify({ type: 'snapshot', instance: { ...instance, nodes: undefined } }))).toEqual({ error: expect.stringContaining('snapshot') });
  });
});

describe('openLiveStream', () => {
  it('reports live on open, delivers named and unnamed events, and lets the browser resume on a dropped connection', () => {
    const sources: FakeSource[] = [];
    const states: [StreamState, string | undefined][] = [];
    const events: string[] = [];
    const close = openLiveStream(
      { cluster: 'sandbox', rgd: 'web-app', namespace: 'default', name: 'demo' },
      { onEvent: (e, id) => events.push(`${e.type}#${id}`), onState: (s, m) => states.push([s, m]) },
      (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s;
      },
    );
    const es = sources[0]!;
    expect(es.url).toBe('/api/clusters/sandbox/rgds/web-app/instances/default/demo/live');
    es.readyState = 1;
    es.onopen?.(new Event('open'));
    es.emit('snapshot', { type: 'snapshot', instance }, '7');
    es.emit('message', { type: 'stream', state: 'reconnecting' }, '8');
    es.emit('node', 'garbage', '9');
    es.readyState = 0;
    es.onerror?.(new Event('error'));
    expect(events).toEqual(['snapshot#7', 'stream#8']);
    expect(states.map((s) => s[0])).toEqual(['connecting', 'live', 'live', 'reconnecting']);
    expect(states[2]![1]).toContain('not JSON');
    expect(sources).toHaveLength(1);
    close();
    expect(es.closed).toBe(true);
  });

  it('opens a new stream after a delay when the server refuses it, and stops for good on close', async () => {
    const sources: FakeSource[] = [];
    const states: StreamState[] = [];
    const close = openLiveStream(
      { cluster: 'c', rgd: 'r', namespace: undefined, name: 'n' },
      { onEvent: () => undefined, onState: (s) => states.push(s) },
      (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s;
      },
      () => 5,
    );
    expect(sources[0]!.url).toBe('/api/clusters/c/rgds/r/instances/_/n/live');
    sources[0]!.readyState = 2;
    sources[0]!.onerror?.(new Event('error'));
    expect(states).toEqual(['connecting', 'error']);
    await new Promise((r) => setTimeout(r, 20));
    expect(sources).toHaveLength(2);
    close();
    sources[1]!.readyState = 2;
    sources[1]!.onerror?.(new Event('error'));
    await new Promise((r) => setTimeout(r, 20));
    expect(sources).toHaveLength(2);
  });
});
