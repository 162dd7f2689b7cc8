import { EvaluationError, Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';

/**
 * Runtime values as cel-js represents them: int = bigint, uint = UnsignedInt, double = number, bytes = Uint8Array,
 * list = Array (or Set), map = plain object or Map, timestamp = Date, duration = Duration, optional = Optional.
 * Helpers here give them cel-go's semantics (equality, ordering, iteration) for the library functions.
 */

/** A runtime error with kro's / cel-go's message; cel-js adds the position of the call. */
export function celError(message: string, code = 'kro_function_error'): EvaluationError {
  return new EvaluationError({ code, message });
}

/** Whether `f` returns without throwing (the `isIP`/`isCIDR`/`isSemver` validity tests). */
export function succeeds(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

/** Values that define their own CEL equality (quantities, URLs, IPs, ...). */
export interface CelComparableObject {
  celEquals(other: unknown): boolean;
}

/** Values that define their own CEL ordering. */
export interface CelOrderedObject {
  celCompare(other: unknown): number;
}

export type CelMap = Record<string, unknown> | Map<unknown, unknown>;

export function isCelMap(v: unknown): v is CelMap {
  if (v === null || typeof v !== 'object') return false;
  const ctor = (v as object).constructor;
  return ctor === Object || ctor === undefined || ctor === Map;
}

export function isCelList(v: unknown): v is readonly unknown[] | Set<unknown> {
  return Array.isArray(v) || v instanceof Set;
}

export function listItems(v: readonly unknown[] | Set<unknown>): readonly unknown[] {
  return Array.isArray(v) ? v : [...(v as Set<unknown>)];
}

export function mapEntries(m: CelMap): Array<[unknown, unknown]> {
  if (m instanceof Map) return [...m.entries()];
  return Object.keys(m).map((k) => [k, (m as Record<string, unknown>)[k]]);
}

export function mapGet(m: CelMap, key: unknown): unknown {
  if (m instanceof Map) {
    if (m.has(key)) return m.get(key);
    for (const [k, v] of m) if (celEquals(k, key)) return v;
    return undefined;
  }
  if (typeof key !== 'string') return undefined;
  return Object.hasOwn(m, key) ? (m as Record<string, unknown>)[key] : undefined;
}

/**
 * Builds a CEL map from entries: a plain object when every key is a string (what cel-js map literals produce),
 * otherwise a Map so int/bool keys keep their type.
 */
export function makeCelMap(entries: ReadonlyArray<readonly [unknown, unknown]>): CelMap {
  if (entries.every(([k]) => typeof k === 'string')) {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[k as string] = v;
    }
    return obj;
  }
  return new Map(entries.map(([k, v]) => [k, v] as [unknown, unknown]));
}

function numericValue(v: unknown): number | bigint | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (v instanceof UnsignedInt) return v.valueOf();
  return undefined;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x !== y) return x < y ? -1 : 1;
  // Equal as doubles; compare exactly when one side is an integer beyond 2^53.
  if (typeof a === 'bigint' && typeof b === 'number' && Number.isInteger(b)) return a < BigInt(b) ? -1 : a > BigInt(b) ? 1 : 0;
  if (typeof b === 'bigint' && typeof a === 'number' && Number.isInteger(a)) return BigInt(a) < b ? -1 : BigInt(a) > b ? 1 : 0;
  return 0;
}

/** Compares strings by code point, which is Go's byte-wise order of their UTF-8 encodings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
}

/** A name for the value's CEL type, as cel-go prints it in errors. */
export function celTypeName(v: unknown): string {
  if (v === null) return 'null_type';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof UnsignedInt) return 'uint';
  if (v instanceof Uint8Array) return 'bytes';
  if (isCelList(v)) return 'list';
  if (isCelMap(v)) return 'map';
  if (v instanceof Date) return 'google.protobuf.Timestamp';
  if (v instanceof Duration) return 'google.protobuf.Duration';
  if (v instanceof Optional) return 'optional_type';
  if (typeof v !== 'object' || v === undefined) return 'unknown';
  if (v.constructor?.name === 'Type') return 'type';
  const tag = (v as { celTypeName?: unknown }).celTypeName;
  return typeof tag === 'string' ? tag : 'unknown';
}

/**
 * cel-go's ordering (`traits.Comparer`): numbers across int/uint/double, strings, bytes, bools, timestamps and
 * durations. Returns undefined when the pair is not comparable.
 */
export function celCompare(a: unknown, b: unknown): number | undefined {
  const x = numericValue(a);
  const y = numericValue(b);
  if (x !== undefined && y !== undefined) {
    const c = compareNumbers(x, y);
    return Number.isNaN(c) ? undefined : c;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Duration && b instanceof Duration) {
    if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
    return Math.sign(a.nanos - b.nanos);
  }
  if (a !== null && typeof a === 'object' && typeof (a as Partial<CelOrderedObject>).celCompare === 'function') {
    if (celTypeName(a) !== celTypeName(b)) return undefined;
    return (a as CelOrderedObject).celCompare(b);
  }
  return undefined;
}

/** True when `celCompare` can order values of this kind. */
export function isCelComparable(v: unknown): boolean {
  return celCompare(v, v) !== undefined;
}

/** cel-go's runtime equality, including numeric equality across int, uint and double. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const x = numericValue(a);
  const y = numericValue(b);
  if (x !== undefined || y !== undefined) return x !== undefined && y !== undefined && compareNumbers(x, y) === 0;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && compareBytes(a, b) === 0;
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Duration) return b instanceof Duration && a.seconds === b.seconds && a.nanos === b.nanos;
  if (a instanceof Optional) {
    if (!(b instanceof Optional)) return false;
    if (!a.hasValue() || !b.hasValue()) return a.hasValue() === b.hasValue();
    return celEquals(a.value(), b.value());
  }
  if (isCelList(a)) {
    if (!isCelList(b)) return false;
    const l = listItems(a);
    const r = listItems(b);
    return l.length === r.length && l.every((v, i) => celEquals(v, r[i]));
  }
  if (isCelMap(a)) {
    if (!isCelMap(b)) return false;
    const l = mapEntries(a);
    if (l.length !== mapEntries(b).length) return false;
    return l.every(([k, v]) => {
      const w = mapGet(b, k);
      return w !== undefined && celEquals(v, w);
    });
  }
  if (typeof (a as Partial<CelComparableObject>).celEquals === 'function') return (a as CelComparableObject).celEquals(b);
  return false;
}

/** cel-go's `%v` rendering of a value inside error messages (strings unquoted, as Go prints them). */
export function goValueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  if (v instanceof UnsignedInt) return String(v.valueOf());
  return celTypeName(v);
}
