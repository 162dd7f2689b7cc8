import { createSchemaRegistry, validateSource } from '@kro-designer/core';
import { describe, expect, it } from 'vitest';
import { STARTERS } from '../starters/starters';
import { summarizeValidation } from '../validation/summarizeValidation';
import { buildFlowGraph, cycleEdgeIds, edgeId } from './buildFlowGraph';

const registry = createSchemaRegistry({}).value;
const snapshotOf = (text: string) => summarizeValidation(validateSource(text, { registry }), 1, 0);
const view = { search: '', cycleEdges: new Set<string>() };

describe('buildFlowGraph', () => {
  it('draws the schema root, one node per resource and one labelled edge per dependency', () => {
    const s = snapshotOf(STARTERS.find((x) => x.id === 'webapp')!.text);
    const g = buildFlowGraph(s.rgd!, s.diagnostics, view);
    expect(g.nodes.map((n) => n.id)).toEqual(['schema', 'deployment', 'service', 'ingress']);
    const dep = g.edges.find((e) => e.id === edgeId('deployment', 'service'))!;
    expect(dep.data).toMatchObject({ variant: 'dependency', fields: ['metadata.name', 'spec.selector.matchLabels'] });
    expect(g.edges.find((e) => e.id === edgeId('schema', 'ingress'))!.data!.fields).toEqual(['spec.ingress']);
    const ingress = g.nodes.find((n) => n.id === 'ingress')!;
    expect(ingress.type === 'resource' && ingress.data.resource.includeWhen).toBe(1);
  });

  it('marks matches and dims the rest while searching; keys the layout by structure only', () => {
    const s = snapshotOf(STARTERS.find((x) => x.id === 'webapp')!.text);
    const a = buildFlowGraph(s.rgd!, s.diagnostics, view);
    const b = buildFlowGraph(s.rgd!, s.diagnostics, { ...view, search: 'serv', selectedId: 'deployment' });
    expect(Object.fromEntries(b.nodes.map((n) => [n.id, n.data.state]))).toEqual({ schema: 'dimmed', deployment: 'selected', service: 'match', ingress: 'dimmed' });
    expect(b.layoutKey).toBe(a.layoutKey);
  });

  it('turns a cycle into edge ids from dependency to dependent', () => {
    expect(cycleEdgeIds(['a', 'b', 'a'])).toEqual([edgeId('b', 'a'), edgeId('a', 'b')]);
  });

  it('keeps repeated ids apart so each resource gets a node', () => {
    const text = STARTERS.find((x) => x.id === 'webapp')!.text.replace('- id: service', '- id: deployment');
    const s = snapshotOf(text);
    const g = buildFlowGraph(s.rgd!, s.diagnostics, view);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
  });
});
