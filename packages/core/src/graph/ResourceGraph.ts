import type { Span } from '../diagnostics/Diagnostic.js';

/** One dependency edge: `from` reads fields of `to`, so `to` is applied first. */
export interface DependencyEdge {
  readonly from: string;
  readonly to: string;
  /** Field paths of `to` that `from` reads (`status.loadBalancer.ingress`), for edge labels; deduplicated. */
  readonly fields: readonly string[];
  /** Where the first reference creating the edge sits in the source. */
  readonly span: Span;
}

/** The resource DAG of an RGD as kro builds it. */
export interface ResourceGraph {
  /** Resource ids in kro's topological order (dependencies first, ties by declaration order then id). */
  readonly topologicalOrder: readonly string[];
  /** Dependencies of each resource, in discovery order. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  readonly edges: readonly DependencyEdge[];
  /** kro's apply-order wave of each resource (internal.kro.run/apply-order); deletion runs highest first. */
  readonly applyWaves: ReadonlyMap<string, number>;
  /** Resources the instance status and custom conditions read. */
  readonly statusDependencies: readonly string[];
  /** Every cycle, as closed id paths. */
  readonly cycles: readonly (readonly string[])[];
}
