/**
 * An OpenAPI v3 schema as Kubernetes uses it in CRDs (`JSONSchemaProps`), restricted to the fields kro and the
 * API server read. Extension fields keep their `x-kubernetes-*` names.
 */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  required?: string[];
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  nullable?: boolean;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  not?: OpenApiSchema;
  /** Unresolved reference, only inside the bundled Kubernetes definitions (`#/components/schemas/<name>`). */
  $ref?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: { rule: string; message?: string; messageExpression?: string; reason?: string; fieldPath?: string }[];
  /** On built-in definitions: the kinds this definition is the schema of. */
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  /** Strategic-merge-patch hints on built-in definitions (kubectl apply uses them; kro's server-side apply does not). */
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  /** Union discriminators on a few built-in definitions. */
  'x-kubernetes-unions'?: unknown[];
}
