import type { DiagnosticCode } from './codes.js';

/** Half-open range `[start, end)` in UTF-16 code units of the source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A secondary location that explains a diagnostic (for example every edge of a cycle). */
export interface RelatedInformation {
  readonly message: string;
  readonly span?: Span;
  readonly path?: string;
  readonly resourceId?: string;
}

/** A text edit proposed as a quick fix. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/**
 * The one diagnostic shape used from the parser to Monaco and the canvas.
 * `path` is the dotted field path inside the document (`spec.schema.spec.name`), empty for the document root.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly path: string;
  readonly resourceId?: string;
  readonly related?: readonly RelatedInformation[];
  readonly fixes?: readonly Fix[];
}

/** What every stage returns: a value (possibly partial) and every problem found on the way. */
export interface StageResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function span(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

export const EMPTY_SPAN: Span = { start: 0, end: 0 };
