import type { Diagnostic, Fix, RelatedInformation, Span } from './Diagnostic.js';
import { defaultSeverity, type DiagnosticCode } from './codes.js';

export interface DiagnosticExtras {
  readonly resourceId?: string;
  readonly related?: readonly RelatedInformation[];
  readonly fixes?: readonly Fix[];
  readonly severity?: Diagnostic['severity'];
}

/** Builds a diagnostic with the catalog's default severity. */
export function createDiagnostic(
  code: DiagnosticCode,
  message: string,
  span: Span,
  path: string,
  extras: DiagnosticExtras = {},
): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code,
    severity: extras.severity ?? defaultSeverity(code),
    message,
    span,
    path,
  };
  if (extras.resourceId !== undefined) d.resourceId = extras.resourceId;
  if (extras.related !== undefined && extras.related.length > 0) d.related = extras.related;
  if (extras.fixes !== undefined && extras.fixes.length > 0) d.fixes = extras.fixes;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
