import { Duration } from '@marcbachmann/cel-js/evaluator';

/** Go's `time.Parse(time.RFC3339, s)` and `time.ParseDuration(s)`, as cel-go's `timestamp(string)` / `duration(string)` use them. */

/** Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, cel-go's timestamp range. */
export const MIN_UNIX_SECONDS = -62135596800n;
export const MAX_UNIX_SECONDS = 253402300799n;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Milliseconds since the epoch for a valid RFC 3339 text, or undefined. Sub-millisecond digits are dropped. */
export function parseRfc3339(s: string): number | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime() - offsetMinutes * 60_000;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const LIMIT = 1n << 63n;

/** Go's `time.ParseDuration`; undefined for text Go rejects (syntax, unknown unit, overflow). */
export function parseGoDuration(text: string): Duration | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return new Duration(0n, 0);
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return undefined;
    const int = /^\d*/.exec(s)![0];
    s = s.slice(int.length);
    let v = 0n;
    for (const c of int) {
      v = v * 10n + BigInt(c.charCodeAt(0) - 48);
      if (v > LIMIT) return undefined;
    }
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      const frac = /^\d*/.exec(s.slice(1))![0];
      s = s.slice(1 + frac.length);
      post = frac.length > 0;
      let overflow = false;
      for (const c of frac) {
        if (overflow) continue;
        const next = f * 10n + BigInt(c.charCodeAt(0) - 48);
        if (next > LIMIT) {
          overflow = true;
          continue;
        }
        f = next;
        scale *= 10;
      }
    }
    if (int.length === 0 && !post) return undefined;
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') return undefined;
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) return undefined;
    if (v > LIMIT / unit) return undefined;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return undefined;
    }
    total += v;
    if (total > LIMIT) return undefined;
  }
  if (!neg && total > LIMIT - 1n) return undefined;
  const nanos = neg ? -total : total;
  return new Duration(nanos / 1_000_000_000n, Number(nanos % 1_000_000_000n));
}
