import { encodeUtf8 } from './utf8.js';

/**
 * Go `encoding/json.Unmarshal` into `interface{}`, as kro's `json.unmarshal` calls it: the syntax is validated
 * first by a byte-level state machine with Go's scanner states, so errors read exactly like Go's
 * (`invalid character 'x' looking for beginning of value`, `unexpected end of JSON input`, ...); numbers become
 * doubles (out-of-range numbers are Go's `cannot unmarshal` error); `\u` escapes of lone surrogates become U+FFFD.
 */

/** A JSON value as Go decodes it into `interface{}` (numbers as float64). */
export type GoJsonValue = null | boolean | number | string | GoJsonValue[] | { [key: string]: GoJsonValue };

export class GoJsonError extends Error {}

const MAX_DEPTH = 10000;

const enum Parse {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

type Step = (c: number) => void;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's `strconv.IsPrint` for code points below 256. */
function isPrintLatin1(r: number): boolean {
  if (r >= 0x20 && r < 0x7f) return true;
  return r >= 0xa1 && r <= 0xff && r !== 0xad;
}

/** Go's `quoteChar`: the byte as a quoted character literal. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 0x5c: '\\\\' };
  if (named[c] !== undefined) return `'${named[c]}'`;
  if (isPrintLatin1(c)) return `'${String.fromCharCode(c)}'`;
  if (c < 0x80) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  return `'\\u${c.toString(16).padStart(4, '0')}'`;
}

/** Runs Go's scanner over the bytes; throws Go's syntax error. */
function checkValid(bytes: Uint8Array): void {
  const stack: Parse[] = [];
  let endTop = false;
  let step: Step;

  const fail = (c: number, context: string): never => {
    throw new GoJsonError(`invalid character ${quoteChar(c)} ${context}`);
  };
  const push = (c: number, p: Parse): void => {
    stack.push(p);
    if (stack.length > MAX_DEPTH) fail(c, 'exceeded max depth');
  };
  const pop = (): void => {
    stack.pop();
    if (stack.length === 0) {
      step = endTopState;
      endTop = true;
    } else step = endValue;
  };
  const literal = (rest: string, word: string): Step => {
    const states: Step[] = [];
    for (let i = rest.length - 1; i >= 0; i--) {
      const expected = rest.charCodeAt(i);
      const next = states[0];
      states.unshift((c) => {
        if (c !== expected) fail(c, `in literal ${word} (expecting '${rest[i]}')`);
        step = next ?? endValue;
      });
    }
    return states[0]!;
  };

  const beginValue: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x7b) {
      step = beginStringOrEmpty;
      return push(c, Parse.ObjectKey);
    }
    if (c === 0x5b) {
      step = beginValueOrEmpty;
      return push(c, Parse.ArrayValue);
    }
    if (c === 0x22) step = inString;
    else if (c === 0x2d) step = neg;
    else if (c === 0x30) step = zero;
    else if (c === 0x74) step = literal('rue', 'true');
    else if (c === 0x66) step = literal('alse', 'false');
    else if (c === 0x6e) step = literal('ull', 'null');
    else if (c >= 0x31 && c <= 0x39) step = one;
    else fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x5d) return endValue(c);
    beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x7d) {
      stack[stack.length - 1] = Parse.ObjectValue;
      return endValue(c);
    }
    beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x22) step = inString;
    else fail(c, 'looking for beginning of object key string');
  };
  const endValue: Step = (c) => {
    if (stack.length === 0) {
      step = endTopState;
      endTop = true;
      return endTopState(c);
    }
    if (isSpace(c)) {
      step = endValue;
      return;
    }
    const top = stack[stack.length - 1]!;
    if (top === Parse.ObjectKey) {
      if (c !== 0x3a) fail(c, 'after object key');
      stack[stack.length - 1] = Parse.ObjectValue;
      step = beginValue;
    } else if (top === Parse.ObjectValue) {
      if (c === 0x2c) {
        stack[stack.length - 1] = Parse.ObjectKey;
        step = beginString;
      } else if (c === 0x7d) pop();
      else fail(c, 'after object key:value pair');
    } else if (c === 0x2c) step = beginValue;
    else if (c === 0x5d) pop();
    else fail(c, 'after array element');
  };
  const endTopState: Step = (c) => {
    if (!isSpace(c)) fail(c, 'after top-level value');
  };
  const inString: Step = (c) => {
    if (c === 0x22) step = endValue;
    else if (c === 0x5c) step = inStringEsc;
    else if (c < 0x20) fail(c, 'in string literal');
  };
  const inStringEsc: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) step = inString;
    else if (c === 0x75) step = hex(4);
    else fail(c, 'in string escape code');
  };
  const hex = (n: number): Step => (c) => {
    if (!isHex(c)) fail(c, 'in \\u hexadecimal character escape');
    step = n === 1 ? inString : hex(n - 1);
  };
  const neg: Step = (c) => {
    if (c === 0x30) step = zero;
    else if (c >= 0x31 && c <= 0x39) step = one;
    else fail(c, 'in numeric literal');
  };
  const one: Step = (c) => {
    if (isDigit(c)) return;
    zero(c);
  };
  const zero: Step = (c) => {
    if (c === 0x2e) step = dot;
    else if (c === 0x65 || c === 0x45) step = exp;
    else endValue(c);
  };
  const dot: Step = (c) => {
    if (isDigit(c)) step = dot0;
    else fail(c, 'after decimal point in numeric literal');
  };
  const dot0: Step = (c) => {
    if (isDigit(c)) return;
    if (c === 0x65 || c === 0x45) step = exp;
    else endValue(c);
  };
  const exp: Step = (c) => {
    if (c === 0x2b || c === 0x2d) step = expSign;
    else expSign(c);
  };
  const expSign: Step = (c) => {
    if (isDigit(c)) step = exp0;
    else fail(c, 'in exponent of numeric literal');
  };
  const exp0: Step = (c) => {
    if (!isDigit(c)) endValue(c);
  };

  step = beginValue;
  for (const c of bytes) step(c);
  // Go's eof(): a final space completes numbers; anything still open is an unexpected end.
  if (endTop) return;
  step(0x20);
  if (!endTop) throw new GoJsonError('unexpected end of JSON input');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function sanitize(v: unknown): GoJsonValue {
  if (typeof v === 'string') return v.replace(LONE_SURROGATE, '\ufffd');
  if (Array.isArray(v)) return v.map(sanitize);
  if (v !== null && typeof v === 'object') {
    const out: { [key: string]: GoJsonValue } = {};
    for (const [k, val] of Object.entries(v)) {
      Object.defineProperty(out, k.replace(LONE_SURROGATE, '\ufffd'), { value: sanitize(val), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v as GoJsonValue;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first number literal (in document order) that a float64 cannot hold, as Go's decoder reports it. */
function firstOverflow(text: string): string | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text)!;
      if (!Number.isFinite(Number(m[0]))) return m[0];
      i += m[0].length - 1;
    }
  }
  return undefined;
}

/** Parses JSON with Go's semantics; throws {@link GoJsonError} with Go's message. */
export function parseGoJson(text: string): GoJsonValue {
  checkValid(encodeUtf8(text));
  const overflow = firstOverflow(text);
  if (overflow !== undefined) throw new GoJsonError(`json: cannot unmarshal number ${overflow} into Go value of type float64`);
  return sanitize(JSON.parse(text));
}
