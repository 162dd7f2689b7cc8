import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../src/schemas/index.js';
import { validateSource } from '../src/rgd/validateSource.js';
import { corpusFiles } from './corpusPath.js';

const registry = createSchemaRegistry({}).value;

/** Deterministic pseudo-random numbers so a failure reproduces. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('bad input never crashes or hangs', () => {
  it('random bytes end in diagnostics', { timeout: 10_000 }, () => {
    const rand = lcg(1);
    for (let n = 0; n < 50; n++) {
      const bytes = Uint8Array.from({ length: 2000 }, () => Math.floor(rand() * 256));
      const result = validateSource(new TextDecoder().decode(bytes), { registry });
      expect(result.valid === false || result.rgds.length === 0).toBe(true);
    }
  });

  it('hostile shapes end in a located error diagnostic', { timeout: 20_000 }, () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const k of 'bcdefghi') {
      bomb += `${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = k;
    }
    const rgdWithMarker = (marker: string) =>
      `apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\nspec:\n  schema:\n    apiVersion: v1alpha1\n    kind: X\n    spec:\n      f: string | ${marker}\n`;
    const cases: [string, string, string][] = [
      ['deep flow nesting', '['.repeat(10_000) + ']'.repeat(10_000), 'input/too-deep'],
      ['deep block nesting', '- '.repeat(10_000) + 'x', 'input/too-deep'],
      ['alias bomb', bomb, 'input/alias-limit'],
      ['5 MB file', 'a: b\n'.repeat(1_100_000), 'input/too-large'],
      ['100,000-character marker', rgdWithMarker(`description="${'x'.repeat(100_000)}`), 'simpleschema/marker-syntax'],
      ['100,000-character unknown marker', rgdWithMarker(`${'x'.repeat(100_000)}=1`), 'simpleschema/unknown-marker'],
    ];
    for (const [name, text, expected] of cases) {
      const result = validateSource(text, { registry });
      const codes = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      expect(codes.length, name).toBeGreaterThan(0);
      if (expected !== 'error') expect(codes, name).toContain(expected);
    }
  });

  it('mutated corpus RGDs never throw', { timeout: 60_000 }, () => {
    const rand = lcg(7);
    const sources = corpusFiles('kro-examples').slice(0, 40).map((f) => readFileSync(f, 'utf8'));
    for (const text of sources) {
      for (let m = 0; m < 10; m++) {
        const at = Math.floor(rand() * text.length);
        const len = Math.floor(rand() * 20);
        const junk = ['', ':', '- ', '{', '}', '"', "'", '|', '${', '\t', '\n  ', '&a ', '*a', '!!int '][Math.floor(rand() * 14)]!;
        const mutated = text.slice(0, at) + junk + text.slice(at + len);
        expect(() => validateSource(mutated, { registry })).not.toThrow();
      }
    }
  });
});
