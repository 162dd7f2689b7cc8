import type { KindSummary } from '../validation/protocol';

/** Where a palette kind comes from: the bundled Kubernetes schemas, the selected cluster's CRDs, or a stored design. */
export type KindSource = 'builtin' | 'cluster' | 'design';

/** A kind the palette offers; `spec` is the skeleton's spec (required fields) when the kind's schema is known. */
export interface PaletteKind extends KindSummary {
  readonly source: KindSource;
  /** Shown under the kind: the CRD and cluster, or the design that defines it. */
  readonly detail?: string;
  readonly spec?: Readonly<Record<string, unknown>>;
}
