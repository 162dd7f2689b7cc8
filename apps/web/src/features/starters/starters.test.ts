import { createSchemaRegistry, validateSource } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { STARTERS } from './starters';

const registry = createSchemaRegistry({}).value;

describe('starters', () => {
  it.each(STARTERS.map((s) => [s.id, s] as const))('%s validates cleanly', (_id, starter) => {
    const result = validateSource(starter.text, { registry });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.rgds).toHaveLength(1);
  });

  it('the app + database starter wires the app to the database', () => {
    const graph = validateSource(STARTERS.find((s) => s.id === 'app-database')!.text, { registry }).rgds[0]!.graph;
    expect(graph.edges.filter((e) => e.from === 'app').map((e) => e.to).sort()).toEqual(['database', 'dbSecret', 'dbService']);
  });
});
