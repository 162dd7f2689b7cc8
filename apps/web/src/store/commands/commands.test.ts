import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STARTERS } from '../../features/starters/starters';
import { DesignStore } from '../DesignStore';
import { resourceSkeleton } from '../resourceSkeleton';
import { addResource } from './addResource';
import { deleteResource } from './deleteResource';
import { rgdOf } from './testSupport';

const commented = `# head comment
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: demo   # inline comment
  annotations:
    x-unknown/keep: "yes"
spec:
  schema:
    apiVersion: v1alpha1
    kind: Demo
    spec:
      name: string
  futureField: { keep: me }
  resources:
      # the config
      - id: config
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: "\${schema.spec.name}"
          data: { a: 'b' }
      # the second config
      - id: second
        template:
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: \${config.metadata.name}-2
`;

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true, hasSpec: true };

describe('addResource', () => {
  it('appends a valid resource that joins the graph, keeping every other byte', () => {
    const result = addResource({ id: 'deployment', template: resourceSkeleton(deployment, 'deployment') }).run(commented);
    if (!result.ok) throw new Error(result.message);
    expect(result.text.startsWith(commented)).toBe(true);
    const v = rgdOf(result.text);
    expect(v.model.resources.map((r) => r.id)).toEqual(['config', 'second', 'deployment']);
    // The only error is the unknown field the fixture keeps on purpose.
    expect(v.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)).toEqual(['spec.futureField']);
    expect(v.topologicalOrder).toContain('deployment');
    // The new item is indented like the existing ones (dash at column 6).
    expect(result.text).toContain('\n      - id: deployment\n        template:\n          apiVersion: apps/v1\n');
  });

  it('starts a list when the design has none, keeping comments and unknown fields', () => {
    const blank = STARTERS.find((s) => s.id === 'blank')!.text;
    const result = addResource({ id: 'configMap', template: resourceSkeleton({ apiVersion: 'v1', kind: 'ConfigMap', namespaced: true, hasSpec: false }, 'configMap') }).run(blank);
    if (!result.ok) throw new Error(result.message);
    expect(result.text).toContain('# A new ResourceGraphDefinition');
    const plain = parse(result.text) as { spec: { resources: { id: string; template: { kind: string } }[] } };
    expect(plain.spec.resources.map((r) => [r.id, r.template.kind])).toEqual([['configMap', 'ConfigMap']]);
    expect(rgdOf(result.text).valid).toBe(true);
  });

  it('refuses a duplicate id and a broken document', () => {
    expect(addResource({ id: 'config', template: {} }).run(commented)).toMatchObject({ ok: false, message: expect.stringContaining('already exists') });
    expect(addResource({ id: 'x', template: {} }).run('a: [')).toMatchObject({ ok: false, message: expect.stringContaining('syntax') });
  });
});

describe('deleteResource', () => {
  it('removes the item and its comment, and the graph loses the node', () => {
    const result = deleteResource('config').run(commented);
    if (!result.ok) throw new Error(result.message);
    expect(result.text).not.toContain('# the config');
    expect(result.text).toContain('# the second config');
    expect(result.text).toContain('name: demo   # inline comment');
    expect(result.text).toContain('futureField: { keep: me }');
    expect(result.text).toContain('x-unknown/keep: "yes"');
    const v = rgdOf(result.text);
    expect(v.model.resources.map((r) => r.id)).toEqual(['second']);
    // `second` still reads config: the problem is reported, not hidden.
    expect(v.diagnostics.some((d) => d.resourceId === 'second' && d.severity === 'error')).toBe(true);
  });

  it('removing the last resource leaves an empty list', () => {
    const once = deleteResource('second').run(commented);
    if (!once.ok) throw new Error(once.message);
    const twice = deleteResource('config').run(once.text);
    if (!twice.ok) throw new Error(twice.message);
    expect((parse(twice.text) as { spec: { resources: unknown } }).spec.resources).toEqual([]);
    expect(twice.text).toContain('futureField: { keep: me }');
  });

  it('reports an unknown id', () => {
    expect(deleteResource('nope').run(commented)).toMatchObject({ ok: false });
  });
});

describe('undo across commands', () => {
  it('restores the exact text after add and delete', () => {
    const store = new DesignStore(commented);
    store.apply(addResource({ id: 'deployment', template: resourceSkeleton(deployment, 'deployment') }));
    store.apply(deleteResource('second'));
    store.undo();
    store.undo();
    expect(store.getState().text).toBe(commented);
    store.redo();
    expect(rgdOf(store.getState().text).model.resources.map((r) => r.id)).toEqual(['config', 'second', 'deployment']);
  });
});
