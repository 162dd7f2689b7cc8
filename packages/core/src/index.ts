/**
 * @kro-designer/core — reads ResourceGraphDefinitions exactly as kro v0.9.3 does, with no I/O.
 * Curated exports, one group per stage.
 */
export * from './diagnostics/index.js';
export * from './source/index.js';
export * from './schemas/index.js';
export * from './simpleschema/index.js';
export * from './crd/index.js';
export { validateAgainstSchema, jsonTypeOf, type StructuralCodes, type StructuralOptions } from './openapi/validateAgainstSchema.js';
export { closestName, editDistance } from './suggest/closestName.js';
export type { RgdModel, RgdResource, RgdSchemaBlock, ForEachDimension } from './rgd/RgdModel.js';
export type { SchemaLookup, KindInfo } from './rgd/SchemaLookup.js';
export { parseRgd, RGD_CRD_SCHEMA } from './rgd/parseRgd.js';
export { checkNaming } from './rgd/checkNaming.js';
export { checkResources } from './rgd/checkResources.js';
export { RESERVED_WORDS } from './rgd/reservedWords.js';
export { validateRgd, type RgdValidation, type ValidateRgdOptions } from './rgd/validateRgd.js';
export { validateSource, type SourceValidation, type ValidateSourceOptions } from './rgd/validateSource.js';
export { validateFiles, type FileInput, type FilesValidation } from './rgd/validateFiles.js';
export * from './graph/index.js';
export * from './cel/scanner/index.js';
export * from './query/index.js';
export * from './diff/index.js';
export * from './render/index.js';
export {
  checkExpressions,
  expectedType,
  inferStatusSchema,
  schemaOfCelType,
  formatCelType,
  declTypeOf,
  escapeFieldName,
  isAssignableType,
  isBoolOrOptionalBool,
  listElementType,
  typeMismatch,
  structuralIncompatibility,
  parseFieldPath,
  CEL_RESERVED_WORDS,
  type ExpressionSite,
  type CheckExpressionsInput,
  type CheckExpressionsOptions,
  type CheckedSite,
  type ExpressionCheck,
  type CheckScope,
  type ScopeVariable,
  type ScopeField,
  type TypedResource,
  type InstanceTyping,
  type TypedIterator,
  type CelType,
  type DeclType,
  type StatusFieldType,
} from './cel/types/index.js';
export {
  createKroEnvironment,
  KRO_ENVIRONMENT_OPTIONS,
  type KroEnvironmentOptions,
  listCelFunctions,
  celTypeDisplay,
  type CelFunctionInfo,
  isNamespacedFunction,
  isKnownFunction,
  KRO_FUNCTION_NAMESPACES,
  KRO_NAMESPACED_FUNCTIONS,
  checkCelRegex,
  type CelRegexCheck,
  celGoErrorMessage,
  formatCelValue,
  KroCondition,
  KRO_OMIT,
  KroOmit,
  CelQuantity,
  CelURL,
  CelIP,
  CelCIDR,
  CelSemver,
  goDurationString,
  formatRfc3339,
} from './cel/library/index.js';
