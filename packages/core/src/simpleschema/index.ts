/**
 * SimpleSchema → OpenAPI v3, as kro v0.9.3 (`pkg/simpleschema`). The entry point is {@link buildSpecSchema}; the
 * lower-level parsers work on plain strings with index-located errors, for editor completion and hover.
 */
export { buildSpecSchema, type BuildSpecSchemaOptions, type SpecSchema } from './buildSpecSchema.js';
export { parseField, type ParsedField } from './parseField.js';
export {
  parseTypeExpression,
  customTypeRefs,
  ATOMIC_TYPE_NAMES,
  MAX_TYPE_NESTING_DEPTH,
  type AtomicTypeName,
  type TypeExpr,
  type TypeExpressionResult,
} from './parseTypeExpression.js';
export { parseMarkers, markerValueOffset, isMarkerName, MARKER_NAMES, type Marker, type MarkerName, type MarkersResult } from './parseMarkers.js';
export { applyMarkers, type ApplyMarkersOptions, type MarkerOutcome } from './applyMarkers.js';
export { checkRe2Pattern, type Re2Error } from './checkRe2Pattern.js';
export type { SimpleSchemaError } from './SimpleSchemaError.js';
