// ClusterService over the sandbox cluster (an in-process API server with watches): CRD caching and refresh.
import { afterAll, describe, expect, it } from 'vitest';
import { CompositeClusterGateway } from '../adapters/CompositeClusterGateway.js';
import { createSandboxCluster, SANDBOX_SUMMARY } from '../adapters/sandbox/createSandboxCluster.js';
import { ClusterService } from './ClusterService.js';
import { LOCAL_PRINCIPAL } from './Principal.js';

const sandbox = createSandboxCluster();
const service = new ClusterService(new CompositeClusterGateway([{ summary: SANDBOX_SUMMARY, connection: sandbox }]), { now: () => new Date() });
afterAll(() => {
  service.close();
  sandbox.close();
});

const crd = (kind: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${kind.toLowerCase()}s.example.com` },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind, plural: `${kind.toLowerCase()}s`, singular: kind.toLowerCase(), listKind: `${kind}List` },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
});

async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in 2 s');
}

describe('ClusterService CRDs', () => {
  it('keeps the list current through its watch, and rebuilds derived values only after a change', async () => {
    let builds = 0;
    const derive = () => service.fromCrds('sandbox', 'names', (crds) => (builds++, crds.map((c) => c.metadata.name).sort()));
    const first = await derive();
    expect(first).toContain('resourcegraphdefinitions.kro.run');
    expect(await derive()).toBe(first);
    expect(builds).toBe(1);

    await sandbox.apply(crd('Widget'), { fieldManager: 'test' });
    const listed = await until(async () => (await service.crds(LOCAL_PRINCIPAL, 'sandbox')).items.find((c) => c.kind === 'Widget'));
    expect(listed).toMatchObject({ name: 'widgets.example.com', group: 'example.com', plural: 'widgets', scope: 'Namespaced', versions: ['v1'], kroOwned: false });
    expect(listed.yaml).toContain('size:');
    expect(listed.yaml).not.toContain('managedFields');
    expect(await derive()).toContain('widgets.example.com');
    expect(builds).toBe(2);

    await sandbox.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' });
    await until(async () => ((await service.crds(LOCAL_PRINCIPAL, 'sandbox')).items.some((c) => c.kind === 'Widget') ? undefined : true));
  });

  it('caches the status briefly and says 404 for an unknown cluster', async () => {
    const a = await service.status(LOCAL_PRINCIPAL, 'sandbox');
    expect(await service.status(LOCAL_PRINCIPAL, 'sandbox')).toBe(a);
    await expect(service.status(LOCAL_PRINCIPAL, 'nope')).rejects.toMatchObject({ type: 'not-found' });
  });
});
