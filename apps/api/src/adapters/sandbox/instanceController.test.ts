import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import type { SandboxCluster } from './createSandboxCluster.js';
import { advance, condition, corpusObject, fakeSandbox, RGD, stateOf, yamlObject } from './sandboxTestSupport.js';

let sandbox: SandboxCluster | undefined;
afterEach(() => sandbox?.close());

const WEBAPP = { apiVersion: 'kro.run/v1alpha1', kind: 'WebApp' } as const;

async function webappSandbox() {
  const s = fakeSandbox();
  sandbox = s.sandbox;
  await s.sandbox.apply(corpusObject('kubernetes/webapp/rg.yaml'), { fieldManager: 'kro-designer' });
  await advance(s.clock, 100);
  return s;
}

describe('sandbox instance controller', () => {
  it('reconciles the webapp example to ACTIVE once the simulated Deployment is available, with kro\'s condition sequence', async () => {
    const s = await webappSandbox();
    const seen: string[] = [];
    s.sandbox.watch(WEBAPP, { resourceVersion: '0', namespace: 'default' }, {
      onEvent: (e) => {
        const rr = condition(e.object, 'ResourcesReady');
        const line = `${String(stateOf(e.object))} ${rr?.status ?? '-'} ${rr?.reason ?? '-'} ${rr?.message ?? '-'}`;
        if (rr && seen[seen.length - 1] !== line) seen.push(line);
      },
      onEnd: () => undefined,
    });
    await s.sandbox.apply({ ...corpusObject('kubernetes/webapp/instance.yaml'), metadata: { name: 'test-app', namespace: 'default' } }, { fieldManager: 'kro-designer' });
    await advance(s.clock, 5000);
    const app = await s.sandbox.get({ ...WEBAPP, namespace: 'default', name: 'test-app' });
    expect(stateOf(app)).toBe('ACTIVE');
    const gen = app?.metadata.generation;
    expect(condition(app, 'InstanceManaged')).toMatchObject({ status: 'True', reason: 'Managed', observedGeneration: gen });
    expect(condition(app, 'GraphResolved')).toMatchObject({ status: 'True', reason: 'Resolved' });
    expect(condition(app, 'ResourcesReady')).toMatchObject({ status: 'True', reason: 'AllResourcesReady', message: 'all resources are created and ready' });
    expect(condition(app, 'Ready')).toMatchObject({ status: 'True' });
    expect(app?.metadata.finalizers).toEqual(['kro.run/finalizer']);
    // Stored with the CRD's structural defaults, as the API server stores custom resources.
    expect(app?.['spec']).toMatchObject({ image: 'nginx', replicas: 1, service: { enabled: true }, ingress: { enabled: true }, serviceAccount: 'default' });
    expect(app?.metadata.labels).toMatchObject({ 'kro.run/owned': 'true', 'kro.run/resource-graph-definition-name': 'webapp.kro.run' });
    expect(app?.metadata.labels?.['applyset.kubernetes.io/id']).toMatch(/^applyset-.+-v1$/);
    expect(app?.metadata.annotations?.['applyset.kubernetes.io/contains-group-kinds']).toBe('Deployment.apps,Ingress.networking.k8s.io,Service');
    // Status fields resolved from observed objects.
    const status = app?.['status'] as { availableReplicas?: number; url?: string };
    expect(status.availableReplicas).toBe(1);
    expect(status.url).toBe('test-app.default.ingress.sandbox.local');
    // The sequence: first pass mutates the cluster, then waits on the Deployment's readyWhen, then ACTIVE.
    expect(seen[0]).toMatch(/ False NotReady resource reconciliation failed: cluster mutated$/);
    expect(seen.some((l) => l.includes('awaiting resource readiness: readyWhen condition evaluated to false'))).toBe(true);
    expect(seen[seen.length - 1]).toBe('ACTIVE True AllResourcesReady all resources are created and ready');

    const deployment = await s.sandbox.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'test-app' });
    expect(deployment?.metadata.labels).toMatchObject({ 'kro.run/node-id': 'deployment', 'kro.run/instance-id': app?.metadata.uid, 'app.kubernetes.io/managed-by': 'kro' });
    expect(deployment?.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: 'kro.run/applyset' }));
    const service = await s.sandbox.get({ apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'test-app' });
    expect((service?.['spec'] as { clusterIP?: string }).clusterIP).toMatch(/^10\.96\./);
    expect((await s.sandbox.events({ ...WEBAPP, namespace: 'default', name: 'test-app' })).length).toBeGreaterThan(0);
  });

  it('admits instances like the API server does for the generated CRD: 422 with located causes', async () => {
    const s = await webappSandbox();
    await expect(s.sandbox.apply({ ...WEBAPP, metadata: { name: 'bad', namespace: 'default' }, spec: { port: 'eighty' } }, { fieldManager: 'me' })).rejects.toMatchObject({
      code: 422,
      reason: 'Invalid',
      causes: [{ field: 'spec.port', reason: 'FieldValueTypeInvalid', message: 'spec.port in body must be of type integer: "string"' }],
    });
  });

  it('excludes nodes whose includeWhen is false and prunes them when it turns false later', async () => {
    const s = await webappSandbox();
    const instance = (ingress: boolean): KubeObject => ({ ...WEBAPP, metadata: { name: 'app', namespace: 'default' }, spec: { name: 'app', ingress: { enabled: ingress }, service: {} } });
    await s.sandbox.apply(instance(true), { fieldManager: 'me' });
    await advance(s.clock, 5000);
    const ingressRef = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: 'default', name: 'app' };
    expect(await s.sandbox.get(ingressRef)).toBeDefined();
    await s.sandbox.apply(instance(false), { fieldManager: 'me' });
    await advance(s.clock, 3000);
    expect(await s.sandbox.get(ingressRef)).toBeUndefined();
    const app = await s.sandbox.get({ ...WEBAPP, namespace: 'default', name: 'app' });
    expect(stateOf(app)).toBe('ACTIVE');
    expect(app?.metadata.generation).toBe(2);
    expect(condition(app, 'Ready')?.observedGeneration).toBe(2);
  });

  it('expands forEach into one object per item with collection labels', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: configs }
spec:
  schema: { apiVersion: v1alpha1, kind: ConfigSet, spec: { names: "[]string" } }
  resources:
  - id: configs
    forEach:
    - cfg: \${schema.spec.names}
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: "\${cfg}" }
      data: { name: "\${cfg}" }
`),
      { fieldManager: 'me' },
    );
    await advance(s.clock, 100);
    expect(stateOf(await s.sandbox.get({ ...RGD, name: 'configs' }))).toBe('Active');
    const set = (names: string[]): KubeObject => ({ apiVersion: 'kro.run/v1alpha1', kind: 'ConfigSet', metadata: { name: 'set', namespace: 'default' }, spec: { names } });
    await s.sandbox.apply(set(['a', 'b', 'c']), { fieldManager: 'me' });
    await advance(s.clock, 2000);
    const list = await s.sandbox.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: 'kro.run/node-id=configs' });
    expect(list.items.map((o) => [o.metadata.name, o.metadata.labels?.['kro.run/collection-index'], o.metadata.labels?.['kro.run/collection-size']])).toEqual([
      ['a', '0', '3'],
      ['b', '1', '3'],
      ['c', '2', '3'],
    ]);
    expect(stateOf(await s.sandbox.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ConfigSet', namespace: 'default', name: 'set' }))).toBe('ACTIVE');
    await s.sandbox.apply(set(['a']), { fieldManager: 'me' });
    await advance(s.clock, 2000);
    expect((await s.sandbox.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: 'kro.run/node-id=configs' })).items.map((o) => o.metadata.name)).toEqual(['a']);
  });

  it('deletes children in reverse apply waves, then removes the finalizer', async () => {
    const s = await webappSandbox();
    await s.sandbox.apply({ ...WEBAPP, metadata: { name: 'gone', namespace: 'default' }, spec: { name: 'gone', ingress: { enabled: true }, service: {} } }, { fieldManager: 'me' });
    await advance(s.clock, 5000);
    const order: string[] = [];
    s.sandbox.watch({ apiVersion: 'v1', kind: 'Service' }, { resourceVersion: '0' }, { onEvent: (e) => e.type === 'DELETED' && order.push('service'), onEnd: () => undefined });
    s.sandbox.watch({ apiVersion: 'apps/v1', kind: 'Deployment' }, { resourceVersion: '0' }, { onEvent: (e) => e.type === 'DELETED' && order.push('deployment'), onEnd: () => undefined });
    s.sandbox.watch({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }, { resourceVersion: '0' }, { onEvent: (e) => e.type === 'DELETED' && order.push('ingress'), onEnd: () => undefined });
    const states: string[] = [];
    s.sandbox.watch(WEBAPP, { resourceVersion: '0', namespace: 'default' }, {
      onEvent: (e) => {
        const line = `${e.type} ${String(stateOf(e.object))} ${condition(e.object, 'ResourcesReady')?.reason ?? '-'}`;
        if (states[states.length - 1] !== line) states.push(line);
      },
      onEnd: () => undefined,
    });
    await advance(s.clock, 50);
    await s.sandbox.delete({ ...WEBAPP, namespace: 'default', name: 'gone' });
    await advance(s.clock, 150);
    // One wave per requeue, as kro's deletion path requeues after each wave.
    expect(states).toContain('MODIFIED DELETING UnderDeletion');
    expect(order).toEqual(['ingress']);
    await advance(s.clock, 300);
    expect(order).toEqual(['ingress', 'service']);
    await advance(s.clock, 3000);
    expect(states[states.length - 1]).toMatch(/^DELETED /);
    expect(order).toEqual(['ingress', 'service', 'deployment']);
    expect(await s.sandbox.get({ ...WEBAPP, namespace: 'default', name: 'gone' })).toBeUndefined();
  });

  it('does nothing while kro.run/reconcile is suspended', async () => {
    const s = await webappSandbox();
    await s.sandbox.apply({ ...WEBAPP, metadata: { name: 'held', namespace: 'default', annotations: { 'kro.run/reconcile': 'suspended' } }, spec: { name: 'held' } }, { fieldManager: 'me' });
    await advance(s.clock, 2000);
    const app = await s.sandbox.get({ ...WEBAPP, namespace: 'default', name: 'held' });
    expect(condition(app, 'ResourcesReady')).toMatchObject({ status: 'False', reason: 'ReconciliationSuspended' });
    expect(await s.sandbox.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'held' })).toBeUndefined();
  });

  it('resolves a dependent from the observed object of its dependency (a status field only the live object has)', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: reporter }
spec:
  schema:
    apiVersion: v1alpha1
    kind: Reporter
    spec: { name: string }
    status: { replicas: "\${deployment.status.availableReplicas}" }
  resources:
  - id: deployment
    readyWhen: ["\${deployment.status.availableReplicas == 1}"]
    template:
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: "\${schema.spec.name}" }
      spec:
        selector: { matchLabels: { app: x } }
        template: { metadata: { labels: { app: x } }, spec: { containers: [{ name: c, image: nginx }] } }
  - id: report
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: "\${schema.spec.name}-report" }
      data: { available: "\${string(deployment.status.availableReplicas)}" }
`),
      { fieldManager: 'me' },
    );
    await advance(s.clock, 100);
    await s.sandbox.apply({ apiVersion: 'kro.run/v1alpha1', kind: 'Reporter', metadata: { name: 'r', namespace: 'default' }, spec: { name: 'r' } }, { fieldManager: 'me' });
    await advance(s.clock, 500);
    const report = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'r-report' };
    // Waits while the Deployment is not ready: the ConfigMap is not created yet.
    expect(await s.sandbox.get(report)).toBeUndefined();
    const waiting = await s.sandbox.get({ apiVersion: 'kro.run/v1alpha1', kind: 'Reporter', namespace: 'default', name: 'r' });
    expect(stateOf(waiting)).toBe('IN_PROGRESS');
    expect(condition(waiting, 'ResourcesReady')?.message).toContain('awaiting resource readiness');
    await advance(s.clock, 3000);
    expect((await s.sandbox.get(report))?.['data']).toEqual({ available: '1' });
    const done = await s.sandbox.get({ apiVersion: 'kro.run/v1alpha1', kind: 'Reporter', namespace: 'default', name: 'r' });
    expect(stateOf(done)).toBe('ACTIVE');
    expect((done?.['status'] as { replicas?: number }).replicas).toBe(1);
  });

  it('reports a child in a missing namespace as a node error with the API server\'s 404', async () => {
    const s = await webappSandbox();
    await s.sandbox.apply({ ...WEBAPP, metadata: { name: 'lost', namespace: 'default' }, spec: { name: 'lost', namespace: 'nowhere' } }, { fieldManager: 'me' });
    await advance(s.clock, 1000);
    const app = await s.sandbox.get({ ...WEBAPP, namespace: 'default', name: 'lost' });
    expect(stateOf(app)).toBe('ERROR');
    expect(condition(app, 'ResourcesReady')).toMatchObject({ status: 'False', reason: 'NotReady' });
    expect(condition(app, 'ResourcesReady')?.message).toBe('resource reconciliation failed: apply results contain errors: namespaces "nowhere" not found');
  });

  it('reports a refused child in kro v0.9.3\'s words: the API server error as it is, behind kro\'s apply-failure prefix', async () => {
    const s = await webappSandbox();
    await s.sandbox.apply({ ...WEBAPP, metadata: { name: 'caps', namespace: 'default' }, spec: { name: 'Bad_Name' } }, { fieldManager: 'me' });
    await advance(s.clock, 1000);
    const app = await s.sandbox.get({ ...WEBAPP, namespace: 'default', name: 'caps' });
    expect(stateOf(app)).toBe('ERROR');
    const message = condition(app, 'ResourcesReady')?.message ?? '';
    // One node error per line (Go's errors.Join); the refused object is named as `Kind.group "name"`.
    expect(message.split('\n')).toEqual([expect.stringMatching(/^resource reconciliation failed: apply results contain errors: Deployment\.apps "Bad_Name" is invalid: metadata\.name: /)]);
  });

  it('waits for an external reference, reads it once it exists, and never deletes it', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: reader }
spec:
  schema: { apiVersion: v1alpha1, kind: Reader, spec: { source: string } }
  resources:
  - id: source
    externalRef:
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: "\${schema.spec.source}" }
  - id: copy
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: "\${schema.spec.source}-copy" }
      data: { value: "\${source.data.value}" }
`),
      { fieldManager: 'me' },
    );
    await advance(s.clock, 100);
    const readerRef = { apiVersion: 'kro.run/v1alpha1', kind: 'Reader', namespace: 'default', name: 'r' };
    await s.sandbox.apply({ apiVersion: 'kro.run/v1alpha1', kind: 'Reader', metadata: { name: 'r', namespace: 'default' }, spec: { source: 'settings' } }, { fieldManager: 'me' });
    await advance(s.clock, 1000);
    const waiting = await s.sandbox.get(readerRef);
    expect(stateOf(waiting)).toBe('IN_PROGRESS');
    expect(condition(waiting, 'ResourcesReady')?.message).toContain('waiting for external reference "source": not found');
    await s.sandbox.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { value: 'hello' } }, { fieldManager: 'me' });
    await advance(s.clock, 2000);
    expect((await s.sandbox.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings-copy' }))?.['data']).toEqual({ value: 'hello' });
    expect(stateOf(await s.sandbox.get(readerRef))).toBe('ACTIVE');
    await s.sandbox.delete(readerRef);
    await advance(s.clock, 2000);
    expect(await s.sandbox.get(readerRef)).toBeUndefined();
    expect(await s.sandbox.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings-copy' })).toBeUndefined();
    expect(await s.sandbox.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' })).toBeDefined();
  });

  it('re-reconciles existing instances when the RGD changes, and keeps the last good graph when an update is invalid', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const rgd = (resources: string) =>
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: pair }
spec:
  schema: { apiVersion: v1alpha1, kind: Pair, spec: { name: string } }
  resources:
  - id: first
    template: { apiVersion: v1, kind: ConfigMap, metadata: { name: "\${schema.spec.name}-first" } }
${resources}`);
    await s.sandbox.apply(rgd(''), { fieldManager: 'me' });
    await advance(s.clock, 100);
    await s.sandbox.apply({ apiVersion: 'kro.run/v1alpha1', kind: 'Pair', metadata: { name: 'p', namespace: 'default' }, spec: { name: 'p' } }, { fieldManager: 'me' });
    await advance(s.clock, 1000);
    const cm = (name: string) => s.sandbox.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });
    expect(await cm('p-first')).toBeDefined();
    await s.sandbox.apply(rgd('  - id: second\n    template: { apiVersion: v1, kind: ConfigMap, metadata: { name: "${first.metadata.name}-second" } }\n'), { fieldManager: 'me' });
    await advance(s.clock, 1000);
    expect(await cm('p-first-second')).toBeDefined();
    await s.sandbox.apply(rgd('  - id: second\n    template: { apiVersion: v1, kind: ConfigMap, metadata: { name: "${nothing.metadata.name}" } }\n'), { fieldManager: 'me' });
    await advance(s.clock, 1000);
    expect(stateOf(await s.sandbox.get({ ...RGD, name: 'pair' }))).toBe('Inactive');
    await s.sandbox.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'p-first-second' });
    await advance(s.clock, 1000);
    // The instance is still served by the last good revision: the deleted child comes back.
    expect(await cm('p-first-second')).toBeDefined();
  });

  it('serves cluster-scoped instances: a namespace first, then content in it', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: tenant }
spec:
  schema: { apiVersion: v1alpha1, kind: Tenant, scope: Cluster, spec: { team: string } }
  resources:
  - id: ns
    template: { apiVersion: v1, kind: Namespace, metadata: { name: "\${schema.spec.team}" } }
  - id: quota
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: settings, namespace: "\${ns.metadata.name}" }
      data: { team: "\${schema.spec.team}" }
`),
      { fieldManager: 'me' },
    );
    await advance(s.clock, 100);
    await s.sandbox.apply({ apiVersion: 'kro.run/v1alpha1', kind: 'Tenant', metadata: { name: 'blue' }, spec: { team: 'blue' } }, { fieldManager: 'me' });
    await advance(s.clock, 1500);
    expect(stateOf(await s.sandbox.get({ apiVersion: 'kro.run/v1alpha1', kind: 'Tenant', name: 'blue' }))).toBe('ACTIVE');
    expect((await s.sandbox.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'blue', name: 'settings' }))?.['data']).toEqual({ team: 'blue' });
    await s.sandbox.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'Tenant', name: 'blue' });
    await advance(s.clock, 1500);
    expect(await s.sandbox.get({ apiVersion: 'v1', kind: 'Namespace', name: 'blue' })).toBeUndefined();
    expect(await s.sandbox.get({ apiVersion: 'kro.run/v1alpha1', kind: 'Tenant', name: 'blue' })).toBeUndefined();
  });
});
