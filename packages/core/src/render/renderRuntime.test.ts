import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../schemas/index.js';
import { validateSource } from '../rgd/validateSource.js';
import { checkReadiness } from './checkReadiness.js';
import { compileRenderPlan } from './compileRenderPlan.js';
import { renderWithPlan } from './renderInstance.js';
import type { ObservedNode, PlainObject } from './RenderTypes.js';

const registry = createSchemaRegistry({}).value;
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/render/${name}`, import.meta.url), 'utf8');
const validation = validateSource(fixture('pending-status.rgd.yaml'), { registry }).rgds[0]!;
const plan = compileRenderPlan(validation, registry);
const instance = fixture('pending-status.instance.yaml');

function withStatus(o: PlainObject, status: PlainObject, spec?: PlainObject): PlainObject {
  return { ...o, ...(spec ? { spec: { ...(o.spec as PlainObject), ...spec } } : {}), status };
}

describe('renderWithPlan in runtime mode (observed objects, kro readiness rule)', () => {
  it('resolves a node only once every dependency is observed and ready, from the observed objects', () => {
    const first = renderWithPlan(plan, instance, { observed: () => undefined, instanceUid: 'uid-1' });
    expect(first.resources.map((r) => [r.id, r.state])).toEqual([
      ['statefulset', 'rendered'],
      ['service', 'pending'],
      ['config', 'pending'],
      ['client', 'pending'],
    ]);
    expect(first.resources[1]!.objects).toEqual([]);
    expect(first.resources[1]!.pending).toEqual([{ path: 'metadata.name', waitsFor: 'statefulset', expression: 'statefulset.metadata.name' }]);
    const sts = first.resources[0]!.objects[0]!;
    expect((sts.metadata as { labels: Record<string, string> }).labels['kro.run/instance-id']).toBe('uid-1');

    const observedSts = withStatus(sts, { readyReplicas: 1 });
    expect(checkReadiness(plan, 'statefulset', [observedSts])).toEqual({
      ready: false,
      reason: 'readyWhen condition evaluated to false: "statefulset.status.readyReplicas == statefulset.spec.replicas" (waiting for readiness)',
    });
    const readySts = withStatus(sts, { readyReplicas: 3 });
    expect(checkReadiness(plan, 'statefulset', [readySts])).toEqual({ ready: true });

    const observed = new Map<string, ObservedNode>([['statefulset', { objects: [readySts], ready: true }]]);
    const second = renderWithPlan(plan, instance, { observed: (id) => observed.get(id), instanceUid: 'uid-1' });
    expect(second.resources.map((r) => r.state)).toEqual(['rendered', 'rendered', 'pending', 'pending']);
    expect(second.status).toEqual({ name: 'orders-db', ready: true, summary: 'orders-db has 3 replicas' });

    const svc = withStatus(second.resources[1]!.objects[0]!, {}, { clusterIP: '10.0.0.7' });
    observed.set('service', { objects: [svc], ready: true });
    const third = renderWithPlan(plan, instance, { observed: (id) => observed.get(id), instanceUid: 'uid-1' });
    expect(third.resources[2]!.pending).toEqual([]);
    expect(third.resources[2]!.state).toBe('rendered');
    expect(third.resources[2]!.objects[0]!.data).toEqual({ endpoint: '10.0.0.7', replicas: '3', name: 'orders-db' });
    expect(third.resources[3]!.state).toBe('pending');
    expect(third.status.endpoint).toBe('10.0.0.7');
  });

  it('keeps a dependent pending while its dependency is observed but not ready', () => {
    const first = renderWithPlan(plan, instance, {});
    const sts = withStatus(first.resources[0]!.objects[0]!, { readyReplicas: 0 });
    const r = renderWithPlan(plan, instance, { observed: (id) => (id === 'statefulset' ? { objects: [sts], ready: false } : undefined) });
    expect(r.resources[1]!.state).toBe('pending');
    expect(r.resources[1]!.pending[0]!.waitsFor).toBe('statefulset');
    // Status expressions read observed objects whether or not they are ready (kro's softResolve).
    expect(r.status.ready).toBe(false);
  });
});

describe('checkReadiness for collections', () => {
  const text = fixture('foreach-two-dimensions.rgd.yaml').replace(
    '  - id: configs\n',
    '  - id: configs\n    readyWhen:\n    - ${each.data.tier != ""}\n',
  );
  const fanout = compileRenderPlan(validateSource(text, { registry }).rgds[0]!, registry);
  const items = renderWithPlan(fanout, fixture('foreach-two-dimensions.instance.yaml')).resources[0]!.objects;

  it('needs every desired item observed, and readyWhen true for each item bound to `each`', () => {
    expect(items).toHaveLength(6);
    expect(checkReadiness(fanout, 'configs', items, 6)).toEqual({ ready: true });
    expect(checkReadiness(fanout, 'configs', items.slice(0, 5), 6)).toEqual({ ready: false, reason: 'collection not ready: observed 5 but desired 6' });
    const notReady = [...items.slice(0, 5), { ...items[5]!, data: { tier: '' } }];
    expect(checkReadiness(fanout, 'configs', notReady, 6)).toMatchObject({ ready: false, reason: expect.stringContaining('readyWhen condition evaluated to false') });
  });
});
