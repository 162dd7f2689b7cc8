import { Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { encodeBase64 } from './base64.js';
import { celTypeName, compareStrings, isCelList, isCelMap, listItems, mapEntries } from './celValues.js';
import { formatGoJsonFloat, formatGoShortestG } from './goFloatFormat.js';
import { formatRfc3339, goDurationString } from './goTime.js';

/**
 * kro's `json.marshal`: the CEL value is converted like kro's `conversion.GoNativeType` (timestamps to RFC 3339 UTC
 * seconds, durations to Go duration strings, bytes to base64, optionals to their value or null) and encoded like Go
 * `encoding/json.Marshal` (map keys sorted by bytes, no spaces, `<` `>` `&` U+2028 U+2029 escaped).
 */

/** Why a value cannot be marshalled, with the part of kro's message after `json.marshal failed to ...`. */
export class GoJsonMarshalError extends Error {
  constructor(
    readonly stage: 'convert' | 'encode',
    readonly detail: string,
  ) {
    super(stage === 'convert' ? `json.marshal failed to convert value: ${detail}` : `json.marshal failed to encode value: ${detail}`);
  }
}

/** The Go type name `%T` prints for a converted map key. */
function goKeyTypeName(k: unknown): string {
  if (typeof k === 'bigint') return 'int64';
  if (k instanceof UnsignedInt) return 'uint64';
  if (typeof k === 'number') return 'float64';
  if (typeof k === 'boolean') return 'bool';
  return '<nil>';
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Go's `appendString` with HTML escaping, as `json.Marshal` writes strings. */
export function goJsonString(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  const escaped = s.replace(/[\u0000-\u001f"\\<>&\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const named = ESCAPES[c];
    if (named) return named;
    const cp = c.charCodeAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
    return `\\u${cp.toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/** Go's zero `time.Time` (0001-01-01T00:00:00Z), which `metav1.Time` serialises as null. */
const ZERO_TIME_MS = -62135596800000;

function mapKey(k: unknown): string {
  if (typeof k !== 'string') throw new GoJsonMarshalError('convert', `map key must be string, got ${goKeyTypeName(k)}`);
  return k;
}

/** kro's GoNativeType pass: conversion errors are reported before any encoding error. */
function convertCheck(v: unknown): void {
  if (v instanceof Optional) {
    if (v.hasValue()) convertCheck(v.value());
    return;
  }
  if (isCelList(v)) {
    for (const item of listItems(v)) convertCheck(item);
    return;
  }
  if (isCelMap(v)) {
    for (const [k, val] of mapEntries(v)) {
      mapKey(k);
      convertCheck(val);
    }
    return;
  }
  if (v === null || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string') return;
  if (v instanceof UnsignedInt || v instanceof Uint8Array || v instanceof Duration || v instanceof Date) return;
  throw new GoJsonMarshalError('convert', `unsupported type: ${celTypeName(v)}`);
}

function encode(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      if (!Number.isFinite(v)) throw new GoJsonMarshalError('encode', `json: unsupported value: ${formatGoShortestG(v)}`);
      return formatGoJsonFloat(v);
    case 'string':
      return goJsonString(v);
  }
  if (v instanceof UnsignedInt) return String(v.valueOf());
  if (v instanceof Uint8Array) return `"${encodeBase64(v)}"`;
  if (v instanceof Duration) return goJsonString(goDurationString(v));
  if (v instanceof Date) return v.getTime() === ZERO_TIME_MS ? 'null' : goJsonString(formatRfc3339(v));
  if (v instanceof Optional) return v.hasValue() ? encode(v.value()) : 'null';
  if (isCelList(v)) return `[${listItems(v).map(encode).join(',')}]`;
  const entries = mapEntries(v as Record<string, unknown>).map(([k, val]) => [mapKey(k), val] as const);
  entries.sort((a, b) => compareStrings(a[0], b[0]));
  return `{${entries.map(([k, val]) => `${goJsonString(k)}:${encode(val)}`).join(',')}}`;
}

/** `json.marshal(value)` with kro's and Go's semantics; throws {@link GoJsonMarshalError}. */
export function marshalGoJson(value: unknown): string {
  convertCheck(value);
  return encode(value);
}
