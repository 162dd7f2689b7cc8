import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/Diagnostic.js';
import { buildSpecSchema } from '../src/simpleschema/index.js';
import { getValue, LineIndex, parseYamlSource } from '../src/source/index.js';

/**
 * The SimpleSchema fixture corpus: one RGD per rule or edge case (`<name>.yaml`, its header comment says what it
 * shows) and what we expect (`<name>.expected.json`):
 *
 * - `diagnostics`: code, severity, message, path and range (`line:col-line:col`, 1-based, end exclusive);
 * - `spec`: the instance spec schema — kro's own output when kro accepts the schema, ours (with failing fields
 *   left out) when it does not;
 * - `kro`: kro v0.9.3's verdict, recorded by running kro's `simpleschema.ToOpenAPISpec` on the same file (through
 *   `sigs.k8s.io/yaml`, as kubectl and the API server would): `accepted`, `rejected: <kro's error>`, or accepted
 *   with a CRD that cannot be serialised.
 *
 * Besides matching the expectations exactly, every fixture must agree with kro's verdict: no errors when kro
 * accepts, and kro's innermost error text among ours when it rejects (kro reports only one, picked in Go map order).
 */
const dir = join(import.meta.dirname, 'fixtures', 'simpleschema');

interface Expected {
  readonly kro: string;
  readonly diagnostics: readonly { code: string; severity: string; message: string; path: string; range: string }[];
  readonly spec: unknown;
}

function run(text: string) {
  const source = parseYamlSource(text);
  const root = source.value.documents[0]?.root;
  const schema = getValue(getValue(root, 'spec'), 'schema');
  const result = buildSpecSchema(getValue(schema, 'spec'), getValue(schema, 'types'), { path: 'spec.schema' });
  return { source, result };
}

function toExpected(d: Diagnostic, lines: LineIndex) {
  const s = lines.positionAt(d.span.start);
  const e = lines.positionAt(d.span.end);
  return { code: d.code, severity: d.severity, message: d.message, path: d.path, range: `${s.line}:${s.column}-${e.line}:${e.column}` };
}

/** kro's message without its `field x: `, `parsing type T: ` and `building schema for T: ` wrapping. */
function innermost(kroError: string): string {
  let inner = kroError;
  for (;;) {
    const m = /^(field [^:]*: |parsing type \S+: |building schema for \S+: )/.exec(inner);
    if (!m) return inner;
    inner = inner.slice(m[0].length);
  }
}

/** The node set of a `graph contains a cycle: A -> B -> A` message (kro's starting node depends on map order). */
function cycleNodes(message: string): string | undefined {
  const m = /^cyclic dependency in type \S+: graph contains a cycle: (.*?)(?: \(|$)/.exec(message);
  return m ? [...new Set(m[1]!.split(' -> '))].sort().join(',') : undefined;
}

const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('SimpleSchema fixtures', () => {
  it('has a fixture per rule', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(50);
  });

  for (const file of fixtures) {
    const name = file.replace(/\.yaml$/, '');
    it(name, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
      const { source, result } = run(text);
      expect(source.diagnostics).toEqual([]);
      const lines = new LineIndex(text);
      expect(result.diagnostics.map((d) => toExpected(d, lines))).toEqual(expected.diagnostics);
      expect(result.value.spec).toEqual(expected.spec);

      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (expected.kro.startsWith('accepted')) {
        expect(errors).toEqual([]);
      } else {
        expect(errors.length).toBeGreaterThan(0);
        if (expected.kro.startsWith('rejected: ')) {
          const inner = innermost(expected.kro.slice('rejected: '.length));
          const cycle = cycleNodes(inner);
          const found = errors.some(
            // The recorded text is trimmed, so kro's `got: ` (empty value) is compared without trailing space.
            (d) => d.message.trimEnd() === inner || d.message.startsWith(`${inner} (`) || (cycle !== undefined && cycleNodes(d.message) === cycle),
          );
          expect(found, `kro's error "${inner}" is among ours`).toBe(true);
        }
      }
    });
  }
});
