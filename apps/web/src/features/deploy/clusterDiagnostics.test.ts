import type { Diagnostic as ContractDiagnostic } from '@kro-designer/contracts';
import { describe, expect, it } from 'vitest';
import type { DesignSnapshot } from '../validation/protocol';
import { withClusterDiagnostics } from './clusterDiagnostics';

const snapshot: DesignSnapshot = { version: 3, diagnostics: [], positions: [], rgdCount: 1, valid: true, elapsedMs: 1 };
const kro: ContractDiagnostic = {
  code: 'kro/graph-rejected',
  severity: 'error',
  message: 'kro rejected the graph: unknown field "replica"',
  span: { start: 40, end: 47 },
  range: { start: { line: 4, column: 5 }, end: { line: 4, column: 12 } },
  path: 'spec.resources[0].template.spec.replica',
  resourceId: 'deployment',
};

describe('withClusterDiagnostics', () => {
  it('adds kro’s located diagnostics with their positions while the text is the one deployed', () => {
    const merged = withClusterDiagnostics(snapshot, 'text', { text: 'text', source: 'kro', diagnostics: [kro] })!;
    expect(merged.diagnostics).toHaveLength(1);
    expect(merged.diagnostics[0]).toMatchObject({ code: 'kro/graph-rejected', resourceId: 'deployment', span: { start: 40 } });
    expect(merged.diagnostics[0]).not.toHaveProperty('range');
    expect(merged.positions).toEqual([{ line: 4, column: 5 }]);
    expect(merged.valid).toBe(false);
  });

  it('drops them once the text changed, and does not repeat what the validator already says', () => {
    expect(withClusterDiagnostics(snapshot, 'edited', { text: 'text', source: 'kro', diagnostics: [kro] })).toBe(snapshot);
    const { range: _r, ...same } = kro;
    const already = { ...snapshot, diagnostics: [same as unknown as DesignSnapshot['diagnostics'][number]], positions: [{ line: 4, column: 5 }] };
    expect(withClusterDiagnostics(already, 'text', { text: 'text', source: 'kro', diagnostics: [kro] })).toBe(already);
  });
});
