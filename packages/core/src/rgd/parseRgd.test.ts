import { describe, expect, it } from 'vitest';
import { LineIndex } from '../source/LineIndex.js';
import { parseYamlSource } from '../source/parseYamlSource.js';
import { checkNaming } from './checkNaming.js';
import { parseRgd } from './parseRgd.js';

function parse(text: string) {
  const root = parseYamlSource(text).value.documents[0]!.root;
  if (root?.kind !== 'map') throw new Error('fixture is not a map');
  return parseRgd(root);
}

function located(text: string, diagnostics: readonly { code: string; span: { start: number; end: number } }[]) {
  const lines = new LineIndex(text);
  return diagnostics.map((d) => {
    const p = lines.positionAt(d.span.start);
    return `${d.code}@${p.line}:${p.column} ${text.slice(d.span.start, d.span.end).split('\n')[0]}`;
  });
}

const HEADER = 'apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata:\n  name: demo\n';

describe('parseRgd', () => {
  it('reads a valid RGD into a model with defaults applied', () => {
    const { value, diagnostics } = parse(
      `${HEADER}spec:\n  schema:\n    apiVersion: v1alpha1\n    kind: App\n    spec:\n      name: string\n  resources:\n  - id: cm\n    readyWhen: ["\${cm.metadata.name != ''}"]\n    forEach:\n    - item: \${schema.spec.items}\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: x\n`,
    );
    expect(diagnostics).toEqual([]);
    expect(value.name).toBe('demo');
    expect(value.schema).toMatchObject({ kind: 'App', apiVersion: 'v1alpha1', group: 'kro.run', scope: 'Namespaced' });
    expect(value.resources.map((r) => [r.id, r.index, r.path, r.readyWhen.length, r.forEach.map((f) => f.name)])).toEqual([
      ['cm', 0, 'spec.resources[0]', 1, ['item']],
    ]);
  });

  it('reports every shape problem at once, each located on the offending key or value', () => {
    const text = `${HEADER}spec:\n  schema:\n    apiVersion: version1\n    scope: Global\n    spce: {}\n  resources:\n  - id: 5\n    readyWhen: true\n    templte: {}\n  - template: {}\n    externalRef: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n`;
    const { diagnostics } = parse(text);
    expect(located(text, diagnostics).sort()).toEqual(
      [
        'rgd/invalid-value@7:17 version1',
        'rgd/invalid-value@8:12 Global',
        'rgd/unknown-field@9:5 spce',
        'rgd/missing-field@7:5 apiVersion: version1',
        'rgd/wrong-type@11:9 5',
        'rgd/wrong-type@12:16 true',
        'rgd/unknown-field@13:5 templte',
        'rgd/template-or-externalref@11:5 id: 5',
        'rgd/missing-field@14:5 template: {}',
        'rgd/template-or-externalref@14:5 template: {}',
        'rgd/externalref-name-or-selector@15:62 {}',
      ].sort(),
    );
    const missingKind = diagnostics.find((d) => d.code === 'rgd/missing-field' && d.path === 'spec.schema');
    expect(missingKind?.message).toBe('spec.schema.kind: Required value');
    const typo = diagnostics.find((d) => d.code === 'rgd/unknown-field' && d.message.includes('templte'));
    expect(typo?.message).toBe('unknown field "spec.resources[0].templte" (did you mean "template"?)');
    expect(typo?.fixes?.[0]?.edits[0]?.newText).toBe('template');
  });
});

describe('checkNaming', () => {
  it('applies kro naming rules to the kind, ids and forEach iterators, reporting all violations', () => {
    const text = `${HEADER}spec:\n  schema:\n    apiVersion: v1alpha1\n    kind: my-app\n  resources:\n  - id: schema\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n  - id: my-svc\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n  - id: cm\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n  - id: cm\n    forEach:\n    - Bad: \${[]}\n    - each: \${[]}\n    - cm: \${[]}\n    - ok: \${[]}\n    - ok: \${[]}\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n`;
    const { value } = parse(text);
    const diagnostics = checkNaming(value);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "naming convention violation: kind 'my-app' is not a valid KRO kind name: must be UpperCamelCase",
      'naming convention violation: id schema is a reserved keyword in KRO',
      'naming convention violation: id my-svc is not a valid KRO resource id: must be lower camelCase',
      'naming convention violation: found duplicate resource IDs cm',
      'resource "cm": forEach iterator name "Bad" is not valid: must be lowerCamelCase',
      'resource "cm": forEach iterator name "each" is a reserved keyword',
      'resource "cm": forEach iterator name "cm" conflicts with resource ID',
      'resource "cm": duplicate forEach iterator name "ok"',
    ]);
    expect(located(text, diagnostics)[0]).toBe('naming/kind@8:11 my-app');
    expect(diagnostics[2]!.fixes?.[0]?.edits[0]?.newText).toBe('mySvc');
    expect(diagnostics[3]!.related?.[0]?.message).toBe('"cm" is first declared here');
  });

  it('limits forEach dimensions to the controller default of 10', () => {
    const dims = Array.from({ length: 11 }, (_, i) => `    - d${i}: \${[]}`).join('\n');
    const { value } = parse(`${HEADER}spec:\n  schema:\n    apiVersion: v1alpha1\n    kind: App\n  resources:\n  - id: cm\n    forEach:\n${dims}\n    template: {apiVersion: v1, kind: ConfigMap, metadata: {}}\n`);
    expect(checkNaming(value).map((d) => d.message)).toEqual(['resource "cm": forEach cannot have more than 10 dimensions, got 11']);
  });
});
