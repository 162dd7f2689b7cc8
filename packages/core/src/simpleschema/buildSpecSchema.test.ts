import { describe, expect, it } from 'vitest';
import { fromPlain, getValue, parseYamlSource } from '../source/index.js';
import { buildSpecSchema } from './buildSpecSchema.js';

function build(yaml: string, path = 'spec.schema') {
  const root = parseYamlSource(yaml).value.documents[0]?.root;
  return buildSpecSchema(getValue(root, 'spec'), getValue(root, 'types'), { path });
}

describe('buildSpecSchema', () => {
  it('returns the spec schema and every built custom type', () => {
    const r = build(`
types:
  Port: integer | default=80
  Server:
    port: Port
spec:
  server: Server
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.types.get('Port')).toEqual({ type: 'integer', default: 80 });
    expect(r.value.types.get('Server')).toEqual({ type: 'object', default: {}, properties: { port: { type: 'integer', default: 80 } } });
    expect(r.value.spec).toEqual({
      type: 'object',
      default: {},
      properties: { server: { type: 'object', default: {}, properties: { port: { type: 'integer', default: 80 } } } },
    });
  });

  it('deep-copies a type at each use site', () => {
    const r = build(`
types:
  Server:
    host: string
spec:
  a: Server | description=first
  b: Server
`);
    const spec = r.value.spec;
    expect(spec.properties?.a?.description).toBe('first');
    expect(spec.properties?.b?.description).toBeUndefined();
    spec.properties!.b!.properties!.host!.description = 'mutated';
    expect(r.value.types.get('Server')?.properties?.host?.description).toBeUndefined();
  });

  it('builds from plain data as well as from located YAML', () => {
    const spec = fromPlain({ name: 'string | required=true', replicas: 'integer | default=1' });
    const r = buildSpecSchema(spec, undefined, { path: 'spec.schema' });
    expect(r.value.spec).toEqual({
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, replicas: { type: 'integer', default: 1 } },
    });
  });

  it('uses the given path for diagnostics', () => {
    const r = build('spec:\n  a: number\n', 'spec.schema');
    expect(r.diagnostics[0]?.path).toBe('spec.schema.spec.a');
    const t = build('types:\n  T:\n    x: "[]"\n');
    expect(t.diagnostics[0]?.path).toBe('spec.schema.types.T.x');
  });

  it('treats a missing or null block as empty and reports other shapes only when asked', () => {
    expect(buildSpecSchema(undefined, undefined, { path: 'spec.schema' })).toEqual({ value: { spec: { type: 'object' }, types: new Map() }, diagnostics: [] });
    const root = parseYamlSource('spec: [a]\ntypes: 5\n').value.documents[0]?.root;
    const quiet = buildSpecSchema(getValue(root, 'spec'), getValue(root, 'types'), { path: 'spec.schema' });
    expect(quiet.diagnostics).toEqual([]);
    const loud = buildSpecSchema(getValue(root, 'spec'), getValue(root, 'types'), { path: 'spec.schema', checkBlockShape: true });
    expect(loud.diagnostics.map((d) => d.message)).toEqual([
      'failed to unmarshal spec schema: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
      'failed to unmarshal predefined types: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go value of type map[string]interface {}',
    ]);
  });

  it('never throws on arbitrary field strings', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const alphabet = ' |=[]{}"\\,:map[string]integer ofloat required default enum pattern listType listMapKey uniqueItems \u00a0\t\n()?*+';
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const len = next() % 60;
      for (let k = 0; k < len; k++) s += alphabet[next() % alphabet.length];
      expect(() => buildSpecSchema(fromPlain({ f: s }), fromPlain({ T: s }), { path: 'spec.schema' })).not.toThrow();
    }
  });

  it('handles a 100,000-character marker string in well under a second', () => {
    const values = [
      `string | description="${'a b '.repeat(25_000)}"`,
      `string | pattern=${'(a|b)'.repeat(20_000)}`,
      `string | pattern=${'('.repeat(100_000)}`,
      `[]string | default=[${'"x",'.repeat(25_000)}"y"]`,
      `string | ${'requried=true '.repeat(7_000)}`,
      `string | enum=${'a,'.repeat(50_000)}b`,
    ];
    for (const v of values) {
      const yaml = `spec:\n  f: ${JSON.stringify(v)}\n`;
      const r = build(yaml);
      expect(r.value.spec.type).toBe('object');
    }
  });

  it('builds a 5,000-field schema', () => {
    const lines = ['types:', '  Port: integer | default=80 minimum=1', 'spec:'];
    for (let i = 0; i < 5000; i++) lines.push(`  f${i}: ${i % 2 ? 'Port' : '"[]string | uniqueItems=true"'}`);
    const r = build(lines.join('\n'));
    expect(r.diagnostics).toEqual([]);
    expect(Object.keys(r.value.spec.properties ?? {})).toHaveLength(5000);
  });
});
