import type { LiveInstance, LiveNode } from '@kro-designer/contracts';
import { describe, expect, it } from 'vitest';
import { liveOverlays } from './liveOverlays';
import { applyLiveEvent, EMPTY_LIVE_VIEW, timelineRows } from './liveView';

const node = (id: string, health: LiveNode['health'], extra: Partial<LiveNode> = {}): LiveNode => ({ id, health, waitingOn: [], objects: [], events: [], ...extra });
const obj = (name: string) => ({ ref: { apiVersion: 'v1', kind: 'ConfigMap', name }, object: {}, conditions: [] });
const instance = (nodes: LiveNode[], extra: Partial<LiveInstance> = {}): LiveInstance => ({ cluster: 'sandbox', rgdName: 'web-app', name: 'demo', ready: 'False', conditions: [], nodes, deleting: false, gone: false, ...extra });

describe('applyLiveEvent', () => {
  it('records health transitions from snapshots and node updates, and keeps nodes across instance updates', () => {
    let v = applyLiveEvent(EMPTY_LIVE_VIEW, { type: 'snapshot', instance: instance([node('deployment', 'creating'), node('service', 'waiting', { waitingOn: ['deployment'] })]) }, 1000);
    v = applyLiveEvent(v, { type: 'node', node: node('deployment', 'ready', { objects: [obj('demo')] }) }, 2000);
    v = applyLiveEvent(v, { type: 'node', node: node('deployment', 'ready', { objects: [obj('demo')] }) }, 2500);
    v = applyLiveEvent(v, { type: 'instance', instance: { cluster: 'sandbox', rgdName: 'web-app', name: 'demo', ready: 'True', state: 'ACTIVE', conditions: [], deleting: false, gone: false } }, 2600);
    v = applyLiveEvent(v, { type: 'node', node: node('service', 'ready', { objects: [obj('demo')] }) }, 3000);
    expect(v.instance?.state).toBe('ACTIVE');
    expect(v.instance?.nodes.map((n) => n.health)).toEqual(['ready', 'ready']);
    expect(v.transitions.map((t) => `${t.id}:${t.from ?? '-'}>${t.to}@${t.at}`)).toEqual(['deployment:->creating@1000', 'service:->waiting@1000', 'deployment:creating>ready@2000', 'service:waiting>ready@3000']);
    const rows = timelineRows(v);
    expect(rows.map((r) => [r.id, r.readyAt, r.waitedOn])).toEqual([
      ['deployment', 2000, []],
      ['service', 3000, ['deployment']],
    ]);
  });

  it('prefers the time kro reported over the time the browser saw, and orders unready nodes last', () => {
    const v = applyLiveEvent(EMPTY_LIVE_VIEW, { type: 'snapshot', instance: instance([node('a', 'error', { reason: 'boom' }), node('b', 'ready', { readyAt: '2026-11-25T01:00:00.000Z' })]) }, 5);
    expect(timelineRows(v).map((r) => [r.id, r.readyAt, r.state])).toEqual([
      ['b', Date.parse('2026-11-25T01:00:00.000Z'), 'ready'],
      ['a', undefined, 'error'],
    ]);
  });

  it('tracks the server watch state from stream events', () => {
    const v = applyLiveEvent(EMPTY_LIVE_VIEW, { type: 'stream', state: 'relisting', message: '410 Gone' }, 1);
    expect(v.serverWatch).toEqual({ state: 'relisting', message: '410 Gone' });
  });
});

describe('liveOverlays', () => {
  it('paints each health with its words, dims excluded nodes, and shows a deleting instance’s emptied nodes as deleted', () => {
    const o = liveOverlays(instance([node('a', 'waiting', { waitingOn: ['b', 'c'] }), node('b', 'excluded'), node('c', 'error', { reason: 'Invalid value: "x"' }), node('d', 'ready', { objects: [obj('one'), obj('two')] })]));
    expect(o.get('a')?.health).toMatchObject({ state: 'waiting', label: 'Waiting on b, c', tone: 'neutral' });
    expect(o.get('b')).toMatchObject({ dimmed: true, health: { state: 'excluded' } });
    expect(o.get('c')?.health).toMatchObject({ tone: 'danger', label: 'Error: Invalid value: "x"' });
    expect(o.get('d')?.badges?.[0]?.text).toBe('2 objects');
    const deleting = liveOverlays(instance([node('a', 'deleting', { objects: [obj('a')] }), node('b', 'deleting')], { deleting: true }));
    expect(deleting.get('a')?.health?.state).toBe('deleting');
    expect(deleting.get('b')).toMatchObject({ dimmed: true, health: { state: 'gone', label: 'Deleted' } });
  });
});

describe('timelineRows with the server timeline', () => {
  it('uses the server’s history (it survives a reload) over what the browser saw', () => {
    const v = applyLiveEvent(
      EMPTY_LIVE_VIEW,
      {
        type: 'snapshot',
        instance: instance([
          node('service', 'ready', {
            timeline: [
              { health: 'waiting', at: '2026-11-25T01:00:00.000Z', waitingOn: ['deployment'] },
              { health: 'creating', at: '2026-11-25T01:00:04.000Z' },
              { health: 'ready', at: '2026-11-25T01:00:05.000Z' },
            ],
          }),
        ]),
      },
      99,
    );
    const [row] = timelineRows(v);
    expect(row).toMatchObject({ firstSeen: Date.parse('2026-11-25T01:00:00.000Z'), readyAt: Date.parse('2026-11-25T01:00:05.000Z'), waitedOn: ['deployment'] });
    expect(row!.trace.map((t) => t.health)).toEqual(['waiting', 'creating', 'ready']);
  });
});

describe('timelineRows after a server restart', () => {
  it('never starts a node after the readiness kro reported', () => {
    const v = applyLiveEvent(EMPTY_LIVE_VIEW, { type: 'snapshot', instance: instance([node('a', 'ready', { readyAt: '2026-11-25T01:00:00.000Z', timeline: [{ health: 'ready', at: '2026-11-25T01:05:00.000Z' }] })]) }, 0);
    const [row] = timelineRows(v);
    expect(row!.firstSeen).toBe(Date.parse('2026-11-25T01:00:00.000Z'));
    expect(row!.readyAt).toBe(Date.parse('2026-11-25T01:00:00.000Z'));
  });
});
