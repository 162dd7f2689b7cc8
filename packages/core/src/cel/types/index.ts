/**
 * Typed CEL: kro's typed environment from OpenAPI, type-checking of every expression site, kro's type-compatibility
 * rules and status schema inference.
 */
export type { ExpressionSite, ExpressionContext } from './ExpressionSite.js';
export {
  checkExpressions,
  expectedType,
  type CheckExpressionsInput,
  type CheckExpressionsOptions,
  type CheckedSite,
  type ExpressionCheck,
} from './checkExpressions.js';
export type { CheckScope, InstanceTyping, ScopeField, ScopeVariable, TypedIterator, TypedResource } from './createCheckScope.js';
export {
  formatCelType,
  sameCelType,
  celTypeOfDecl,
  primitiveType,
  listType,
  mapType,
  optionalType,
  DYN_TYPE,
  BOOL_TYPE,
  STRING_TYPE,
  type CelType,
  type PrimitiveKind,
} from './CelType.js';
export { declTypeOf, stepDeclType, type DeclType, type DeclField, type SchemaResolve } from './DeclType.js';
export { escapeFieldName, CEL_RESERVED_WORDS } from './escapeFieldName.js';
export { isAssignableType, isBoolOrOptionalBool, listElementType, structuralIncompatibility, typeMismatch, type CompatResolver } from './checkTypeCompatibility.js';
export { inferStatusSchema, schemaOfCelType, type StatusFieldType, type DeclTypeFinder } from './inferStatusSchema.js';
export { parseFieldPath, type FieldPathSegment } from './parseFieldPath.js';
export type { TypeUniverse, ResolvedDecl } from './TypeUniverse.js';
