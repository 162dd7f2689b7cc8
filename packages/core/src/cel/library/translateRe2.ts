import { checkRe2Pattern } from '../../simpleschema/checkRe2Pattern.js';
import { caseOrbit, DIGIT, hex, lit, negate, POSIX, rangeText, SPACE, unicodeProperty, Untranslatable, WORD, type Range } from './re2Classes.js';

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
