import { Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { goDurationString, formatRfc3339 } from '../cel/library/goTime.js';
import { KroOmit } from '../cel/library/kroLibrary.js';
import { isCelMap, mapEntries } from '../cel/library/celValues.js';

/** A value kro cannot write into a resource or status field (kro-spec §3.8); the message is kro's. */
export class UnconvertibleValueError extends Error {}

/** Marks a field for removal: what `omit()` returns, kept until the final clean-up pass as kro's resolver does. */
export const OMIT: unique symbol = Symbol('omit');

const INT64_MAX = 9223372036854775807n;

/**
 * Converts a CEL result to the JSON value kro writes (pkg/cel/conversion): int → number, uint → number (int64
 * overflow is an error), double, string, bool; lists and maps recursively; `null` and `optional.none()` → null;
 * `optional.of(x)` → x; timestamp → RFC 3339 UTC with second precision; duration → Go's duration text; `omit()` →
 * {@link OMIT}. Bytes and library objects (quantities, URLs, IPs…) cannot be written: they throw
 * {@link UnconvertibleValueError} with kro's message.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof KroOmit) return OMIT;
  if (value instanceof UnsignedInt) {
    if (value.value > INT64_MAX) throw new UnconvertibleValueError(`unsigned integer ${value.value} overflows int64`);
    return Number(value.value);
  }
  if (value instanceof Uint8Array) {
    throw new UnconvertibleValueError('bytes value cannot be used directly in a resource template or status field; encode it explicitly, e.g. base64.encode(...)');
  }
  if (value instanceof Date) return formatRfc3339(value);
  if (value instanceof Duration) return goDurationString(value);
  if (value instanceof Optional) return value.hasValue() ? toJsonValue(value.value()) : null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Set) return [...value].map(toJsonValue);
  if (isCelMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of mapEntries(value)) out[String(k)] = toJsonValue(v);
    return out;
  }
  const name = (value as { celTypeName?: unknown }).celTypeName ?? (value as object).constructor?.name ?? typeof value;
  throw new UnconvertibleValueError(`unsupported type for conversion to a resource field: ${String(name)}`);
}

/** Removes map keys and list elements holding {@link OMIT}, in place (kro's `cleanOmitSentinels`). */
export function removeOmitted(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== OMIT).map(removeOmitted);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (o[k] === OMIT) delete o[k];
      else o[k] = removeOmitted(o[k]);
    }
  }
  return value;
}
