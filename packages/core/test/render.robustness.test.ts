import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../src/schemas/index.js';
import { renderInstance } from '../src/render/renderInstance.js';

/**
 * Render never throws on user input: every render fixture with its instance (and its RGD) cut, duplicated and
 * spliced at seeded random places must come back as a result with diagnostics, not an exception.
 */
const dir = new URL('./fixtures/render/', import.meta.url).pathname;
const names = readdirSync(dir).filter((f) => f.endsWith('.rgd.yaml')).map((f) => f.replace(/\.rgd\.yaml$/, '')).sort();
const registry = createSchemaRegistry({}).value;

function mutate(text: string, seed: number): string {
  let s = seed;
  const next = (n: number) => (s = (s * 1103515245 + 12345) % 2147483648) % Math.max(1, n);
  const a = next(text.length);
  const b = a + next(40);
  switch (next(4)) {
    case 0:
      return text.slice(0, a) + text.slice(b);
    case 1:
      return text.slice(0, a) + text.slice(a, b) + text.slice(a);
    case 2:
      return text.slice(0, a) + ['${', '}', ': ', '\n  - ', '"', 'null', '[]', '{}', '-1'][next(9)] + text.slice(a);
    default:
      return text.slice(0, a) + text.slice(b, b + 20) + text.slice(a, b) + text.slice(b + 20);
  }
}

describe('render robustness', () => {
  for (const name of names) {
    it(`${name}: mutated instances and RGDs end in diagnostics, never a throw`, () => {
      const rgd = readFileSync(join(dir, `${name}.rgd.yaml`), 'utf8');
      const instance = readFileSync(join(dir, `${name}.instance.yaml`), 'utf8');
      for (let seed = 1; seed <= 12; seed++) {
        const i = mutate(instance, seed * 7919);
        const r = renderInstance(rgd, registry, i, { featureGates: { CELOmitFunction: true } });
        expect(Array.isArray(r.resources)).toBe(true);
        if (!r.valid) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }
      for (let seed = 1; seed <= 4; seed++) {
        const r = renderInstance(mutate(rgd, seed * 104729), registry, instance);
        expect(Array.isArray(r.resources)).toBe(true);
      }
    });
  }
});
