import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxCluster } from './createSandboxCluster.js';
import { advance, condition, corpusObject, fakeSandbox, RGD, stateOf, yamlObject } from './sandboxTestSupport.js';

let sandbox: SandboxCluster | undefined;
afterEach(() => sandbox?.close());

describe('sandbox RGD controller', () => {
  it('accepts the webapp example like kro: conditions, state Active, topological order, established CRD', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(corpusObject('kubernetes/webapp/rg.yaml'), { fieldManager: 'kro-designer' });
    await advance(s.clock, 200);
    const rgd = await s.sandbox.get({ ...RGD, name: 'webapp.kro.run' });
    expect(stateOf(rgd)).toBe('Active');
    expect(condition(rgd, 'GraphAccepted')).toMatchObject({ status: 'True', reason: 'Valid', message: 'resource graph and schema are valid', observedGeneration: 1 });
    expect(condition(rgd, 'KindReady')).toMatchObject({ status: 'True', reason: 'Ready', message: 'kind WebApp has been accepted and ready' });
    expect(condition(rgd, 'ControllerReady')).toMatchObject({ status: 'True', reason: 'Running', message: 'controller is running' });
    expect(condition(rgd, 'Ready')).toMatchObject({ status: 'True' });
    const status = rgd?.['status'] as { topologicalOrder: string[]; resources: unknown[]; lastIssuedRevision: number };
    expect(status.topologicalOrder).toEqual(['deployment', 'service', 'ingress']);
    expect(status.resources).toEqual([{ id: 'service', dependencies: [{ id: 'deployment' }] }, { id: 'ingress', dependencies: [{ id: 'deployment' }, { id: 'service' }] }]);
    expect(status.lastIssuedRevision).toBe(1);
    expect(rgd?.metadata.finalizers).toContain('kro.run/finalizer');
    const crds = await s.sandbox.listCrds();
    const crd = crds.find((c) => c.metadata.name === 'webapps.kro.run');
    expect(crd?.metadata.labels).toMatchObject({ 'kro.run/owned': 'true', 'kro.run/resource-graph-definition-name': 'webapp.kro.run', 'kro.run/resource-graph-definition-id': rgd?.metadata.uid });
    expect((crd?.['status'] as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(expect.objectContaining({ type: 'Established', status: 'True' }));
    expect((await s.sandbox.discover()).some((r) => r.kind === 'WebApp' && r.resource === 'webapps' && r.namespaced)).toBe(true);
  });

  it('rejects an invalid graph with GraphAccepted False InvalidResourceGraph and state Inactive', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const rgd = yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: broken }
spec:
  schema: { apiVersion: v1alpha1, kind: Broken, spec: { name: string } }
  resources:
  - id: config
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: "\${missing.metadata.name}" }
`);
    await s.sandbox.apply(rgd, { fieldManager: 'kro-designer' });
    await advance(s.clock, 100);
    const got = await s.sandbox.get({ ...RGD, name: 'broken' });
    expect(stateOf(got)).toBe('Inactive');
    expect(condition(got, 'GraphAccepted')).toMatchObject({ status: 'False', reason: 'InvalidResourceGraph' });
    expect(condition(got, 'GraphAccepted')?.message).toContain('missing');
    expect(condition(got, 'Ready')).toMatchObject({ status: 'False', reason: 'InvalidResourceGraph' });
    expect((await s.sandbox.listCrds()).some((c) => c.metadata.name === 'brokens.kro.run')).toBe(false);
    const events = await s.sandbox.events({ ...RGD, name: 'broken' });
    expect(events.map((e) => e['reason'])).toContain('Inactive');
  });

  it('refuses a breaking CRD change unless kro.run/allow-breaking-changes is "true"', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    const rgd = (fields: string, annotations = '') =>
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: app${annotations} }
spec:
  schema: { apiVersion: v1alpha1, kind: App, spec: { ${fields} } }
  resources:
  - id: config
    template: { apiVersion: v1, kind: ConfigMap, metadata: { name: "\${schema.spec.name}" } }
`);
    await s.sandbox.apply(rgd('name: string, port: integer'), { fieldManager: 'me' });
    await advance(s.clock, 100);
    await s.sandbox.apply(rgd('name: string'), { fieldManager: 'me' });
    await advance(s.clock, 100);
    let got = await s.sandbox.get({ ...RGD, name: 'app' });
    expect(condition(got, 'KindReady')).toMatchObject({ status: 'False', reason: 'Failed', message: 'cannot update CRD apps.kro.run: breaking changes detected: Property port was removed' });
    expect(stateOf(got)).toBe('Inactive');
    await s.sandbox.apply(rgd('name: string', ', annotations: { kro.run/allow-breaking-changes: "true" }'), { fieldManager: 'me' });
    await advance(s.clock, 100);
    got = await s.sandbox.get({ ...RGD, name: 'app' });
    expect(stateOf(got)).toBe('Active');
    expect((got?.['status'] as { lastIssuedRevision: number }).lastIssuedRevision).toBe(2); // annotations are not part of the spec hash
    const revisions = await s.sandbox.list({ apiVersion: 'internal.kro.run/v1alpha1', kind: 'GraphRevision' }, { labelSelector: 'kro.run/resource-graph-definition-name=app' });
    expect(revisions.items.map((r) => [r.metadata.name, (r['spec'] as { revision: number }).revision])).toEqual([
      ['app-r00001', 1],
      ['app-r00002', 2],
    ]);
  });

  it('refuses to take over a CRD kro does not own (KindReady False Failed)', async () => {
    const s = fakeSandbox();
    sandbox = s.sandbox;
    await s.sandbox.apply(
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.kro.run' },
        spec: { group: 'kro.run', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' }, scope: 'Namespaced', versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
      },
      { fieldManager: 'someone-else' },
    );
    await s.sandbox.apply(
      yamlObject(`
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: { name: widgets }
spec:
  schema: { apiVersion: v1alpha1, kind: Widget, spec: { size: integer } }
  resources:
  - id: config
    template: { apiVersion: v1, kind: ConfigMap, metadata: { name: widget } }
`),
      { fieldManager: 'me' },
    );
    await advance(s.clock, 100);
    const got = await s.sandbox.get({ ...RGD, name: 'widgets' });
    expect(condition(got, 'KindReady')).toMatchObject({ status: 'False', reason: 'Failed', message: 'failed to update CRD widgets.kro.run: CRD already exists and is not owned by KRO' });
    expect(stateOf(got)).toBe('Inactive');
  });
});
