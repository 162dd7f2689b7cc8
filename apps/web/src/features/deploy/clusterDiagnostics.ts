import type { Diagnostic as ContractDiagnostic } from '@kro-designer/contracts';
import type { Diagnostic } from '@kro-designer/core';
import type { DesignSnapshot } from '../validation/protocol';

/**
 * Diagnostics the cluster gave for one exact text: the server dry-run's, or kro's rejection mapped onto the RGD. They
 * are shown like the validator's (problems, canvas, editor) while the editor still holds that text; after an edit
 * their spans no longer point at the same thing, so they are dropped until the next plan or deploy.
 */
export interface ClusterDiagnostics {
  readonly text: string;
  readonly source: 'dry-run' | 'kro';
  readonly diagnostics: readonly ContractDiagnostic[];
}

/**
 * The core's Diagnostic with a cluster's code. The contract shape is the core's plus a range, but codes from the
 * cluster (kro's rejection, the API server's causes) are not in the core's catalog; every consumer in the web app
 * reads the code as text only, so widening it here is safe.
 */
function asCoreDiagnostic(d: ContractDiagnostic): Diagnostic {
  const { range: _range, ...rest } = d;
  return rest as unknown as Diagnostic;
}

/** Same code, place and message: the validator already reports it, so the cluster's copy is not listed twice. */
const keyOf = (d: { code: string; span: { start: number }; message: string }) => `${d.code}@${d.span.start}:${d.message}`;

/** The snapshot with the cluster's diagnostics appended (when they belong to `text`), positions included. */
export function withClusterDiagnostics(snapshot: DesignSnapshot | undefined, text: string, extra: ClusterDiagnostics | undefined): DesignSnapshot | undefined {
  if (!snapshot || !extra || extra.text !== text || extra.diagnostics.length === 0) return snapshot;
  const seen = new Set(snapshot.diagnostics.map(keyOf));
  const added = extra.diagnostics.filter((d) => !seen.has(keyOf(d)));
  if (added.length === 0) return snapshot;
  return {
    ...snapshot,
    diagnostics: [...snapshot.diagnostics, ...added.map(asCoreDiagnostic)],
    positions: [...snapshot.positions, ...added.map((d) => ({ line: d.range.start.line, column: d.range.start.column }))],
    valid: snapshot.valid && !added.some((d) => d.severity === 'error'),
  };
}
