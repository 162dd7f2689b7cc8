import { describe, expect, it } from 'vitest';
import { createKroEnvironment } from '../library/createKroEnvironment.js';
import { isNamespacedFunction } from '../library/namespacedFunctions.js';
import { createSchemaRegistry } from '../../schemas/index.js';
import { renderInstance } from '../../render/renderInstance.js';
import { aliasOf, aliasShadowedIdentifiers } from './aliasShadowedIdentifiers.js';

const env = createKroEnvironment({});
const alias = (source: string, names: readonly string[]) =>
  aliasShadowedIdentifiers(source, env.parse(source).ast, new Set(names), isNamespacedFunction);

describe('aliasShadowedIdentifiers', () => {
  it('renames variables in place, keeping every offset', () => {
    const source = 'string.metadata.name + "-" + list[0].x';
    const out = alias(source, ['string', 'list']);
    expect(out).toBe('_tring.metadata.name + "-" + _ist[0].x');
    expect(out!.length).toBe(source.length);
  });

  it('leaves calls, namespaced functions and unshadowed names alone', () => {
    expect(alias('string(1) + optional.of(string.x).orValue("")', ['string', 'optional'])).toBe('string(1) + optional.of(_tring.x).orValue("")');
    expect(alias('schema.spec.name', ['string'])).toBeUndefined();
  });

  it('a resource id that is a CEL type name renders like any other (kro accepts it)', () => {
    const rgd = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata: {name: shadow}
spec:
  schema:
    apiVersion: v1alpha1
    kind: Shadow
    spec: {name: string}
    status:
      cm: \${string.metadata.name}
      both: \${string(1) + string.metadata.name}
  resources:
  - id: string
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: \${schema.spec.name}
  - id: optional
    template:
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: \${string.metadata.name + "-" + string(optional.of(1).orValue(0))}
`;
    const instance = { apiVersion: 'kro.run/v1alpha1', kind: 'Shadow', metadata: { name: 'a', namespace: 'ns' }, spec: { name: 'cm' } };
    const result = renderInstance(rgd, createSchemaRegistry({}).value, instance);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.status).toEqual({ cm: 'cm', both: '1cm' });
    const names = result.resources.map((r) => (r.objects[0]?.metadata as { name?: string } | undefined)?.name);
    expect(names).toEqual(['cm', 'cm-1']);
    expect(aliasOf('optional')).toBe('_ptional');
  });
});
