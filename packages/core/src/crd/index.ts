/**
 * The instance CRD kro v0.9.3 generates for an RGD (`pkg/graph/crd`), with flect's pluralization and the labels
 * kro's controller adds.
 */
export { generateCrd, DEFAULT_CRD_GROUP, type CrdSchemaFields, type GenerateCrdOptions } from './generateCrd.js';
export type { CustomResourceDefinition, CrdMetadata, CrdSpec, CrdNames, CrdScope, CrdVersionSpec, PrinterColumn } from './CustomResourceDefinition.js';
export { pluralize } from './pluralize.js';
export { canonicalSchema } from './canonicalSchema.js';
export { injectStatusFields } from './injectStatusFields.js';
export { kroCrdLabels, KRO_CRD_LABELS, DEFAULT_KRO_VERSION, type KroCrdLabelOptions } from './kroCrdLabels.js';
