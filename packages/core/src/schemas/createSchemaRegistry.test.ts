import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from './createSchemaRegistry.js';
import type { OpenApiSchema } from './OpenApiSchema.js';
import { UNKNOWN_FIELD_SCHEMA } from './SchemaRegistry.js';

const registry = createSchemaRegistry().value;

describe('built-in kinds', () => {
  it.each([
    ['apps/v1', 'Deployment', true, 'deployments'],
    ['apps/v1', 'StatefulSet', true, 'statefulsets'],
    ['v1', 'Service', true, 'services'],
    ['v1', 'ConfigMap', true, 'configmaps'],
    ['v1', 'Secret', true, 'secrets'],
    ['v1', 'Namespace', false, 'namespaces'],
    ['v1', 'PersistentVolume', false, 'persistentvolumes'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', false, 'clusterroles'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding', true, 'rolebindings'],
    ['batch/v1', 'CronJob', true, 'cronjobs'],
    ['batch/v1', 'Job', true, 'jobs'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', true, 'horizontalpodautoscalers'],
    ['networking.k8s.io/v1', 'Ingress', true, 'ingresses'],
    ['networking.k8s.io/v1', 'IngressClass', false, 'ingressclasses'],
    ['networking.k8s.io/v1', 'NetworkPolicy', true, 'networkpolicies'],
    ['policy/v1', 'PodDisruptionBudget', true, 'poddisruptionbudgets'],
    ['storage.k8s.io/v1', 'StorageClass', false, 'storageclasses'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', false, 'customresourcedefinitions'],
  ])('%s %s (namespaced: %s)', (apiVersion, kind, namespaced, plural) => {
    const k = registry.lookup(apiVersion, kind);
    expect(k).toMatchObject({ apiVersion, kind, namespaced, plural, source: { origin: 'kubernetes', version: registry.kubernetesVersion } });
    expect(registry.resolvePath(k!.schema, ['metadata', 'name'])?.type).toBe('string');
  });

  it('keeps the core group empty and its apiVersion bare', () => {
    expect(registry.lookup('v1', 'Pod')).toMatchObject({ group: '', version: 'v1', apiVersion: 'v1' });
    expect(registry.lookupGvk({ group: '', version: 'v1', kind: 'Pod' })).toBe(registry.lookup('v1', 'Pod'));
    expect(registry.lookup('/v1', 'Pod')).toBe(registry.lookup('v1', 'Pod'));
    expect(registry.lookup('core/v1', 'Pod')).toBeUndefined();
  });

  it('is case-sensitive and rejects malformed apiVersions', () => {
    expect(registry.lookup('apps/v1', 'deployment')).toBeUndefined();
    expect(registry.lookup('apps/v1/x', 'Deployment')).toBeUndefined();
    expect(registry.lookup('', 'Deployment')).toBeUndefined();
  });

  it('has no list, options or subresource-only kinds', () => {
    const names = registry.kinds().map((k) => k.kind);
    for (const k of names) expect(k).not.toMatch(/List$|Options$/);
    for (const k of ['Scale', 'Eviction', 'TokenRequest', 'Status', 'WatchEvent']) expect(names).not.toContain(k);
    // Binding is both a subresource (pods/binding) and a create-only resource (bindings); it is a real resource.
    expect(registry.lookup('v1', 'Binding')?.namespaced).toBe(true);
  });

  it('lists kinds sorted by group, version and kind', () => {
    const kinds = registry.kinds();
    const keys = kinds.map((k) => [k.group, k.version, k.kind].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
    expect(kinds[0]!.group).toBe('');
    expect(registry.kinds()).toBe(kinds);
  });

  it('leaves built-ins out on request but keeps their definitions for references', () => {
    const bare = createSchemaRegistry({ includeKubernetes: false }).value;
    expect(bare.kubernetesVersion).toBeUndefined();
    expect(bare.kinds()).toHaveLength(0);
    expect(bare.lookup('apps/v1', 'Deployment')).toBeUndefined();
    expect(bare.describeMissing('apps/v1', 'Deployment')).toContain('no supplied CRD defines it');
  });
});

describe('resolve', () => {
  const service = registry.lookup('v1', 'Service')!.schema;

  it('shows int-or-string fields (Service targetPort)', () => {
    const targetPort = registry.resolvePath(service, ['spec', 'ports', 0, 'targetPort'])!;
    expect(targetPort['x-kubernetes-int-or-string']).toBe(true);
    expect(targetPort.format).toBe('int-or-string');
    // The field's own description wins over the IntOrString definition's.
    expect(targetPort.description).toMatch(/^Number or name of the port/);
  });

  it('unwraps allOf [$ref] wrappers and keeps the wrapper default', () => {
    const spec = service.properties!.spec!;
    expect(spec.allOf?.[0]?.$ref).toBe('#/components/schemas/io.k8s.api.core.v1.ServiceSpec');
    const resolved = registry.resolve(spec);
    expect(resolved.allOf).toBeUndefined();
    expect(resolved.properties?.ports?.type).toBe('array');
    expect(resolved.default).toEqual({});
    expect(registry.resolve(spec)).toBe(resolved);
  });

  it('resolves a bare $ref with sibling fields, and returns plain schemas unchanged', () => {
    const plain: OpenApiSchema = { type: 'string' };
    expect(registry.resolve(plain)).toBe(plain);
    const ref = registry.resolve({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', description: 'mine' });
    expect(ref.description).toBe('mine');
    expect(ref.properties?.labels?.additionalProperties).toEqual({ type: 'string', default: '' });
  });

  it('turns an unknown reference into a schema without type', () => {
    expect(registry.resolve({ $ref: '#/components/schemas/nope', description: 'd' })).toEqual({ description: 'd' });
    expect(registry.resolve({ allOf: [{ $ref: 'http://elsewhere/x' }] })).toEqual({});
  });

  it('walks recursive schemas lazily (JSONSchemaProps)', () => {
    const crd = registry.lookup('apiextensions.k8s.io/v1', 'CustomResourceDefinition')!.schema;
    const root = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema'];
    const props = registry.resolvePath(crd, root)!;
    expect(props.properties?.properties?.additionalProperties).toBeDefined();
    const deep = registry.resolvePath(crd, [...root, 'properties', 'a', 'properties', 'b', 'properties', 'c'])!;
    // Same definition at every level: the property map is shared, not copied.
    expect(deep.properties).toBe(props.properties);
    // items is JSONSchemaPropsOrArray, a definition without type: the walk stops there.
    expect(registry.resolvePath(crd, [...root, 'items', 'properties'])).toBeUndefined();
  });

  it('follows maps, arrays and preserve-unknown-fields; stops at undeclared fields', () => {
    const configMap = registry.lookup('v1', 'ConfigMap')!.schema;
    expect(registry.resolvePath(configMap, ['data', 'any-key'])?.type).toBe('string');
    expect(registry.resolvePath(configMap, ['data', 'any-key', 'deeper'])).toBeUndefined();
    expect(registry.resolvePath(configMap, ['nope'])).toBeUndefined();
    const deployment = registry.lookup('apps/v1', 'Deployment')!.schema;
    const image = registry.resolvePath(deployment, ['spec', 'template', 'spec', 'containers', 3, 'image']);
    expect(image?.type).toBe('string');
    const cpu = registry.resolvePath(deployment, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu']);
    expect(cpu?.oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
    const open: OpenApiSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    expect(registry.resolvePath(open, ['x', 'y'])).toBe(UNKNOWN_FIELD_SCHEMA);
  });

  it('keeps list and map extensions, formats, required and defaults', () => {
    const deployment = registry.lookup('apps/v1', 'Deployment')!.schema;
    const podSpec = registry.resolvePath(deployment, ['spec', 'template', 'spec'])!;
    expect(podSpec.properties?.containers?.['x-kubernetes-list-type']).toBe('map');
    expect(podSpec.properties?.containers?.['x-kubernetes-list-map-keys']).toEqual(['name']);
    expect(podSpec.required).toEqual(['containers']);
    const port = registry.resolvePath(deployment, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0])!;
    expect(port.properties?.protocol?.default).toBe('TCP');
    expect(port.properties?.containerPort?.format).toBe('int32');
    const created = registry.resolvePath(deployment, ['metadata', 'creationTimestamp']);
    expect(created?.format).toBe('date-time');
  });
});
