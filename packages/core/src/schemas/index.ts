export type { OpenApiSchema } from './OpenApiSchema.js';
export {
  UNKNOWN_FIELD_SCHEMA,
  type DescribeMissingOptions,
  type GroupVersionKind,
  type RegisteredKind,
  type SchemaRegistry,
  type SchemaSource,
} from './SchemaRegistry.js';
export { createSchemaRegistry, type CrdFile, type SchemaRegistryOptions, type SchemaRegistryResult } from './createSchemaRegistry.js';
export { parseCrds, type CrdVersion } from './parseCrds.js';
export { parseApiVersion, formatApiVersion } from './parseApiVersion.js';
export { DEFAULT_SUPPLY_HINT } from './describeMissingKind.js';
export { KUBERNETES_BUNDLE_FORMAT, type BundledKind, type KubernetesSchemaBundle } from './KubernetesSchemaBundle.js';
