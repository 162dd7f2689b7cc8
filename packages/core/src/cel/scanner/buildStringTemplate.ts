import { goQuote } from '../../simpleschema/goStrconv.js';
import type { ExpressionMatch } from './scanExpressions.js';

/** A CEL source built from a string template, with a map from its offsets back to the template string. */
export interface StringTemplate {
  /** `"lit" + (expr) + "lit" ...`, as kro compiles a template with several or partial expressions. */
  readonly celSource: string;
  /** Maps an offset in {@link celSource} to an index in the original string. */
  toTemplateIndex(celOffset: number): number;
}

interface Segment {
  readonly celStart: number;
  readonly celEnd: number;
  /** Index in the template string that celStart corresponds to. */
  readonly templateStart: number;
  /** True for `(expr)` parts, whose characters map one to one. */
  readonly expression: boolean;
}

/**
 * Builds kro's CEL concatenation for a string template (pkg/graph/parser/parser.go buildStringTemplate): literal
 * runs quoted with Go's strconv.Quote, expressions wrapped in parentheses, joined with ` + `.
 */
export function buildStringTemplate(original: string, matches: readonly ExpressionMatch[]): StringTemplate {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let cel = 0;
  const push = (text: string, templateStart: number, expression: boolean) => {
    if (parts.length > 0) cel += 3; // ' + '
    segments.push({ celStart: cel, celEnd: cel + text.length, templateStart, expression });
    parts.push(text);
    cel += text.length;
  };
  let pos = 0;
  for (const m of matches) {
    if (m.start > pos) push(goQuote(original.slice(pos, m.start)), pos, false);
    // "(" sits where "${" started; the expression's first character is at m.start + 2.
    push(`(${m.expression})`, m.start + 1, true);
    pos = m.end;
  }
  if (pos < original.length) push(goQuote(original.slice(pos)), pos, false);
  const celSource = parts.join(' + ');
  return {
    celSource,
    toTemplateIndex(celOffset: number): number {
      let seg = segments[0];
      for (const s of segments) {
        if (s.celStart <= celOffset) seg = s;
        else break;
      }
      if (!seg) return 0;
      if (!seg.expression) return seg.templateStart;
      return Math.min(seg.templateStart + (celOffset - seg.celStart), seg.templateStart + (seg.celEnd - seg.celStart));
    },
  };
}
