import { fn, overload, type CelFunctionDef, type CelLibrary } from './CelFunctionDef.js';
import { celError } from './celValues.js';

/**
 * cel-go's timestamp accessors, with an optional time zone: an IANA name (`America/New_York`, `UTC`) or a fixed
 * offset (`+05:30`, `-08:00`). cel-js's own versions depend on the host's time zone (they build local Dates) and
 * reject offsets; these compute in UTC or through `Intl`, so results do not depend on where the designer runs.
 */

interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly ms: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function utcFields(d: Date): Fields {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hours: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

/** Go's `strconv.Atoi` for the hour and minute parts of an offset. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw celError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function zonedFields(d: Date, tz: string): Fields {
  const colon = tz.indexOf(':');
  if (colon >= 0) {
    const hr = atoi(tz.slice(0, colon));
    const min = atoi(tz.slice(colon + 1));
    const offset = tz.startsWith('-') ? hr * 60 - min : hr * 60 + min;
    return { ...utcFields(new Date(d.getTime() + offset * 60_000)), ms: d.getUTCMilliseconds() };
  }
  // Go's LoadLocation: "" and "UTC" are UTC; "Local" is the controller's zone (UTC in kro's image).
  if (tz === '' || tz === 'UTC' || tz === 'Local') return utcFields(d);
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
      });
    } catch (e) {
      if (e instanceof RangeError) throw celError(`unknown time zone ${tz}`);
      throw e;
    }
    formatters.set(tz, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(d)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hours: Number(parts.hour),
    minutes: Number(parts.minute),
    seconds: Number(parts.second),
    ms: d.getUTCMilliseconds(),
  };
}

function dayOfYear(f: Fields): number {
  // Date.UTC maps years 0-99 to 1900-1999; both terms shift alike and the leap years agree for years >= 1.
  return (Date.UTC(f.year, f.month, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000;
}

const TS = 'google.protobuf.Timestamp';

function getter(name: string, description: string, pick: (f: Fields) => number): CelFunctionDef {
  return fn(
    name,
    'standard',
    `${description} In UTC, or in the given time zone (IANA name or offset such as "+05:30").`,
    `timestamp("2024-03-01T10:00:00Z").${name}("Europe/Berlin")`,
    [
      overload(TS, [], 'int', (d: Date) => BigInt(pick(utcFields(d)))),
      overload(TS, [['timeZone', 'string']], 'int', (d: Date, tz: string) => BigInt(pick(zonedFields(d, tz)))),
    ],
    { builtin: 'override' },
  );
}

/** The timestamp accessors. */
export const timestampLibrary: CelLibrary = {
  functions: [
    getter('getFullYear', 'The year.', (f) => f.year),
    getter('getMonth', 'The month, 0-11.', (f) => f.month),
    getter('getDate', 'The day of the month, 1-31.', (f) => f.day),
    getter('getDayOfMonth', 'The day of the month, 0-30.', (f) => f.day - 1),
    getter('getDayOfWeek', 'The day of the week, 0 (Sunday) - 6.', (f) => f.weekday),
    getter('getDayOfYear', 'The day of the year, 0-365.', (f) => dayOfYear(f)),
    getter('getHours', 'The hour, 0-23.', (f) => f.hours),
    getter('getMinutes', 'The minute, 0-59.', (f) => f.minutes),
    getter('getSeconds', 'The second, 0-59.', (f) => f.seconds),
    getter('getMilliseconds', 'The millisecond, 0-999.', (f) => f.ms),
  ],
};
