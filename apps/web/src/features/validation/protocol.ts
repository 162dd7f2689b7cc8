import type { Diagnostic, OpenApiSchema, PlainObject, RenderState, Span } from '@kro-designer/core';

export type { PlainObject, RenderState } from '@kro-designer/core';

/** A kind the palette can offer, summarised from the schema registry. */
export interface KindSummary {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly namespaced: boolean;
  /** True when the kind's schema has a `spec` property (so a skeleton gets `spec:`). */
  readonly hasSpec: boolean;
  /** Scalar `status.*` / `spec.*` fields a wire can read from a resource of this kind (wireFields). */
  readonly fields?: readonly string[];
}

/** One resource of the RGD as the canvas draws it. Keyed by the RGD resource id. */
export interface ResourceSummary {
  readonly id: string;
  readonly index: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly idSpan: Span;
  readonly span: Span;
  readonly readyWhen: number;
  readonly includeWhen: number;
  /** Iterator names of forEach dimensions. */
  readonly forEach: readonly string[];
  readonly externalRef: boolean;
  /** Instance fields (`spec.name`) the resource reads through `schema`. */
  readonly schemaFields: readonly string[];
}

/** A dependency: `from` reads `fields` of `to`, so `to` is applied first. */
export interface EdgeSummary {
  readonly from: string;
  readonly to: string;
  readonly fields: readonly string[];
  readonly span: Span;
}

export interface RgdSummary {
  readonly name?: string;
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly schemaSpan?: Span;
  /** Top-level spec field names of the instance schema. */
  readonly specFields: readonly string[];
  readonly resources: readonly ResourceSummary[];
  readonly edges: readonly EdgeSummary[];
  readonly cycles: readonly (readonly string[])[];
  readonly topologicalOrder: readonly string[];
  /** The generated instance CRD as YAML, when the schema allowed one. */
  readonly crdYaml?: string;
  /** The instance schema's fields, for the schema form. */
  readonly schema: SchemaSummary;
  /** OpenAPI schema of the instance's `spec` from the generated CRD (the instance form reads it). */
  readonly specSchema?: OpenApiSchema;
  /** `group/version` of the instance kind (`kro.run/v1alpha1`), from the generated CRD. */
  readonly instanceApiVersion?: string;
}

/** What the validation worker reports for one version of the text. */
export interface DesignSnapshot {
  readonly version: number;
  readonly diagnostics: readonly Diagnostic[];
  /** 1-based line and UTF-16 column of each diagnostic's start, aligned with `diagnostics` (for display). */
  readonly positions: readonly { readonly line: number; readonly column: number }[];
  /** The first RGD of the text; undefined when the text holds none. */
  readonly rgd?: RgdSummary;
  readonly rgdCount: number;
  readonly valid: boolean;
  /** Worker-side validation time in milliseconds. */
  readonly elapsedMs: number;
}

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'variable' | 'field' | 'function';
  readonly detail: string;
  readonly documentation?: string;
  readonly replace: Span;
}

export interface HoverEntry {
  readonly span: Span;
  readonly path: string;
  readonly type: string;
  readonly description?: string;
}

export type WorkerRequest =
  | { readonly type: 'validate'; readonly version: number; readonly text: string }
  | { readonly type: 'query'; readonly requestId: number; readonly version: number; readonly offset: number }
  /** Render an instance (YAML text) of the RGD validated as text `version`. */
  | { readonly type: 'render'; readonly requestId: number; readonly version: number; readonly instance: string }
  /** CRDs of the selected cluster (YAML texts): later validations type-check their kinds too. */
  | { readonly type: 'crds'; readonly crds: readonly ClusterCrdText[] };

/** One CRD read from a cluster, as the worker receives it. */
export interface ClusterCrdText {
  readonly name: string;
  readonly yaml: string;
}

export type WorkerResponse =
  | { readonly type: 'ready'; readonly kinds: readonly KindSummary[]; readonly rgdJsonSchema: unknown }
  | { readonly type: 'snapshot'; readonly snapshot: DesignSnapshot }
  | {
      readonly type: 'query';
      readonly requestId: number;
      /** False when the query arrived for a text version the worker has not validated. */
      readonly answered: boolean;
      readonly completions: readonly CompletionEntry[];
      readonly hover?: HoverEntry;
    }
  | { readonly type: 'error'; readonly message: string }
  | {
      readonly type: 'render';
      readonly requestId: number;
      /** Undefined when the worker no longer holds that text version (superseded) or the text has no RGD. */
      readonly preview?: PreviewSnapshot;
      /** Set when the render engine itself failed (a bug); the preview shows it instead of a result. */
      readonly error?: string;
    };

/** A render diagnostic with the document it is located in, and its 1-based position there (for display). */
export type PreviewDiagnostic = Diagnostic & {
  readonly document: 'rgd' | 'instance';
  readonly line: number;
  readonly column: number;
};

/**
 * One rendered object of a resource. The first objects of each resource come with their YAML text, stringified in
 * the worker; the rest of a large forEach only as data (`objectYaml` stringifies them when they are shown).
 */
export interface PreviewObject {
  readonly name?: string;
  readonly namespace?: string;
  readonly object: PlainObject;
  readonly yaml?: string;
}

/** One RGD resource of a render, in kro's topological order. */
export interface PreviewResource {
  readonly id: string;
  readonly state: RenderState;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly objects: readonly PreviewObject[];
  readonly pending: readonly { readonly path: string; readonly waitsFor: string; readonly expression?: string }[];
  readonly excludedBy?: { readonly resourceId: string; readonly expression?: string };
  readonly cardinality?: number;
  readonly externalRef?: boolean;
  /** Iterator names when the resource is a forEach collection. */
  readonly forEach: readonly string[];
  /** Why an expression of this resource failed (state `error`: kro applies nothing for it). */
  readonly errors: readonly string[];
}

/** What the worker answers for one render: the core's RenderResult, made cheap to draw. */
export interface PreviewSnapshot {
  /** The RGD text version rendered. */
  readonly version: number;
  readonly valid: boolean;
  readonly diagnostics: readonly PreviewDiagnostic[];
  /** The instance after API-server defaulting. */
  readonly instance?: PlainObject;
  readonly resources: readonly PreviewResource[];
  readonly status: PlainObject;
  readonly statusYaml: string;
  readonly elapsedMs: number;
}

/** Which block of `spec.schema` a schema field lives in. */
export type SchemaSection = 'spec' | 'status' | 'types';

/** One marker of a SimpleSchema field: its key, processed value and its exact source text (`key=raw`). */
export interface MarkerSummary {
  readonly key: string;
  readonly value: string;
  readonly raw: string;
  readonly known: boolean;
}

/**
 * One entry of `spec.schema.spec`, `.status` or `.types`, flattened in document order. `path` is the key path from
 * the section (`['ingress', 'host']`); for `types` the first key is the type name.
 */
export interface SchemaFieldSummary {
  readonly path: readonly string[];
  /** `field`: a SimpleSchema string (or a status expression); `object`: a nested mapping; `other`: anything else. */
  readonly shape: 'field' | 'object' | 'other';
  /** The scalar's text (field string or status expression). */
  readonly raw?: string;
  /** The type part of a field string, trimmed; undefined when it does not parse. */
  readonly type?: string;
  readonly markers: readonly MarkerSummary[];
  /** The first SimpleSchema error of the field string. */
  readonly error?: string;
}

export interface SchemaSummary {
  readonly spec: readonly SchemaFieldSummary[];
  readonly status: readonly SchemaFieldSummary[];
  readonly types: readonly SchemaFieldSummary[];
}
