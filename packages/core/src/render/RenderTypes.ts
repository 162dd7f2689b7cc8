import type { Diagnostic } from '../diagnostics/Diagnostic.js';

/** A Kubernetes object as plain JSON data. */
export type PlainObject = { [key: string]: unknown };

/** An expression kro would wait on: it reads a value only a live object has (typically `.status.*`). */
export interface PendingExpression {
  /** Where in the resource: a field path of the rendered object, or `includeWhen[i]`, `readyWhen[i]`, `forEach.<name>`. */
  readonly path: string;
  /**
   * `<id>.<path>` the value waits for (a field the upstream object lacks). A bare `<id>` waits for the resource
   * itself: an externalRef's object offline, or (runtime mode) a dependency to be observed and ready.
   */
  readonly waitsFor: string;
  readonly expression?: string;
}

/** `error`: an expression failed (located diagnostic); kro marks the node ERROR and applies nothing for it. */
export type RenderState = 'rendered' | 'excluded' | 'pending' | 'error';

export interface RenderedResource {
  readonly id: string;
  readonly state: RenderState;
  /**
   * One object, or one per forEach item in kro's cartesian order (none for external references and excluded nodes).
   * Offline, a pending or failed field keeps its `${...}` text so the preview shows it; in runtime mode a node that is
   * not `rendered` has no objects (kro applies nothing for it).
   */
  readonly objects: readonly PlainObject[];
  readonly pending: readonly PendingExpression[];
  /** The node whose includeWhen excluded this one (itself, or an upstream node: exclusion is contagious). */
  readonly excludedBy?: { readonly resourceId: string; readonly expression?: string };
  readonly cardinality?: number;
  readonly externalRef?: boolean;
  /** External references: the resolved reference (`apiVersion`, `kind`, `metadata.name|selector`, `namespace`) kro reads. */
  readonly reference?: PlainObject;
  /** kro's apply wave of the node (dependencies first); HEAD kro writes it as `internal.kro.run/apply-order`. */
  readonly applyWave?: number;
}

/** What the cluster holds for one node, when rendering against a live (or simulated) cluster instead of offline. */
export interface ObservedNode {
  /** Observed objects (one, or the collection's items in desired order). */
  readonly objects: readonly PlainObject[];
  /** kro's `CheckReadiness`: every readyWhen true on every object (ignored nodes count as ready). */
  readonly ready: boolean;
}

export interface RenderOptions {
  /**
   * Where upstream values come from. Omitted: offline preview — each dependency's own rendered object stands in for
   * the observed one, and reads of fields it lacks are pending. Given (the sandbox): kro's runtime rule — a node is
   * resolved only when every dependency is observed and ready, from the observed objects.
   */
  readonly observed?: (id: string) => ObservedNode | undefined;
  /** `metadata.uid` of the instance (labels `kro.run/instance-id`); a fixed placeholder when previewing. */
  readonly instanceUid?: string;
  /** Version written in `kro.run/kro-version` and the ApplySet tooling annotation. Default `v0.9.3`. */
  readonly kroVersion?: string;
  /** kro's controller feature gates; `CELOmitFunction` makes `omit()` available (off by default, as in kro v0.9.3). */
  readonly featureGates?: { readonly CELOmitFunction?: boolean };
  /** `--rgd-max-collection-size` of kro's controller (default 1000). */
  readonly maxCollectionSize?: number;
  /**
   * Also write `internal.kro.run/apply-order: <wave>` on children. kro v0.9.3 does not (the annotation arrived after
   * it, with ordered deletion); off by default so renders equal what v0.9.3 applies.
   */
  readonly applyOrderAnnotation?: boolean;
  /** `metadata.uid` of the RGD (label `kro.run/resource-graph-definition-id` on the instance); `""` when unknown. */
  readonly rgdUid?: string;
}

/** What kro writes on the instance itself: its managed labels, the ApplySet parent metadata and its finalizer. */
export interface ParentMetadata {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly finalizers: readonly string[];
}

export interface RenderResult {
  readonly valid: boolean;
  /** RGD diagnostics (spans into the RGD text) and instance diagnostics (spans into the instance text). */
  readonly diagnostics: readonly (Diagnostic & { readonly document: 'rgd' | 'instance' })[];
  /** The instance after API-server defaulting. */
  readonly instance?: PlainObject;
  /** One entry per RGD resource in kro's topological order. */
  readonly resources: readonly RenderedResource[];
  /** Resolvable instance status fields (`schema.status`), pending ones left out as kro leaves them out. */
  readonly status: PlainObject;
  /** The instance's ApplySet id (`applyset-<base64url(sha256(name.namespace.Kind.group))>-v1`). */
  readonly applySetId?: string;
  /** Labels, annotations and finalizer kro adds to the instance (merged over the instance's own on apply). */
  readonly parent?: ParentMetadata;
}
