import type { Span } from '../diagnostics/Diagnostic.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import type { LocatedScalar } from '../source/LocatedNode.js';
import type { ExpressionMatch } from '../cel/scanner/scanExpressions.js';

/** Where an expression sits in an RGD, which decides the variables it may see (kro-spec §3.3). */
export type ExpressionContext = 'template' | 'externalRef' | 'forEach' | 'includeWhen' | 'readyWhen' | 'status' | 'condition';

/**
 * One string value holding `${...}` expressions: a template field, a readyWhen/includeWhen/forEach entry, or a
 * status field. Template strings with several expressions (or text around one) compile to one CEL concatenation.
 */
export interface ExpressionOccurrence {
  readonly context: ExpressionContext;
  /** The resource the string belongs to; undefined for the instance status. */
  readonly resourceId?: string;
  /** Field path in kro's format (`spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`). */
  readonly path: string;
  /** Dotted path from the RGD root, for diagnostics (`spec.resources[1].template.spec.replicas`). */
  readonly documentPath: string;
  /** forEach iterator name, for context `forEach`. */
  readonly iterator?: string;
  readonly node: LocatedScalar;
  /** The string value. */
  readonly text: string;
  readonly matches: readonly ExpressionMatch[];
  /** True when the value is exactly one `${...}`; its result then replaces the field whatever its type. */
  readonly standalone: boolean;
  /** Schema of the field the value fills (templates only; undefined when schemaless). */
  readonly expectedSchema?: OpenApiSchema;
  /** Span of the whole value in the source. */
  readonly span: Span;
}
