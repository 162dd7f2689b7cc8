/**
 * Go's `strconv` and `unicode.IsSpace` as kro's SimpleSchema uses them (`pkg/simpleschema/markers.go`): marker values
 * are parsed with `strconv.ParseBool`, `ParseInt(v, 10, 64)` and `ParseFloat(v, 64)`, and several messages quote
 * text with `%q` (`strconv.Quote`). Error texts are Go's, byte for byte.
 */

/** Result of a Go-style parse: the value, or Go's error text (`strconv.ParseInt: parsing "x": invalid syntax`). */
export type GoParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** `unicode.IsSpace`: Latin-1 spaces plus the Unicode White_Space property. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** `strings.TrimSpace` on `s[start, end)`, returned as the trimmed index range (no copying, so callers keep offsets). */
export function goTrimRange(s: string, start = 0, end = s.length): [number, number] {
  let a = start;
  let b = end;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return [a, b];
}

/** `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
  const [a, b] = goTrimRange(s);
  return s.slice(a, b);
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const HEX = '0123456789abcdef';

/** `strconv.Quote` (Go's `%q` on a string): printable runes kept, others escaped Go-style (`\x01`, `\u00ad`, `\a`). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let r = ch.codePointAt(0)!;
    // A lone surrogate cannot reach Go: JSON decoding turns it into U+FFFD.
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    if (r === 0x22) out += '\\"';
    else if (r === 0x5c) out += '\\\\';
    else if (isPrintable(r)) out += String.fromCodePoint(r);
    else out += escapeRune(r);
  }
  return `${out}"`;
}

function isPrintable(r: number): boolean {
  if (r < 0x20 || r === 0x7f) return false;
  if (r < 0x7f) return true;
  return PRINTABLE.test(String.fromCodePoint(r));
}

function escapeRune(r: number): string {
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${HEX[r >> 4]}${HEX[r & 15]}`;
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, '0')}`;
  return `\\U${r.toString(16).padStart(8, '0')}`;
}

function syntaxError(fn: string, s: string): { ok: false; error: string } {
  return { ok: false, error: `strconv.${fn}: parsing ${goQuote(s)}: invalid syntax` };
}

function rangeError(fn: string, s: string): { ok: false; error: string } {
  return { ok: false, error: `strconv.${fn}: parsing ${goQuote(s)}: value out of range` };
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** `strconv.ParseBool`: accepts exactly 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
export function parseGoBool(s: string): GoParseResult<boolean> {
  if (TRUE_WORDS.has(s)) return { ok: true, value: true };
  if (FALSE_WORDS.has(s)) return { ok: true, value: false };
  return syntaxError('ParseBool', s);
}

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_CUTOFF = 1n << 63n;

/**
 * `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits only (no underscores in base 10). Like Go, an
 * overflow is reported as soon as the digits read so far exceed uint64, before later characters are looked at.
 */
export function parseGoInt(s: string): GoParseResult<bigint> {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  if (i >= s.length) return syntaxError('ParseInt', s);
  let n = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return syntaxError('ParseInt', s);
    n = n * 10n + BigInt(c - 0x30);
    if (n > MAX_UINT64) return rangeError('ParseInt', s);
  }
  if (!neg && n >= INT64_CUTOFF) return rangeError('ParseInt', s);
  if (neg && n > INT64_CUTOFF) return rangeError('ParseInt', s);
  return { ok: true, value: neg ? -n : n };
}

/**
 * `strconv.ParseFloat(s, 64)`: Go float literal syntax — decimal with optional exponent, hexadecimal with a
 * mandatory `p` exponent, `_` digit separators where Go allows them, `inf`/`infinity`/`nan` in any case.
 * A finite literal that overflows is `value out of range`; underflow silently gives 0, as in Go.
 */
export function parseGoFloat(s: string): GoParseResult<number> {
  const special = parseSpecial(s);
  if (special !== undefined) return { ok: true, value: special };
  const scanned = scanFloat(s);
  if (!scanned) return syntaxError('ParseFloat', s);
  const value = scanned.hex ? hexValue(scanned.body, scanned.neg) : Number(s.replace(/_/g, ''));
  if (!Number.isFinite(value)) return rangeError('ParseFloat', s);
  return { ok: true, value };
}

function parseSpecial(s: string): number | undefined {
  let i = 0;
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  } else if (/^nan$/i.test(s)) {
    // Go's `special` only accepts an unsigned NaN.
    return Number.NaN;
  }
  const rest = s.slice(i).toLowerCase();
  return rest === 'inf' || rest === 'infinity' ? sign * Number.POSITIVE_INFINITY : undefined;
}

interface ScannedFloat {
  readonly hex: boolean;
  readonly neg: boolean;
  /** The literal without sign and `0x` prefix, for hexadecimal values. */
  readonly body: string;
}

/** Go's `readFloat` syntax check; the whole string must be consumed. */
function scanFloat(s: string): ScannedFloat | undefined {
  let i = 0;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    hex = true;
    i += 2;
  }
  const bodyStart = i;
  let underscores = false;
  let sawDot = false;
  let sawDigits = false;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '_') underscores = true;
    else if (c === '.') {
      if (sawDot) break;
      sawDot = true;
    } else if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) sawDigits = true;
    else break;
  }
  if (!sawDigits) return undefined;
  const expChar = hex ? 'p' : 'e';
  if (i < s.length && s[i]!.toLowerCase() === expChar) {
    i++;
    if (i >= s.length) return undefined;
    if (s[i] === '+' || s[i] === '-') i++;
    if (i >= s.length || s[i]! < '0' || s[i]! > '9') return undefined;
    for (; i < s.length && ((s[i]! >= '0' && s[i]! <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') underscores = true;
    }
  } else if (hex) return undefined;
  if (i !== s.length) return undefined;
  if (underscores && !underscoreOk(s)) return undefined;
  return { hex, neg, body: s.slice(bodyStart) };
}

/** Go's `underscoreOK`: `_` only between digits (a base prefix counts as a digit). */
function underscoreOk(input: string): boolean {
  let s = input;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[box]/i.test(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1]!.toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Value of a hexadecimal float body like `1.8p1` (already syntax-checked). */
function hexValue(body: string, neg: boolean): number {
  const clean = body.replace(/_/g, '');
  const p = clean.toLowerCase().indexOf('p');
  const mantissa = clean.slice(0, p);
  const exponent = Number(clean.slice(p + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const fraction = dot < 0 ? 0 : mantissa.length - dot - 1;
  let m = digits === '' ? 0n : BigInt(`0x${digits}`);
  let e = exponent - 4 * fraction;
  // Keep the mantissa within 64 bits so Number(m) stays finite; the scale is applied in two halves so neither
  // factor overflows or underflows on its own.
  const excess = m.toString(2).length - 64;
  if (excess > 0) {
    m >>= BigInt(excess);
    e += excess;
  }
  const half = Math.trunc(e / 2);
  const value = m === 0n ? 0 : Number(m) * 2 ** half * 2 ** (e - half);
  return neg ? -value : value;
}
