import type { Severity } from '../diagnostics/Diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';

/**
 * A problem found inside one SimpleSchema field string, located by UTF-16 indices `[start, end)` into that string
 * (not into the file): the low-level parsers work on plain strings so the editor can call them on any text, and the
 * schema builder maps indices to file offsets with `LocatedScalar.offsetOf`.
 */
export interface SimpleSchemaError {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** Overrides the catalog's severity (used for warnings of ours that share a kro code's family). */
  readonly severity?: Severity;
}

export function schemaError(code: DiagnosticCode, message: string, start: number, end: number): SimpleSchemaError {
  return { code, message, start, end: Math.max(start, end) };
}
