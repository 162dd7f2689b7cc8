import type { Severity } from './Diagnostic.js';

/**
 * The catalog of stable diagnostic codes. Codes never change meaning once released; new problems get new codes.
 * `kro` marks codes whose message text is kro v0.9.3's own (possibly followed by an explanation of ours).
 */
export const DIAGNOSTIC_CATALOG = {
  // Input limits and raw text problems.
  'input/too-large': { severity: 'error', kro: false, title: 'The file is larger than the validator accepts' },
  'input/too-deep': { severity: 'error', kro: false, title: 'The document nests deeper than the validator accepts' },
  'input/alias-limit': { severity: 'error', kro: false, title: 'Too many YAML alias expansions (possible alias bomb)' },
  'input/binary': { severity: 'error', kro: false, title: 'The file is not text' },
  'input/empty': { severity: 'warning', kro: false, title: 'The file holds no YAML document' },
  'input/read-failed': { severity: 'error', kro: false, title: 'The file could not be read' },

  // YAML syntax.
  'yaml/syntax': { severity: 'error', kro: false, title: 'YAML syntax error' },
  'yaml/duplicate-key': { severity: 'warning', kro: false, title: 'A mapping repeats a key; the last value wins, as with kubectl' },
  'yaml/warning': { severity: 'warning', kro: false, title: 'YAML warning' },

  // Documents that are not RGDs.
  'document/not-rgd': { severity: 'info', kro: false, title: 'The document is not a ResourceGraphDefinition' },
  'document/not-object': { severity: 'error', kro: false, title: 'The document is not a Kubernetes object' },

  // The RGD's own shape, checked against kro's ResourceGraphDefinition CRD.
  'rgd/unknown-field': { severity: 'error', kro: false, title: 'Field not defined by the ResourceGraphDefinition CRD' },
  'rgd/wrong-type': { severity: 'error', kro: false, title: 'Field has the wrong type' },
  'rgd/missing-field': { severity: 'error', kro: false, title: 'Required field is missing' },
  'rgd/invalid-value': { severity: 'error', kro: false, title: 'Value violates the CRD (pattern, enum, length or count)' },
  'rgd/template-or-externalref': { severity: 'error', kro: true, title: 'A resource needs exactly one of template or externalRef' },
  'rgd/externalref-name-or-selector': { severity: 'error', kro: true, title: 'An externalRef needs exactly one of name or selector' },
  'rgd/foreach-dimension': { severity: 'error', kro: true, title: 'A forEach dimension must hold exactly one iterator' },
  'rgd/externalref-with-foreach': { severity: 'error', kro: true, title: 'externalRef cannot be combined with forEach' },

  // Naming rules (pkg/graph/validation.go).
  'naming/kind': { severity: 'error', kro: true, title: 'Kind is not UpperCamelCase' },
  'naming/id-reserved': { severity: 'error', kro: true, title: 'Resource id is a reserved word' },
  'naming/id-invalid': { severity: 'error', kro: true, title: 'Resource id is not lowerCamelCase' },
  'naming/id-duplicate': { severity: 'error', kro: true, title: 'Two resources share an id' },
  'naming/iterator-invalid': { severity: 'error', kro: true, title: 'forEach iterator name is not lowerCamelCase' },
  'naming/iterator-reserved': { severity: 'error', kro: true, title: 'forEach iterator name is a reserved word' },
  'naming/iterator-conflict': { severity: 'error', kro: true, title: 'forEach iterator name equals a resource id' },
  'naming/iterator-duplicate': { severity: 'error', kro: true, title: 'forEach iterator name repeats' },
  'naming/foreach-too-many': { severity: 'error', kro: true, title: 'Too many forEach dimensions' },

  // SimpleSchema (pkg/simpleschema).
  'simpleschema/unexpected-type': { severity: 'error', kro: true, title: 'A schema field is neither a type string nor a map' },
  'simpleschema/empty-type': { severity: 'error', kro: true, title: 'Empty type' },
  'simpleschema/empty-slice-element': { severity: 'error', kro: true, title: 'Slice without element type' },
  'simpleschema/map-key': { severity: 'error', kro: true, title: 'Map key type is not string' },
  'simpleschema/map-value': { severity: 'error', kro: true, title: 'Map without value type' },
  'simpleschema/nesting-too-deep': { severity: 'error', kro: true, title: 'Type nesting deeper than 16' },
  'simpleschema/unknown-type': { severity: 'error', kro: true, title: 'Unknown type' },
  'simpleschema/marker-syntax': { severity: 'error', kro: true, title: 'Marker syntax error' },
  'simpleschema/unknown-marker': { severity: 'error', kro: true, title: 'Unknown marker' },
  'simpleschema/marker-value': { severity: 'error', kro: true, title: 'Marker value cannot be parsed' },
  'simpleschema/marker-not-applicable': { severity: 'error', kro: true, title: 'Marker does not apply to this type' },
  'simpleschema/invalid-default': { severity: 'error', kro: true, title: 'Default value does not match the type' },
  'simpleschema/invalid-pattern': { severity: 'error', kro: true, title: 'Pattern is not a valid RE2 regular expression' },
  'simpleschema/list-type': { severity: 'error', kro: true, title: 'Inconsistent listType / listMapKey / uniqueItems' },
  'simpleschema/type-cycle': { severity: 'error', kro: true, title: 'Custom types depend on each other in a cycle' },
  'simpleschema/type-not-found': { severity: 'error', kro: true, title: 'A custom type refers to a type that does not exist' },
  'simpleschema/invalid-default-json': { severity: 'warning', kro: false, title: 'Default is not valid JSON; the API server will reject the CRD' },
  'simpleschema/invalid-json-value': { severity: 'warning', kro: false, title: 'A marker value kro accepts cannot be written as JSON; the CRD cannot be created' },
  'simpleschema/default-type-mismatch': { severity: 'warning', kro: false, title: 'Default does not match the field type; the API server will reject the CRD' },
  'simpleschema/field-name-not-in-cel': { severity: 'warning', kro: false, title: 'Field name cannot be referenced from CEL expressions' },
  'simpleschema/unusable-type-name': { severity: 'warning', kro: false, title: 'A custom type name can never be referenced' },

  // Resources and the schema registry.
  'resource/not-kubernetes-object': { severity: 'error', kro: true, title: 'Template is not a Kubernetes object' },
  'resource/invalid-apiversion': { severity: 'error', kro: true, title: 'apiVersion cannot be parsed' },
  'resource/namespace-scope': { severity: 'error', kro: true, title: 'metadata.namespace does not fit the scope of the kind or the instance' },
  'resource/reserved-metadata': { severity: 'error', kro: true, title: 'Template sets a kro-owned label or annotation' },
  'resource/expression-in-gvk': { severity: 'error', kro: false, title: 'apiVersion and kind cannot be expressions' },
  'template/unknown-field': { severity: 'error', kro: true, title: 'Template field not defined by the kind\'s schema' },
  'template/literal-type': { severity: 'error', kro: true, title: 'Literal value has the wrong type for its field' },
  'template/schema': { severity: 'error', kro: true, title: 'The kind\'s schema cannot be used at this path' },
  'template/crd-expression': { severity: 'error', kro: true, title: 'CRD templates allow expressions only under metadata' },
  'cel/nested-expression': { severity: 'error', kro: true, title: 'Nested ${...} outside a string literal' },
  'cel/not-standalone': { severity: 'error', kro: true, title: 'Only a standalone ${...} expression is allowed here' },
  'status/conditions': { severity: 'error', kro: true, title: 'status.conditions must be a list of expressions' },
  'status/no-expression': { severity: 'error', kro: true, title: 'Status fields must hold an expression' },
  'status/no-reference': { severity: 'error', kro: true, title: 'A status expression must reference a resource or the schema' },
  'cel/parse': { severity: 'error', kro: true, title: 'CEL syntax error' },
  'cel/unknown-identifier': { severity: 'error', kro: true, title: 'Reference to an identifier that does not exist in this context' },
  'cel/unknown-function': { severity: 'error', kro: true, title: 'Call to a function kro does not provide' },
  'graph/self-reference': { severity: 'error', kro: true, title: 'A resource references itself' },
  'graph/cycle': { severity: 'error', kro: true, title: 'Resources depend on each other in a cycle' },
  'graph/foreach-iterator-reference': { severity: 'error', kro: true, title: 'A forEach dimension references another iterator' },
  'graph/foreach-identity': { severity: 'error', kro: true, title: 'A forEach iterator is missing from the resource identity' },
  'cel/omit-context': { severity: 'error', kro: true, title: 'omit() used outside a template field it may remove' },
  'graph/runtime-context': { severity: 'error', kro: true, title: 'runtime is only available in status.conditions' },
  'schema/unknown-kind': { severity: 'error', kro: true, title: 'No schema is known for the kind' },
  'schema/invalid-crd': { severity: 'error', kro: false, title: 'A supplied CRD file cannot be used' },
  'schema/not-crd': { severity: 'info', kro: false, title: 'A document in a CRD file is not a CustomResourceDefinition and was skipped' },
  'schema/duplicate-kind': { severity: 'warning', kro: false, title: 'Two supplied CRDs define the same kind; the later one is used' },

  // cel types: type-checking expressions in kro's typed environment (src/cel/types).
  'cel/undefined-field': { severity: 'error', kro: true, title: 'Selection of a field the type does not declare' },
  'cel/no-overload': { severity: 'error', kro: true, title: 'No function or operator overload accepts these argument types' },
  'cel/check': { severity: 'error', kro: false, title: 'The expression does not type-check' },
  'cel/type-mismatch': { severity: 'error', kro: true, title: 'Expression type does not fit the field it fills' },
  'cel/not-bool': { severity: 'error', kro: true, title: 'includeWhen or readyWhen does not return bool' },
  'cel/not-list': { severity: 'error', kro: true, title: 'forEach does not return a list' },
  'cel/not-condition': { severity: 'error', kro: true, title: 'A status condition does not return runtime.newCondition(...)' },

  // Instances: what the API server checks against the generated CRD before kro sees an instance (src/render).
  'instance/invalid': { severity: 'error', kro: false, title: 'The instance is not a single Kubernetes object' },
  'instance/wrong-kind': { severity: 'error', kro: false, title: 'The instance apiVersion or kind does not match the RGD' },
  'instance/unknown-field': { severity: 'error', kro: false, title: 'Field not defined by the instance CRD' },
  'instance/wrong-type': { severity: 'error', kro: false, title: 'Instance field has the wrong type' },
  'instance/missing-field': { severity: 'error', kro: false, title: 'Required instance field is missing' },
  'instance/invalid-value': { severity: 'error', kro: false, title: 'Instance value violates the CRD (enum, pattern, bounds, length)' },

  // Rendering an instance: evaluation as kro's runtime does it (src/render).
  'render/rgd-invalid': { severity: 'error', kro: false, title: 'The RGD has errors, so nothing is rendered' },
  'render/evaluation': { severity: 'error', kro: true, title: 'An expression failed when evaluated for this instance' },
  'render/not-bool': { severity: 'error', kro: true, title: 'includeWhen did not return a bool' },
  'render/not-list': { severity: 'error', kro: true, title: 'A forEach dimension did not return a list' },
  'render/identity-collision': { severity: 'error', kro: true, title: 'Two forEach items resolve to the same object' },
  'render/collection-size': { severity: 'error', kro: true, title: 'A forEach expands to more items than kro allows' },
  'render/namespace': { severity: 'error', kro: true, title: 'A namespaced resource of a cluster-scoped instance has no namespace' },
  'render/unset-field': { severity: 'warning', kro: false, title: 'An expression reads an instance field that is not set, so kro waits forever' },
  'render/duplicate-object': { severity: 'error', kro: true, title: 'Two resources resolve to the same object' },
} as const satisfies Record<string, { severity: Severity; kro: boolean; title: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOG;

export function defaultSeverity(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CATALOG[code].severity;
}
