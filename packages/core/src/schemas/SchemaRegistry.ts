import type { Span } from '../diagnostics/Diagnostic.js';
import type { OpenApiSchema } from './OpenApiSchema.js';

/** A Kubernetes group, version and kind. The core group is the empty string. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** Where a registered kind's schema came from. */
export type SchemaSource =
  | {
      readonly origin: 'kubernetes';
      /** Kubernetes release of the bundled data, e.g. `v1.35.4`. */
      readonly version: string;
    }
  | {
      readonly origin: 'crd';
      /** Path of the CRD file as the caller named it. */
      readonly path: string;
      /** `metadata.name` of the CRD (`<plural>.<group>`). */
      readonly crdName: string;
      /** Span of the version entry (`spec.versions[i]`) in that file. */
      readonly span: Span;
    };

/** A kind the registry can type: its scope and its OpenAPI v3 schema, as kro's resolver would see them. */
export interface RegisteredKind extends GroupVersionKind {
  /** `group/version`, or just `version` for the core group. */
  readonly apiVersion: string;
  /** Resource name in URLs (`deployments`). */
  readonly plural: string;
  /** True for namespace-scoped kinds, false for cluster-scoped ones (Namespace, ClusterRole, …). */
  readonly namespaced: boolean;
  /**
   * Schema of the whole object. Bundled schemas contain `$ref`s; pass any node through
   * {@link SchemaRegistry.resolve} before reading it. CRD schemas carry `apiVersion`, `kind` and `metadata`
   * (ObjectMeta) like the API server publishes them.
   */
  readonly schema: OpenApiSchema;
  readonly source: SchemaSource;
}

/** Options of {@link SchemaRegistry.describeMissing}. */
export interface DescribeMissingOptions {
  /**
   * How the user supplies a CRD in the current front end; the default names the CLI flag.
   * The web app passes its own wording.
   */
  readonly supplyHint?: string;
}

/**
 * Read-only index of every kind whose schema is known: the bundled Kubernetes built-ins and the CRDs the caller
 * supplied (which win over built-ins with the same group, version and kind).
 */
export interface SchemaRegistry {
  /** Kubernetes release of the bundled built-ins, or undefined when they were left out. */
  readonly kubernetesVersion: string | undefined;
  /** The kind served as `apiVersion` + `kind` (`v1` for the core group), or undefined when no schema is known. */
  lookup(apiVersion: string, kind: string): RegisteredKind | undefined;
  /** Same as {@link lookup}, by group, version and kind. */
  lookupGvk(gvk: GroupVersionKind): RegisteredKind | undefined;
  /** Every registered kind, sorted by group, version and kind (core group first). */
  kinds(): readonly RegisteredKind[];
  /**
   * Dereferences `$ref` and Kubernetes' `allOf: [{$ref}]` wrapper, keeping the wrapper's own fields (its
   * `description` and `default` describe the field, so they win over the referenced definition's). Returns the
   * schema itself when there is nothing to dereference. Nested properties stay unresolved: walk lazily, since
   * schemas are recursive (`JSONSchemaProps`). The result for a given input object is cached and identical on
   * every call. An unknown reference resolves to the wrapper's own fields, i.e. a schema without a type.
   */
  resolve(schema: OpenApiSchema): OpenApiSchema;
  /**
   * The resolved schema at a field path below `schema`: string segments name object properties (or map keys,
   * through `additionalProperties`), number segments index arrays. Inside an object that preserves unknown
   * fields, an undeclared field resolves to {@link UNKNOWN_FIELD_SCHEMA}. Undefined when the path leaves the schema.
   */
  resolvePath(schema: OpenApiSchema, path: readonly (string | number)[]): OpenApiSchema | undefined;
  /**
   * Explains why no schema is known for a kind, starting with kro's words ("schema not found"): names the kind,
   * suggests the right apiVersion or a near spelling when one exists, and says how to supply a CRD.
   */
  describeMissing(apiVersion: string, kind: string, options?: DescribeMissingOptions): string;
}

/** What {@link SchemaRegistry.resolvePath} returns for an undeclared field of a preserve-unknown-fields object. */
export const UNKNOWN_FIELD_SCHEMA: OpenApiSchema = Object.freeze({ 'x-kubernetes-preserve-unknown-fields': true });
