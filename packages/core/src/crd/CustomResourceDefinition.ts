import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/**
 * The part of `apiextensions.k8s.io/v1` CustomResourceDefinition that kro fills in for an RGD's instance kind.
 * Keys are declared in the order of the Go structs (`k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1`),
 * which is the order `generateCrd` emits them in, so YAML output reads like kro's.
 */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: CrdMetadata;
  spec: CrdSpec;
}

export interface CrdMetadata {
  /** `<plural>.<group>`. */
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface CrdSpec {
  group: string;
  names: CrdNames;
  scope: CrdScope;
  versions: CrdVersionSpec[];
}

export type CrdScope = 'Namespaced' | 'Cluster';

export interface CrdNames {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
}

export interface CrdVersionSpec {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: OpenApiSchema };
  subresources: { status: Record<string, never> };
  additionalPrinterColumns: PrinterColumn[];
}

/** `CustomResourceColumnDefinition`; `priority` 0 and empty strings are left out, as Go's `omitempty` does. */
export interface PrinterColumn {
  name: string;
  /** OpenAPI type of the column: `integer`, `number`, `string`, `boolean` or `date`. */
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}
