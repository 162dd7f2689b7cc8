import { describe, expect, it } from 'vitest';
import { getValue, goTypeName, toPlain, type LocatedNode } from './LocatedNode.js';
import { parseYamlSource } from './parseYamlSource.js';

function scalarAt(root: LocatedNode | undefined, ...keys: string[]) {
  let n = root;
  for (const k of keys) n = getValue(n, k);
  if (n?.kind !== 'scalar') throw new Error(`no scalar at ${keys.join('.')}`);
  return n;
}

describe('parseYamlSource', () => {
  it('parses multi-document YAML with spans for keys and values', () => {
    const text = 'a: 1\n---\nkind: Foo\nspec:\n  name: "x"\n';
    const { value, diagnostics } = parseYamlSource(text);
    expect(diagnostics).toEqual([]);
    expect(value.documents).toHaveLength(2);
    const name = scalarAt(value.documents[1]!.root, 'spec', 'name');
    expect(text.slice(name.span.start, name.span.end)).toBe('"x"');
    expect(toPlain(value.documents[1]!.root!)).toEqual({ kind: 'Foo', spec: { name: 'x' } });
  });

  it('reports syntax errors and duplicate keys with locations instead of throwing', () => {
    const text = 'a: 1\na: 2\nb: [1, 2\n';
    const { diagnostics } = parseYamlSource(text);
    expect(diagnostics.map((d) => d.code)).toContain('yaml/duplicate-key');
    expect(diagnostics.map((d) => d.code)).toContain('yaml/syntax');
    const dup = diagnostics.find((d) => d.code === 'yaml/duplicate-key')!;
    expect(text.slice(dup.span.start, dup.span.end)).toBe('a');
  });

  it('resolves scalars as kubectl does (YAML 1.1 booleans) and keeps float-ness for Go type names', () => {
    const { value } = parseYamlSource('a: yes\nb: 1.0\nc: 3\nd: ~\n');
    const root = value.documents[0]!.root;
    expect(scalarAt(root, 'a').value).toBe(true);
    expect(goTypeName(scalarAt(root, 'b'))).toBe('float64');
    expect(goTypeName(scalarAt(root, 'c'))).toBe('int64');
    expect(goTypeName(scalarAt(root, 'd'))).toBe('<nil>');
  });

  it('maps characters inside quoted, escaped and block scalars back to their source offsets', () => {
    const text = 'a: "x\\"y | req"\nb: \'it\'\'s | z\'\nc: |\n  line one\n  two | m\nd: plain | q\n';
    const root = parseYamlSource(text).value.documents[0]!.root;
    for (const [key, needle] of [['a', 'req'], ['b', 'z'], ['c', 'm'], ['d', 'q']] as const) {
      const s = scalarAt(root, key);
      const i = (s.value as string).lastIndexOf(needle);
      expect(text.slice(s.offsetOf(i), s.offsetOf(i) + needle.length)).toBe(needle);
    }
  });

  it('expands aliases but stops an alias bomb with a diagnostic', () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const k of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      text += `${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = k;
    }
    const { diagnostics } = parseYamlSource(text);
    expect(diagnostics.map((d) => d.code)).toContain('input/alias-limit');
  });

  it('bounds nesting depth: 10,000 levels end in a diagnostic', () => {
    for (const text of ['['.repeat(10_000) + ']'.repeat(10_000), '- '.repeat(10_000) + 'x']) {
      const { diagnostics } = parseYamlSource(text);
      expect(diagnostics.map((d) => d.code)).toContain('input/too-deep');
    }
  });

  it('refuses oversized input and binary content with a diagnostic', () => {
    expect(parseYamlSource('a: 1\n'.repeat(1_100_000)).diagnostics[0]!.code).toBe('input/too-large');
    expect(parseYamlSource('a: \u0000\u0001\u0002').diagnostics[0]!.code).toBe('input/binary');
  });
});

describe('parseYamlSource timestamps', () => {
  it('keeps YAML 1.1 timestamps as their text, as kubectl does for untyped fields', () => {
    const root = parseYamlSource('a: 2001-12-14\n').value.documents[0]!.root;
    expect(getValue(root, 'a')).toMatchObject({ kind: 'scalar', value: '2001-12-14' });
  });
});

describe('scalar offsets across folded lines', () => {
  it('maps characters after a folded line break in plain, single- and double-quoted scalars', () => {
    const text = 'a: one\n  two | x\nb: "one\n  two | y"\nc: \'one\n\n  two | z\'\n';
    const root = parseYamlSource(text).value.documents[0]!.root;
    for (const [key, needle] of [['a', 'x'], ['b', 'y'], ['c', 'z']] as const) {
      const s = scalarAt(root, key);
      const i = (s.value as string).lastIndexOf(needle);
      expect(text.slice(s.offsetOf(i), s.offsetOf(i) + 1)).toBe(needle);
    }
  });
});
