import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import { deriveLiveInstance, type DeriveInput, type NodeHistory } from './deriveLiveInstance.js';
import { liveGraphOf } from './liveGraphOf.js';
import { parseResourcesMessage } from './parseResourcesMessage.js';

const RGD: KubeObject = {
  apiVersion: 'kro.run/v1alpha1',
  kind: 'ResourceGraphDefinition',
  metadata: { name: 'webapp' },
  spec: {
    schema: { apiVersion: 'v1alpha1', kind: 'WebApp', spec: { name: 'string', ingress: 'boolean | default=false' } },
    resources: [
      { id: 'config', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.spec.name}' }, data: { a: 'b' } } },
      {
        id: 'deploy',
        readyWhen: ['${deploy.status.availableReplicas > 0}'],
        template: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: '${config.metadata.name}' },
          spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
        },
      },
      { id: 'service', template: { apiVersion: 'v1', kind: 'Service', metadata: { name: '${deploy.metadata.name}' }, spec: { ports: [{ port: 80 }] } } },
      { id: 'ingress', includeWhen: ['${schema.spec.ingress}'], template: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: '${service.metadata.name}' } } },
      { id: 'cert', template: { apiVersion: 'v1', kind: 'Secret', metadata: { name: '${ingress.metadata.name}' } } },
    ],
  },
};
const graph = liveGraphOf(RGD)!;

const instance = (status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'kro.run/v1alpha1',
  kind: 'WebApp',
  metadata: { name: 'shop', namespace: 'ns', uid: 'i-1', generation: 1, ...extra },
  spec: { name: 'shop' },
  status,
});
const rr = (status: string, message: string, observedGeneration = 1) => ({ type: 'ResourcesReady', status, reason: 'NotReady', message, observedGeneration });
const child = (node: string, kind: string, apiVersion: string, status?: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'shop', namespace: 'ns', uid: `u-${node}`, labels: { 'kro.run/node-id': node, 'kro.run/instance-id': 'i-1' }, creationTimestamp: '2026-01-01T00:00:00Z', ...extra },
  ...(status ? { status } : {}),
});

function derive(over: Partial<DeriveInput>, history: NodeHistory = new Map()) {
  return deriveLiveInstance({
    cluster: 'c', rgdName: 'webapp', name: 'shop', namespace: 'ns', graph, children: [], externals: new Map(), eventsFor: () => [], history,
    now: '2026-01-02T00:00:00.000Z', ...over,
  });
}
const healthOf = (r: ReturnType<typeof derive>) => Object.fromEntries(r.instance.nodes.map((n) => [n.id, n.health]));

describe('liveGraphOf', () => {
  it('reads kro topological order, dependencies and expressions from the RGD spec', () => {
    expect(graph.instanceKind).toEqual({ apiVersion: 'kro.run/v1alpha1', kind: 'WebApp' });
    expect(graph.nodes.map((n) => n.id)).toEqual(['config', 'deploy', 'service', 'ingress', 'cert']);
    expect(graph.nodes[1]).toMatchObject({ dependencies: ['config'], readyWhen: ['${deploy.status.availableReplicas > 0}'], kind: { apiVersion: 'apps/v1', kind: 'Deployment' } });
    expect(graph.nodes[3]!.includeWhen).toEqual(['${schema.spec.ingress}']);
  });
});

describe('parseResourcesMessage', () => {
  it('maps kro node errors to node ids and keeps the rest apart', () => {
    const msg =
      'awaiting resource readiness: waiting for node "deploy": readyWhen condition evaluated to false: "deploy.status.availableReplicas > 0" (waiting for readiness)\n' +
      'node "service": dependent node "deploy" not ready: x (data pending)\ncluster mutated';
    const p = parseResourcesMessage(msg, new Map());
    expect(p.byNode.get('deploy')).toEqual({ kind: 'readiness', text: 'readyWhen condition evaluated to false: "deploy.status.availableReplicas > 0"' });
    expect(p.byNode.get('service')?.kind).toBe('pending');
    expect(p.other).toEqual(['cluster mutated']);
    const err = parseResourcesMessage('resource error: Deployment.apps "shop" is invalid: spec.replicas: Invalid value', new Map([['deploy', [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop' }]]]));
    expect(err.byNode.get('deploy')?.kind).toBe('error');
    // The object was never created: matched by the kind the API server names.
    const kinds = new Map([['config', { apiVersion: 'v1', kind: 'ConfigMap' }], ['deploy', { apiVersion: 'apps/v1', kind: 'Deployment' }]]);
    const rejected = parseResourcesMessage(
      'resource reconciliation failed: apply results contain errors: Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1',
      new Map([['config', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'x-config' }]]]),
      kinds,
    );
    expect([...rejected.byNode]).toEqual([['deploy', { kind: 'error', text: 'Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1' }]]);
  });
});

describe('deriveLiveInstance', () => {
  it('a fresh instance: the first node is being created, the rest wait on their dependencies (named)', () => {
    const r = derive({ instance: instance({}) });
    expect(healthOf(r)).toEqual({ config: 'creating', deploy: 'waiting', service: 'waiting', ingress: 'waiting', cert: 'waiting' });
    expect(r.instance.nodes[1]!.waitingOn).toEqual(['config']);
    expect(r.instance.ready).toBe('Unknown');
    expect(r.instance.gone).toBe(false);
  });

  it('applied workload without status is creating; with a false readyWhen in kro message and a status it is not-ready with the expression', () => {
    const msg = 'awaiting resource readiness: waiting for node "deploy": readyWhen condition evaluated to false: "deploy.status.availableReplicas > 0" (waiting for readiness)';
    const base = { instance: instance({ state: 'IN_PROGRESS', conditions: [rr('False', msg)] }) };
    const cfg = child('config', 'ConfigMap', 'v1');
    let r = derive({ ...base, children: [cfg, child('deploy', 'Deployment', 'apps/v1')] });
    expect(healthOf(r)).toMatchObject({ config: 'ready', deploy: 'creating', service: 'waiting' });
    expect(r.instance.nodes[2]!.waitingOn).toEqual(['deploy']);
    r = derive({ ...base, children: [cfg, child('deploy', 'Deployment', 'apps/v1', { replicas: 1, availableReplicas: 0 })] });
    expect(r.instance.nodes[1]).toMatchObject({ health: 'not-ready', reason: 'readyWhen condition evaluated to false: "deploy.status.availableReplicas > 0"' });
    expect(r.instance.message).toBe(msg);
  });

  it('workload conditions explain not-ready; kro errors land on the node; deletionTimestamp means deleting', () => {
    const failing = child('deploy', 'Deployment', 'apps/v1', { conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'no pods' }] });
    let r = derive({ instance: instance({ state: 'IN_PROGRESS', conditions: [rr('False', 'awaiting resource readiness: <nil>')] }), children: [child('config', 'ConfigMap', 'v1'), failing] });
    expect(r.instance.nodes[1]!.reason).toBe('Deployment shop: Available=False (MinimumReplicasUnavailable): no pods');
    r = derive({
      instance: instance({ state: 'ERROR', conditions: [rr('False', 'resource error: Service "shop" is invalid: spec.ports[0].port: Invalid value: 0')] }),
      children: [child('config', 'ConfigMap', 'v1'), child('deploy', 'Deployment', 'apps/v1', { availableReplicas: 1 }), child('service', 'Service', 'v1', { loadBalancer: {} })],
    });
    expect(r.instance.nodes[2]).toMatchObject({ health: 'error', reason: 'Service "shop" is invalid: spec.ports[0].port: Invalid value: 0' });
    r = derive({ instance: instance({}), children: [child('config', 'ConfigMap', 'v1', undefined, { deletionTimestamp: '2026-01-01T00:00:00Z' })] });
    expect(r.instance.nodes[0]!.health).toBe('deleting');
  });

  it('an includeWhen node kro did not create once it reconciled this generation is excluded, and so is everything depending on it', () => {
    const children = [child('config', 'ConfigMap', 'v1'), child('deploy', 'Deployment', 'apps/v1', { availableReplicas: 1 }), child('service', 'Service', 'v1', { loadBalancer: {} })];
    let r = derive({ instance: instance({ state: 'ACTIVE', conditions: [{ type: 'Ready', status: 'True' }, rr('True', '')] }), children });
    expect(healthOf(r)).toEqual({ config: 'ready', deploy: 'ready', service: 'ready', ingress: 'excluded', cert: 'excluded' });
    expect(r.instance.nodes[3]!.reason).toBe('includeWhen is false: ${schema.spec.ingress}');
    expect(r.instance.nodes[4]!.reason).toBe('excluded because ingress is excluded');
    expect(r.instance.ready).toBe('True');
    // Before kro reconciled the current generation, the same picture is "not applied yet".
    r = derive({ instance: instance({ conditions: [rr('False', 'x', 0)] }, { generation: 2 }), children });
    expect(r.instance.nodes[3]!.health).toBe('creating');
  });

  it('remembers when each node became ready and what it waited on', () => {
    const first = derive({ instance: instance({}) });
    const second = derive(
      { instance: instance({}), children: [child('config', 'ConfigMap', 'v1')], now: '2026-01-02T00:00:05.000Z' },
      first.history,
    );
    const deploy = second.instance.nodes[1]!;
    expect(second.instance.nodes[0]).toMatchObject({ health: 'ready', readyAt: '2026-01-02T00:00:05.000Z' });
    expect(second.instance.nodes[0]!.timeline!.map((t) => t.health)).toEqual(['creating', 'ready']);
    expect(deploy.timeline).toEqual([
      { health: 'waiting', at: '2026-01-02T00:00:00.000Z', reason: 'waiting for config', waitingOn: ['config'] },
      { health: 'creating', at: '2026-01-02T00:00:05.000Z', reason: 'not applied yet' },
    ]);
    // Ready on first sight: the object's own times say since when.
    const fresh = derive({ instance: instance({}), children: [child('config', 'ConfigMap', 'v1')] });
    expect(fresh.instance.nodes[0]!.readyAt).toBe('2026-01-01T00:00:00Z');
  });

  it('a deleting instance shows remaining nodes deleting; a missing instance is gone', () => {
    let r = derive({ instance: instance({ state: 'DELETING' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }), children: [child('config', 'ConfigMap', 'v1')] });
    expect(r.instance.deleting).toBe(true);
    expect(healthOf(r)).toMatchObject({ config: 'deleting', deploy: 'unknown' });
    r = derive({});
    expect(r.instance.gone).toBe(true);
    expect(new Set(r.instance.nodes.map((n) => n.health))).toEqual(new Set(['unknown']));
  });

  it('attaches the events of each object, newest last', () => {
    const ev = (reason: string, at: string): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: reason }, type: 'Warning', reason, message: reason.toLowerCase(), lastTimestamp: at });
    const r = derive({ instance: instance({}), children: [child('config', 'ConfigMap', 'v1')], eventsFor: (uid) => (uid === 'u-config' ? [ev('B', '2026-01-01T00:00:02Z'), ev('A', '2026-01-01T00:00:01Z')] : []) });
    expect(r.instance.nodes[0]!.events.map((e) => e.reason)).toEqual(['A', 'B']);
  });
});
