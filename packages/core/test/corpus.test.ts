import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../src/schemas/index.js';
import { validateSource } from '../src/rgd/validateSource.js';
import { CORPUS_DIR, corpusFiles } from './corpusPath.js';

const registry = createSchemaRegistry({}).value;
const files = corpusFiles('kro-examples');

describe('kro examples corpus', () => {
  const rgdFiles = files.filter((f) => /kind:\s*ResourceGraphDefinition/.test(readFileSync(f, 'utf8')));

  it('finds the 57 RGD files the corpus documents', () => {
    expect(rgdFiles.length).toBe(57);
  });

  // Kubernetes-only examples must be clean; the others may fail only because a CRD was not supplied, and then the
  // diagnostic must name the missing kind.
  for (const file of rgdFiles) {
    const name = relative(CORPUS_DIR, file);
    it(`${name}: valid, or missing only CRD schemas`, () => {
      const text = readFileSync(file, 'utf8');
      const result = validateSource(text, { registry });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const other = errors.filter((d) => d.code !== 'schema/unknown-kind');
      expect(other.map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([]);
      for (const d of errors) {
        const kind = text.slice(d.span.start, d.span.end);
        expect(d.message).toContain(kind);
        expect(d.message).toMatch(/schema not found/);
      }
      if (/kro-examples\/(kubernetes|graph)\//.test(file)) expect(errors).toEqual([]);
    });
  }
});
