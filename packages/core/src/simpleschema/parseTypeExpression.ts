import { goQuote, goTrimRange } from './goStrconv.js';
import { schemaError, type SimpleSchemaError } from './SimpleSchemaError.js';

/** The four SimpleSchema scalar keywords (`types/atomic.go`); `float` becomes OpenAPI `number`. */
export type AtomicTypeName = 'string' | 'integer' | 'boolean' | 'float';

export const ATOMIC_TYPE_NAMES: readonly AtomicTypeName[] = ['string', 'integer', 'boolean', 'float'];

/** Deepest `[]`/`map[string]` nesting kro accepts (`maxTypeNestingDepth` in `parse.go`). */
export const MAX_TYPE_NESTING_DEPTH = 16;

interface Located {
  /** Index range of this part in the parsed string, whitespace trimmed. */
  readonly start: number;
  readonly end: number;
}

/** A parsed SimpleSchema type expression; every part carries its index range for hover and completion. */
export type TypeExpr =
  | (Located & { readonly kind: 'atomic'; readonly name: AtomicTypeName })
  | (Located & { readonly kind: 'object' })
  | (Located & { readonly kind: 'slice'; readonly elem: TypeExpr })
  | (Located & { readonly kind: 'map'; readonly value: TypeExpr })
  | (Located & { readonly kind: 'custom'; readonly name: string });

export interface TypeExpressionResult {
  /** Undefined when the expression has an error. */
  readonly type?: TypeExpr;
  /** At most one error: like kro's recursive parser, parsing stops at the first problem. */
  readonly errors: readonly SimpleSchemaError[];
}

/**
 * Parses the type part of a SimpleSchema field (`[]map[string]Port`) found in `text[start, end)`, the way kro's
 * `parseTypeWithDepth` does (`pkg/simpleschema/parse.go`): whitespace around every part is trimmed, `[]` and
 * `map[string]` nest at most 16 deep, and any other name is a custom type reference resolved later. Does not look for
 * `|`; use {@link parseField} for a whole field string.
 */
export function parseTypeExpression(text: string, start = 0, end = text.length): TypeExpressionResult {
  const [a, b] = goTrimRange(text, start, end);
  if (a === b) {
    return { errors: [schemaError('simpleschema/empty-type', 'empty type', start, end)] };
  }
  const errors: SimpleSchemaError[] = [];
  const type = parseLevel(text, a, b, 0, errors);
  return type ? { type, errors } : { errors };
}

function parseLevel(text: string, rawStart: number, rawEnd: number, depth: number, errors: SimpleSchemaError[]): TypeExpr | undefined {
  const [a, b] = goTrimRange(text, rawStart, rawEnd);
  if (depth > MAX_TYPE_NESTING_DEPTH) {
    // kro quotes the level's text before trimming: `[] string` at depth 17 is reported as " string".
    errors.push(
      schemaError(
        'simpleschema/nesting-too-deep',
        `type nesting too deep (max ${MAX_TYPE_NESTING_DEPTH}): ${goQuote(text.slice(rawStart, rawEnd))}`,
        a,
        b,
      ),
    );
    return undefined;
  }
  const s = text.slice(a, b);
  if ((ATOMIC_TYPE_NAMES as readonly string[]).includes(s)) return { kind: 'atomic', name: s as AtomicTypeName, start: a, end: b };
  if (s === 'object') return { kind: 'object', start: a, end: b };
  if (text.startsWith('[]', a) && a + 2 <= b) {
    if (a + 2 === b) {
      errors.push(schemaError('simpleschema/empty-slice-element', 'empty slice element type', a, b));
      return undefined;
    }
    // The element keeps its leading whitespace here, as in kro, which matters only for the depth message.
    const elem = parseLevel(text, a + 2, b, depth + 1, errors);
    return elem ? { kind: 'slice', elem, start: a, end: b } : undefined;
  }
  if (text.startsWith('map[', a) && a + 4 <= b) {
    if (!text.startsWith('map[string]', a) || a + 11 > b) {
      const close = text.indexOf(']', a + 4);
      errors.push(schemaError('simpleschema/map-key', 'map key must be string', a, close >= 0 && close < b ? close + 1 : b));
      return undefined;
    }
    const [va, vb] = goTrimRange(text, a + 11, b);
    if (va === vb) {
      errors.push(schemaError('simpleschema/map-value', 'map value type is required', a, b));
      return undefined;
    }
    const value = parseLevel(text, va, vb, depth + 1, errors);
    return value ? { kind: 'map', value, start: a, end: b } : undefined;
  }
  return { kind: 'custom', name: s, start: a, end: b };
}

/** Custom type names referenced by an expression, innermost last, with their index ranges. */
export function customTypeRefs(type: TypeExpr): Extract<TypeExpr, { kind: 'custom' }>[] {
  let t: TypeExpr = type;
  while (t.kind === 'slice' || t.kind === 'map') t = t.kind === 'slice' ? t.elem : t.value;
  return t.kind === 'custom' ? [t] : [];
}
