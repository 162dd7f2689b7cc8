import { LineCounter, parseDocument, visit, type Scalar } from 'yaml';
import type { Command, CommandResult } from '../DesignStore';

/** The `${...}` expression bodies in `text` as [start, end) offsets; nested braces and CEL strings are skipped over. */
export function expressionRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let i = text.indexOf('${');
  while (i !== -1) {
    const start = i + 2;
    let depth = 0;
    let quote: string | undefined;
    let j = start;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (j >= text.length) break;
    out.push([start, j]);
    i = text.indexOf('${', j + 1);
  }
  return out;
}

/** The parts of a CEL expression outside string literals, as [start, end) offsets (references live only there). */
function codeRanges(expr: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let j = 0; j < expr.length; j++) {
    const c = expr[j]!;
    if (c !== '"' && c !== "'") continue;
    out.push([from, j]);
    for (j++; j < expr.length && expr[j] !== c; j++) if (expr[j] === '\\') j++;
    from = j + 1;
  }
  if (from < expr.length) out.push([from, expr.length]);
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites, inside the `${...}` expressions of one scalar's source text, every reference that starts with the path
 * `from` (e.g. `schema.spec.name`, or a resource id) to start with `to` instead: `${schema.spec.name}-x` and
 * `${schema.spec.name.size()}` are rewritten, `schema.spec.names`, `x.schema.spec.name` and string literals are not.
 */
export function rewriteInSource(source: string, from: readonly string[], to: readonly string[]): string {
  const pattern = new RegExp(`(?<![\\w.$])${from.map(escapeRegExp).join('\\s*\\.\\s*')}(?![\\w])`, 'g');
  const replacement = to.join('.');
  let out = '';
  let at = 0;
  for (const [es, ee] of expressionRanges(source)) {
    const expr = source.slice(es, ee);
    for (const [cs, ce] of codeRanges(expr)) {
      const code = expr.slice(cs, ce);
      const rewritten = code.replace(pattern, () => replacement);
      if (rewritten === code) continue;
      out += source.slice(at, es + cs) + rewritten;
      at = es + ce;
    }
  }
  return at === 0 ? source : out + source.slice(at);
}

/**
 * Rewrites references from `from` to `to` in every string value of the document (templates, readyWhen, includeWhen,
 * forEach, status expressions) by editing only the bytes of the references: comments, keys, quoting and every other
 * character stay. Mapping keys are not touched.
 */
export function rewriteReferences(text: string, from: readonly string[], to: readonly string[]): CommandResult {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), keepSourceTokens: true });
  if (doc.errors.length > 0) return { ok: false, message: `Fix the YAML syntax error first (${doc.errors[0]!.message.split('\n')[0]})` };
  const ranges: [number, number][] = [];
  visit(doc, {
    Scalar(key, node: Scalar) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('${') || !node.range) return;
      ranges.push([node.range[0], node.range[1]]);
    },
  });
  ranges.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [start, end] of ranges) {
    const source = out.slice(start, end);
    const rewritten = rewriteInSource(source, from, to);
    if (rewritten !== source) out = out.slice(0, start) + rewritten + out.slice(end);
  }
  return { ok: true, text: out };
}

/** A command form of rewriteReferences, for a `sequence` with the rename itself. */
export function rewriteReferencesCommand(from: readonly string[], to: readonly string[]): Command {
  return { label: `Rewrite ${from.join('.')} to ${to.join('.')}`, run: (text) => rewriteReferences(text, from, to) };
}

