import { describe, expect, it } from 'vitest';
import { siteOf } from '../../../test/fixtures/celtypes/siteOf.js';
import { at, check, kindSchema, objectMeta, one, registry, specSchema, STRING } from '../../../test/fixtures/celtypes/typedGraph.js';
import { createSchemaRegistry } from '../../schemas/createSchemaRegistry.js';
import { buildSpecSchema } from '../../simpleschema/buildSpecSchema.js';
import { fromPlain } from '../../source/LocatedNode.js';
import { formatCelType } from './CelType.js';
import { checkExpressions } from './checkExpressions.js';
import type { ExpressionSite } from './ExpressionSite.js';

describe('the schema variable', () => {
  it('types the instance spec built by SimpleSchema', () => {
    expect(one('${schema.spec.name}').type).toBe('string');
    expect(one('${schema.spec.replicas}').type).toBe('int');
    expect(one('${schema.spec.ratio}').type).toBe('double');
    expect(one('${schema.spec.regions}').type).toBe('list(string)');
    expect(one('${schema.spec.labels}').type).toBe('map(string, string)');
    expect(one('${schema.spec.workers}').type).toBe('list(__type_schema.spec.workers.@idx)');
    expect(one('${schema.spec.config.anything.goes}').type).toBe('dyn');
    expect(one('${schema.metadata.name}').type).toBe('string');
    expect(one('${schema.metadata.creationTimestamp}').type).toBe('google.protobuf.Timestamp');
  });

  it('hides status and, for cluster-scoped instances, metadata.namespace', () => {
    expect(one('${schema.status}').messages).toEqual([
      `failed to compile template expression "schema.status" at path "spec.x": ERROR: <input>:1:7: undefined field 'status'`,
    ]);
    expect(one('${schema.metadata.namespace}').type).toBe('string');
    expect(one('${schema.metadata.namespace}', {}, { scope: 'Cluster' }).messages[0]).toContain("undefined field 'namespace'");
    expect(one('${schema.metadata.name}', {}, { scope: 'Cluster' }).messages).toEqual([]);
  });
});

describe('resource variables', () => {
  it('types fields from the kind schema, reserved words and escaped names included', () => {
    expect(one('${web.spec.template.spec.containers[0].image}').type).toBe('string');
    expect(one('${web.spec.template.spec.containers[0]}').type).toBe('__type_web.spec.template.spec.containers.@idx');
    expect(one('${web.metadata.namespace}').type).toBe('string');
    expect(one('${web.metadata.__namespace__}').type).toBe('string');
    expect(one('${svc.spec.ports[0].targetPort}').type).toBe('dyn');
    expect(one('${secret.data}').type).toBe('map(string, bytes)');
    expect(one('${string(secret.data.password)}').type).toBe('string');
    expect(one('${web.status.conditions[0].lastTransitionTime}').type).toBe('google.protobuf.Timestamp');
    expect(one('${web.spec.template.spec.containers[0].resources.limits.cpu}').type).toBe('dyn');
  });

  it('types collections and selector externalRefs as lists, named after the collection', () => {
    expect(one('${workers}').type).toBe('list(__type_workers.@idx)');
    expect(one('${workers[0].spec}').type).toBe('__type_workers.@idx.spec');
    expect(one('${workers.map(w, w.metadata.name)}').type).toBe('list(string)');
    expect(one('${found.map(c, c.data)}').type).toBe('list(map(string, string))');
  });

  it('names types after the resource an expression references, even across kinds shared by several resources', () => {
    expect(one('${web.spec.template}').type).toBe('__type_web.spec.template');
    expect(one('${workers[0].spec.template}').type).toBe('__type_workers.@idx.spec.template');
  });

  it('treats a resource whose kind has no schema as dyn', () => {
    expect(one('${mystery.whatever.you.like}').type).toBe('dyn');
  });

  it('compares objects with == like cel-go, and structs, timestamps and durations with null', () => {
    expect(one('${web.spec.selector == web.spec.selector}').type).toBe('bool');
    expect(one('${web.spec.selector != web.spec.template}').messages[0]).toMatch(
      /found no matching overload for '_!=_' applied to '\(__type_web.spec.selector, __type_web.spec.template\)'$/,
    );
    expect(one('${web.status.conditions[0].lastTransitionTime != null}').type).toBe('bool');
    expect(one('${null == web.spec.template}').type).toBe('bool');
    expect(one('${web.spec.replicas == null}').messages[0]).toMatch(/found no matching overload for '_==_' applied to '\(int, null_type\)'$/);
  });
});

describe('CRD kinds with open objects', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
                my-field: {type: string}
            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
              properties:
                ready: {type: boolean}
`;
  const withCrd = createSchemaRegistry({ crds: [{ path: 'widget.yaml', text: crd }] }).value;
  const widget = withCrd.lookup('example.com/v1', 'Widget')!.schema;
  const run = (sites: ExpressionSite[]) =>
    checkExpressions({
      sites,
      resources: [{ id: 'widget', schema: widget, collection: false }, { id: 'widgets', schema: widget, collection: true }],
      instance: { specSchema, scope: 'Namespaced', objectMeta },
      resolve: withCrd.resolve,
    });

  it('types declared fields of an object that keeps unknown fields, and lets the unknown ones be dyn', () => {
    const r = run([
      siteOf('${widget.status.ready}', { context: 'readyWhen', resourceId: 'widget' }),
      siteOf('${each.status.ready}', { context: 'readyWhen', resourceId: 'widgets' }),
      siteOf('${widget.status.phase}', { context: 'status', path: 'phase' }),
      siteOf('${widget.status.ready}', { context: 'status', path: 'ready' }),
      siteOf('${widget.spec.sise}', { context: 'status', path: 'size' }),
      siteOf('${widget.spec.my__dash__field}', { context: 'status', path: 'mine' }),
      siteOf('${widget.metadata.name}', { context: 'status', path: 'name' }),
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      `failed to type-check status expression "widget.spec.sise" at path "size": ERROR: <input>:1:12: undefined field 'sise' (did you mean 'size'?)`,
    ]);
    expect(r.value.sites.map((s) => s.outputType && formatCelType(s.outputType))).toEqual(['bool', 'bool', 'dyn', 'bool', undefined, 'string', 'string']);
  });
});

describe('CEL errors in kro words, located in the YAML', () => {
  it('reports undefined fields with a suggestion and a fix on the misspelt name', () => {
    const r = one('${schema.spec.replcas}', { path: 'data.x' });
    expect(r.messages).toEqual([
      `failed to compile template expression "schema.spec.replcas" at path "data.x": ERROR: <input>:1:12: undefined field 'replcas' (did you mean 'replicas'?)`,
    ]);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('cel/undefined-field');
    // The value starts at offset 100: "${" then "schema.spec." (12 characters) then the name.
    expect(d.span).toEqual({ start: 114, end: 121 });
    expect(d.fixes).toEqual([{ title: "Change to 'replicas'", edits: [{ span: { start: 114, end: 121 }, newText: 'replicas' }] }]);
    expect(d.path).toBe('doc.data.x');
    expect(d.resourceId).toBe('cm');
  });

  it('reports a non-string fragment of a string template at the + of the concatenation (kro builder_test)', () => {
    const r = check([siteOf('prefix-${web.spec.replicas}', { context: 'status', path: 'field' })]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      `failed to type-check status expression "prefix-\${web.spec.replicas}" at path "field": ERROR: <input>:1:11: found no matching overload for '_+_' applied to '(string, int)'`,
    ]);
    expect(r.diagnostics[0]!.code).toBe('cel/no-overload');
  });

  it('words function overload and field selection errors like cel-go', () => {
    expect(one('${size(schema.spec.replicas)}').messages[0]).toMatch(/ERROR: <input>:1:5: found no matching overload for 'size' applied to '\(int\)'$/);
    expect(one('${schema.spec.name.startsWith(1)}').messages[0]).toMatch(/found no matching overload for 'startsWith' applied to 'string.\(int\)'$/);
    expect(one('${schema.spec.name.first}').messages[0]).toMatch(/ERROR: <input>:1:17: type 'string' does not support field selection$/);
    expect(one('${!schema.spec.name}').messages[0]).toMatch(/found no matching overload for '!_' applied to '\(string\)'$/);
    expect(one('${web.spec.template == 1}').messages[0]).toMatch(
      /found no matching overload for '_==_' applied to '\(__type_web.spec.template, int\)'$/,
    );
  });

  it('leaves unknown identifiers and syntax errors to the reference checks unless asked', () => {
    expect(one('${nope.x}').messages).toEqual([]);
    expect(one('${schema.spec.name +}').messages).toEqual([]);
    expect(one('${schem.spec.name}', {}, { reportReferenceErrors: true }).messages).toEqual([
      `failed to compile template expression "schem.spec.name" at path "spec.x": ERROR: <input>:1:1: undeclared reference to 'schem' (in container '') (did you mean 'schema'?)`,
    ]);
    const syntax = one('${schema.spec.name +}', {}, { reportReferenceErrors: true }).diagnostics;
    expect(syntax.map((d) => d.code)).toEqual(['cel/parse']);
    expect(one('${frobnicate(schema.spec.name)}').messages).toEqual([]);
    const unknownFunction = one('${schema.spec.name.frobnicate()}', {}, { reportReferenceErrors: true }).diagnostics;
    expect(unknownFunction.map((d) => [d.code, d.message])).toEqual([
      ['cel/unknown-function', `failed to compile template expression "schema.spec.name.frobnicate()" at path "spec.x": ERROR: <input>:1:28: undeclared reference to 'frobnicate' (in container '')`],
    ]);
  });

  it('maps errors inside a string template back to the expression', () => {
    const r = check([siteOf('x-${schema.spec.nme}-y', { resourceId: 'cm', path: 'data.k', at: 0 })]);
    const d = r.diagnostics[0]!;
    expect(d.message).toContain("undefined field 'nme' (did you mean 'name'?)");
    // "x-${schema.spec." is 16 characters; the misspelt name follows.
    expect(d.span).toEqual({ start: 16, end: 19 });
  });
});

describe('template values against their field (kro-spec §3.6)', () => {
  const tpl = (value: string, resourceId: string, apiVersion: string, kind: string, path: (string | number)[], kroPath: string) =>
    one(value, { resourceId, path: kroPath, expectedSchema: at(apiVersion, kind, path) });

  it('accepts fitting values and reports mismatches with kro message', () => {
    expect(tpl('${schema.spec.name}', 'cm', 'v1', 'ConfigMap', ['data', 'key'], 'data.key').messages).toEqual([]);
    expect(tpl('${schema.spec.replicas}', 'web', 'apps/v1', 'Deployment', ['spec', 'replicas'], 'spec.replicas').messages).toEqual([]);
    expect(tpl('${schema.spec.regions}', 'cm', 'v1', 'ConfigMap', ['data', 'items'], 'data.items').messages).toEqual([
      'type mismatch in resource "cm" at path "data.items": expression "schema.spec.regions" returns type "list(string)" but expected "string": type kind mismatch: got "list(string)", expected "string"',
    ]);
  });

  it('accepts anything in int-or-string fields', () => {
    expect(tpl('${schema.spec.port}', 'svc', 'v1', 'Service', ['spec', 'ports', 0, 'targetPort'], 'spec.ports[0].targetPort').messages).toEqual([]);
    expect(tpl('${schema.spec.name}', 'svc', 'v1', 'Service', ['spec', 'ports', 0, 'targetPort'], 'spec.ports[0].targetPort').messages).toEqual([]);
  });

  it('leaves string templates in non-string fields to the template walk, but checks string formats', () => {
    expect(tpl('n-${schema.spec.name}', 'web', 'apps/v1', 'Deployment', ['spec', 'replicas'], 'spec.replicas').messages).toEqual([]);
    expect(tpl('p-${schema.spec.password}', 'secret', 'v1', 'Secret', ['data', 'password'], 'data.password').messages[0]).toContain(
      'returns type "string" but expected "bytes"',
    );
  });

  it('rejects strings in Secret data (bytes) and date-time fields (timestamps)', () => {
    expect(tpl('${schema.spec.password}', 'secret', 'v1', 'Secret', ['data', 'password'], 'data.password').messages[0]).toBe(
      'type mismatch in resource "secret" at path "data.password": expression "schema.spec.password" returns type "string" but expected "bytes": type kind mismatch: got "string", expected "bytes"',
    );
    expect(tpl('${schema.spec.name}', 'web', 'apps/v1', 'Deployment', ['metadata', 'creationTimestamp'], 'metadata.creationTimestamp').messages[0]).toContain(
      'expected "google.protobuf.Timestamp"',
    );
  });

  it('names the expected type after the template path, with @idx for indices', () => {
    const r = tpl('${schema.spec.labels}', 'web', 'apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0], 'spec.template.spec.containers[0]');
    expect(r.messages[0]).toContain('but expected "__type_web.spec.template.spec.containers.@idx": map value incompatible with struct field "args"');
    // Quirk: a list (or any scalar) into a struct field passes, because kro cannot resolve its name to a struct.
    expect(tpl('${schema.spec.regions}', 'web', 'apps/v1', 'Deployment', ['spec', 'template'], 'spec.template').messages).toEqual([]);
  });

  it('rejects a map literal of strings for a struct but accepts one with dyn values (quirk)', () => {
    const containers = ['spec', 'template', 'spec', 'containers'];
    const path = 'spec.template.spec.containers';
    const strict = tpl('${[{"name": "a", "image": schema.spec.name}]}', 'web', 'apps/v1', 'Deployment', containers, path);
    expect(strict.messages[0]).toContain(
      'returns type "list(map(string, string))" but expected "list(__type_web.spec.template.spec.containers.@idx)": list element type incompatible: map value incompatible with struct field "args"',
    );
    expect(tpl('${[{"name": "a", "replicas": schema.spec.replicas}]}', 'web', 'apps/v1', 'Deployment', containers, path).messages).toEqual([]);
  });

  it('accepts instance structs that are a subset of the target (kro builder_test container cases)', () => {
    const containers = (fields: Record<string, string>) => {
      const spec = buildSpecSchema(fromPlain({ containers: '[]c' }), fromPlain({ c: fields }), { path: 'spec.schema' }).value.spec;
      const r = checkExpressions({
        sites: [siteOf('${schema.spec.containers}', { resourceId: 'pod', path: 'spec.containers', expectedSchema: at('v1', 'Pod', ['spec', 'containers']) })],
        resources: [{ id: 'pod', schema: kindSchema('v1', 'Pod'), collection: false }],
        instance: { specSchema: spec, scope: 'Namespaced', objectMeta },
        resolve: registry.resolve,
      });
      return r.diagnostics.map((d) => d.message);
    };
    expect(containers({ name: 'string', image: 'string' })).toEqual([]);
    expect(containers({ name: 'string', image: 'string', extraField: 'string' })).toEqual([
      'type mismatch in resource "pod" at path "spec.containers": expression "schema.spec.containers" returns type "list(__type_schema.spec.containers.@idx)" but expected "list(__type_pod.spec.containers.@idx)": list element type incompatible: field "extraField" exists in output but not in expected type',
    ]);
    expect(containers({ name: 'integer', image: 'string' })[0]).toMatch(/field "name" has incompatible type: type kind mismatch: got "int", expected "string"$/);
  });

  it('accepts a struct from another resource of the same kind (subset rule)', () => {
    const r = tpl('${web.spec.template}', 'workers', 'apps/v1', 'Deployment', ['spec', 'template'], 'spec.template');
    expect(r.messages).toEqual([]);
  });

  it('checks externalRef values the same way', () => {
    const r = one('${schema.spec.replicas}', { context: 'externalRef', resourceId: 'found', path: 'metadata.name', expectedSchema: STRING });
    expect(r.messages[0]).toMatch(/^type mismatch in resource "found" at path "metadata.name"/);
  });
});
