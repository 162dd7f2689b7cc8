import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { parseGoBool, parseGoFloat, parseGoInt } from '../../simpleschema/goStrconv.js';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError } from './celValues.js';
import { formatGoShortestG } from './goFloatFormat.js';
import { celDurationString, durationNanos, formatRfc3339Nano } from './goTime.js';
import { MAX_UNIX_SECONDS, MIN_UNIX_SECONDS, parseGoDuration, parseRfc3339 } from './goTimeParse.js';
import { decodeUtf8, isValidUtf8 } from './utf8.js';

/**
 * cel-go standard-library conversions where cel-js differs (Go's number parsing and text, RFC 3339 and Go duration
 * syntax, overflow checks) or is missing an overload cel-go has (`int(uint)`, `int(timestamp)`, `string(duration)`,
 * ...). Error texts are cel-go's.
 */

const TS = 'google.protobuf.Timestamp';
const DUR = 'google.protobuf.Duration';
const MAX_INT = 9223372036854775807n;
const MAX_UINT = 18446744073709551615n;

const conversionError = (from: string, to: string): Error => celError(`type conversion error from '${from}' to '${to}'`);

function stringToInt(s: string): bigint {
  const r = parseGoInt(s);
  if (!r.ok) throw conversionError('string', 'int');
  return r.value;
}

function stringToUint(s: string): UnsignedInt {
  if (!/^[0-9]+$/.test(s)) throw conversionError('string', 'uint');
  const n = BigInt(s);
  if (n > MAX_UINT) throw conversionError('string', 'uint');
  return new UnsignedInt(n);
}

function doubleToInt(v: number): bigint {
  // cel-go rejects the boundaries themselves: float64(MinInt64) = -2^63 and float64(MaxInt64) rounds to 2^63.
  if (!Number.isFinite(v) || v <= -(2 ** 63) || v >= 2 ** 63) throw celError('integer overflow');
  return BigInt(Math.trunc(v));
}

function doubleToUint(v: number): UnsignedInt {
  if (!Number.isFinite(v) || v < 0 || v >= 2 ** 64) throw celError('unsigned integer overflow');
  return new UnsignedInt(BigInt(Math.trunc(v)));
}

function timestampFromSeconds(sec: bigint): Date {
  if (sec < MIN_UNIX_SECONDS || sec > MAX_UNIX_SECONDS) throw celError('timestamp overflow');
  return new Date(Number(sec) * 1000);
}

function stringToTimestamp(s: string): Date {
  const ms = parseRfc3339(s);
  if (ms === undefined) throw conversionError('string', TS);
  const sec = BigInt(Math.floor(ms / 1000));
  if (sec < MIN_UNIX_SECONDS || sec > MAX_UNIX_SECONDS) throw celError('timestamp overflow');
  return new Date(ms);
}

function stringToDuration(s: string): Duration {
  const d = parseGoDuration(s);
  if (!d) throw conversionError('string', DUR);
  return d;
}

const S = 'standard' as const;
const OVERRIDE = { builtin: 'override' } as const;

/** Standard-library corrections and additions. */
export const standardLibrary: CelLibrary = {
  functions: [
    fn('int', S, 'Converts to int: from string (base 10), double (truncated), uint, timestamp (Unix seconds) or duration (nanoseconds).', `int("42") // 42`, [
      overload(undefined, [['value', 'string']], 'int', (s: string) => stringToInt(s)),
      overload(undefined, [['value', 'double']], 'int', (v: number) => doubleToInt(v)),
    ], OVERRIDE),
    fn('int', S, '', '', [
      overload(undefined, [['value', 'uint']], 'int', (u: UnsignedInt) => {
        if (u.valueOf() > MAX_INT) throw celError('integer overflow');
        return u.valueOf();
      }),
      overload(undefined, [['value', TS]], 'int', (t: Date) => BigInt(Math.floor(t.getTime() / 1000))),
      overload(undefined, [['value', DUR]], 'int', (d: Duration) => durationNanos(d)),
    ]),
    fn('uint', S, 'Converts to uint: from string (base 10), double (truncated) or int.', `uint("42") // 42u`, [
      overload(undefined, [['value', 'string']], 'uint', (s: string) => stringToUint(s)),
      overload(undefined, [['value', 'double']], 'uint', (v: number) => doubleToUint(v)),
      overload(undefined, [['value', 'int']], 'uint', (v: bigint) => {
        if (v < 0n) throw celError('unsigned integer overflow');
        return new UnsignedInt(v);
      }),
    ], OVERRIDE),
    fn('double', S, 'Converts to double: from string (Go float syntax, inf, NaN), int or uint.', `double("1.5") // 1.5`, [
      overload(undefined, [['value', 'string']], 'double', (s: string) => {
        const r = parseGoFloat(s);
        if (!r.ok) throw conversionError('string', 'double');
        return r.value;
      }),
    ], OVERRIDE),
    fn('bool', S, 'Converts to bool: "true"/"false" and Go strconv.ParseBool spellings (1, t, T, TRUE, True, ...).', `bool("True") // true`, [
      overload(undefined, [['value', 'string']], 'bool', (s: string) => {
        const r = parseGoBool(s);
        if (!r.ok) throw conversionError('string', 'bool');
        return r.value;
      }),
    ], OVERRIDE),
    fn('string', S, 'Converts to string; doubles print like Go %g (1e+06), timestamps as RFC 3339, durations in seconds ("90s").', `string(1.5) // "1.5"`, [
      overload(undefined, [['value', 'double']], 'string', (v: number) => formatGoShortestG(v)),
    ], OVERRIDE),
    fn('string', S, '', '', [
      overload(undefined, [['value', 'bytes']], 'string', (b: Uint8Array) => {
        const s = decodeUtf8(b);
        if (s.includes('\ufffd') && !isValidUtf8(b)) throw celError('invalid UTF-8 in bytes, cannot convert to string');
        return s;
      }),
    ], OVERRIDE),
    fn('string', S, '', '', [
      overload(undefined, [['value', TS]], 'string', (t: Date) => formatRfc3339Nano(t)),
      overload(undefined, [['value', DUR]], 'string', (d: Duration) => celDurationString(d)),
    ]),
    fn('timestamp', S, 'A timestamp from an RFC 3339 string or Unix seconds.', `timestamp("2024-01-02T03:04:05Z")`, [
      overload(undefined, [['value', 'string']], TS, (s: string) => stringToTimestamp(s)),
      overload(undefined, [['value', 'int']], TS, (sec: bigint) => timestampFromSeconds(sec)),
    ], OVERRIDE),
    fn('timestamp', S, '', '', [overload(undefined, [['value', TS]], TS, (t: Date) => t)]),
    fn('duration', S, 'A duration from a Go duration string ("1h30m", "250ms") or nanoseconds.', `duration("1h30m")`, [
      overload(undefined, [['value', 'string']], DUR, (s: string) => stringToDuration(s)),
    ], OVERRIDE),
    fn('duration', S, '', '', [
      overload(undefined, [['value', DUR]], DUR, (d: Duration) => d),
      overload(undefined, [['value', 'int']], DUR, (n: bigint) => new Duration(n / 1_000_000_000n, Number(n % 1_000_000_000n))),
    ]),
  ],
  operators: ['<', '<=', '>', '>='].map((op) => ({
    signature: `bytes ${op} bytes`,
    handler: (a: Uint8Array, b: Uint8Array): boolean => {
      let c = 0;
      for (let i = 0; i < Math.min(a.length, b.length) && c === 0; i++) c = a[i]! - b[i]!;
      if (c === 0) c = a.length - b.length;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    },
  })),
};
