import { checkRe2Pattern } from '../../simpleschema/checkRe2Pattern.js';
import { goCanonicalClassName } from '../../simpleschema/unicodeClassName.js';

/**
 * Translates a Go RE2 pattern (Perl flags, as `regexp.Compile` parses it) into an equivalent JavaScript RegExp with
 * the `u` flag. Syntax RE2 rejects is reported with Go's error first (`checkRe2Pattern`); RE2 constructs JavaScript
 * spells differently are rewritten: `(?i)`/`(?m)`/`(?s)`/`(?U)` flags and groups, `\A` `\z` `\Q…\E` `(?P<n>…)`,
 * octal and `\x{…}` escapes, POSIX classes, ASCII-only `\d \s \w`, `.` not matching `\n`, `^`/`$` under `(?m)`
 * matching only around `\n`, and quantified assertions. Known approximation: case folding inside a pattern that is
 * only partly case-insensitive uses each character's upper/lower case forms plus Unicode's few extra fold partners.
 */

export type Re2Translation = { readonly ok: true; readonly source: string; readonly flags: string } | { readonly ok: false; readonly message: string; readonly index: number; readonly end: number; readonly goError: boolean };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

class Untranslatable extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;
const lit = (cp: number): string => (/[0-9A-Za-z_ ]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hex(cp));

/** Characters whose case-fold orbit has members that upper/lower-casing does not reach. */
const EXTRA_FOLDS: ReadonlyArray<readonly number[]> = [
  [0x4b, 0x6b, 0x212a],
  [0x53, 0x73, 0x17f],
  [0xc5, 0xe5, 0x212b],
  [0xb5, 0x39c, 0x3bc],
  [0x398, 0x3b8, 0x3d1, 0x3f4],
  [0x345, 0x399, 0x3b9, 0x1fbe],
  [0x392, 0x3b2, 0x3d0],
  [0x395, 0x3b5, 0x3f5],
  [0x39a, 0x3ba, 0x3f0],
  [0x3a0, 0x3c0, 0x3d6],
  [0x3a1, 0x3c1, 0x3f1],
  [0x3a3, 0x3c2, 0x3c3],
  [0x3a6, 0x3c6, 0x3d5],
  [0x3a9, 0x3c9, 0x2126],
  [0xdf, 0x1e9e],
  [0x1e60, 0x1e61, 0x1e9b],
];

/** The code points `(?i)` makes `cp` match. */
export function caseOrbit(cp: number): number[] {
  const out = new Set([cp]);
  const add = (s: string): void => {
    if ([...s].length === 1) out.add(s.codePointAt(0)!);
  };
  const c = String.fromCodePoint(cp);
  add(c.toLowerCase());
  add(c.toUpperCase());
  add(c.toUpperCase().toLowerCase());
  add(c.toLowerCase().toUpperCase());
  for (const orbit of EXTRA_FOLDS) if (orbit.some((x) => out.has(x))) orbit.forEach((x) => out.add(x));
  return [...out].sort((a, b) => a - b);
}

type Range = readonly [number, number];

const DIGIT: Range[] = [[0x30, 0x39]];
const SPACE: Range[] = [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const POSIX: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

function negate(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

const rangeText = (ranges: readonly Range[]): string => ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');

/** Go general-category names (canonical form) and their JavaScript property names. */
const CATEGORIES: ReadonlyMap<string, string> = new Map(
  (
    'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cs Cn LC ' +
    'Letter Cased_Letter Uppercase_Letter Lowercase_Letter Titlecase_Letter Modifier_Letter Other_Letter Mark Combining_Mark ' +
    'Nonspacing_Mark Spacing_Mark Enclosing_Mark Number Decimal_Number Letter_Number Other_Number Punctuation ' +
    'Connector_Punctuation Dash_Punctuation Open_Punctuation Close_Punctuation Initial_Punctuation Final_Punctuation ' +
    'Other_Punctuation Symbol Math_Symbol Currency_Symbol Modifier_Symbol Other_Symbol Separator Space_Separator ' +
    'Line_Separator Paragraph_Separator Other Control Format Private_Use Surrogate Unassigned Any ASCII Assigned'
  )
    .split(' ')
    .map((n) => [goCanonicalClassName(n), n] as const)
    .concat([
      ['Cntrl', 'Cc'],
      ['Digit', 'Nd'],
      ['Punct', 'P'],
    ]),
);

function unicodeProperty(name: string, index: number): string {
  const canonical = goCanonicalClassName(name);
  const category = CATEGORIES.get(canonical);
  const candidate = category ?? `Script=${canonical}`;
  try {
    new RegExp(`\\p{${candidate}}`, 'u');
  } catch {
    throw new Untranslatable(`Unicode class \\p{${name}} has no JavaScript equivalent`, index);
  }
  return candidate;
}

interface ClassItem {
  readonly ranges?: Range[];
  /** A `\p{…}` / `\P{…}` item, kept as JavaScript text. */
  readonly property?: string;
}

class Translator {
  private i = 0;
  private readonly foldGlobally: boolean;

  constructor(
    private readonly p: string,
    uniformFold: boolean,
  ) {
    this.foldGlobally = uniformFold;
  }

  translate(): string {
    const out = this.alternation({ i: false, m: false, s: false, U: false });
    return out;
  }

  private fold(f: Flags): boolean {
    return f.i && !this.foldGlobally;
  }

  private alternation(flags: Flags): string {
    let out = '';
    const f = { ...flags };
    while (this.i < this.p.length && this.p[this.i] !== ')') {
      if (this.p[this.i] === '|') {
        out += '|';
        this.i++;
        continue;
      }
      const start = out.length;
      const atom = this.atom(f);
      if (atom === undefined) continue;
      out += atom;
      const q = this.quantifier(f);
      if (q) out = out.slice(0, start) + `(?:${atom})` + q;
    }
    return out;
  }

  private quantifier(f: Flags): string {
    const p = this.p;
    let q: string;
    const c = p[this.i];
    if (c === '*' || c === '+' || c === '?') {
      q = c;
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(this.i));
      if (!m) return '';
      q = m[0];
      this.i += m[0].length;
    } else return '';
    let lazy = false;
    if (p[this.i] === '?') {
      lazy = true;
      this.i++;
    }
    return q + (lazy !== f.U ? '?' : '');
  }

  /** One atom, or undefined for a flag group that only changes `f`. */
  private atom(f: Flags): string | undefined {
    const p = this.p;
    const c = p.codePointAt(this.i)!;
    const ch = String.fromCodePoint(c);
    switch (ch) {
      case '(':
        return this.group(f);
      case '[':
        return this.charClass(f);
      case '.':
        this.i++;
        return f.s ? '[\\u{0}-\\u{10ffff}]' : '[^\\n]';
      case '^':
        this.i++;
        return f.m ? '(?<![^\\n])' : '^';
      case '$':
        this.i++;
        return f.m ? '(?![^\\n])' : '$';
      case '\\':
        return this.escape(f);
      case '{':
        this.i++;
        return hex(c);
    }
    this.i += ch.length;
    return this.literal(c, f);
  }

  private literal(cp: number, f: Flags): string {
    if (!this.fold(f)) return lit(cp);
    const orbit = caseOrbit(cp);
    return orbit.length === 1 ? lit(cp) : `[${orbit.map(hex).join('')}]`;
  }

  private group(f: Flags): string | undefined {
    const p = this.p;
    const start = this.i;
    this.i++;
    if (p[this.i] !== '?') return this.closeGroup('(', { ...f });
    const named = /^\?P?<[A-Za-z0-9_]+>/.exec(p.slice(this.i));
    if (named) {
      this.i += named[0].length;
      return this.closeGroup('(', { ...f });
    }
    // (?flags) or (?flags:...)
    const m = /^\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(p.slice(this.i));
    if (!m) throw new Untranslatable('unsupported group syntax', start);
    this.i += m[0].length;
    const next = { ...f };
    for (const x of m[1]!) next[x as keyof Flags] = true;
    for (const x of m[2] ?? '') next[x as keyof Flags] = false;
    if (m[3] === ')') {
      Object.assign(f, next);
      return undefined;
    }
    return this.closeGroup('(?:', next);
  }

  private closeGroup(open: string, inner: Flags): string {
    const body = this.alternation(inner);
    this.i++; // ')'
    return `${open}${body})`;
  }

  private escape(f: Flags): string {
    const p = this.p;
    const start = this.i;
    const next = p[this.i + 1]!;
    this.i += 2;
    switch (next) {
      case 'A':
        return '^';
      case 'z':
        return '$';
      case 'b':
        return '(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))';
      case 'B':
        return '(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))';
      case 'Q': {
        const end = p.indexOf('\\E', this.i);
        const text = p.slice(this.i, end < 0 ? p.length : end);
        this.i = end < 0 ? p.length : end + 2;
        return [...text].map((ch) => this.literal(ch.codePointAt(0)!, f)).join('');
      }
    }
    this.i = start;
    const item = this.classEscape(f);
    if (item) return item.property !== undefined ? item.property : `[${rangeText(item.ranges!)}]`;
    return this.literal(this.escapedRune(), f);
  }

  /** `\d \s \w \D \S \W \pX \p{…}` as a class item, or undefined for other escapes (position unchanged then). */
  private classEscape(f: Flags): ClassItem | undefined {
    const p = this.p;
    const c = p[this.i + 1]!;
    const perl: Record<string, Range[]> = { d: DIGIT, s: SPACE, w: WORD };
    const base = perl[c.toLowerCase()];
    if (base) {
      this.i += 2;
      let ranges = base;
      if (this.fold(f) && c.toLowerCase() === 'w') ranges = [...base, [0x17f, 0x17f], [0x212a, 0x212a]];
      return { ranges: c === c.toUpperCase() ? negate(ranges) : ranges };
    }
    if (c === 'p' || c === 'P') {
      const start = this.i;
      let name: string;
      if (p[this.i + 2] === '{') {
        const end = p.indexOf('}', this.i);
        name = p.slice(this.i + 3, end);
        this.i = end + 1;
      } else {
        const cp = p.codePointAt(this.i + 2)!;
        name = String.fromCodePoint(cp);
        this.i += 2 + name.length;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      if (this.fold(f)) throw new Untranslatable('case-insensitive Unicode classes in a partly case-insensitive pattern are not supported', start);
      const prop = unicodeProperty(name, start);
      return { property: `\\${negated ? 'P' : 'p'}{${prop}}` };
    }
    return undefined;
  }

  /** The rune of an escape that stands for one character (octal, hex, `\n`, escaped punctuation ...). */
  private escapedRune(): number {
    const p = this.p;
    const c = p[this.i + 1]!;
    this.i += 2;
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (simple[c] !== undefined) return simple[c]!;
    if (c >= '0' && c <= '7') {
      let digits = c;
      while (digits.length < 3 && p[this.i]! >= '0' && p[this.i]! <= '7') digits += p[this.i++];
      return parseInt(digits, 8);
    }
    if (c === 'x') {
      if (p[this.i] === '{') {
        const end = p.indexOf('}', this.i);
        const v = parseInt(p.slice(this.i + 1, end), 16);
        this.i = end + 1;
        return v;
      }
      const v = parseInt(p.slice(this.i, this.i + 2), 16);
      this.i += 2;
      return v;
    }
    this.i -= 1;
    const cp = p.codePointAt(this.i)!;
    this.i += String.fromCodePoint(cp).length;
    return cp;
  }

  private charClass(f: Flags): string {
    const p = this.p;
    this.i++;
    let negated = false;
    if (p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const ranges: Range[] = [];
    const props: string[] = [];
    let first = true;
    while (p[this.i] !== ']' || first) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(this.i));
      if (posix) {
        this.i += posix[0].length;
        const r = POSIX[posix[2]!]!;
        ranges.push(...(posix[1] ? negate(r) : r));
        continue;
      }
      if (p[this.i] === '\\') {
        const item = this.classEscape(f);
        if (item) {
          if (item.ranges) ranges.push(...item.ranges);
          else props.push(item.property!);
          continue;
        }
      }
      const lo = this.classRune();
      let hi = lo;
      if (p[this.i] === '-' && p[this.i + 1] !== ']') {
        this.i++;
        hi = this.classRune();
      }
      ranges.push([lo, hi]);
    }
    this.i++;
    const all = this.fold(f) ? this.foldRanges(ranges) : ranges;
    return `[${negated ? '^' : ''}${rangeText(all)}${props.join('')}]`;
  }

  private classRune(): number {
    if (this.p[this.i] === '\\') return this.escapedRune();
    const cp = this.p.codePointAt(this.i)!;
    this.i += String.fromCodePoint(cp).length;
    return cp;
  }

  private foldRanges(ranges: readonly Range[]): Range[] {
    const out: Range[] = [...ranges];
    for (const [lo, hi] of ranges) {
      if (hi - lo > 0x3000) throw new Untranslatable('case-insensitive ranges this large in a partly case-insensitive pattern are not supported', this.i);
      for (let cp = lo; cp <= hi; cp++) for (const o of caseOrbit(cp)) if (o < lo || o > hi) out.push([o, o]);
    }
    return out;
  }
}

/** Whether every literal of the pattern sits under the same `(?i)` setting (then the JavaScript `i` flag is exact). */
function uniformFold(p: string): boolean | undefined {
  // A single leading (?i) (or none at all, with no other flag group touching i) covers the common cases.
  const groups = p.match(/\(\?[imsU-]*[:)]/g) ?? [];
  const touching = groups.filter((g) => g.includes('i'));
  if (touching.length === 0) return false;
  if (touching.length === 1 && /^\(\?[msU]*i[msU]*\)/.test(p)) return true;
  return undefined;
}

/** Translates an RE2 pattern; see the module comment. */
export function translateRe2(pattern: string): Re2Translation {
  const goError = checkRe2Pattern(pattern);
  if (goError) return { ok: false, message: goError.message, index: goError.start, end: goError.end, goError: true };
  const uniform = uniformFold(pattern);
  try {
    const source = new Translator(pattern, uniform === true).translate();
    const flags = uniform === true ? 'iu' : 'u';
    new RegExp(source, flags);
    return { ok: true, source, flags };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, message: e.message, index: e.index, end: e.index + 1, goError: false };
    if (e instanceof SyntaxError) return { ok: false, message: `cannot evaluate this RE2 pattern in JavaScript: ${e.message}`, index: 0, end: pattern.length, goError: false };
    throw e;
  }
}
