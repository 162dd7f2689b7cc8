import { parseMarkers, type Marker } from './parseMarkers.js';
import { parseTypeExpression, type TypeExpr } from './parseTypeExpression.js';
import { schemaError, type SimpleSchemaError } from './SimpleSchemaError.js';

/** A SimpleSchema field string (`[]string | required=true minItems=1`) split into its type and markers. */
export interface ParsedField {
  /** Undefined when the type part has an error. */
  readonly type?: TypeExpr;
  readonly markers: readonly Marker[];
  /** Index of the first `|`, or -1 when the field has no markers. */
  readonly pipe: number;
  /** Type errors first, then marker syntax errors; indices point into the field string. */
  readonly errors: readonly SimpleSchemaError[];
}

/**
 * Parses a whole field string as kro's `ParseField` does (`pkg/simpleschema/parse.go`): the text before the first
 * `|` is the type (trimmed), everything after it the markers. kro gives up after a type error without looking at the
 * markers; this parser reads both so every problem is reported.
 */
export function parseField(text: string): ParsedField {
  const pipe = text.indexOf('|');
  const typeEnd = pipe < 0 ? text.length : pipe;
  const typed = parseTypeExpression(text, 0, typeEnd);
  const errors: SimpleSchemaError[] = typed.errors.map((e) =>
    // A blank type before a `|` has no extent of its own; point at the `|`.
    e.code === 'simpleschema/empty-type' && e.start === e.end && pipe >= 0 ? schemaError(e.code, e.message, pipe, pipe + 1) : e,
  );
  let markers: readonly Marker[] = [];
  if (pipe >= 0) {
    const parsed = parseMarkers(text, pipe + 1, text.length);
    markers = parsed.markers;
    errors.push(...parsed.errors);
  }
  return { ...(typed.type ? { type: typed.type } : {}), markers, pipe, errors };
}
