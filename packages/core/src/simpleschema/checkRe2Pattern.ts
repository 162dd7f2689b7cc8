import { parseRe2CharClass, parseRe2Escape, parseRe2UnicodeClass, Re2SyntaxError } from './parseRe2Escape.js';

/** Why Go's `regexp.Compile` rejects a pattern, located by UTF-16 indices into the pattern. */
export interface Re2Error {
  /** Go's `regexp/syntax` error code text, e.g. `missing closing )`. */
  readonly code: string;
  /** The fragment Go quotes in its message. */
  readonly expr: string;
  /** Go's full message: ``error parsing regexp: <code>: `<expr>` ``. */
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

const MAX_HEIGHT = 1000;
// regexp/syntax: maxSize = 128 MiB / 40-byte instructions.
const MAX_SIZE = Math.floor((128 << 20) / 40);
const MAX_REPEAT = 1000;

/**
 * A parsed node, reduced to what Go's parser limits look at. Every figure is computed when the node is built, from
 * its children's figures, so no check walks a tree or copies child lists (patterns may nest 30,000 groups deep).
 */
interface Node {
  readonly op: 'lit' | 'char' | 'leaf' | 'empty' | 'concat' | 'alt' | 'cap' | 'star' | 'plus' | 'quest' | 'rep';
  /** Rune count for literals. */
  readonly runes: number;
  /** Go's `calcSize` estimate of compiled instructions. */
  readonly size: number;
  /** Go's `calcHeight`. */
  readonly height: number;
  /** For concat/alt: the tallest child once nested concats/alts of the same op are flattened, as Go's `collapse` does. */
  readonly inner: number;
  /** For alt: number of alternatives after flattening. */
  readonly count: number;
  /** Smallest budget `n` for which Go's `repeatIsValid(node, n)` holds. */
  readonly need: number;
}

interface Frame {
  /** Index of `(` (or 0 for the whole pattern). */
  readonly start: number;
  readonly capture: boolean;
  readonly alts: Node[];
  cur: Node[];
}

/**
 * Checks a `pattern` marker the way kro does (`regexp.Compile`, Go 1.26 RE2 syntax with Perl flags) and returns Go's
 * error, or undefined when Go would accept the pattern. JavaScript's `RegExp` is not a substitute: RE2 rejects
 * lookaround, backreferences, `\Z`, `(?x)` and possessive/nested repetition, and accepts `(?P<name>…)`, `\z`, `\A`,
 * `\Q…\E`, `(?U)`, `[[:alpha:]]` and `\pN`.
 *
 * Parse errors (the codes a user meets) are Go's exactly, in Go's order. The size and nesting limits
 * (`expression too large`, `expression nests too deeply`) are estimated on a simplified tree, so a pattern within a
 * few percent of those limits may get a different verdict; the limit on runes in Unicode classes is not modelled.
 */
export function checkRe2Pattern(pattern: string): Re2Error | undefined {
  try {
    const root = new Re2Checker(pattern).parse();
    if (root.height > MAX_HEIGHT) return toError(new Re2SyntaxError('expression nests too deeply', 0, pattern.length, pattern));
    if (root.size > MAX_SIZE) return toError(new Re2SyntaxError('expression too large', 0, pattern.length, pattern));
    return undefined;
  } catch (e) {
    if (e instanceof Re2SyntaxError) return toError(e);
    throw e;
  }
}

function toError(e: Re2SyntaxError): Re2Error {
  return { code: e.code, expr: e.expr, message: `error parsing regexp: ${e.code}: \`${e.expr}\``, start: e.start, end: e.end };
}

class Re2Checker {
  private readonly frames: Frame[] = [{ start: 0, capture: false, alts: [], cur: [] }];
  private maxHeight = 0;
  private maxSize = 0;

  constructor(private readonly p: string) {}

  private fail(code: string, start: number, end: number, expr = this.p.slice(start, end)): never {
    throw new Re2SyntaxError(code, start, end, expr);
  }

  parse(): Node {
    const p = this.p;
    let i = 0;
    let lastRepeat = -1;
    while (i < p.length) {
      let repeatAt = -1;
      const c = p[i]!;
      switch (c) {
        case '(':
          if (p[i + 1] === '?') i = this.perlFlags(i);
          else {
            this.frames.push({ start: i, capture: true, alts: [], cur: [] });
            i++;
          }
          break;
        case '|': {
          const f = this.top();
          f.alts.push(this.concat(f.cur));
          f.cur = [];
          i++;
          break;
        }
        case ')': {
          if (this.frames.length === 1) this.fail('unexpected )', i, i + 1, p);
          const f = this.frames.pop()!;
          const body = this.alternate([...f.alts, this.concat(f.cur)]);
          this.top().cur.push(f.capture ? this.unary('cap', body) : body);
          i++;
          break;
        }
        case '^':
        case '$':
          this.push(this.leaf('leaf'));
          i++;
          break;
        case '.':
          this.push(this.leaf('char'));
          i++;
          break;
        case '[':
          i = parseRe2CharClass(p, i);
          this.push(this.leaf('char'));
          break;
        case '*':
        case '+':
        case '?':
          repeatAt = i;
          i = this.repeat(c === '*' ? 'star' : c === '+' ? 'plus' : 'quest', 0, 0, i, i + 1, lastRepeat);
          break;
        case '{': {
          const r = this.parseRepeat(i);
          if (!r) {
            this.literal(1);
            i++;
            break;
          }
          if (r.min < 0 || r.min > MAX_REPEAT || r.max > MAX_REPEAT || (r.max >= 0 && r.min > r.max)) {
            this.fail('invalid repeat count', i, r.after);
          }
          repeatAt = i;
          i = this.repeat('rep', r.min, r.max, i, r.after, lastRepeat);
          break;
        }
        case '\\':
          i = this.backslash(i);
          break;
        default: {
          const cp = p.codePointAt(i)!;
          this.literal(1);
          i += cp > 0xffff ? 2 : 1;
        }
      }
      lastRepeat = repeatAt;
    }
    if (this.frames.length !== 1) {
      const open = this.frames[this.frames.length - 1]!.start;
      this.fail('missing closing )', open, open + 1, p);
    }
    const f = this.frames[0]!;
    const root = this.alternate([...f.alts, this.concat(f.cur)]);
    return { ...root, height: Math.max(root.height, this.maxHeight), size: Math.max(root.size, this.maxSize) };
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private push(n: Node): void {
    this.top().cur.push(n);
  }

  private literal(runes: number): void {
    this.push({ op: 'lit', runes, size: runes, height: 1, inner: 0, count: 0, need: 0 });
  }

  private leaf(op: 'char' | 'leaf' | 'empty'): Node {
    return { op, runes: 0, size: 1, height: 1, inner: 0, count: 0, need: 0 };
  }

  private track(n: Node): Node {
    this.maxHeight = Math.max(this.maxHeight, n.height);
    this.maxSize = Math.max(this.maxSize, n.size);
    return n;
  }

  /** A node with one child: capture, `*`, `+`, `?` or a counted repeat. */
  private unary(op: 'cap' | 'star' | 'plus' | 'quest' | 'rep', sub: Node, min = 0, max = 0): Node {
    let size: number;
    if (op === 'cap' || op === 'star') size = 2 + sub.size;
    else if (op === 'plus' || op === 'quest') size = 1 + sub.size;
    else size = max === -1 ? (min === 0 ? 2 + sub.size : 1 + min * sub.size) : max * sub.size + (max - min);
    let need = sub.need;
    if (op === 'rep' && max !== 0) {
      // Go's repeatIsValid: {0} ends the check, {0,} passes the budget through, {m} divides it by m.
      const m = max === -1 ? min : max;
      if (m > 0) need = Math.max(m, need * m);
    } else if (op === 'rep') need = 0;
    return this.track({ op, runes: 0, size: Math.max(1, size), height: 1 + sub.height, inner: 0, count: 0, need });
  }

  /** Go's `concat`: adjacent literals merge, nested concatenations flatten, a single item stands alone. */
  private concat(items: readonly Node[]): Node {
    const flat: Node[] = [];
    for (const m of items) {
      const prev = flat[flat.length - 1];
      if (m.op === 'lit' && prev?.op === 'lit') {
        flat[flat.length - 1] = { ...prev, runes: prev.runes + m.runes, size: prev.size + m.size };
      } else flat.push(m);
    }
    if (flat.length === 0) return this.leaf('empty');
    if (flat.length === 1) return flat[0]!;
    let size = 0;
    let inner = 0;
    let need = 0;
    for (const n of flat) {
      size += n.size;
      inner = Math.max(inner, n.op === 'concat' ? n.inner : n.height);
      need = Math.max(need, n.need);
    }
    return this.track({ op: 'concat', runes: 0, size: Math.max(1, size), height: 1 + inner, inner, count: flat.length, need });
  }

  /**
   * Go's `alternate`: nested alternations flatten and single-character alternatives merge into one character class
   * (Go merges neighbours as it parses; all-single alternations therefore become one class).
   */
  private alternate(alts: readonly Node[]): Node {
    const flat: Node[] = [];
    for (const m of alts) {
      const prev = flat[flat.length - 1];
      if (isSingleChar(m) && prev && isSingleChar(prev)) flat[flat.length - 1] = this.leaf('char');
      else flat.push(m);
    }
    if (flat.length === 1) return flat[0]!;
    let size = 0;
    let count = 0;
    let inner = 0;
    let need = 0;
    for (const n of flat) {
      if (n.op === 'alt') {
        size += n.size - (n.count - 1);
        count += n.count;
        inner = Math.max(inner, n.inner);
      } else {
        size += n.size;
        count += 1;
        inner = Math.max(inner, n.height);
      }
      need = Math.max(need, n.need);
    }
    return this.track({ op: 'alt', runes: 0, size: Math.max(1, size + count - 1), height: 1 + inner, inner, count, need });
  }

  /** Go's `repeat`: a trailing `?` makes it non-greedy; a repeat may not follow a repeat or stand first. */
  private repeat(op: Node['op'], min: number, max: number, before: number, afterIn: number, lastRepeat: number): number {
    let after = afterIn;
    if (this.p[after] === '?') after++;
    if (lastRepeat >= 0) this.fail('invalid nested repetition operator', lastRepeat, after);
    const cur = this.top().cur;
    const sub = cur[cur.length - 1];
    if (!sub) this.fail('missing argument to repetition operator', before, after);
    const re = this.unary(op as 'star' | 'plus' | 'quest' | 'rep', sub, min, max);
    cur[cur.length - 1] = re;
    if (op === 'rep' && (min >= 2 || max >= 2) && re.need > MAX_REPEAT) this.fail('invalid repeat count', before, after);
    return after;
  }

  /** Go's `parseRepeat`: `{n}`, `{n,}`, `{n,m}`; anything else makes `{` a literal. */
  private parseRepeat(i: number): { min: number; max: number; after: number } | undefined {
    let j = i + 1;
    const a = this.parseInt(j);
    if (!a) return undefined;
    let min = a.n;
    let max: number;
    j = a.after;
    if (j >= this.p.length) return undefined;
    if (this.p[j] !== ',') max = min;
    else {
      j++;
      if (j >= this.p.length) return undefined;
      if (this.p[j] === '}') max = -1;
      else {
        const b = this.parseInt(j);
        if (!b) return undefined;
        max = b.n;
        j = b.after;
        if (max < 0) min = -1;
      }
    }
    if (this.p[j] !== '}') return undefined;
    return { min, max, after: j + 1 };
  }

  /** Go's `parseInt`: decimal without leading zeros; values of 10^8 and more become -1. */
  private parseInt(i: number): { n: number; after: number } | undefined {
    const p = this.p;
    if (i >= p.length || p[i]! < '0' || p[i]! > '9') return undefined;
    if (p[i] === '0' && i + 1 < p.length && p[i + 1]! >= '0' && p[i + 1]! <= '9') return undefined;
    let j = i;
    let n = 0;
    while (j < p.length && p[j]! >= '0' && p[j]! <= '9') {
      if (n >= 1e8) n = -1;
      else if (n >= 0) n = n * 10 + (p.charCodeAt(j) - 48);
      j++;
    }
    return { n, after: j };
  }

  /** Go's `parsePerlFlags`: named captures and `(?flags)` / `(?flags:…)`; lookaround and the rest are errors. */
  private perlFlags(i: number): number {
    const p = this.p;
    const rest = p.length - i;
    const startsWithP = rest > 4 && p[i + 2] === 'P' && p[i + 3] === '<';
    const startsWithName = rest > 3 && p[i + 2] === '<';
    if (startsWithP || startsWithName) {
      const nameStart = i + (startsWithP ? 4 : 3);
      const end = p.indexOf('>', i);
      if (end < 0) this.fail('invalid named capture', i, p.length);
      const name = p.slice(nameStart, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) this.fail('invalid named capture', i, end + 1);
      this.frames.push({ start: i, capture: true, alts: [], cur: [] });
      return end + 1;
    }
    let j = i + 2;
    let sign = 1;
    let sawFlag = false;
    while (j < p.length) {
      const cp = p.codePointAt(j)!;
      const c = String.fromCodePoint(cp);
      j += c.length;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
        continue;
      }
      if (c === '-') {
        if (sign < 0) break;
        sign = -1;
        sawFlag = false;
        continue;
      }
      if (c === ':' || c === ')') {
        if (sign < 0 && !sawFlag) break;
        if (c === ':') this.frames.push({ start: i, capture: false, alts: [], cur: [] });
        return j;
      }
      break;
    }
    return this.fail('invalid or unsupported Perl syntax', i, j);
  }

  private backslash(i: number): number {
    const p = this.p;
    const next = p[i + 1];
    switch (next) {
      case 'A':
      case 'b':
      case 'B':
      case 'z':
        this.push(this.leaf('leaf'));
        return i + 2;
      case 'C':
        return this.fail('invalid escape sequence', i, i + 2);
      case 'Q': {
        const end = p.indexOf('\\E', i + 2);
        const lit = p.slice(i + 2, end < 0 ? p.length : end);
        for (const _ of lit) this.literal(1);
        return end < 0 ? p.length : end + 2;
      }
    }
    if (next === 'p' || next === 'P') {
      this.push(this.leaf('char'));
      return parseRe2UnicodeClass(this.p, i);
    }
    if (next !== undefined && 'dDsSwW'.includes(next)) {
      this.push(this.leaf('char'));
      return i + 2;
    }
    const e = parseRe2Escape(this.p, i);
    this.literal(1);
    return e.after;
  }
}

function isSingleChar(n: Node): boolean {
  return n.op === 'char' || (n.op === 'lit' && n.runes === 1);
}

