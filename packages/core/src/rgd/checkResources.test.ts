import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../schemas/index.js';
import { validateSource } from './validateSource.js';

const registry = createSchemaRegistry({}).value;
const rgd = (kind: string, type = 'string') =>
  `apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: X\n    spec:\n      name: ${type}\n  resources:\n  - id: a\n    template:\n      apiVersion: v1\n      kind: ${kind}\n      metadata: {name: a}\n`;

describe('quick fixes', () => {
  it('offers the closest kind of the same apiVersion for a misspelt kind', () => {
    const text = rgd('ConfigMapp');
    const d = validateSource(text, { registry }).diagnostics.find((x) => x.code === 'schema/unknown-kind')!;
    expect(d.message).toContain('Did you mean "ConfigMap"?');
    const edit = d.fixes?.[0]?.edits[0];
    expect(edit?.newText).toBe('ConfigMap');
    expect(text.slice(edit!.span.start, edit!.span.end)).toBe('ConfigMapp');
  });

  it('offers the right SimpleSchema type for a misspelt one', () => {
    const text = rgd('ConfigMap', 'strin');
    const d = validateSource(text, { registry }).diagnostics.find((x) => x.code === 'simpleschema/unknown-type')!;
    expect(d.fixes?.[0]?.edits[0]?.newText).toBe('string');
  });

  it('words the missing-CRD hint for the front end', () => {
    const d = validateSource(rgd('Widget'), { registry, supplyHint: 'add it in the designer' }).diagnostics.find((x) => x.code === 'schema/unknown-kind')!;
    expect(d.message).toContain('If it is a custom resource, add it in the designer.');
  });
});
