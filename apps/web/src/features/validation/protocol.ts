import type { Diagnostic, Span } from '@kro-designer/core';

/** A kind the palette can offer, summarised from the schema registry. */
export interface KindSummary {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly namespaced: boolean;
  /** True when the kind's schema has a `spec` property (so a skeleton gets `spec:`). */
  readonly hasSpec: boolean;
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
  | { readonly type: 'query'; readonly requestId: number; readonly version: number; readonly offset: number };

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
  | { readonly type: 'error'; readonly message: string };

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
