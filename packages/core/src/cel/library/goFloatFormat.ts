/**
 * Go's float formatting (`strconv.FormatFloat`, `fmt` verbs) for the results kro's functions print: JavaScript's
 * `toFixed`/`toExponential` round ties away from zero and switch notation at other thresholds, Go rounds the
 * exact binary value half-to-even. Digits are computed exactly with BigInt.
 */

/** The exact decimal expansion of a finite double: value = digits × 10^(exp10), digits without sign. */
function exactDecimal(x: number): { digits: string; exp10: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (mantissa === 0n) return { digits: '0', exp10: 0 };
  if (exp2 >= 0) return { digits: (mantissa << BigInt(exp2)).toString(), exp10: 0 };
  // m × 2^-k = m × 5^k × 10^-k
  const k = -exp2;
  return { digits: (mantissa * 5n ** BigInt(k)).toString(), exp10: -k };
}

/** Rounds a digit string half-to-even to `keep` digits; returns the digits and whether a carry added one. */
function roundDigits(digits: string, keep: number): { digits: string; carry: boolean } {
  if (keep >= digits.length) return { digits: digits.padEnd(keep, '0'), carry: false };
  if (keep < 0) return { digits: '', carry: false };
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const first = rest.charCodeAt(0) - 48;
  const tailNonZero = /[1-9]/.test(rest.slice(1));
  const lastEven = keep === 0 ? true : (head.charCodeAt(keep - 1) - 48) % 2 === 0;
  const up = first > 5 || (first === 5 && (tailNonZero || !lastEven));
  if (!up) return { digits: head, carry: false };
  if (keep === 0) return { digits: '1', carry: true };
  const n = (BigInt(head) + 1n).toString().padStart(keep, '0');
  return n.length > keep ? { digits: n.slice(0, keep), carry: true } : { digits: n, carry: false };
}

function specialText(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** Go `strconv.FormatFloat(x, 'f', prec, 64)` / `fmt.Sprintf("%.<prec>f", x)`. */
export function formatGoFixed(x: number, prec: number): string {
  const special = specialText(x);
  if (special !== undefined) return special;
  const { digits, exp10 } = exactDecimal(x);
  // Integer part length: digits.length + exp10 (may be <= 0).
  const intLen = digits.length + exp10;
  const padded = intLen <= 0 ? '0'.repeat(1 - intLen) + digits : digits;
  const intDigits = Math.max(intLen, 1);
  const rounded = roundDigits(padded, intDigits + prec);
  let all = rounded.digits;
  let intPart = intDigits;
  if (rounded.carry) {
    all = '1' + all;
    intPart++;
  }
  const i = all.slice(0, intPart).replace(/^0+(?=\d)/, '');
  const f = all.slice(intPart);
  return sign(x) + i + (prec > 0 ? '.' + f : '');
}

/** Go `fmt.Sprintf("%.<prec>e", x)`: at least two exponent digits. */
export function formatGoExponent(x: number, prec: number): string {
  const special = specialText(x);
  if (special !== undefined) return special;
  if (x === 0) return sign(x) + '0' + (prec > 0 ? '.' + '0'.repeat(prec) : '') + 'e+00';
  const { digits, exp10 } = exactDecimal(x);
  const trimmed = digits.replace(/^0+/, '');
  let exp = trimmed.length - 1 + exp10;
  let r = roundDigits(trimmed, prec + 1);
  if (r.carry) {
    exp++;
    r = { digits: '1' + r.digits.slice(0, prec), carry: false };
  }
  const mant = r.digits.slice(0, 1) + (prec > 0 ? '.' + r.digits.slice(1) : '');
  return sign(x) + mant + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
}

/** Shortest round-tripping digits and decimal exponent (position of the point), as Go's shortest mode finds them. */
function shortest(x: number): { digits: string; point: number } {
  const [mant, e] = Math.abs(x).toExponential().split('e');
  const digits = mant!.replace('.', '');
  return { digits, point: Number(e) + 1 };
}

/** Go `strconv.FormatFloat(x, 'f', -1, 64)`. */
export function formatGoShortestFixed(x: number): string {
  const special = specialText(x);
  if (special !== undefined) return special;
  if (x === 0) return sign(x) + '0';
  const { digits, point } = shortest(x);
  let body: string;
  if (point <= 0) body = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) body = digits + '0'.repeat(point - digits.length);
  else body = digits.slice(0, point) + '.' + digits.slice(point);
  return sign(x) + body;
}

/** Go `strconv.FormatFloat(x, 'e', -1, 64)`: shortest digits, at least two exponent digits. */
function formatGoShortestExponent(x: number): string {
  const { digits, point } = shortest(x);
  const exp = point - 1;
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return sign(x) + mant + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
}

/** Go `fmt.Sprintf("%g", x)` = `strconv.FormatFloat(x, 'g', -1, 64)`: exponent form when exp < -4 or exp >= 6. */
export function formatGoShortestG(x: number): string {
  const special = specialText(x);
  if (special !== undefined) return special;
  if (x === 0) return sign(x) + '0';
  const { point } = shortest(x);
  const exp = point - 1;
  // strconv's 'g' rule: with the shortest precision the exponent threshold is 6.
  if (exp < -4 || exp >= 6) return formatGoShortestExponent(x);
  return formatGoShortestFixed(x);
}

/**
 * Go `encoding/json` float64 encoding: shortest digits, exponent form below 1e-6 or from 1e21 on, exponent without
 * padding. Matches ECMAScript's Number-to-String except for negative zero.
 */
export function formatGoJsonFloat(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}
