import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../schemas/index.js';
import { validateSource } from '../rgd/validateSource.js';
import { applyDefaults } from './applyDefaults.js';
import { defaultInstance } from './defaultInstance.js';

const registry = createSchemaRegistry({}).value;
const rgd = (spec: string, extra = '') =>
  validateSource(`apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: t}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: Thing\n${extra}    spec:\n${spec}`, { registry }).rgds[0]!;

describe('defaultInstance', () => {
  const crd = rgd('      size: integer | default=3 minimum=1\n      mode: string | enum="a,b" default=a\n      nested:\n        deep:\n          flag: boolean | default=true\n').crd!;

  it('applies structural defaults, including default: {} objects, and puts a namespaced instance in default', () => {
    const r = defaultInstance(crd, 'apiVersion: kro.run/v1alpha1\nkind: Thing\nmetadata: {name: x}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.instance).toEqual({
      apiVersion: 'kro.run/v1alpha1',
      kind: 'Thing',
      metadata: { name: 'x', namespace: 'default' },
      spec: { size: 3, mode: 'a', nested: { deep: { flag: true } } },
    });
  });

  it('keeps given values, defaults nulls, and drops status', () => {
    const r = defaultInstance(crd, { apiVersion: 'kro.run/v1alpha1', kind: 'Thing', metadata: { name: 'x', namespace: 'ns' }, spec: { size: 5, mode: null }, status: { state: 'ACTIVE' } });
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.instance.spec).toEqual({ size: 5, mode: 'a', nested: { deep: { flag: true } } });
    expect(r.value!.instance.status).toBeUndefined();
  });

  it('locates errors in the instance text', () => {
    const text = 'apiVersion: kro.run/v1\nkind: Thing\nmetadata: {name: Bad_Name}\nspec:\n  size: 0\n';
    const r = defaultInstance(crd, text);
    const at = (code: string) => r.diagnostics.find((d) => d.code === code)!;
    expect(at('instance/wrong-kind').message).toBe('apiVersion must be "kro.run/v1alpha1" for an instance of this RGD, got "kro.run/v1"');
    expect(text.slice(at('instance/wrong-kind').span.start, at('instance/wrong-kind').span.end)).toBe('kro.run/v1');
    const name = r.diagnostics.find((d) => d.path === 'metadata.name')!;
    expect(text.slice(name.span.start, name.span.end)).toBe('Bad_Name');
    const size = r.diagnostics.find((d) => d.path === 'spec.size')!;
    expect(size.message).toBe('spec.size in body should be greater than or equal to 1');
    expect(text.slice(size.span.start, size.span.end)).toBe('0');
  });

  it('never throws on text that is not one object', () => {
    for (const text of ['', '- a\n- b\n', 'just text', '{', 'a: 1\n---\nb: 2\n', '\u0000\u0001binary', '['.repeat(500)]) {
      const r = defaultInstance(crd, text);
      expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });

  it('removes the namespace of a cluster-scoped instance', () => {
    const cluster = rgd('      size: integer | default=1\n', '    scope: Cluster\n').crd!;
    const r = defaultInstance(cluster, 'apiVersion: kro.run/v1alpha1\nkind: Thing\nmetadata: {name: x, namespace: ignored}\n');
    expect(r.value!.instance.metadata).toEqual({ name: 'x' });
  });
});

describe('applyDefaults', () => {
  it('defaults array items and map values element by element', () => {
    const schema = {
      type: 'object' as const,
      properties: {
        list: { type: 'array' as const, items: { type: 'object' as const, properties: { port: { type: 'integer' as const, default: 80 } } } },
        map: { type: 'object' as const, additionalProperties: { type: 'object' as const, properties: { on: { type: 'boolean' as const, default: false } } } },
      },
    };
    expect(applyDefaults({ list: [{}, { port: 1 }], map: { a: {}, b: { on: true } } }, schema)).toEqual({ list: [{ port: 80 }, { port: 1 }], map: { a: { on: false }, b: { on: true } } });
  });
});
