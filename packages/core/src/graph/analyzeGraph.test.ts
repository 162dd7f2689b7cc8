import { describe, expect, it } from 'vitest';
import { parseRgd } from '../rgd/parseRgd.js';
import { createSchemaRegistry } from '../schemas/index.js';
import { LineIndex } from '../source/LineIndex.js';
import { parseYamlSource } from '../source/parseYamlSource.js';
import { analyzeGraph } from './analyzeGraph.js';
import type { GraphLibrary } from './buildResourceGraph.js';

const registry = createSchemaRegistry({}).value;
const NAMESPACES = new Set(['random', 'hash', 'json', 'lists', 'base64', 'strings', 'optional', 'cel']);
const library: GraphLibrary = { isNamespacedFunction: (ns) => NAMESPACES.has(ns) };

function analyze(resources: string, extra = '') {
  const text = `apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: t}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: T\n    spec:\n      name: string\n      items: "[]string"\n${extra}  resources:\n${resources}`;
  const root = parseYamlSource(text).value.documents[0]!.root;
  if (root?.kind !== 'map') throw new Error('bad fixture');
  const result = analyzeGraph(parseRgd(root).value, registry, library);
  const lines = new LineIndex(text);
  const where = (d: { span: { start: number; end: number } }) => {
    const p = lines.positionAt(d.span.start);
    return `${p.line}:${p.column} ${text.slice(d.span.start, d.span.end)}`;
  };
  return { ...result, text, where, messages: result.diagnostics.map((d) => d.message) };
}

const cm = (id: string, name: string, data = '') =>
  `  - id: ${id}\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: ${name}\n${data ? `      data:\n${data}` : ''}`;

describe('dependency graph', () => {
  it('orders by dependencies with kro\'s tie-break (declaration order, then id)', () => {
    const r = analyze(cm('a', '${c.metadata.name}-a') + cm('b', 'b') + cm('c', 'c'));
    expect(r.diagnostics).toEqual([]);
    expect(r.graph.topologicalOrder).toEqual(['b', 'c', 'a']);
    expect(r.graph.edges).toEqual([{ from: 'a', to: 'c', fields: ['metadata.name'], span: expect.any(Object) }]);
    expect(Object.fromEntries(r.graph.applyWaves)).toEqual({ c: 1, a: 2, b: 2 });
  });

  it('reports a cycle on every node of it with every edge as related information', () => {
    const r = analyze(cm('a', '${b.metadata.name}') + cm('b', '${c.metadata.name}') + cm('c', '${a.metadata.name}') + cm('d', 'd'));
    const cycles = r.diagnostics.filter((d) => d.code === 'graph/cycle');
    expect(cycles.map((d) => d.resourceId)).toEqual(['a', 'b', 'c']);
    expect(cycles[0]!.message).toBe('graph contains a cycle: a -> b -> c -> a');
    expect(cycles[0]!.related?.map((x) => x.message)).toEqual(['"a" depends on "b"', '"b" depends on "c"', '"c" depends on "a"']);
    expect(r.where(cycles[0]!.related![0]!)).toBe('17:17 b');
    expect(r.graph.topologicalOrder).toEqual(['d']);
  });

  it('rejects self references and unknown identifiers with a suggestion, located on the identifier', () => {
    const r = analyze(cm('deployment', '${deployment.metadata.uid}') + cm('svc', '${deploymnet.metadata.name}'));
    expect(r.messages).toContain('self references are not allowed (resource "deployment" cannot read its own fields; use readyWhen to wait on its status)');
    const unknown = r.diagnostics.find((d) => d.code === 'cel/unknown-identifier')!;
    expect(unknown.message).toBe('references unknown identifiers: [deploymnet] (did you mean "deployment"?)');
    expect(r.where(unknown)).toBe('23:17 deploymnet');
    expect(unknown.fixes?.[0]?.edits[0]?.newText).toBe('deployment');
  });

  it('ignores comprehension and bind variables and namespaced functions', () => {
    const r = analyze(
      cm('a', '${schema.spec.name}', '        x: ${schema.spec.items.map(i, i + "x").join(",")}\n        y: ${cel.bind(v, schema.spec.name, v + random.seededString(4, v))}\n        z: \'${schema.spec.items.all(k, v, k >= 0 && v != "")}\'\n'),
    );
    expect(r.diagnostics).toEqual([]);
  });

  it('applies the readyWhen, includeWhen, each and runtime context rules', () => {
    const r = analyze(
      `  - id: a\n    readyWhen:\n    - \${schema.spec.name != ""}\n    - \${a.metadata.name != ""}\n    includeWhen:\n    - \${b.metadata.name != ""}\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: \${each.x}\n        labels:\n          r: \${runtime.x}\n` + cm('b', 'b'),
    );
    expect(r.messages).toEqual([
      'node each does not exist (`each` is only available in readyWhen of a forEach resource)',
      'runtime is only available in status.conditions expressions',
      'resource "a" readyWhen: references unknown identifiers: [schema] (readyWhen may only reference "a")',
    ]);
    expect(r.graph.dependencies.get('a')).toEqual(['b']);
    expect(r.graph.topologicalOrder).toEqual(['b', 'a']);
  });

  it('checks forEach iterators: independent of each other and all part of the identity', () => {
    const r = analyze(
      `  - id: workers\n    forEach:\n    - region: \${schema.spec.items}\n    - tier: \${[region]}\n    readyWhen:\n    - \${each.metadata.name != ""}\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: \${region}\n`,
    );
    expect(r.messages).toEqual([
      'node "workers": forEach iterator "tier" cannot reference other iterators [region] - forEach iterators are independent (cartesian product)',
      'node "workers": all forEach dimensions must be used to produce a unique resource identity, missing: [tier]',
    ]);
  });

  it('checks status fields: expressions required, and each must reference a resource or the schema', () => {
    const r = analyze(cm('a', 'a'), '    status:\n      ok: ${a.metadata.name}\n      constant: ${"x"}\n      plain: hello\n      nested:\n        n: ${schema.spec.name}\n');
    expect(r.messages).toEqual([
      'instance status field must refer to a resource or schema: status.constant',
      'status fields without expressions are not supported: [plain] (a status field is computed by kro, so it must hold a ${...} expression)',
    ]);
    expect(r.graph.statusDependencies).toEqual(['a']);
  });

  it('checks template literals against the kind\'s schema', () => {
    const r = analyze(
      `  - id: d\n    template:\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: x\n      spec:\n        replicas: "three"\n        paused: 1\n        selectr: {}\n        template:\n          spec:\n            containers:\n            - name: app\n              image: \${schema.spec.name}\n              ports:\n              - containerPort: 80.5\n` +
        cm('c', 'c', '        flag: true\n        n: ${schema.spec.name}-x\n'),
    );
    expect(r.messages).toEqual([
      'expected integer type for path spec.replicas, got string',
      'expected boolean type for path spec.paused, got integer',
      'error getting field schema for path spec.selectr: schema not found for field selectr (did you mean "selector"?)',
      'expected integer type for path spec.template.spec.containers[0].ports[0].containerPort, got float64',
      'expected string type for path data.flag, got boolean',
    ]);
  });

  it('reports CEL parse errors at the right column', () => {
    const r = analyze(cm('a', '${schema.spec.name +}'));
    const d = r.diagnostics.find((x) => x.code === 'cel/parse')!;
    expect(d.message).toMatch(/^failed to parse expression "schema.spec.name \+": /);
    expect(r.where(d)).toBe('17:34 +');
  });
});
