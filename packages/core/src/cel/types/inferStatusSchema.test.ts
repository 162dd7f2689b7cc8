import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../schemas/createSchemaRegistry.js';
import { DYN_TYPE, STRING_TYPE, listType, mapType, optionalType, primitiveType, type CelType } from './CelType.js';
import { createCheckScope } from './createCheckScope.js';
import { inferStatusSchema, schemaOfCelType } from './inferStatusSchema.js';
import { parseFieldPath } from './parseFieldPath.js';

const registry = createSchemaRegistry().value;
const kindSchema = (apiVersion: string, kind: string) => registry.lookup(apiVersion, kind)!.schema;
const { universe } = createCheckScope(
  [
    { id: 'web', schema: kindSchema('apps/v1', 'Deployment'), collection: false },
    { id: 'workers', schema: kindSchema('apps/v1', 'Deployment'), collection: true },
  ],
  { scope: 'Namespaced', objectMeta: kindSchema('v1', 'ConfigMap').properties!.metadata! },
  registry.resolve,
);
const obj = (name: string): CelType => ({ kind: 'object', name });

describe('schemaOfCelType (kro inferSchemaFromCELType)', () => {
  it.each<[string, CelType, object]>([
    ['bool', primitiveType('bool'), { type: 'boolean' }],
    ['int', primitiveType('int'), { type: 'integer' }],
    ['uint', primitiveType('uint'), { type: 'integer' }],
    ['double', primitiveType('double'), { type: 'number' }],
    ['string', STRING_TYPE, { type: 'string' }],
    ['bytes', primitiveType('bytes'), { type: 'string', format: 'byte' }],
    ['null', primitiveType('null'), { description: 'null type - any value allowed', 'x-kubernetes-preserve-unknown-fields': true }],
    ['dyn', DYN_TYPE, { 'x-kubernetes-preserve-unknown-fields': true }],
    ['timestamp', primitiveType('timestamp'), { description: 'Timestamp representing a creation time', type: 'string', format: 'date-time' }],
    ['duration', primitiveType('duration'), { description: 'unknown CEL type: google.protobuf.Duration', 'x-kubernetes-preserve-unknown-fields': true }],
    ['optional', optionalType(STRING_TYPE), { description: 'unknown CEL type: optional_type(string)', 'x-kubernetes-preserve-unknown-fields': true }],
    ['list', listType(STRING_TYPE), { type: 'array', items: { type: 'string' } }],
    ['map', mapType(STRING_TYPE, primitiveType('int')), { type: 'object', additionalProperties: { type: 'integer' } }],
    ['unknown struct', obj('kro.run.Condition'), { type: 'object', additionalProperties: true }],
  ])('%s', (_, t, schema) => expect(schemaOfCelType(t, universe)).toEqual(schema));

  it('expands structs from the schema they came from; inside them timestamps and int-or-string stay open', () => {
    const port = schemaOfCelType(obj('__type_web.spec.template.spec.containers.@idx.ports.@idx'), universe);
    expect(port).toEqual({
      type: 'object',
      properties: {
        containerPort: { type: 'integer' },
        hostIP: { type: 'string' },
        hostPort: { type: 'integer' },
        name: { type: 'string' },
        protocol: { type: 'string' },
      },
    });
    const condition = schemaOfCelType(obj('__type_web.status.conditions.@idx'), universe);
    expect(condition.properties!.lastTransitionTime).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    const strategy = schemaOfCelType(obj('__type_web.spec.strategy.rollingUpdate'), universe);
    expect(strategy.properties!.maxSurge).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    const meta = schemaOfCelType(obj('__type_workers.@idx.metadata'), universe);
    expect(meta.properties!.__namespace__).toEqual({ type: 'string' });
    expect(meta.properties!.labels).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });
});

describe('inferStatusSchema (path merging)', () => {
  it('nests dotted paths, builds arrays from indices (last leaf wins) and keeps quoted keys', () => {
    const schema = inferStatusSchema(
      [
        { path: 'endpoint', type: STRING_TYPE },
        { path: 'replicas.ready', type: primitiveType('int') },
        { path: 'replicas.wanted', type: primitiveType('int') },
        { path: 'items[0]', type: STRING_TYPE },
        { path: 'items[1]', type: primitiveType('bool') },
        { path: 'nested[0].name', type: STRING_TYPE },
        { path: 'labels["app.kubernetes.io/name"]', type: STRING_TYPE },
        { path: 'broken', type: undefined },
      ],
      universe,
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        endpoint: { type: 'string' },
        replicas: { type: 'object', properties: { ready: { type: 'integer' }, wanted: { type: 'integer' } } },
        items: { type: 'array', items: { type: 'boolean' } },
        nested: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', properties: { 'app.kubernetes.io/name': { type: 'string' } } },
        broken: { 'x-kubernetes-preserve-unknown-fields': true },
      },
    });
  });

  it('gives an empty status an object schema', () => {
    expect(inferStatusSchema([], universe)).toEqual({ type: 'object' });
  });
});

describe('parseFieldPath (kro fieldpath)', () => {
  it.each([
    ['a.b', [{ name: 'a' }, { name: 'b' }]],
    ['items[0].name', [{ name: 'items' }, { index: 0 }, { name: 'name' }]],
    ['m["a.b"].c', [{ name: 'm' }, { name: 'a.b' }, { name: 'c' }]],
    ['["x"]', [{ name: 'x' }]],
    ['a[1][2]', [{ name: 'a' }, { index: 1 }, { index: 2 }]],
  ])('%s', (path, segments) => expect(parseFieldPath(path)).toEqual(segments));

  it.each(['a.', 'a[x]', 'a["x]', '.a', 'a..b'])('rejects %j', (path) => expect(parseFieldPath(path)).toBeUndefined());
});
