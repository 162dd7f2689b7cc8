import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../schemas/createSchemaRegistry.js';
import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { declTypeOf, stepDeclType, type DeclType } from './DeclType.js';
import { escapeFieldName } from './escapeFieldName.js';

const registry = createSchemaRegistry().value;
const resolve = registry.resolve;
const kindSchema = (apiVersion: string, kind: string) => registry.lookup(apiVersion, kind)!.schema;

/** Walks a dotted path of field names / `@idx` / `@elem` from a kind's type. */
function at(decl: DeclType | undefined, path: string): DeclType | undefined {
  let t = decl;
  for (const seg of path.split('.')) t = t && stepDeclType(t, seg);
  return t;
}

describe('escapeFieldName (Kubernetes cel.Escape)', () => {
  it.each([
    ['replicas', 'replicas'],
    ['foo-bar', 'foo__dash__bar'],
    ['a.b', 'a__dot__b'],
    ['app.kubernetes.io/name', 'app__dot__kubernetes__dot__io__slash__name'],
    ['__x', '__underscores__x'],
    ['a___b', 'a__underscores___b'],
    ['_a_b', '_a_b'],
    ['namespace', '__namespace__'],
    ['in', '__in__'],
    ['Namespace', 'Namespace'],
  ])('%s → %s', (name, escaped) => expect(escapeFieldName(name)).toBe(escaped));

  it.each(['', '1abc', 'a b', 'é', 'a:b', 'a$b'])('does not expose %j', (name) => expect(escapeFieldName(name)).toBeUndefined());
});

describe('declTypeOf (kro SchemaDeclTypeWithMetadata)', () => {
  const deployment = declTypeOf(kindSchema('apps/v1', 'Deployment'), resolve);

  it('types a Deployment through $refs, lazily', () => {
    expect(deployment?.kind).toBe('object');
    expect([...(deployment as Extract<DeclType, { kind: 'object' }>).fields().keys()].sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(at(deployment, 'spec.replicas')).toEqual({ kind: 'int' });
    expect(at(deployment, 'spec.template.spec.containers')?.kind).toBe('list');
    expect(at(deployment, 'spec.template.spec.containers.@idx.image')).toEqual({ kind: 'string' });
    expect(at(deployment, 'status.conditions.@idx.lastTransitionTime')).toEqual({ kind: 'timestamp' });
  });

  it('maps ObjectMeta: timestamps, maps, and the reserved word namespace escaped', () => {
    expect(at(deployment, 'metadata.creationTimestamp')).toEqual({ kind: 'timestamp' });
    expect(at(deployment, 'metadata.labels')).toEqual({ kind: 'map', value: { kind: 'string' }, preserveUnknown: false });
    expect(at(deployment, 'metadata.labels.@elem')).toEqual({ kind: 'string' });
    expect(at(deployment, 'metadata.__namespace__')).toEqual({ kind: 'string' });
    expect(at(deployment, 'metadata.namespace')).toBeUndefined();
  });

  it('types x-kubernetes-int-or-string as dyn (Service targetPort)', () => {
    const service = declTypeOf(kindSchema('v1', 'Service'), resolve);
    expect(at(service, 'spec.ports.@idx.targetPort')).toEqual({ kind: 'dyn' });
    expect(at(service, 'spec.ports.@idx.port')).toEqual({ kind: 'int' });
  });

  it('types Secret data as bytes and stringData as strings', () => {
    const secret = declTypeOf(kindSchema('v1', 'Secret'), resolve);
    expect(at(secret, 'data')).toEqual({ kind: 'map', value: { kind: 'bytes' }, preserveUnknown: false });
    expect(at(secret, 'stringData.@elem')).toEqual({ kind: 'string' });
  });

  it('leaves Quantity (no type, only oneOf) unexposed, so maps of it hold dyn', () => {
    expect(at(deployment, 'spec.template.spec.containers.@idx.resources.limits')).toEqual({ kind: 'map', value: { kind: 'dyn' }, preserveUnknown: false });
  });

  it('follows the rules for untyped, item-less, preserve-unknown and format schemas', () => {
    const schema: OpenApiSchema = {
      type: 'object',
      properties: {
        untyped: { description: 'no type' },
        bare: { type: 'array' },
        listOfUntyped: { type: 'array', items: {} },
        open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        openMap: { type: 'object', additionalProperties: {}, 'x-kubernetes-preserve-unknown-fields': true },
        allowAll: { type: 'object', additionalProperties: true },
        preserveNoType: { 'x-kubernetes-preserve-unknown-fields': true },
        when: { type: 'string', format: 'date' },
        howLong: { type: 'string', format: 'duration' },
        ratio: { type: 'number' },
        flag: { type: 'boolean' },
        blob: { type: 'string', format: 'byte' },
        'foo-bar': { type: 'string' },
        '9lives': { type: 'string' },
      },
    };
    const t = declTypeOf(schema, resolve) as Extract<DeclType, { kind: 'object' }>;
    const names = [...t.fields().keys()].sort();
    expect(names).toEqual(['allowAll', 'blob', 'flag', 'foo__dash__bar', 'howLong', 'open', 'openMap', 'ratio', 'when']);
    expect(at(t, 'open')).toMatchObject({ kind: 'object', preserveUnknown: true });
    expect(at(t, 'openMap')).toEqual({ kind: 'map', value: { kind: 'dyn' }, preserveUnknown: true });
    expect(at(t, 'allowAll')).toMatchObject({ kind: 'object', preserveUnknown: false });
    expect(at(t, 'when')).toEqual({ kind: 'timestamp' });
    expect(at(t, 'howLong')).toEqual({ kind: 'duration' });
    expect(at(t, 'ratio')).toEqual({ kind: 'double' });
    expect(at(t, 'flag')).toEqual({ kind: 'bool' });
    expect(at(t, 'blob')).toEqual({ kind: 'bytes' });
  });

  it('gives embedded resources apiVersion, kind and metadata.name/generateName', () => {
    const schema: OpenApiSchema = {
      type: 'object',
      properties: { obj: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } } },
    };
    const t = declTypeOf(schema, resolve);
    expect(at(t, 'obj.kind')).toEqual({ kind: 'string' });
    expect(at(t, 'obj.apiVersion')).toEqual({ kind: 'string' });
    expect(at(t, 'obj.metadata.generateName')).toEqual({ kind: 'string' });
    expect(at(t, 'obj.metadata.labels')).toBeUndefined();
  });

  it('converts each schema object once and shares the result', () => {
    const schema = kindSchema('v1', 'ConfigMap');
    expect(declTypeOf(schema, resolve)).toBe(declTypeOf(schema, resolve));
    expect(at(declTypeOf(schema, resolve), 'data.@elem')).toEqual({ kind: 'string' });
  });

  it('expands recursive schemas only as far as they are walked (JSONSchemaProps)', () => {
    const crd = declTypeOf(kindSchema('apiextensions.k8s.io/v1', 'CustomResourceDefinition'), resolve);
    const props = at(crd, 'spec.versions.@idx.schema.openAPIV3Schema.properties.@elem.properties.@elem.type');
    expect(props).toEqual({ kind: 'string' });
  });
});
