/** One `${...}` occurrence in a string value. Indices are UTF-16 offsets into that string. */
export interface ExpressionMatch {
  /** Index of the `$` of `${`. */
  readonly start: number;
  /** Index just past the closing `}`. */
  readonly end: number;
  /** The CEL text between `${` and `}`. */
  readonly expression: string;
}

export type ScanResult =
  | { readonly ok: true; readonly matches: readonly ExpressionMatch[] }
  | { readonly ok: false; readonly message: string; readonly index: number };

export const NESTED_EXPRESSION_MESSAGE = 'nested expressions are not allowed unless inside string literals';

/**
 * Finds the `${...}` expressions of a string exactly as kro's scanner does (pkg/graph/parser/cel.go), quirks
 * included: only double quotes delimit string literals (so `${'}'}` ends early), a backslash escapes the next
 * character only inside a literal, braces are counted outside literals, a `${` inside an expression and outside a
 * literal is an error unless the character before it is `"`, and an unterminated `${` is left as plain text.
 */
export function scanExpressions(text: string): ScanResult {
  const matches: ExpressionMatch[] = [];
  let from = 0;
  while (from < text.length) {
    const start = text.indexOf('${', from);
    if (start < 0) break;
    let depth = 1;
    let i = start + 2;
    let inLiteral = false;
    let escapeNext = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (escapeNext) {
        escapeNext = false;
        continue;
      }
      if (inLiteral && c === '\\') {
        escapeNext = true;
        continue;
      }
      if (c === '"') inLiteral = !inLiteral;
      else if (!inLiteral) {
        if (c === '{') depth++;
        else if (c === '}') {
          depth--;
          if (depth === 0) break;
        } else if (c === '$' && text[i + 1] === '{' && text[i - 1] !== '"') {
          return { ok: false, message: NESTED_EXPRESSION_MESSAGE, index: i };
        }
      }
    }
    if (depth !== 0) {
      // kro advances its scan position by one and searches again, which skips this unterminated `${`.
      from = Math.max(from + 1, start + 1);
      continue;
    }
    matches.push({ start, end: i + 1, expression: text.slice(start + 2, i) });
    from = i + 1;
  }
  return { ok: true, matches };
}

/** True when the whole string is exactly one `${...}` expression (kro's "standalone" expression). */
export function isStandalone(text: string, matches: readonly ExpressionMatch[]): boolean {
  return matches.length === 1 && matches[0]!.start === 0 && matches[0]!.end === text.length;
}
