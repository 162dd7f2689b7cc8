/**
 * The escape and character-class parts of Go's RE2 parser (`regexp/syntax/parse.go`), used by
 * {@link checkRe2Pattern}. Every function takes the whole pattern and an index, and throws {@link Re2SyntaxError}.
 */
import { isGoUnicodeClassName } from './unicodeClassName.js';

/** A Go `regexp/syntax` error: its code text, the index range in the pattern and the fragment Go quotes. */
export class Re2SyntaxError {
  constructor(
    readonly code: string,
    readonly start: number,
    readonly end: number,
    readonly expr: string,
  ) {}
}

function fail(p: string, code: string, start: number, end: number, expr = p.slice(start, end)): never {
  throw new Re2SyntaxError(code, start, end, expr);
}

/** Go's `parseUnicodeClass` at `\p` / `\P` (index `i` of the backslash): `\pL` or `\p{Name}` / `\p{^Name}`. */
export function parseRe2UnicodeClass(p: string, i: number): number {
  let name: string;
  let after: number;
  if (p[i + 2] !== '{') {
    const cp = p.codePointAt(i + 2);
    after = i + 2 + (cp === undefined ? 0 : cp > 0xffff ? 2 : 1);
    name = p.slice(i + 2, after);
  } else {
    const end = p.indexOf('}', i);
    if (end < 0) fail(p, 'invalid character class range', i, p.length);
    after = end + 1;
    name = p.slice(i + 3, end);
  }
  if (name.startsWith('^')) name = name.slice(1);
  if (!isGoUnicodeClassName(name)) fail(p, 'invalid character class range', i, after);
  return after;
}

/** Go's `parseEscape`: returns the rune an escape stands for, or fails with the consumed text. */
export function parseRe2Escape(p: string, i: number): { rune: number; after: number } {
  let j = i + 1;
  if (j >= p.length) fail(p, 'trailing backslash at end of expression', i, i + 1, '');
  const c = p.codePointAt(j)!;
  j += c > 0xffff ? 2 : 1;
  const isOctal = (k: number): boolean => k < p.length && p[k]! >= '0' && p[k]! <= '7';
  const ch = String.fromCodePoint(c);
  if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return { rune: c, after: j };
  if ((ch >= '1' && ch <= '7' && isOctal(j)) || ch === '0') {
    let r = c - 48;
    for (let k = 1; k < 3 && isOctal(j); k++) {
      r = r * 8 + (p.charCodeAt(j) - 48);
      j++;
    }
    return { rune: r, after: j };
  }
  if (ch === 'x') {
    if (j >= p.length) fail(p, 'invalid escape sequence', i, j);
    const d = p.codePointAt(j)!;
    j += d > 0xffff ? 2 : 1;
    if (d === 0x7b) {
      let nhex = 0;
      let r = 0;
      for (;;) {
        if (j >= p.length) fail(p, 'invalid escape sequence', i, j);
        const h = p.codePointAt(j)!;
        j += h > 0xffff ? 2 : 1;
        if (h === 0x7d) break;
        const v = unhex(h);
        if (v < 0) fail(p, 'invalid escape sequence', i, j);
        r = r * 16 + v;
        if (r > 0x10ffff) fail(p, 'invalid escape sequence', i, j);
        nhex++;
      }
      if (nhex === 0) fail(p, 'invalid escape sequence', i, j);
      return { rune: r, after: j };
    }
    const x = unhex(d);
    const e = j < p.length ? p.codePointAt(j)! : -1;
    if (e >= 0) j += e > 0xffff ? 2 : 1;
    const y = e < 0 ? -1 : unhex(e);
    if (x < 0 || y < 0) fail(p, 'invalid escape sequence', i, j);
    return { rune: x * 16 + y, after: j };
  }
  const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  const s = simple[ch];
  if (s !== undefined) return { rune: s, after: j };
  return fail(p, 'invalid escape sequence', i, j);
}

/** Go's `parseClass` from `[` (index `i`); returns the index after the closing `]`. */
export function parseRe2CharClass(p: string, i: number): number {
  let t = i + 1;
  if (p[t] === '^') t++;
  let first = true;
  while (t >= p.length || p[t] !== ']' || first) {
    first = false;
    if (p.length - t > 2 && p[t] === '[' && p[t + 1] === ':') {
      const close = p.indexOf(':]', t + 2);
      if (close >= 0) {
        const name = p.slice(t, close + 2);
        if (!POSIX_CLASSES.has(name)) fail(p, 'invalid character class range', t, close + 2);
        t = close + 2;
        continue;
      }
    }
    if (p[t] === '\\' && (p[t + 1] === 'p' || p[t + 1] === 'P')) {
      t = parseRe2UnicodeClass(p, t);
      continue;
    }
    if (p[t] === '\\' && t + 1 < p.length && 'dDsSwW'.includes(p[t + 1]!)) {
      t += 2;
      continue;
    }
    const rangeStart = t;
    const lo = classChar(p, t, i);
    t = lo.after;
    if (p.length - t >= 2 && p[t] === '-' && p[t + 1] !== ']') {
      const hi = classChar(p, t + 1, i);
      t = hi.after;
      if (hi.rune < lo.rune) fail(p, 'invalid character class range', rangeStart, t);
    }
  }
  return t + 1;
}

function classChar(p: string, t: number, classStart: number): { rune: number; after: number } {
  if (t >= p.length) fail(p, 'missing closing ]', classStart, p.length);
  if (p[t] === '\\') return parseRe2Escape(p, t);
  const cp = p.codePointAt(t)!;
  return { rune: cp, after: t + (cp > 0xffff ? 2 : 1) };
}

// Go's posixGroup table (regexp/syntax/perl_groups.go).
const POSIX_CLASSES: ReadonlySet<string> = new Set(
  ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'].flatMap(
    (n) => [`[:${n}:]`, `[:^${n}:]`],
  ),
);

function unhex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
