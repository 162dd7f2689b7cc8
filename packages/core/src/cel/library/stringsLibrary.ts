import { goTrimSpace } from '../../simpleschema/goStrconv.js';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError, goValueText, isCelList, listItems } from './celValues.js';
import { formatMacro } from './formatMacro.js';

/**
 * cel-go `ext.Strings()` at its latest version (cel-go v0.27.0), as kro's base environment includes it. Indices are
 * code points (Go runes), case mapping is ASCII-only and `trim` uses Go's `strings.TrimSpace` white space; the
 * cel-js built-ins with the same names index UTF-16 units and map Unicode case, so they are overridden.
 */

const runes = (s: string): string[] => Array.from(s);

function outOfRange(i: bigint | number): never {
  throw celError(`index out of range: ${i}`);
}

function charAt(s: string, i: bigint): string {
  const r = runes(s);
  if (i < 0n || i > BigInt(r.length)) outOfRange(i);
  return i === BigInt(r.length) ? '' : r[Number(i)]!;
}

/** The checks `indexOf`/`lastIndexOf` with an offset share: the answer when there is nothing to search, else the runes. */
function offsetSearch(s: string, sub: string, offset: bigint): bigint | { r: string[]; p: string[] } {
  if (sub === '') return offset;
  if (offset < 0n) outOfRange(offset);
  const r = runes(s);
  if (offset >= BigInt(r.length)) return -1n;
  return { r, p: runes(sub) };
}

function indexOfOffset(s: string, sub: string, offset: bigint): bigint {
  const found = offsetSearch(s, sub, offset);
  if (typeof found === 'bigint') return found;
  const { r, p } = found;
  for (let i = Number(offset); i < r.length - (p.length - 1); i++) {
    if (p.every((c, j) => r[i + j] === c)) return BigInt(i);
  }
  return -1n;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function lastIndexOfOffset(s: string, sub: string, offset: bigint): bigint {
  const found = offsetSearch(s, sub, offset);
  if (typeof found === 'bigint') return found;
  const { r, p } = found;
  let off = Number(offset);
  if (off > r.length - p.length) off = r.length - p.length;
  for (let i = off; i >= 0; i--) {
    if (p.every((c, j) => r[i + j] === c)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOf(s: string, sub: string): bigint {
  const r = runes(s);
  if (sub === '') return BigInt(r.length);
  // cel-go compares byte lengths here.
  if (utf8Length(s) < utf8Length(sub)) return -1n;
  return lastIndexOfOffset(s, sub, BigInt(r.length - 1));
}

const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** Go `strings.Replace`: `n < 0` replaces all; an empty `old` matches before every rune and at the end. */
export function goReplace(s: string, old: string, rep: string, n: number): string {
  if (n === 0 || old === rep) return s;
  if (old === '') {
    const r = runes(s);
    let out = '';
    let done = 0;
    for (let i = 0; i <= r.length; i++) {
      if (n < 0 || done < n) {
        out += rep;
        done++;
      }
      if (i < r.length) out += r[i];
    }
    return out;
  }
  if (n < 0) return s.split(old).join(rep);
  let out = '';
  let start = 0;
  for (let done = 0; done < n; done++) {
    const i = s.indexOf(old, start);
    if (i < 0) break;
    out += s.slice(start, i) + rep;
    start = i + old.length;
  }
  return out + s.slice(start);
}

/** Go `strings.SplitN` (`n < 0` = `strings.Split`); an empty separator splits into runes. */
export function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const r = runes(s);
    if (n < 0 || n >= r.length) return r;
    return [...r.slice(0, n - 1), r.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function substring(s: string, start: bigint): string {
  const r = runes(s);
  if (start < 0n || start > BigInt(r.length)) outOfRange(start);
  return r.slice(Number(start)).join('');
}

function substringRange(s: string, start: bigint, end: bigint): string {
  const r = runes(s);
  if (start > end) throw celError(`invalid substring range. start: ${start}, end: ${end}`);
  if (start < 0n || start > BigInt(r.length)) outOfRange(start);
  if (end < 0n || end > BigInt(r.length)) outOfRange(end);
  return r.slice(Number(start), Number(end)).join('');
}


function join(list: unknown, sep: string): string {
  const items = isCelList(list) ? listItems(list) : [];
  for (const item of items) if (typeof item !== 'string') throw celError(`join: invalid input: ${goValueText(item)}`);
  return (items as string[]).join(sep);
}

/** Lone surrogates are invalid UTF-8 in Go and become U+FFFD. */
const sanitize = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const QUOTE_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** `strings.quote`: wraps in double quotes and escapes CEL's escape characters. */
export function celQuote(s: string): string {
  // eslint-disable-next-line no-control-regex -- the escapes are exactly the control characters CEL names
  return `"${sanitize(s).replace(/[\x07\b\f\n\r\t\v\\"]/g, (c) => QUOTE_ESCAPES[c]!)}"`;
}

const L = 'ext.strings' as const;
const OVERRIDE = { builtin: 'override' } as const;

/** cel-go's strings extension library. */
export const stringsLibrary: CelLibrary = {
  functions: [
    fn('charAt', L, 'The character (code point) at an index; the length itself gives "".', `"hello".charAt(1) // "e"`, [
      overload('string', [['index', 'int']], 'string', (s: string, i: bigint) => charAt(s, i)),
    ]),
    fn(
      'indexOf',
      L,
      'Index (in code points) of the first occurrence of a substring, optionally from an offset; -1 if absent.',
      `"hello mellow".indexOf("ello", 2) // 7`,
      [
        overload('string', [['substring', 'string']], 'int', (s: string, sub: string) => indexOfOffset(s, sub, 0n)),
        overload('string', [['substring', 'string'], ['offset', 'int']], 'int', (s: string, sub: string, o: bigint) => indexOfOffset(s, sub, o)),
      ],
      OVERRIDE,
    ),
    fn(
      'lastIndexOf',
      L,
      'Index (in code points) of the last occurrence of a substring, optionally searching back from an offset; -1 if absent.',
      `"hello mellow".lastIndexOf("ello") // 7`,
      [
        overload('string', [['substring', 'string']], 'int', (s: string, sub: string) => lastIndexOf(s, sub)),
        overload('string', [['substring', 'string'], ['offset', 'int']], 'int', (s: string, sub: string, o: bigint) => lastIndexOfOffset(s, sub, o)),
      ],
      OVERRIDE,
    ),
    fn('lowerAscii', L, 'Lower-cases ASCII letters only; other characters are unchanged.', `"TacoCat".lowerAscii() // "tacocat"`, [
      overload('string', [], 'string', (s: string) => asciiLower(s)),
    ], OVERRIDE),
    fn('upperAscii', L, 'Upper-cases ASCII letters only; other characters are unchanged.', `"TacoCat".upperAscii() // "TACOCAT"`, [
      overload('string', [], 'string', (s: string) => asciiUpper(s)),
    ], OVERRIDE),
    fn('replace', L, 'Replaces occurrences of a substring, all of them or at most n (n < 0 = all).', `"hello".replace("l", "L", 1) // "heLlo"`, [
      overload('string', [['old', 'string'], ['new', 'string']], 'string', (s: string, o: string, r: string) => goReplace(s, o, r, -1)),
      overload('string', [['old', 'string'], ['new', 'string'], ['n', 'int']], 'string', (s: string, o: string, r: string, n: bigint) =>
        goReplace(s, o, r, n > 2147483647n ? -1 : Number(n)),
      ),
    ]),
    fn('split', L, 'Splits around a separator, into at most n parts when n is given (n < 0 = all, 0 = none).', `"a,b,c".split(",", 2) // ["a", "b,c"]`, [
      overload('string', [['separator', 'string']], 'list<string>', (s: string, sep: string) => goSplitN(s, sep, -1)),
      overload('string', [['separator', 'string'], ['n', 'int']], 'list<string>', (s: string, sep: string, n: bigint) =>
        goSplitN(s, sep, n > 2147483647n ? -1 : Number(n)),
      ),
    ], OVERRIDE),
    fn('substring', L, 'The code points from start (inclusive) to end (exclusive).', `"tacocat".substring(4) // "cat"`, [
      overload('string', [['start', 'int']], 'string', (s: string, a: bigint) => substring(s, a)),
      overload('string', [['start', 'int'], ['end', 'int']], 'string', (s: string, a: bigint, b: bigint) => substringRange(s, a, b)),
    ], OVERRIDE),
    fn('trim', L, 'Removes leading and trailing white space (Go `strings.TrimSpace`: keeps U+FEFF, removes U+0085).', `"  \\ttrim\\n ".trim() // "trim"`, [
      overload('string', [], 'string', (s: string) => goTrimSpace(s)),
    ], OVERRIDE),
    fn('reverse', L, 'The string with its code points in reverse order.', `"gums".reverse() // "smug"`, [
      overload('string', [], 'string', (s: string) => runes(s).reverse().join('')),
    ]),
    fn('join', L, 'Concatenates a list of strings, with an optional separator.', `["a", "b"].join("-") // "a-b"`, [
      overload('list<string>', [], 'string', (l: unknown) => join(l, '')),
      overload('list<string>', [['separator', 'string']], 'string', (l: unknown, sep: string) => join(l, sep)),
    ], OVERRIDE),
    fn('strings.quote', L, 'Quotes a string as a CEL string literal, escaping special characters.', `strings.quote("a\\nb") // "\\"a\\\\nb\\""`, [
      overload(undefined, [['value', 'string']], 'string', (s: string) => celQuote(s)),
    ]),
  ],
  macros: [formatMacro],
};
