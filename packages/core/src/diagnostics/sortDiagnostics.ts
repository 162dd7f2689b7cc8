import type { Diagnostic } from './Diagnostic.js';

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Sorts diagnostics by position (start, then end), then severity, code and message, and drops exact duplicates
 * (same code, span, message and resource). Deterministic output is part of the contract: the CLI, the API and the
 * editor must show the same list in the same order.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.code}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}\u0000${d.resourceId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  return unique.sort(
    (a, b) =>
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
