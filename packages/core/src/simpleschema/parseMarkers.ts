import { closestName } from '../suggest/closestName.js';
import { goQuote, goTrimRange, isGoSpace } from './goStrconv.js';
import { schemaError, type SimpleSchemaError } from './SimpleSchemaError.js';

/** The 16 markers kro knows (`markerTypeFromString` in `pkg/simpleschema/markers.go`). */
export const MARKER_NAMES = [
  'required',
  'default',
  'description',
  'minimum',
  'maximum',
  'validation',
  'enum',
  'immutable',
  'pattern',
  'uniqueItems',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'listType',
  'listMapKey',
] as const;

export type MarkerName = (typeof MARKER_NAMES)[number];

const MARKER_SET: ReadonlySet<string> = new Set(MARKER_NAMES);

export function isMarkerName(key: string): key is MarkerName {
  return MARKER_SET.has(key);
}

/** One `key=value` marker. Indices point into the string given to {@link parseMarkers}. */
export interface Marker {
  /** The key as kro reads it (buffer trimmed); empty or unknown keys are kept so the editor can show them. */
  readonly key: string;
  readonly known: boolean;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The value after kro's `processValue`: surrounding quotes stripped and `\"`/`\\` unescaped, or trimmed. */
  readonly value: string;
  /** Range of the raw value text (after `=`, quotes included). */
  readonly rawStart: number;
  readonly rawEnd: number;
  /** Index of each value character in the parsed string, plus one past the end; only for unescaped (quoted) values. */
  readonly valueOffsets?: readonly number[];
  /** Index of the first value character when {@link valueOffsets} is absent. */
  readonly valueStart: number;
}

/** Index in the parsed string of character `i` of a marker's processed value. */
export function markerValueOffset(marker: Marker, i: number): number {
  if (marker.valueOffsets) return marker.valueOffsets[Math.max(0, Math.min(i, marker.valueOffsets.length - 1))] ?? marker.rawStart;
  return marker.valueStart + Math.max(0, Math.min(i, marker.value.length));
}

export interface MarkersResult {
  readonly markers: readonly Marker[];
  readonly errors: readonly SimpleSchemaError[];
}

interface OpenMarker {
  readonly key: string;
  readonly known: boolean;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
}

/**
 * Tokenizes the marker part of a field (`text[start, end)`, everything after the first `|`) exactly as kro's
 * `ParseMarkers` does, rune by rune: `=` opens a marker only outside quotes and brackets; `"` toggles quoting unless
 * escaped; `\` escapes only inside quotes; `{`/`[` … `}`/`]` nest outside quotes; white space outside quotes and
 * brackets ends the open marker or, between markers, is dropped (so `foo required=true` has the key `foorequired`).
 * A string that does not end inside a marker is an error, which includes trailing white space and an empty marker
 * part (`string |`).
 *
 * kro returns at the first error; this tokenizer reports it and carries on so every problem is listed. Runs in one
 * pass over the text.
 */
export function parseMarkers(text: string, start = 0, end = text.length): MarkersResult {
  const markers: Marker[] = [];
  const errors: SimpleSchemaError[] = [];
  let inQuotes = false;
  let escaped = false;
  let quoteStart = -1;
  const brackets: number[] = [];
  let current: OpenMarker | undefined;
  let buffer = '';
  let bufStart = -1;
  let bufEnd = -1;
  let droppedSpace = false;
  let lastTokenEnd = start;
  let lastKey = '';
  let lonePanicQuote = -1;

  const append = (i: number): void => {
    if (bufStart < 0) bufStart = i;
    bufEnd = i + 1;
    buffer += text[i];
  };
  const reset = (): void => {
    buffer = '';
    bufStart = -1;
    bufEnd = -1;
    droppedSpace = false;
  };
  const finish = (at: number): void => {
    const open = current!;
    const rawStart = open.valueStart;
    const value = processValue(text, rawStart, at);
    if (value.panics) lonePanicQuote = rawStart;
    markers.push({
      key: open.key,
      known: open.known,
      keyStart: open.keyStart,
      keyEnd: open.keyEnd,
      value: value.value,
      rawStart,
      rawEnd: at,
      valueStart: value.valueStart,
      ...(value.offsets ? { valueOffsets: value.offsets } : {}),
    });
    lastTokenEnd = at;
    lastKey = open.key;
    current = undefined;
    reset();
  };

  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '=' && !current && !inQuotes && brackets.length === 0) {
      const [ka, kb] = bufStart < 0 ? [i, i] : goTrimRange(text, bufStart, bufEnd);
      const key = trimBuffer(buffer);
      let known = false;
      if (key === '') {
        errors.push(schemaError('simpleschema/marker-syntax', 'empty marker key', i, i + 1));
      } else if (!isMarkerName(key)) {
        errors.push(schemaError('simpleschema/unknown-marker', unknownMarkerMessage(key, droppedSpace), ka, kb));
      } else known = true;
      current = { key, known, keyStart: ka, keyEnd: kb, valueStart: i + 1 };
      reset();
    } else if (c === '"' && !escaped) {
      inQuotes = !inQuotes;
      if (inQuotes) quoteStart = i;
      append(i);
    } else if (c === '\\' && inQuotes && !escaped) {
      escaped = true;
      append(i);
    } else if ((c === '{' || c === '[') && !inQuotes) {
      brackets.push(i);
      append(i);
    } else if ((c === '}' || c === ']') && !inQuotes) {
      append(i);
      if (brackets.length === 0) {
        // kro stops here; we report and go on as if the bracket were not there.
        errors.push(schemaError('simpleschema/marker-syntax', 'unmatched closing bracket/brace', i, i + 1));
      } else brackets.pop();
    } else if (isGoSpace(c.charCodeAt(0)) && !inQuotes && brackets.length === 0) {
      if (current) finish(i);
      else if (bufStart >= 0) droppedSpace = true;
    } else {
      if (escaped && inQuotes) escaped = false;
      append(i);
    }
  }

  if (current) finish(end);
  else {
    errors.push(withoutValueError(text, buffer, bufStart, bufEnd, lastTokenEnd, lastKey, start, end));
  }
  if (inQuotes) {
    const message =
      lonePanicQuote >= 0
        ? 'unclosed quote (a marker value that is a single " makes kro v0.9.3 panic, so the RGD is never accepted)'
        : 'unclosed quote';
    errors.push(schemaError('simpleschema/marker-syntax', message, quoteStart, quoteStart + 1));
  }
  if (brackets.length > 0) {
    errors.push(schemaError('simpleschema/marker-syntax', 'unclosed bracket/brace', brackets[0]!, brackets[0]! + 1));
  }
  return { markers, errors };
}

/** `strings.TrimSpace` of the key buffer. */
function trimBuffer(buffer: string): string {
  const [a, b] = goTrimRange(buffer);
  return buffer.slice(a, b);
}

function unknownMarkerMessage(key: string, droppedSpace: boolean): string {
  const base = `invalid marker key ${goQuote(key)}: unknown marker: ${key}`;
  if (key.startsWith('|')) return `${base} (only the first "|" separates the type from the markers)`;
  if (droppedSpace) {
    const suffix = MARKER_NAMES.find((m) => key.endsWith(m) && key.length > m.length);
    if (suffix) return `${base} (the word before ${suffix} has no "=value", so kro glued it to the key)`;
  }
  const near = closestName(key, MARKER_NAMES);
  return near ? `${base} (did you mean ${near}?)` : base;
}

function withoutValueError(
  text: string,
  buffer: string,
  bufStart: number,
  bufEnd: number,
  lastTokenEnd: number,
  lastKey: string,
  start: number,
  end: number,
): SimpleSchemaError {
  const message = `marker key '${buffer}' without a value`;
  if (buffer !== '') {
    const key = trimBuffer(buffer);
    let hint = '';
    if (isMarkerName(key)) hint = ` (markers are written key=value, e.g. ${key}=${exampleValue(key)})`;
    else if (lastKey !== '') hint = ` (a value with spaces must be quoted, e.g. ${lastKey}="… …")`;
    return schemaError('simpleschema/marker-syntax', message + hint, bufStart, bufEnd);
  }
  if (lastTokenEnd < end && lastTokenEnd > start) {
    return schemaError('simpleschema/marker-syntax', `${message} (kro rejects white space after the last marker)`, lastTokenEnd, end);
  }
  // Nothing but white space after the `|`: point at the `|` itself when it is there.
  const pipe = start > 0 && text[start - 1] === '|' ? start - 1 : start;
  return schemaError('simpleschema/marker-syntax', `${message} (nothing follows the "|"; remove it or add markers)`, pipe, Math.max(end, pipe + 1));
}

function exampleValue(key: string): string {
  switch (key) {
    case 'required':
    case 'immutable':
    case 'uniqueItems':
      return 'true';
    case 'listType':
      return 'map';
    default:
      return '…';
  }
}

interface ProcessedValue {
  readonly value: string;
  readonly valueStart: number;
  readonly offsets?: number[];
  /** The value is a lone `"`: Go's `value[1:len(value)-1]` panics on it. */
  readonly panics?: boolean;
}

/**
 * kro's `processValue`: a value that starts and ends with `"` loses the quotes and is unescaped (`\"` → `"`,
 * `\\` → `\`, any other `\x` kept as is, a dangling `\` dropped); anything else is trimmed.
 */
function processValue(text: string, rawStart: number, rawEnd: number): ProcessedValue {
  const len = rawEnd - rawStart;
  if (len >= 1 && text[rawStart] === '"' && text[rawEnd - 1] === '"') {
    if (len === 1) return { value: '', valueStart: rawStart + 1, offsets: [rawStart + 1], panics: true };
    let out = '';
    const offsets: number[] = [];
    let escaped = false;
    let escapeAt = -1;
    for (let i = rawStart + 1; i < rawEnd - 1; i++) {
      const c = text[i]!;
      if (escaped) {
        if (c !== '"' && c !== '\\') {
          out += '\\';
          offsets.push(escapeAt);
        }
        out += c;
        offsets.push(i);
        escaped = false;
      } else if (c === '\\') {
        escaped = true;
        escapeAt = i;
      } else {
        out += c;
        offsets.push(i);
      }
    }
    offsets.push(rawEnd - 1);
    return { value: out, valueStart: rawStart + 1, offsets };
  }
  const [a, b] = goTrimRange(text, rawStart, rawEnd);
  return { value: text.slice(a, b), valueStart: a };
}
