import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import type { SandboxCluster } from './createSandboxCluster.js';
import { advance, fakeSandbox } from './sandboxTestSupport.js';

let sandbox: SandboxCluster | undefined;
afterEach(() => sandbox?.close());

const podTemplate = { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
const status = (o: KubeObject | undefined) => (o?.['status'] ?? {}) as Record<string, unknown>;

describe('simulated workloads', () => {
  it('a Deployment progresses, then becomes available a moment later, with the real controller\'s fields', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'w' };
    await s.sandbox.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'w' } }, template: podTemplate } }, { fieldManager: 'me' });
    await advance(s.clock, 10);
    let d = await s.sandbox.get(ref);
    expect(status(d)).toMatchObject({ observedGeneration: 1, replicas: 2, unavailableReplicas: 2 });
    expect(status(d)['availableReplicas']).toBeUndefined();
    await advance(s.clock, 1000);
    d = await s.sandbox.get(ref);
    expect(status(d)).toMatchObject({ observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
    expect((status(d)['conditions'] as { type: string; status: string; reason: string }[]).map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    // A spec change is a new generation: not available for it until the simulation catches up.
    await s.sandbox.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'default' }, spec: { replicas: 3, selector: { matchLabels: { app: 'w' } }, template: podTemplate } }, { fieldManager: 'me' });
    await advance(s.clock, 10);
    expect(status(await s.sandbox.get(ref))).toMatchObject({ observedGeneration: 2, unavailableReplicas: 3 });
    await advance(s.clock, 1000);
    expect(status(await s.sandbox.get(ref))).toMatchObject({ observedGeneration: 2, availableReplicas: 3 });
  });

  it('Services get a ClusterIP at creation and a LoadBalancer an ingress hostname; PVCs bind; Jobs complete; namespaces are Active', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const svc = await s.sandbox.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'default' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } }, { fieldManager: 'me' });
    expect((svc['spec'] as { clusterIP: string }).clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    await s.sandbox.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } }, { fieldManager: 'me' });
    await s.sandbox.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }, { fieldManager: 'me' });
    const ns = await s.sandbox.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, { fieldManager: 'me' });
    expect(status(ns)).toEqual({ phase: 'Active' });
    await advance(s.clock, 1100);
    expect(status(await s.sandbox.get({ apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'lb' }))).toEqual({ loadBalancer: { ingress: [{ hostname: 'lb.default.lb.sandbox.local' }] } });
    expect(status(await s.sandbox.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' }))).toMatchObject({ phase: 'Bound', capacity: { storage: '5Gi' } });
    const job = status(await s.sandbox.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'once' }));
    expect(job).toMatchObject({ succeeded: 1, active: 0 });
    expect((job['conditions'] as { type: string }[]).map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect((await s.sandbox.events({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'once' })).map((e) => e['reason'])).toEqual(['SuccessfulCreate', 'Completed']);
    expect((await s.sandbox.events({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'once' })).map((e) => e['reason'])).not.toContain('SimulationFailed');
  });

  it('leaves custom resources of unknown operators without status', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } }, subresources: { status: {} } }] },
      },
      { fieldManager: 'me' },
    );
    await advance(s.clock, 10);
    await s.sandbox.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size: 3 } }, { fieldManager: 'me' });
    await advance(s.clock, 5000);
    expect((await s.sandbox.get({ apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'default', name: 'w' }))?.['status']).toBeUndefined();
    await expect(s.sandbox.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size: 'big' } }, { fieldManager: 'me' })).rejects.toMatchObject({ code: 422, causes: [expect.objectContaining({ field: 'spec.size' })] });
  });
});
