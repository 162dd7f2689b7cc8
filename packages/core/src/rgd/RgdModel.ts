import type { Span } from '../diagnostics/Diagnostic.js';
import type { LocatedMap, LocatedNode, LocatedScalar } from '../source/LocatedNode.js';

/** One forEach dimension: `{iteratorName: "${listExpr}"}`. */
export interface ForEachDimension {
  readonly name: string;
  readonly nameSpan: Span;
  readonly expression: LocatedNode;
}

/** A resource entry of `spec.resources`, with the located nodes later stages read. */
export interface RgdResource {
  /** Declaration index; kro's topological tie-break uses it. */
  readonly index: number;
  readonly id: string;
  readonly idSpan: Span;
  /** Dotted path of the entry, e.g. `spec.resources[2]`. */
  readonly path: string;
  readonly node: LocatedMap;
  readonly template?: LocatedNode;
  readonly externalRef?: LocatedNode;
  readonly readyWhen: readonly LocatedNode[];
  readonly includeWhen: readonly LocatedNode[];
  readonly forEach: readonly ForEachDimension[];
}

/** `spec.schema` with kro's and the API server's defaults applied (group `kro.run`, scope `Namespaced`). */
export interface RgdSchemaBlock {
  readonly node?: LocatedMap;
  readonly kind?: string;
  readonly kindNode?: LocatedScalar;
  readonly apiVersion?: string;
  readonly group: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly spec?: LocatedNode;
  readonly types?: LocatedNode;
  readonly status?: LocatedNode;
  readonly additionalPrinterColumns?: LocatedNode;
  readonly metadata?: LocatedNode;
}

export interface RgdModel {
  readonly name?: string;
  readonly root: LocatedMap;
  readonly schema: RgdSchemaBlock;
  readonly resources: readonly RgdResource[];
}
