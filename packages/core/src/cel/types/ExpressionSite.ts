import type { Span } from '../../diagnostics/Diagnostic.js';
import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';

/**
 * Where in an RGD an expression sits; it decides which variables the expression sees (kro-spec §3.3) and which
 * rule checks its result type (§3.6).
 *
 * - `template`: a value inside `resources[i].template` (result checked against the target field's schema).
 * - `externalRef`: a value inside `resources[i].externalRef` (`metadata.name`, `namespace`, selector labels); kro
 *   types it like a template value of the referenced kind.
 * - `forEach`: one forEach dimension (`{iterator: "${list}"}`); must return a list.
 * - `includeWhen` / `readyWhen`: one entry; must return `bool` or `optional_type(bool)`.
 * - `status`: a leaf of `spec.schema.status` (its output type feeds status schema inference).
 * - `condition`: one entry of `spec.schema.status.conditions` (the only place `runtime` is meaningful).
 */
export type ExpressionContext = 'template' | 'externalRef' | 'forEach' | 'includeWhen' | 'readyWhen' | 'status' | 'condition';

/**
 * One `${...}` site as the scanner and the template walk produce it, and the unit `checkExpressions` type-checks.
 * A string value holding several expressions (or one with surrounding text) is one site: kro compiles it into a
 * single CEL concatenation.
 */
export interface ExpressionSite {
  /** The resource the expression belongs to; absent for `status` and `condition` sites. */
  readonly resourceId?: string;
  readonly context: ExpressionContext;
  /**
   * Field path in kro's fieldpath format, relative to what kro names in its messages: the template root for
   * `template`/`externalRef` (`spec.template.spec.containers[0].image`), the status root for `status`
   * (`endpoint`, `items[0]`), and for the list contexts the entry, e.g. `includeWhen[0]`, `forEach[1]`,
   * `conditions[0]`. Used in messages and as the status schema path.
   */
  readonly path: string;
  /**
   * Dotted path of the value in the RGD document, used as `Diagnostic.path` (`spec.resources[2].template.spec.replicas`,
   * `spec.schema.status.endpoint`, `spec.resources[0].includeWhen[0]`). Diagnostics fall back to {@link path}.
   */
  readonly documentPath?: string;
  /** The iterator name of a `forEach` dimension (required for `forEach` sites). */
  readonly iterator?: string;
  /** True when the whole string is exactly one `${...}` (the value can be of any type). */
  readonly standalone: boolean;
  /**
   * The CEL text to compile: the expression between `${` and `}` when standalone, otherwise kro's string-template
   * concatenation `"lit" + (e1) + "lit" + (e2)` (see `buildStringTemplate`).
   */
  readonly celSource: string;
  /**
   * The text kro quotes in its messages (`Expression.UserExpression()`): the expression itself when standalone,
   * the whole original string value (with its `${...}`) for a string template.
   */
  readonly displayText: string;
  /**
   * Maps a UTF-16 offset in {@link celSource} (0..celSource.length) to an offset in the YAML source text, so a CEL
   * error at column N lands on the right YAML column. Must be monotonic.
   */
  toSourceOffset(celOffset: number): number;
  /** The YAML span of the whole value (the scalar), used for diagnostics about the site as a whole. */
  readonly span: Span;
  /**
   * `template`/`externalRef` only: the schema of the target field, `$ref`s resolved at the top level, found the way
   * kro's `expectedTypeForField` finds it (a name segment on an array schema descends into its items). Absent when
   * the path cannot be resolved, which kro treats as `dyn` (anything is accepted).
   */
  readonly expectedSchema?: OpenApiSchema;
}
