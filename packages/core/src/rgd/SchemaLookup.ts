import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/** What the RGD checks need to know about a child kind. */
export interface KindInfo {
  readonly namespaced: boolean;
  readonly schema: OpenApiSchema;
}

/** The slice of the schema registry the RGD pipeline depends on. */
export interface SchemaLookup {
  lookup(apiVersion: string, kind: string): KindInfo | undefined;
  /** A message for a kind with no known schema: names the kind, says how to supply its CRD, suggests near matches. */
  describeMissing(apiVersion: string, kind: string, options?: { readonly supplyHint?: string }): string;
  /** Every known kind, for suggesting a fix when a kind is misspelt. */
  kinds?(): readonly { readonly apiVersion: string; readonly kind: string }[];
  /** Dereferences `$ref` wrappers of bundled schemas; returns the schema itself otherwise. */
  resolve(schema: OpenApiSchema): OpenApiSchema;
}
