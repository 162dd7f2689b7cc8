import { describe, expect, it } from 'vitest';
import {
  ClusterError, type ClusterConnection, type ClusterGateway, type KindRef, type KubeObject, type ListOptions, type ObjectList, type WatchCallbacks,
  type WatchOptions,
} from '../../ports/ClusterGateway.js';
import { ManualTimers } from './ManualTimers.js';
import { WatchHub, type HubChange, type StreamState } from './WatchHub.js';

// A scripted fake of the port, used only for edge cases a real API server cannot be made to produce on cue (410 at an
// exact moment, a list failing N times). The fault tests against the real control plane live in live.faults.test.ts.
class ScriptedConnection {
  lists: { kind: KindRef; options?: ListOptions; resolve: (l: ObjectList) => void; reject: (e: unknown) => void }[] = [];
  watches: { options: WatchOptions; callbacks: WatchCallbacks; stopped: boolean }[] = [];

  gateway(): ClusterGateway {
    const connection = {
      id: 'c1',
      list: (kind: KindRef, options?: ListOptions) =>
        new Promise<ObjectList>((resolve, reject) => this.lists.push({ kind, ...(options ? { options } : {}), resolve, reject })),
      watch: (_kind: KindRef, options: WatchOptions, callbacks: WatchCallbacks) => {
        const w = { options, callbacks, stopped: false };
        this.watches.push(w);
        return { stop: () => void (w.stopped = true) };
      },
    } as Partial<ClusterConnection> as ClusterConnection;
    return { list: () => Promise.resolve([]), connect: () => connection };
  }

  lastWatch() {
    const w = this.watches.at(-1);
    if (!w) throw new Error('no watch started');
    return w;
  }
}

const obj = (name: string, rv: string, uid = `uid-${name}`): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns', uid, resourceVersion: rv },
});
const CM: KindRef = { apiVersion: 'v1', kind: 'ConfigMap' };
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const fake = new ScriptedConnection();
  const timers = new ManualTimers();
  const hub = new WatchHub(fake.gateway(), { timers, lingerMs: 5_000, settleMs: 1_000 });
  const changes: HubChange[] = [];
  const states: StreamState[] = [];
  const listener = { onChange: (c: HubChange) => changes.push(c), onState: (s: StreamState) => states.push(s) };
  return { fake, timers, hub, changes, states, listener };
}

describe('WatchHub', () => {
  it('shares one list and one watch among all subscribers of a key, and starts the watch at the list version', async () => {
    const { fake, hub, listener } = setup();
    const subs = Array.from({ length: 50 }, () => hub.subscribe({ cluster: 'c1', kind: CM, namespace: 'ns' }, { ...listener }));
    expect(fake.lists).toHaveLength(1);
    fake.lists[0]!.resolve({ items: [obj('a', '5')], resourceVersion: '10' });
    await subs[0]!.whenSynced();
    expect(fake.watches).toHaveLength(1);
    expect(fake.lastWatch().options).toMatchObject({ resourceVersion: '10', namespace: 'ns' });
    expect(subs[49]!.items().map((o) => o.metadata.name)).toEqual(['a']);
    expect(hub.stats()).toEqual({ watches: 1, subscribers: 50 });
    hub.subscribe({ cluster: 'c1', kind: CM, namespace: 'other' }, listener);
    expect(hub.stats().watches).toBe(2);
  });

  it('re-watches from the last version seen when the server ends a watch normally', async () => {
    const { fake, timers, hub, changes, listener } = setup();
    hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    fake.lists[0]!.resolve({ items: [], resourceVersion: '10' });
    await flush();
    fake.lastWatch().callbacks.onEvent({ type: 'ADDED', object: obj('a', '11') });
    fake.lastWatch().callbacks.onEvent({ type: 'BOOKMARK', object: obj('', '15') });
    timers.advance(60_000);
    fake.lastWatch().callbacks.onEnd();
    expect(fake.watches).toHaveLength(2);
    expect(fake.lastWatch().options.resourceVersion).toBe('15');
    expect(fake.lists).toHaveLength(1);
    expect(changes.map((c) => `${c.type} ${c.object.metadata.name}`)).toEqual(['ADDED a']);
  });

  it('relists on 410 Gone and reports adds, modifications and deletions of the gap as synthetic changes', async () => {
    const { fake, hub, changes, states, listener } = setup();
    const sub = hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    fake.lists[0]!.resolve({ items: [obj('keep', '1'), obj('mod', '2'), obj('gone', '3'), obj('replaced', '4', 'old')], resourceVersion: '4' });
    await flush();
    fake.lastWatch().callbacks.onEnd(new ClusterError('too old resource version', 410, 'Expired'));
    expect(states).toContain('relisting');
    expect(fake.lists).toHaveLength(2);
    fake.lists[1]!.resolve({ items: [obj('keep', '1'), obj('mod', '9'), obj('new', '8'), obj('replaced', '7', 'new')], resourceVersion: '20' });
    await flush();
    expect(changes.map((c) => `${c.type} ${c.object.metadata.name}${c.synthetic ? '*' : ''}`).sort()).toEqual(
      ['ADDED new*', 'ADDED replaced*', 'DELETED gone*', 'DELETED replaced*', 'MODIFIED mod*'].sort(),
    );
    expect(sub.items().map((o) => o.metadata.name).sort()).toEqual(['keep', 'mod', 'new', 'replaced']);
    expect(fake.lastWatch().options.resourceVersion).toBe('20');
    expect(states.at(-1)).toBe('live');
  });

  it('backs off exponentially with jitter on errors, reports reconnecting, and is live again once the watch holds', async () => {
    const { fake, timers, hub, states, listener } = setup();
    hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    fake.lists[0]!.resolve({ items: [], resourceVersion: '10' });
    await flush();
    timers.delays.length = 0;
    for (let i = 0; i < 4; i++) {
      fake.lastWatch().callbacks.onEnd(new ClusterError('connect ECONNREFUSED', 0, 'Unavailable'));
      // The retry delay was scheduled last; run it.
      timers.advance(timers.delays.at(-1)!);
    }
    // Delays (random fixed at 0.5 → 75% of the exponential base), interleaved with the settle timers of each attempt.
    const backoffs = timers.delays.filter((d) => d !== 1_000);
    expect(backoffs).toEqual([188, 375, 750, 1500]);
    expect(states).toEqual(['live', 'reconnecting']);
    expect(fake.lastWatch().options.resourceVersion).toBe('10');
    timers.advance(1_000);
    expect(states).toEqual(['live', 'reconnecting', 'live']);
    // Healthy again: the next failure starts from the initial delay.
    fake.lastWatch().callbacks.onEnd(new ClusterError('reset', 0, 'Unavailable'));
    expect(timers.delays.at(-1)).toBe(188);
  });

  it('retries a failing first list with backoff, then syncs', async () => {
    const { fake, timers, hub, listener } = setup();
    const sub = hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    fake.lists[0]!.reject(new ClusterError('forbidden', 403, 'Forbidden'));
    await flush();
    expect(sub.synced).toBe(false);
    timers.advance(10_000);
    expect(fake.lists).toHaveLength(2);
    fake.lists[1]!.resolve({ items: [obj('a', '1')], resourceVersion: '1' });
    await sub.whenSynced();
    expect(sub.state).toBe('live');
  });

  it('backs off when a watch keeps closing at once instead of spinning', async () => {
    const { fake, timers, hub, listener } = setup();
    hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    fake.lists[0]!.resolve({ items: [], resourceVersion: '10' });
    await flush();
    fake.lastWatch().callbacks.onEnd();
    expect(fake.watches).toHaveLength(1);
    timers.advance(200);
    expect(fake.watches).toHaveLength(2);
  });

  it('stops the watch a while after the last subscriber leaves, and keeps it for a subscriber who returns in time', async () => {
    const { fake, timers, hub, listener } = setup();
    const a = hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    fake.lists[0]!.resolve({ items: [], resourceVersion: '1' });
    await flush();
    a.unsubscribe();
    a.unsubscribe();
    timers.advance(4_000);
    const b = hub.subscribe({ cluster: 'c1', kind: CM }, listener);
    timers.advance(10_000);
    expect(hub.stats()).toEqual({ watches: 1, subscribers: 1 });
    expect(fake.lastWatch().stopped).toBe(false);
    b.unsubscribe();
    timers.advance(5_000);
    expect(hub.stats()).toEqual({ watches: 0, subscribers: 0 });
    expect(fake.lastWatch().stopped).toBe(true);
    // Late callbacks of a stopped watch change nothing.
    fake.lastWatch().callbacks.onEnd(new ClusterError('x', 500, 'InternalError'));
    expect(timers.pendingCount).toBe(0);
  });
});
