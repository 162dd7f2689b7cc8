import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSpecSchema } from '../src/simpleschema/index.js';
import { getValue, parseYamlSource } from '../src/source/index.js';
import { CORPUS_DIR } from './corpusPath.js';

/**
 * Every RGD of kro v0.9.3's `examples/` (in `../shared/corpus/kro-examples`, or `$KRO_CORPUS`) against what kro itself generates for
 * its `spec:`/`types:` blocks: `fixtures/simpleschema/corpus-kro-specs.json` holds, per `<file>#<document>`, kro's
 * verdict and schema, recorded by running kro's `simpleschema.ToOpenAPISpec` (required lists sorted, as kro does
 * after v0.9.3). Seven ack-controller examples are rejected by kro itself (an unquoted default with spaces).
 */
const corpus = join(CORPUS_DIR, 'kro-examples');
const expectations = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'simpleschema', 'corpus-kro-specs.json'), 'utf8')) as Record<
  string,
  { kro: string; spec?: unknown }
>;

describe('SimpleSchema on kro examples', () => {
  it('covers the example RGDs', () => {
    expect(Object.keys(expectations).length).toBe(56);
  });

  for (const [key, expected] of Object.entries(expectations)) {
    it(key, () => {
      const [file, doc] = key.split('#') as [string, string];
      const text = readFileSync(join(corpus, file), 'utf8');
      const root = parseYamlSource(text).value.documents[Number(doc)]?.root;
      const schema = getValue(getValue(root, 'spec'), 'schema');
      const result = buildSpecSchema(getValue(schema, 'spec'), getValue(schema, 'types'), { path: 'spec.schema' });
      if (expected.kro === 'accepted') {
        expect(result.diagnostics).toEqual([]);
        expect(result.value.spec).toEqual(expected.spec);
      } else {
        const inner = expected.kro.replace(/^rejected: (field [^:]*: )*/, '');
        expect(result.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining(inner));
      }
    });
  }

  it('webapp and defaults examples build cleanly', () => {
    for (const file of ['kubernetes/webapp/rg.yaml', 'kubernetes/defaults/rg.yaml']) {
      const root = parseYamlSource(readFileSync(join(corpus, file), 'utf8')).value.documents[0]?.root;
      const schema = getValue(getValue(root, 'spec'), 'schema');
      const result = buildSpecSchema(getValue(schema, 'spec'), getValue(schema, 'types'), { path: 'spec.schema' });
      expect(result.diagnostics).toEqual([]);
      expect(result.value.spec.type).toBe('object');
    }
  });
});
