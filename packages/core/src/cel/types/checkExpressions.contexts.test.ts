import { describe, expect, it } from 'vitest';
import { siteOf } from '../../../test/fixtures/celtypes/siteOf.js';
import { check, kindSchema, one, registry, STRING } from '../../../test/fixtures/celtypes/typedGraph.js';
import { formatCelType } from './CelType.js';
import { checkExpressions } from './checkExpressions.js';
import type { TypedResource } from './createCheckScope.js';

describe('includeWhen, readyWhen and each', () => {
  it('requires bool or optional_type(bool); dyn is rejected', () => {
    expect(one('${schema.spec.enabled}', { context: 'includeWhen', path: 'includeWhen[0]' }).messages).toEqual([]);
    expect(one('${schema.spec.?enabled}', { context: 'includeWhen' }).type).toBe('optional_type(bool)');
    expect(one('${schema.spec.?enabled}', { context: 'includeWhen' }).messages).toEqual([]);
    expect(one('${schema.spec.config.on}', { context: 'includeWhen' }).messages).toEqual([
      'includeWhen expression "schema.spec.config.on" in resource "cm" must return bool or optional_type(bool), but returns "dyn"',
    ]);
    expect(one('${web.status.readyReplicas}', { context: 'readyWhen', resourceId: 'web' }).messages).toEqual([
      'readyWhen expression "web.status.readyReplicas" in resource "web" must return bool or optional_type(bool), but returns "int"',
    ]);
  });

  it('types readyWhen of a single resource against its own schema', () => {
    expect(one('${web.status.availableReplicas == web.spec.replicas}', { context: 'readyWhen', resourceId: 'web' }).messages).toEqual([]);
    expect(one('${web.status.availableReplica > 0}', { context: 'readyWhen', resourceId: 'web' }).messages[0]).toBe(
      `failed to type-check readyWhen expression "web.status.availableReplica > 0" in resource "web": ERROR: <input>:1:11: undefined field 'availableReplica' (did you mean 'availableReplicas'?)`,
    );
  });

  it("gives collection readyWhen only `each`, typed like one item", () => {
    const r = one('${each.status.availableReplicas > 0}', { context: 'readyWhen', resourceId: 'workers' });
    expect(r.messages).toEqual([]);
    expect(one('${each.spec}', { context: 'readyWhen', resourceId: 'workers' }).type).toBe('__type_each.spec');
    expect(one('${web.status.ready}', { context: 'readyWhen', resourceId: 'workers' }, { reportReferenceErrors: true }).messages[0]).toContain(
      "undeclared reference to 'web'",
    );
    expect(one('${each.status.ready}', { context: 'template', resourceId: 'cm' }, { reportReferenceErrors: true }).messages[0]).toContain(
      "undeclared reference to 'each'",
    );
  });
});

describe('forEach and iterators', () => {
  const forEach = (value: string, iterator: string, resourceId = 'workers') => siteOf(value, { context: 'forEach', resourceId, iterator, path: 'forEach[0]' });

  it('types iterators as the element type of their list and sees them only in their own resource', () => {
    const r = check([
      siteOf('${region + "-" + worker.name}', { resourceId: 'workers', path: 'metadata.name', expectedSchema: STRING }),
      forEach('${schema.spec.regions}', 'region'),
      forEach('${schema.spec.workers}', 'worker'),
      siteOf('${region}', { resourceId: 'cm', path: 'data.r' }),
    ], { reportReferenceErrors: true });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      `failed to compile template expression "region" at path "data.r": ERROR: <input>:1:1: undeclared reference to 'region' (in container '')`,
    ]);
    const types = r.value.iteratorTypes.get('workers')!;
    expect(formatCelType(types.get('region')!)).toBe('string');
    expect(formatCelType(types.get('worker')!)).toBe('__type_schema.spec.workers.@idx');
    expect(formatCelType(r.value.sites[1]!.outputType!)).toBe('list(string)');
  });

  it('checks fields through a struct iterator', () => {
    const r = check([forEach('${schema.spec.workers}', 'worker'), siteOf('${worker.sise}', { resourceId: 'workers', path: 'spec.replicas' })]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      `failed to compile template expression "worker.sise" at path "spec.replicas": ERROR: <input>:1:7: undefined field 'sise' (did you mean 'size'?)`,
    ]);
  });

  it('requires a list; dyn, maps and open objects are rejected', () => {
    expect(check([forEach('${schema.spec.config.items}', 'x')]).diagnostics.map((d) => d.message)).toEqual([
      'node "workers": forEach iterator "x" must return a list, got "dyn": type "dyn" is not a list type',
    ]);
    // An `object` field is a struct with open fields, not dyn.
    expect(check([forEach('${schema.spec.config}', 'x')]).diagnostics[0]!.message).toContain('got "__type_schema.spec.config"');
    expect(check([forEach('${schema.spec.labels}', 'x')]).diagnostics[0]!.message).toContain('got "map(string, string)"');
    expect(check([forEach('${schema.spec.nope}', 'x')]).diagnostics[0]!.message).toMatch(/^node "workers": forEach iterator "x": ERROR: <input>:1:12: undefined field 'nope'/);
  });
});

describe('status and conditions', () => {
  it('infers the status schema from the status expressions', () => {
    const r = check([
      siteOf('${web.status.availableReplicas}', { context: 'status', path: 'replicas.available' }),
      siteOf('${svc.spec.clusterIP}:${string(schema.spec.port)}', { context: 'status', path: 'endpoint' }),
      siteOf('${web.metadata.creationTimestamp}', { context: 'status', path: 'created' }),
      siteOf('${web.spec.template.spec.containers[0].ports}', { context: 'status', path: 'ports' }),
      siteOf('${web.status.nope}', { context: 'status', path: 'broken' }),
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['cel/undefined-field']);
    expect(r.value.statusSchema.properties).toEqual({
      replicas: { type: 'object', properties: { available: { type: 'integer' } } },
      endpoint: { type: 'string' },
      created: { description: 'Timestamp representing a creation time', type: 'string', format: 'date-time' },
      ports: {
        type: 'array',
        items: {
          type: 'object',
          properties: { containerPort: { type: 'integer' }, hostIP: { type: 'string' }, hostPort: { type: 'integer' }, name: { type: 'string' }, protocol: { type: 'string' } },
        },
      },
      broken: { 'x-kubernetes-preserve-unknown-fields': true },
    });
  });

  it('requires conditions to return conditions (dyn tolerated)', () => {
    expect(one('${"x"}', { context: 'condition', path: 'conditions[0]' }).messages).toEqual([
      'condition "\\"x\\"": condition expressions must return runtime.newCondition(...) or a list of them, got "string"',
    ]);
    expect(one('${dyn(1)}', { context: 'condition' }).messages).toEqual([]);
  });

  it('types runtime conditions with kro library, and only in conditions', () => {
    const ready = '${runtime.newCondition({type: "Ready", status: web.status.availableReplicas > 0 ? "True" : "False"})}';
    expect(one(ready, { context: 'condition' })).toMatchObject({ type: 'kro.run.Condition', messages: [] });
    expect(one('${[runtime.condition(web, "Available")]}', { context: 'condition' })).toMatchObject({ type: 'list(kro.run.Condition)', messages: [] });
    expect(one('${runtime.condition(web, "Available").status}', { context: 'condition' }).messages[0]).toContain('got "string"');
    // Elsewhere `runtime` is not declared; the reference checks report it with kro's message.
    expect(one(ready, { context: 'status' }).messages).toEqual([]);
    expect(one(ready, { context: 'status' }).type).toBeUndefined();
  });

  it('declares omit() everywhere (its gate and contexts are the graph stage rules)', () => {
    expect(one('${omit()}', { expectedSchema: STRING })).toMatchObject({ type: 'dyn', messages: [] });
  });
});

describe('scope queries for editors', () => {
  const r = check([siteOf('${schema.spec.regions}', { context: 'forEach', resourceId: 'workers', iterator: 'region', path: 'forEach[0]' })]);
  const scope = r.value.scope;
  const iterators = [{ name: 'region', type: r.value.iteratorTypes.get('workers')!.get('region')!, celJsType: 'string', display: new Map() }];
  const names = (context: Parameters<typeof scope.visibleVariables>[0], id: string | undefined, its = iterators) =>
    scope.visibleVariables(context, id, its).map((v) => `${v.name}: ${formatCelType(v.type)}`);

  it('lists the variables of each context (kro-spec §3.3)', () => {
    expect(names('template', 'workers')).toEqual([
      'schema: __type_schema',
      'web: __type_web',
      'svc: __type_svc',
      'cm: __type_cm',
      'secret: __type_secret',
      'workers: list(__type_workers.@idx)',
      'found: list(__type_found.@idx)',
      'mystery: dyn',
      'region: string',
    ]);
    expect(names('readyWhen', 'web')).toEqual(['web: __type_web']);
    expect(names('readyWhen', 'workers')).toEqual(['each: __type_each']);
    expect(names('includeWhen', 'web', [])).toHaveLength(8);
  });

  it('lists the fields of object types, each included', () => {
    const fields = scope.fieldsOf({ kind: 'object', name: '__type_web.metadata' }).map((f) => `${f.name}: ${formatCelType(f.type)}`);
    expect(fields).toContain('__namespace__: string');
    expect(fields).toContain('labels: map(string, string)');
    expect(fields).toContain('creationTimestamp: google.protobuf.Timestamp');
    expect(scope.fieldsOf({ kind: 'object', name: '__type_each.status' }, 'workers').map((f) => f.name)).toContain('availableReplicas');
    expect(scope.fieldsOf({ kind: 'object', name: '__type_workers.@idx.spec' }).map((f) => f.name)).toContain('replicas');
    expect(scope.fieldsOf({ kind: 'object', name: '__type_schema.spec' }).map((f) => f.name)).toContain('regions');
    expect(scope.fieldsOf({ kind: 'list', elem: { kind: 'string' } })).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws on hostile expressions and schemas', () => {
    const odd: TypedResource[] = [
      { id: 'scalar', schema: { type: 'string' }, collection: false },
      { id: 'nothing', schema: {}, collection: true },
      { id: 'deep', schema: kindSchema('apiextensions.k8s.io/v1', 'CustomResourceDefinition'), collection: false },
      { id: 'namespace', schema: { type: 'object' }, collection: false },
      { id: 'web', schema: kindSchema('apps/v1', 'Deployment'), collection: false },
      { id: 'web', schema: { type: 'string' }, collection: false },
    ];
    const values = [
      '${scalar + "x"}',
      '${nothing[0].a.b}',
      '${deep.spec.versions[0].schema.openAPIV3Schema.properties.x.properties.y.properties.z.type}',
      '${' + 'web.spec.'.repeat(40) + 'x}',
      '${((((((((((1))))))))))}',
      '${"\u{1F600}" + web.metadata.name}',
      '${web.spec.template.spec.containers.map(c, c.ports.map(p, p.containerPort)).flatten()}',
      '${[1, "a", null, web.spec]}',
      '${{web.spec: 1}}',
      '${web.__proto__}',
      '${web["constructor"]}',
      '${has(web.status.x) ? web.status.x : null}',
      '${optional.none().orValue(web)}',
      '${web.spec == null ? 1 : 2}',
      '${cel.bind(x, web.spec, x.replicas)}',
    ];
    const sites = values.map((v, i) => siteOf(v, { resourceId: 'web', path: `data.k${i}`, expectedSchema: i % 2 ? STRING : {} }));
    sites.push(siteOf('${nothing}', { context: 'forEach', resourceId: 'nothing', iterator: 'it' }));
    sites.push(siteOf('${it.foo}', { resourceId: 'nothing' }));
    sites.push(siteOf('${each.x}', { context: 'readyWhen', resourceId: 'nothing' }));
    const r = checkExpressions(
      { sites, resources: odd, instance: { specSchema: { type: 'string' }, scope: 'Cluster', objectMeta: {} }, resolve: registry.resolve },
      { reportReferenceErrors: true },
    );
    expect(r.value.sites).toHaveLength(sites.length);
    for (const d of r.diagnostics) {
      expect(d.span.start).toBeGreaterThanOrEqual(100);
      expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    }
    expect(formatCelType(r.value.sites[2]!.outputType!)).toBe('string');
  });
});
