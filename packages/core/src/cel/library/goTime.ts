import type { Duration } from '@marcbachmann/cel-js/evaluator';
import { formatGoShortestFixed } from './goFloatFormat.js';

/** Text forms of timestamps and durations as Go and cel-go print them. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function dateTime(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Go `time.RFC3339` in UTC (second precision), as `metav1.Time` serialises: `2024-01-02T03:04:05Z`. */
export function formatRfc3339(d: Date): string {
  return `${dateTime(d)}Z`;
}

/** Go `time.RFC3339Nano` in UTC: fraction without trailing zeros. */
export function formatRfc3339Nano(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const frac = ms === 0 ? '' : `.${pad(ms, 3).replace(/0+$/, '')}`;
  return `${dateTime(d)}${frac}Z`;
}

/** Total nanoseconds of a CEL duration. */
export function durationNanos(d: Duration): bigint {
  return d.seconds * 1_000_000_000n + BigInt(d.nanos);
}

function fraction(v: bigint, prec: number): { text: string; rest: bigint } {
  let text = '';
  let print = false;
  let u = v;
  for (let i = 0; i < prec; i++) {
    const digit = u % 10n;
    print = print || digit !== 0n;
    if (print) text = String(digit) + text;
    u /= 10n;
  }
  return { text: print ? `.${text}` : '', rest: u };
}

/** Go `time.Duration.String()`: `1h0m0s`, `1.5s`, `300ms`, `2µs`, `0s` (what `metav1.Duration` serialises). */
export function goDurationString(d: Duration): string {
  let u = durationNanos(d);
  const neg = u < 0n;
  if (neg) u = -u;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    const [prec, unit] = u < 1_000n ? [0, 'ns'] : u < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const f = fraction(u, prec);
    out = `${f.rest}${f.text}${unit}`;
  } else {
    const f = fraction(u, 9);
    let secs = f.rest;
    out = `${secs % 60n}${f.text}s`;
    secs /= 60n;
    if (secs > 0n) {
      out = `${secs % 60n}m${out}`;
      secs /= 60n;
      if (secs > 0n) out = `${secs}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** cel-go's `string(duration)`: seconds as the shortest decimal, then `s` (`3600s`, `1.5s`). */
export function celDurationString(d: Duration): string {
  return `${formatGoShortestFixed(Number(d.seconds) + d.nanos / 1e9)}s`;
}
