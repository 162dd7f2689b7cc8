import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/source/LineIndex.js';
import { validateFiles } from '../src/rgd/validateFiles.js';

/**
 * One RGD per kro rule or edge case (kro-spec §3, §4, §10.2) with the diagnostics we expect: code, message and
 * 1-based range. `UPDATE_FIXTURES=1` rewrites the expectations; review the diff before committing it.
 */
const dir = new URL('./fixtures/rules/', import.meta.url).pathname;
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

interface Expected {
  readonly valid: boolean;
  /** The inferred user status fields of the generated CRD (kro's `state` and `conditions` left out). */
  readonly status?: Record<string, unknown>;
  readonly topologicalOrder: readonly string[];
  readonly diagnostics: readonly string[];
}

function actual(file: string): Expected {
  const text = readFileSync(join(dir, file), 'utf8');
  const result = validateFiles([{ path: file, text }]).files[0]!.result;
  const lines = new LineIndex(text);
  const statusProps = result.rgds[0]?.crd?.spec.versions[0]?.schema.openAPIV3Schema.properties?.status?.properties ?? {};
  const status = Object.fromEntries(Object.entries(statusProps).filter(([k]) => k !== 'state' && k !== 'conditions'));
  return {
    valid: result.valid,
    ...(Object.keys(status).length > 0 ? { status } : {}),
    topologicalOrder: result.rgds[0]?.topologicalOrder ?? [],
    diagnostics: result.diagnostics.map((d) => {
      const s = lines.positionAt(d.span.start);
      const e = lines.positionAt(d.span.end);
      return `${s.line}:${s.column}-${e.line}:${e.column} ${d.severity} ${d.code}: ${d.message}`;
    }),
  };
}

describe('rule fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(20));
  for (const file of cases) {
    it(file.replace(/\.yaml$/, ''), () => {
      const expectedPath = join(dir, file.replace(/\.yaml$/, '.expected.json'));
      const got = actual(file);
      if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
      expect(got).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
