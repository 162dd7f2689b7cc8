/**
 * `k8s.io/apimachinery/pkg/api/resource.Quantity` as the Kubernetes CEL quantity library observes it. The value is
 * exact, but Go keeps one of two representations (a scaled int64, or an arbitrary-precision decimal after overflow
 * or high precision) and some results depend on which: `isInteger()` is false for any decimal representation and
 * for negative int64 scales (`1000m`), and `asApproximateFloat()` multiplies by `math.Pow10` of the stored scale.
 * Both representations and Go's choice between them are reproduced.
 */

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** value × 10^scale (an `int64Amount`) or unscaled × 10^-scale (an `inf.Dec`). */
type Rep = { readonly dec: false; readonly value: bigint; readonly scale: number } | { readonly dec: true; readonly unscaled: bigint; readonly scale: number };

const fitsInt64 = (v: bigint): boolean => v >= MIN_INT64 && v <= MAX_INT64;

/** Exact value as a fraction n / 10^d with d >= 0. */
function exact(r: Rep): { n: bigint; d: number } {
  const s = r.dec ? -r.scale : r.scale;
  const v = r.dec ? r.unscaled : r.value;
  return s >= 0 ? { n: v * 10n ** BigInt(s), d: 0 } : { n: v, d: -s };
}

function toDec(r: Rep): { unscaled: bigint; scale: number } {
  return r.dec ? { unscaled: r.unscaled, scale: r.scale } : { unscaled: r.value, scale: -r.scale };
}

function decAdd(a: { unscaled: bigint; scale: number }, b: { unscaled: bigint; scale: number }): Rep {
  const scale = Math.max(a.scale, b.scale);
  const x = a.unscaled * 10n ** BigInt(scale - a.scale);
  const y = b.unscaled * 10n ** BigInt(scale - b.scale);
  return { dec: true, unscaled: x + y, scale };
}

/** Go's `int64Amount.Add`; undefined when it overflows (Go then switches to inf.Dec). */
function int64Add(a: { value: bigint; scale: number }, b: { value: bigint; scale: number }): Rep | undefined {
  if (b.value === 0n) return { dec: false, ...a };
  if (a.value === 0n) return { dec: false, ...b };
  let value: bigint;
  let scale = a.scale;
  if (a.scale === b.scale) value = a.value + b.value;
  else if (a.scale > b.scale) {
    const c = a.value * 10n ** BigInt(a.scale - b.scale);
    if (!fitsInt64(c)) return undefined;
    value = c + b.value;
    scale = b.scale;
  } else {
    const c = b.value * 10n ** BigInt(b.scale - a.scale);
    if (!fitsInt64(c)) return undefined;
    value = a.value + c;
  }
  return fitsInt64(value) ? { dec: false, value, scale } : undefined;
}

const POW10_TAB = Array.from({ length: 32 }, (_, i) => Number(`1e${i}`));
const POW10_POS32 = Array.from({ length: 10 }, (_, i) => Number(`1e${i * 32}`));
const POW10_NEG32 = Array.from({ length: 11 }, (_, i) => Number(`1e-${i * 32}`));

/** Go's `math.Pow10`, table by table, so products round as Go's do. */
function goPow10(n: number): number {
  if (n >= 0 && n <= 308) return POW10_POS32[Math.floor(n / 32)]! * POW10_TAB[n % 32]!;
  if (n < 0 && n >= -323) return POW10_NEG32[Math.floor(-n / 32)]! / POW10_TAB[-n % 32]!;
  return n > 0 ? Infinity : 0;
}

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** A parsed or computed quantity. */
export class GoQuantity {
  private constructor(private readonly rep: Rep) {}

  static fromInt(v: bigint): GoQuantity {
    return new GoQuantity({ dec: false, value: v, scale: 0 });
  }

  /** `resource.ParseQuantity`. */
  static parse(str: string): GoQuantity {
    if (str === '') throw new QuantityError(QUANTITY_FORMAT_ERROR);
    if (str === '0') return new GoQuantity({ dec: false, value: 0n, scale: 0 });
    // Go's scanner: sign, digits, optional .digits, then suffix letters, optional sign, digits (nothing else).
    const scan = /^([+-]?)(0*)([0-9]*)(\.[0-9]*)?/.exec(str)!;
    const rest = str.slice(scan[0].length);
    if (!/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(rest)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
    const positive = scan[1] !== '-';
    const num = scan[3] === '' ? '0' : scan[3]!;
    const denom = scan[4] === undefined ? '' : scan[4].slice(1);
    const valueText = scan[0];
    let base: 2 | 10;
    let exponent: number;
    let format: 'decimal' | 'binary' | 'exponent';
    if (DEC_SUFFIXES[rest] !== undefined) [base, exponent, format] = [10, DEC_SUFFIXES[rest]!, 'decimal'];
    else if (BIN_SUFFIXES[rest] !== undefined) [base, exponent, format] = [2, BIN_SUFFIXES[rest]!, 'binary'];
    else if (rest.length > 1 && (rest[0] === 'e' || rest[0] === 'E') && /^[+-]?[0-9]+$/.test(rest.slice(1))) {
      const parsed = BigInt(rest.slice(1));
      if (!fitsInt64(parsed)) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
      [base, exponent, format] = [10, Number(BigInt.asIntN(32, parsed)), 'exponent'];
    } else throw new QuantityError(QUANTITY_SUFFIX_ERROR);

    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (format === 'binary') {
      if (exponent >= 0 && denom === '') {
        mantissa = 1n << BigInt(exponent);
        precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
      } else precision = -1;
    } else {
      scale = exponent;
      precision = 18 - (num.length + denom.length);
    }
    if (precision >= 0) {
      scale -= denom.length;
      if (scale >= -9) {
        const value = BigInt(num + denom) * mantissa;
        if (fitsInt64(value)) return new GoQuantity({ dec: false, value: positive ? value : -value, scale });
      }
    }
    // inf.Dec path: exact decimal, magnitude rounded up to nano precision.
    const digits = valueText.replace(/^[+-]/, '').replace('.', '');
    if (!/^[0-9]+$/.test(digits)) throw new QuantityError(QUANTITY_NUMERIC_ERROR);
    let unscaled = BigInt(digits);
    let decScale = denom.length;
    if (base === 10) decScale -= exponent;
    else unscaled *= 1n << BigInt(exponent);
    if (unscaled !== 0n) {
      if (decScale > 9) {
        const div = 10n ** BigInt(decScale - 9);
        unscaled = unscaled / div + (unscaled % div === 0n ? 0n : 1n);
      } else unscaled *= 10n ** BigInt(9 - decScale);
      decScale = 9;
    }
    if (format === 'binary' && unscaled > MAX_INT64 * 10n ** BigInt(decScale)) {
      // Go caps binary quantities at maxAllowed, an inf.Dec of scale 0.
      unscaled = MAX_INT64;
      decScale = 0;
    }
    return new GoQuantity({ dec: true, unscaled: positive ? unscaled : -unscaled, scale: decScale });
  }

  compare(o: GoQuantity): number {
    const a = exact(this.rep);
    const b = exact(o.rep);
    const d = Math.max(a.d, b.d);
    const x = a.n * 10n ** BigInt(d - a.d);
    const y = b.n * 10n ** BigInt(d - b.d);
    return x === y ? 0 : x < y ? -1 : 1;
  }

  sign(): number {
    const v = this.rep.dec ? this.rep.unscaled : this.rep.value;
    return v === 0n ? 0 : v < 0n ? -1 : 1;
  }

  add(o: GoQuantity): GoQuantity {
    if (!this.rep.dec && !o.rep.dec) {
      const r = int64Add(this.rep, o.rep);
      if (r) return new GoQuantity(r);
    }
    return new GoQuantity(decAdd(toDec(this.rep), toDec(o.rep)));
  }

  sub(o: GoQuantity): GoQuantity {
    if (!this.rep.dec && !o.rep.dec) {
      const r = int64Add(this.rep, { value: -o.rep.value, scale: o.rep.scale });
      if (r) return new GoQuantity(r);
    }
    const y = toDec(o.rep);
    return new GoQuantity(decAdd(toDec(this.rep), { unscaled: -y.unscaled, scale: y.scale }));
  }

  /** `AsInt64`: only an int64 representation with scale >= 0 that does not overflow. */
  asInt64(): bigint | undefined {
    if (this.rep.dec || this.rep.scale < 0) return undefined;
    const v = this.rep.value * 10n ** BigInt(this.rep.scale);
    return fitsInt64(v) ? v : undefined;
  }

  /** `AsApproximateFloat64`. */
  asApproximateFloat64(): number {
    const base = Number(this.rep.dec ? this.rep.unscaled : this.rep.value);
    const exponent = this.rep.dec ? -this.rep.scale : this.rep.scale;
    return exponent === 0 ? base : base * goPow10(exponent);
  }
}
