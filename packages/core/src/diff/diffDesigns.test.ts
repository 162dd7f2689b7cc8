import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../schemas/index.js';
import { diffDesigns } from './diffDesigns.js';

const registry = createSchemaRegistry({}).value;

const rgd = (spec: string, resources: string, status = '') =>
  `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: app
spec:
  schema:
    apiVersion: v1alpha1
    kind: App
    spec:
${spec}${status ? `    status:\n${status}` : ''}  resources:
${resources}`;

const cm = (id: string, name: string, extra = '') =>
  `    - id: ${id}\n      template:\n        apiVersion: v1\n        kind: ConfigMap\n        metadata:\n          name: ${name}\n${extra}`;

describe('diffDesigns', () => {
  it('reports no graph change for formatting and comment edits, but a text change', () => {
    const a = rgd('      name: string\n', cm('a', '${schema.spec.name}'));
    const b = '# a comment\n' + a.replace('name: string', 'name:   string');
    const d = diffDesigns(a, b, { registry });
    expect(d.graphChanged).toBe(false);
    expect(d.rgds).toMatchObject([{ name: 'app', change: 'unchanged', resources: [], edges: [], schemaFields: [] }]);
    expect(d.text.added).toBe(2);
  });

  it('lists resources, edges, schema fields and status fields added, removed and changed', () => {
    const a = rgd(
      '      name: string\n      replicas: integer | default=1\n      old: boolean\n',
      cm('a', '${schema.spec.name}') + cm('b', '${a.metadata.name}') + cm('gone', 'x'),
      '      ready: ${a.metadata.name}\n',
    );
    const b = rgd(
      '      name: string | required=true\n      replicas: string\n      added: "[]string"\n',
      cm('a', '${schema.spec.name}-v2') + cm('b', '${a.metadata.name}', '        data:\n          uid: ${a.metadata.uid}\n') + cm('c', '${b.metadata.name}'),
      '      ready: ${b.metadata.name}\n',
    );
    const d = diffDesigns(a, b, { registry });
    expect(d.graphChanged).toBe(true);
    const r = d.rgds[0]!;
    expect(r.change).toBe('changed');
    expect(r.resources).toEqual([
      { id: 'a', change: 'changed', from: 'v1/ConfigMap', to: 'v1/ConfigMap', aspects: ['template'] },
      { id: 'b', change: 'changed', from: 'v1/ConfigMap', to: 'v1/ConfigMap', aspects: ['template'] },
      { id: 'gone', change: 'removed', from: 'v1/ConfigMap', aspects: [] },
      { id: 'c', change: 'added', to: 'v1/ConfigMap', aspects: [] },
    ]);
    expect(r.edges).toEqual([
      { from: 'b', to: 'a', change: 'changed', fieldsAdded: ['metadata.uid'], fieldsRemoved: [] },
      { from: 'c', to: 'b', change: 'added', fieldsAdded: ['metadata.name'], fieldsRemoved: [] },
    ]);
    expect(r.schemaFields.map((f) => [f.path, f.change, f.from?.type, f.to?.type])).toEqual([
      ['name', 'changed', 'string', 'string'],
      ['replicas', 'changed', 'integer', 'string'],
      ['old', 'removed', 'boolean', undefined],
      ['added', 'added', undefined, '[]string'],
    ]);
    expect(r.schemaFields[0]).toMatchObject({ from: { required: false }, to: { required: true } });
    expect(r.statusFields).toEqual([{ path: 'ready', change: 'changed', from: '${a.metadata.name}', to: '${b.metadata.name}' }]);
    expect(r.topologicalOrder).toEqual({ from: ['a', 'b', 'gone'], to: ['a', 'b', 'c'] });
  });

  it('pairs RGDs by name and reports whole RGDs added or removed', () => {
    const one = rgd('      name: string\n', cm('a', 'x'));
    const two = one.replace('name: app', 'name: other');
    const d = diffDesigns(one, `${one}---\n${two}`, { registry });
    expect(d.rgds.map((r) => [r.name, r.change])).toEqual([
      ['app', 'unchanged'],
      ['other', 'added'],
    ]);
    expect(d.rgds[1]!.resources).toEqual([{ id: 'a', change: 'added', to: 'v1/ConfigMap', aspects: [] }]);
    expect(diffDesigns(two, one, { registry }).rgds.map((r) => [r.name, r.change])).toEqual([
      ['other', 'removed'],
      ['app', 'added'],
    ]);
  });

  it('diffs broken YAML as far as it parses, without throwing', () => {
    const d = diffDesigns('a: [', rgd('      name: string\n', cm('a', 'x')), { registry });
    expect(d.rgds.map((r) => r.change)).toEqual(['added']);
  });
});
