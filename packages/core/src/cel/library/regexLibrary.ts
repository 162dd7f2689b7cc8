import { fn, overload, type CelLibrary, type CelMacroDef } from './CelFunctionDef.js';
import { celError } from './celValues.js';
import { translateRe2 } from './translateRe2.js';

/**
 * Regular expressions with RE2 semantics: the standard `matches`, and Kubernetes `find` / `findAll`
 * (`library.Regex()`). Patterns go through {@link translateRe2}; a pattern Go rejects fails with Go's message, a
 * valid RE2 pattern that cannot be evaluated faithfully fails with a message that says so, never silently
 * differently. JavaScript's backtracking engine has no linear-time guarantee, unlike RE2.
 */

/** The result of checking a regular expression for CEL: fine, or why not, located in the pattern. */
export type CelRegexCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly message: string;
      readonly index: number;
      readonly end: number;
      /** True when Go itself rejects the pattern (kro fails too); false when only this designer cannot evaluate it. */
      readonly rejectedByGo: boolean;
    };

const CACHE_LIMIT = 512;
const cache = new Map<string, RegExp | CelRegexCheck>();

function compile(pattern: string): RegExp | CelRegexCheck {
  let entry = cache.get(pattern);
  if (entry) return entry;
  const t = translateRe2(pattern);
  entry = t.ok ? new RegExp(t.source, `${t.flags}g`) : { ok: false, message: t.message, index: t.index, end: t.end, rejectedByGo: t.goError };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, entry);
  return entry;
}

/**
 * Checks a regular expression the way CEL's `matches`, `find` and `findAll` will use it: Go's RE2 syntax errors
 * (`error parsing regexp: …`) and RE2 constructs the designer cannot evaluate.
 */
export function checkCelRegex(pattern: string): CelRegexCheck {
  const r = compile(pattern);
  return r instanceof RegExp ? { ok: true } : r;
}

function regexFor(pattern: string, prefix: string): RegExp {
  const r = compile(pattern);
  if (r instanceof RegExp) return r;
  if (r.ok) throw new Error('unreachable');
  throw celError(r.rejectedByGo ? `${prefix}${r.message}` : `regular expression ${JSON.stringify(pattern)} cannot be evaluated faithfully: ${r.message}`);
}

/** One match at or after `from` (leftmost-first, like Go's), or undefined. */
function matchFrom(re: RegExp, s: string, from: number): { start: number; end: number } | undefined {
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/** Go's `FindAllString`: empty matches right after a previous match are skipped; n < 0 means all. */
export function goFindAll(re: RegExp, s: string, n: number): string[] {
  const out: string[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    const m = matchFrom(re, s, pos);
    if (!m) break;
    let accept = true;
    if (m.end === pos) {
      if (m.start === prevEnd) accept = false;
      const cp = s.codePointAt(pos);
      pos += cp === undefined ? 1 : cp > 0xffff ? 2 : 1;
    } else pos = m.end;
    prevEnd = m.end;
    if (accept) out.push(s.slice(m.start, m.end));
  }
  return out;
}

function matches(s: string, pattern: string): boolean {
  return matchFrom(regexFor(pattern, ''), s, 0) !== undefined;
}

function findAll(s: string, re: string, n: bigint): string[] {
  return goFindAll(regexFor(re, 'Illegal regex: '), s, n > 2147483647n ? -1 : Number(n));
}

function find(s: string, re: string): string {
  const m = matchFrom(regexFor(re, 'Illegal regex: '), s, 0);
  return m ? s.slice(m.start, m.end) : '';
}

/**
 * `find` / `findAll` as macros: kro compiles its programs when it builds an RGD, and the Kubernetes regex library
 * compiles a literal pattern at that point, so `"x".find("(")` is a build error in kro, not an evaluation error.
 */
function findMacro(name: 'find' | 'findAll', arity: 1 | 2): CelMacroDef {
  const params: Array<readonly [string, string]> = arity === 1 ? [['regex', 'string']] : [['regex', 'string'], ['n', 'int']];
  return {
    name,
    library: 'k8s.regex',
    description: name === 'find' ? 'The first match of the RE2 regular expression, or "".' : 'All (or at most n) non-overlapping matches of the RE2 regular expression.',
    example: name === 'find' ? `"abc 123".find("[0-9]+") // "123"` : `"123 abc 456".findAll("[0-9]+") // ["123", "456"]`,
    receiver: 'string',
    forms: [{ params, returns: name === 'find' ? 'string' : 'list<string>' }],
    expand: ({ ast, args, receiver }) => ({
      async: false,
      typeCheck(checker, _m, scope) {
        const rt = checker.check(receiver!, scope);
        const at = args.map((a) => checker.check(a, scope));
        const ok = (t: { kind: string; name: string }, want: string): boolean => t.kind === 'dyn' || t.name === want;
        if (!ok(rt, 'string') || !ok(at[0]!, 'string') || (arity === 2 && !ok(at[1]!, 'int'))) {
          throw checker.createError('no_matching_overload', `found no matching overload for '${checker.formatType(rt)}.${name}(${at.map((t) => checker.formatType(t)).join(', ')})'`, ast);
        }
        const pattern = args[0]!;
        if (pattern.op === 'value' && typeof pattern.args === 'string') {
          const r = compile(pattern.args);
          if (!(r instanceof RegExp) && !r.ok && r.rejectedByGo) throw checker.createError('invalid_regex', r.message, pattern);
        }
        return checker.getType(name === 'find' ? 'string' : 'list<string>');
      },
      evaluate(evaluator, _m, scope) {
        const s = evaluator.run(receiver!, scope);
        const re = evaluator.run(args[0]!, scope);
        const n = arity === 2 ? evaluator.run(args[1]!, scope) : -1n;
        if (typeof s !== 'string' || typeof re !== 'string' || typeof n !== 'bigint') {
          throw evaluator.createError('no_matching_overload', `found no matching overload for '${name}'`, ast);
        }
        return name === 'find' ? find(s, re) : findAll(s, re, n);
      },
    }),
  };
}

/** The regex functions. */
export const regexLibrary: CelLibrary = {
  functions: [
    fn(
      'matches',
      'standard',
      'Whether the string contains a match of the RE2 regular expression (anchor with ^ and $ for a full match).',
      `"v1.2.3".matches("^v[0-9]+\\\\.[0-9]+")  // true`,
      [overload('string', [['regex', 'string']], 'bool', (s: string, re: string) => matches(s, re))],
      { builtin: 'override' },
    ),
    fn('matches', 'standard', '', '', [overload(undefined, [['value', 'string'], ['regex', 'string']], 'bool', (s: string, re: string) => matches(s, re))]),
  ],
  macros: [findMacro('find', 1), findMacro('findAll', 1), findMacro('findAll', 2)],
};
