import { afterEach, describe, expect, it } from 'vitest';
import { ClusterError, type KubeObject, type WatchEvent } from '../../ports/ClusterGateway.js';
import type { SandboxCluster } from './createSandboxCluster.js';
import { advance, fakeSandbox } from './sandboxTestSupport.js';

let sandbox: SandboxCluster | undefined;
afterEach(() => sandbox?.close());

const CM = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
const cm = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}): KubeObject => ({ ...CM, metadata: { name, namespace: 'default', labels }, data });

function collect() {
  const events: string[] = [];
  let ended: ClusterError | 'normal' | undefined;
  return {
    events,
    ended: () => ended,
    callbacks: {
      onEvent: (e: WatchEvent) => events.push(`${e.type} ${e.object.metadata.name ?? ''}`),
      onEnd: (error?: ClusterError) => {
        ended = error ?? 'normal';
      },
    },
  };
}

describe('sandbox watch', () => {
  it('replays changes after a resourceVersion, in order, asynchronously', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const start = (await s.sandbox.list(CM)).resourceVersion;
    await s.sandbox.apply(cm('a'), { fieldManager: 'me' });
    await s.sandbox.apply(cm('a', {}, { k: 'v' }), { fieldManager: 'me' });
    await s.sandbox.delete({ ...CM, namespace: 'default', name: 'a' });
    const w = collect();
    s.sandbox.watch(CM, { resourceVersion: start }, w.callbacks);
    expect(w.events).toEqual([]);
    await advance(s.clock, 1);
    expect(w.events).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });

  it('sends ADDED/DELETED when an object starts or stops matching the label selector, and honours the namespace', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const w = collect();
    s.sandbox.watch(CM, { resourceVersion: (await s.sandbox.list(CM)).resourceVersion, labelSelector: 'tier=web', namespace: 'default' }, w.callbacks);
    await s.sandbox.apply(cm('a'), { fieldManager: 'me' });
    await s.sandbox.apply(cm('a', { tier: 'web' }), { fieldManager: 'me' });
    await s.sandbox.apply(cm('a', { tier: 'web' }, { x: '1' }), { fieldManager: 'me' });
    await s.sandbox.apply(cm('a', { tier: 'db' }, { x: '1' }), { fieldManager: 'me' });
    await s.sandbox.apply({ ...cm('b', { tier: 'web' }), metadata: { name: 'b', namespace: 'kube-system', labels: { tier: 'web' } } }, { fieldManager: 'me' });
    await advance(s.clock, 1);
    expect(w.events).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
  });

  it('ends with 410 Expired when the resourceVersion is older than the history, like the API server', async () => {
    const s = fakeSandbox({ watchHistory: 3 });
    sandbox = s.sandbox;
    const start = (await s.sandbox.list(CM)).resourceVersion;
    for (const name of ['a', 'b', 'c', 'd', 'e']) await s.sandbox.apply(cm(name), { fieldManager: 'me' });
    const w = collect();
    s.sandbox.watch(CM, { resourceVersion: start }, w.callbacks);
    await advance(s.clock, 1);
    const error = w.ended();
    expect(error).toBeInstanceOf(ClusterError);
    expect([(error as ClusterError).code, (error as ClusterError).reason]).toEqual([410, 'Expired']);
    // A relist gives a version to watch from again.
    const w2 = collect();
    s.sandbox.watch(CM, { resourceVersion: (await s.sandbox.list(CM)).resourceVersion }, w2.callbacks);
    await s.sandbox.apply(cm('f'), { fieldManager: 'me' });
    await advance(s.clock, 1);
    expect(w2.events).toEqual(['ADDED f']);
    expect(w2.ended()).toBeUndefined();
  });

  it('resourceVersion "0" starts with the current objects; stop() ends delivery; close() ends watches normally', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(cm('a'), { fieldManager: 'me' });
    const w = collect();
    const handle = s.sandbox.watch(CM, { resourceVersion: '0' }, w.callbacks);
    await advance(s.clock, 1);
    expect(w.events).toEqual(['ADDED a']);
    handle.stop();
    await s.sandbox.apply(cm('b'), { fieldManager: 'me' });
    await advance(s.clock, 1);
    expect(w.events).toEqual(['ADDED a']);
    const w2 = collect();
    s.sandbox.watch(CM, { resourceVersion: '0' }, w2.callbacks);
    s.sandbox.close();
    sandbox = undefined;
    expect(w2.ended()).toBe('normal');
  });

  it('rejects (not throws) through the port', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await expect(s.sandbox.apply({ ...cm('x'), metadata: { name: 'x', namespace: 'missing' } }, { fieldManager: 'me' })).rejects.toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "missing" not found' });
  });

  it('ends a watch on an unknown kind or a malformed selector through onEnd, not a throw', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const unknown = collect();
    s.sandbox.watch({ apiVersion: 'example.com/v1', kind: 'Widget' }, { resourceVersion: '0' }, unknown.callbacks);
    const bad = collect();
    s.sandbox.watch(CM, { resourceVersion: '0', labelSelector: 'a in (b' }, bad.callbacks);
    await advance(s.clock, 1);
    expect((unknown.ended() as ClusterError).code).toBe(404);
    expect((bad.ended() as ClusterError).code).toBe(400);
  });

  it('sends periodic BOOKMARKs carrying the current resourceVersion', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    s.clock.advance(1); // the start-up writes (kro's CRDs become established)
    const seen: WatchEvent[] = [];
    s.sandbox.watch(CM, { resourceVersion: (await s.sandbox.list(CM)).resourceVersion }, { onEvent: (e) => seen.push(e), onEnd: () => undefined });
    await s.sandbox.apply(cm('a'), { fieldManager: 'me' });
    const rv = (await s.sandbox.list(CM)).resourceVersion;
    s.clock.advance(60_000);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(seen[1]?.object).toEqual({ ...CM, metadata: { resourceVersion: rv } });
  });

  it('ends the watch of a consumer whose onEvent throws, instead of throwing from a timer', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(cm('a'), { fieldManager: 'me' });
    let ended: ClusterError | undefined;
    s.sandbox.watch(CM, { resourceVersion: '0' }, {
      onEvent: () => {
        throw new Error('boom');
      },
      onEnd: (e) => {
        ended = e;
      },
    });
    await advance(s.clock, 1);
    expect([ended?.code, ended?.message]).toEqual([500, 'watch consumer failed: boom']);
  });
});
