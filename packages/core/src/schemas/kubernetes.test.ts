import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKubernetesBundle, parseResourcePath, serialiseBundle, type OpenApiDocument } from '../../scripts/buildKubernetesBundle.js';
import { COMPONENT_REF_PREFIX, KUBERNETES_BUNDLE_FORMAT } from './KubernetesSchemaBundle.js';
import { KUBERNETES_SCHEMAS } from './kubernetes.js';

const bundle = KUBERNETES_SCHEMAS;

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('bundled Kubernetes schemas', () => {
  it('come from one 1.35 release, in the format the registry reads', () => {
    expect(bundle.formatVersion).toBe(KUBERNETES_BUNDLE_FORMAT);
    expect(bundle.kubernetesVersion).toMatch(/^v1\.35\.\d+$/);
    expect(bundle.source).toBe(`k8s.io/kubernetes@${bundle.kubernetesVersion}/api/openapi-spec/v3`);
  });

  it('are exactly what the generator serialises (byte for byte, one entry per line)', () => {
    const file = readFileSync(join(import.meta.dirname, 'kubernetes-1.35.json'), 'utf8');
    expect(serialiseBundle(bundle)).toBe(file);
  });

  it('hold every top-level kind once, sorted, each with its schema', () => {
    expect(bundle.kinds.length).toBe(90);
    expect(Object.keys(bundle.schemas).length).toBe(628);
    const keys = bundle.kinds.map((k) => `${k.group}\u0000${k.version}\u0000${k.kind}`);
    expect(keys).toEqual([...new Set(keys)].sort());
    for (const k of bundle.kinds) {
      const gvk = bundle.schemas[k.schema]?.['x-kubernetes-group-version-kind'];
      expect(gvk, k.schema).toContainEqual({ group: k.group, version: k.version, kind: k.kind });
      expect(k.plural).toMatch(/^[a-z0-9]+$/);
    }
  });

  it('contain only reachable schemas, and every reference resolves', () => {
    const reachable = new Set<string>();
    const queue = bundle.kinds.map((k) => k.schema);
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (reachable.has(name)) continue;
      reachable.add(name);
      for (const ref of refsIn(bundle.schemas[name])) {
        expect(ref.startsWith(COMPONENT_REF_PREFIX)).toBe(true);
        const target = ref.slice(COMPONENT_REF_PREFIX.length);
        expect(bundle.schemas[target], ref).toBeDefined();
        queue.push(target);
      }
    }
    expect([...reachable].sort()).toEqual(Object.keys(bundle.schemas).sort());
    for (const ref of refsIn(bundle.objectProperties)) expect(bundle.schemas[ref.slice(COMPONENT_REF_PREFIX.length)]).toBeDefined();
  });

  it('mark int-or-string with the CRD extension too', () => {
    const ios = bundle.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!;
    expect(ios).toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    const text = JSON.stringify(bundle.schemas);
    expect(text.split('"format":"int-or-string"').length).toBe(text.split('"x-kubernetes-int-or-string":true').length);
  });

  it('keep descriptions and extensions', () => {
    const text = JSON.stringify(bundle.schemas);
    for (const needle of ['"description"', '"default"', '"required"', '"x-kubernetes-list-type"', '"x-kubernetes-list-map-keys"', '"x-kubernetes-map-type"', '"format":"date-time"']) {
      expect(text).toContain(needle);
    }
    expect(bundle.schemas['io.k8s.api.apps.v1.DeploymentSpec']?.description).toMatch(/^DeploymentSpec is the specification/);
  });
});

describe('generator', () => {
  it('parses resource paths, skipping watch, subresource and discovery paths', () => {
    expect(parseResourcePath('/api/v1/namespaces/{namespace}/pods')).toEqual({ group: '', version: 'v1', plural: 'pods', namespaced: true });
    expect(parseResourcePath('/api/v1/namespaces/{name}')).toEqual({ group: '', version: 'v1', plural: 'namespaces', namespaced: false });
    expect(parseResourcePath('/apis/apps/v1/deployments')).toEqual({ group: 'apps', version: 'v1', plural: 'deployments', namespaced: false });
    expect(parseResourcePath('/apis/apps/v1/namespaces/{namespace}/deployments/{name}')).toMatchObject({ plural: 'deployments', namespaced: true });
    for (const p of [
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
      '/apis/apps/v1/watch/deployments',
      '/api/v1/namespaces/{name}/status',
      '/apis/apps/v1/',
      '/apis/apps/',
      '/version/',
    ]) {
      expect(parseResourcePath(p), p).toBeUndefined();
    }
  });

  it('derives kinds, scope and reachable schemas from OpenAPI documents', () => {
    const gvk = (group: string, kind: string) => [{ group, version: 'v1', kind }];
    const op = (action: string, group: string, kind: string) => ({ 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk(group, kind)[0] });
    const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] });
    const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
    const doc: OpenApiDocument = {
      paths: {
        '/api/v1/namespaces': { get: op('list', '', 'Namespace') },
        '/api/v1/namespaces/{name}': { get: op('get', '', 'Namespace') },
        '/api/v1/widgets': { get: op('list', '', 'Widget') },
        '/api/v1/namespaces/{namespace}/widgets': { post: op('post', '', 'Widget') },
        '/api/v1/namespaces/{namespace}/widgets/{name}/scale': { get: op('get', 'autoscaling', 'Scale') },
        '/api/v1/namespaces/{namespace}/widgets/{name}/exec': { get: op('connect', '', 'WidgetExecOptions') },
      },
      components: {
        schemas: {
          'io.k8s.api.core.v1.Namespace': {
            'x-kubernetes-group-version-kind': gvk('', 'Namespace'),
            properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { ...ref(meta), description: 'Standard metadata.' } },
          },
          'io.k8s.api.core.v1.Widget': { 'x-kubernetes-group-version-kind': gvk('', 'Widget'), properties: { port: ref('IntOrString'), metadata: ref(meta) } },
          'io.k8s.api.core.v1.WidgetList': { 'x-kubernetes-group-version-kind': gvk('', 'WidgetList') },
          IntOrString: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
          [meta]: { type: 'object', properties: { self: ref(meta) } },
          Unused: { type: 'string' },
        },
      },
    };
    const out = buildKubernetesBundle([doc], 'v1.35.0', 'test');
    expect(out.kinds).toEqual([
      { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, schema: 'io.k8s.api.core.v1.Namespace' },
      { group: '', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, schema: 'io.k8s.api.core.v1.Widget' },
    ]);
    expect(Object.keys(out.schemas)).toEqual(['IntOrString', 'io.k8s.api.core.v1.Namespace', 'io.k8s.api.core.v1.Widget', meta]);
    expect(out.schemas.IntOrString?.['x-kubernetes-int-or-string']).toBe(true);
    expect(out.objectProperties.metadata).toEqual({ $ref: `#/components/schemas/${meta}`, description: 'Standard metadata.' });
    expect(JSON.parse(serialiseBundle(out))).toEqual(out);
    expect(() => buildKubernetesBundle([doc, { components: { schemas: { Unused: { type: 'integer' } } } }], 'v', 's')).toThrow(/differs/);
  });
});
