import { Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celTypeName, compareStrings, isCelList, isCelMap, listItems, mapEntries } from './celValues.js';
import { celDurationString, formatRfc3339Nano } from './goTime.js';
import { CelCIDR, CelIP } from './ipLibrary.js';
import { KroCondition } from './runtimeLibrary.js';
import { CelURL } from './urlLibrary.js';
import { urlString } from './goUrl.js';

/**
 * A canonical text for a CEL value, used by the test vectors (`test/fixtures/cel/vectors.json`) so that any
 * implementation (this one, or kro's Go code in the conformance oracle) can print its result and compare:
 * ints `42`, uints `42u`, doubles in Go JSON float form with `.0` added to integral values (`1.0`, `1e+21`, `NaN`,
 * `+Inf`), strings JSON-quoted, bytes `b"..."` (printable ASCII kept, other bytes `\xhh`), lists `[a, b]`, maps
 * `{k: v}` sorted by key text, `optional.of(x)` / `optional.none()`, `timestamp("RFC 3339")`,
 * `duration("1.5s")`, `type(int)`, `ip("…")`, `cidr("…")`, `url("…")`, other objects `<type name>`.
 */
export function formatCelValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'string':
      return JSON.stringify(v);
    case 'number': {
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
      const s = Object.is(v, -0) ? '-0' : String(v);
      return /[.e]/.test(s) ? s : `${s}.0`;
    }
  }
  if (v instanceof UnsignedInt) return `${v.valueOf()}u`;
  if (v instanceof Uint8Array) {
    const body = Array.from(v, (b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
    return `b"${body}"`;
  }
  if (v instanceof Optional) return v.hasValue() ? `optional.of(${formatCelValue(v.value())})` : 'optional.none()';
  if (v instanceof Date) return `timestamp(${JSON.stringify(formatRfc3339Nano(v))})`;
  if (v instanceof Duration) return `duration(${JSON.stringify(celDurationString(v))})`;
  if (isCelList(v)) return `[${listItems(v).map(formatCelValue).join(', ')}]`;
  if (isCelMap(v)) {
    const entries = mapEntries(v).map(([k, val]) => [formatCelValue(k), formatCelValue(val)] as const);
    entries.sort((a, b) => compareStrings(a[0], b[0]));
    return `{${entries.map(([k, val]) => `${k}: ${val}`).join(', ')}}`;
  }
  if (v instanceof CelIP) return `ip(${JSON.stringify(v.addr.toString())})`;
  if (v instanceof CelCIDR) return `cidr(${JSON.stringify(v.prefix.toString())})`;
  if (v instanceof CelURL) return `url(${JSON.stringify(urlString(v.url))})`;
  if (v instanceof KroCondition) return `kro.run.Condition{type: ${JSON.stringify(v.type)}, status: ${JSON.stringify(v.status)}, reason: ${JSON.stringify(v.reason)}, message: ${JSON.stringify(v.message)}}`;
  const name = (v as { name?: unknown }).name;
  if (v.constructor?.name === 'Type' && typeof name === 'string') return `type(${name === 'null' ? 'null_type' : name})`;
  return `<${celTypeName(v)}>`;
}
