import { Optional } from '@marcbachmann/cel-js';
import type { CelTypeDecl, MacroInput, MacroResult } from './celJsInternals.js';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celError, isCelList, isCelMap, listItems, makeCelMap, mapEntries, type CelMap } from './celValues.js';
import { GoJsonError, parseGoJson } from './goJsonParse.js';
import { GoJsonMarshalError, marshalGoJson } from './goJsonMarshal.js';
import { fnv64a, md5, sha256 } from './hashFunctions.js';
import { encodeUtf8 } from './utf8.js';

/** kro v0.9.3's own libraries (`pkg/cel/library`): random, hash, json, maps, lists and omit. */

const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Guards the designer against lengths kro would try (and fail) to allocate. */
const MAX_SEEDED_STRING = 1 << 24;

/**
 * `random.seededString(n, seed)`. Derivation: h = sha256(utf8(seed)); character i is
 * ALPHANUMERIC[bigEndianUint32(h[(4i) mod 32 .. +4]) mod 36]. kro would rehash when a 4-byte window ran past the
 * 32-byte digest, but (4i) mod 32 + 4 never exceeds 32, so the digest is reused and the output repeats every
 * 8 characters.
 */
export function seededString(length: bigint, seed: string): string {
  if (length <= 0n) throw celError('random.seededString length must be positive');
  if (length > BigInt(MAX_SEEDED_STRING)) throw celError(`random.seededString length ${length} is too large to evaluate here`);
  const hash = new DataView(sha256(encodeUtf8(seed)).buffer);
  let out = '';
  for (let i = 0; i < Number(length); i++) out += ALPHANUMERIC[hash.getUint32((i * 4) % 32) % 36];
  return out;
}

/** `random.seededInt(min, max, seed)`: min + bigEndianUint64(sha256(seed)[0..8]) mod (max - min), Go int64 wrap-around included. */
export function seededInt(min: bigint, max: bigint, seed: string): bigint {
  if (min >= max) throw celError('random.seededInt min must be less than max');
  const v = new DataView(sha256(encodeUtf8(seed)).buffer).getBigUint64(0);
  const range = BigInt.asUintN(64, BigInt.asIntN(64, max - min));
  return BigInt.asIntN(64, min + BigInt.asIntN(64, v % range));
}

/** `<map>.merge(other)`: `other`'s entries win. */
function merge(self: CelMap, other: CelMap): CelMap {
  const entries = mapEntries(other);
  const keys = entries.map(([k]) => k);
  for (const [k, v] of mapEntries(self)) if (!keys.some((o) => o === k)) entries.push([k, v]);
  return makeCelMap(entries);
}

/** `deepMerge` (kro after v0.9.3): nested maps merge recursively, anything else from `other` replaces. */
function deepMerge(self: unknown, other: unknown): unknown {
  if (!isCelMap(self) || !isCelMap(other)) throw celError('no such overload');
  const a = mapEntries(self);
  const b = mapEntries(other);
  if (b.length === 0) return self;
  if (a.length === 0) return other;
  const merged = new Map<unknown, unknown>(a);
  for (const [k, v] of b) {
    const existing = merged.get(k);
    merged.set(k, isCelMap(existing) && isCelMap(v) ? deepMerge(existing, v) : v);
  }
  return makeCelMap([...merged.entries()]);
}

function checkIndex(name: string, index: bigint, size: number, inclusive: boolean): number {
  if (index < 0n || (inclusive ? index > BigInt(size) : index >= BigInt(size))) {
    throw celError(`lists.${name}: index ${index} out of bounds [0, ${size}${inclusive ? ']' : ')'}`);
  }
  return Number(index);
}

/** The value `omit()` returns; the renderer removes the map entry or list element that holds it. */
export class KroOmit {
  readonly celTypeName = 'kro.omit';
}

/** The single omit sentinel. */
export const KRO_OMIT = new KroOmit();

const jsonUnmarshal = (s: string): unknown => {
  try {
    return parseGoJson(s);
  } catch (e) {
    if (e instanceof GoJsonError) throw celError(`json.unmarshal failed to parse JSON: ${e.message}`);
    throw e;
  }
};

/** The Go type name kro's conversion reports for a map key of this static CEL type. */
const GO_KEY_TYPES: Record<string, string> = { int: 'int64', uint: 'uint64', double: 'float64', bool: 'bool' };

/**
 * cel-js evaluates map literals to plain objects, so `{1: "a"}` arrives here with the key "1"; where the static
 * type says the keys are not strings, report what kro's conversion reports for the real key.
 */
function checkStaticKeys(v: unknown, t: CelTypeDecl | undefined): void {
  if (!t || t.kind === 'dyn') return;
  if (t.kind === 'list' && isCelList(v)) for (const item of listItems(v)) checkStaticKeys(item, t.valueType);
  if (t.kind === 'optional' && v instanceof Optional && v.hasValue()) checkStaticKeys(v.value(), t.valueType);
  if (t.kind !== 'map' || !isCelMap(v)) return;
  const entries = mapEntries(v);
  const goKey = GO_KEY_TYPES[t.keyType?.name ?? ''];
  if (goKey && entries.length > 0) throw celError(`json.marshal failed to convert value: map key must be string, got ${goKey}`);
  for (const [, val] of entries) checkStaticKeys(val, t.valueType);
}

/** `json.marshal(x)` checked and evaluated with the static type of `x` at hand (see {@link checkStaticKeys}). */
function expandJsonMarshal({ ast, args }: MacroInput): MacroResult {
  const arg = args[0]!;
  let type: CelTypeDecl | undefined;
  return {
    async: false,
    typeCheck(checker, _m, scope) {
      type = checker.check(arg, scope);
      return checker.getType('string');
    },
    evaluate(evaluator, _m, scope) {
      const value = evaluator.run(arg, scope);
      try {
        checkStaticKeys(value, type);
        return jsonMarshal(value);
      } catch (e) {
        throw e instanceof Error && !(e as { node?: unknown }).node ? evaluator.createError('kro_function_error', e.message, ast) : e;
      }
    },
  };
}

const jsonMarshal = (v: unknown): string => {
  try {
    return marshalGoJson(v);
  } catch (e) {
    if (e instanceof GoJsonMarshalError) throw celError(e.message);
    throw e;
  }
};

/** kro's function libraries. */
export const kroLibrary: CelLibrary = {
  functions: [
    fn(
      'random.seededString',
      'kro.random',
      'A deterministic string of [0-9a-z] of the given length, derived from sha256(seed). The output repeats every 8 characters.',
      `random.seededString(10, schema.metadata.name)`,
      [overload(undefined, [['length', 'int'], ['seed', 'string']], 'string', (n: bigint, seed: string) => seededString(n, seed))],
    ),
    fn(
      'random.seededInt',
      'kro.random',
      'A deterministic integer in [min, max) derived from sha256(seed).',
      `random.seededInt(30000, 32768, schema.metadata.name)`,
      [overload(undefined, [['min', 'int'], ['max', 'int'], ['seed', 'string']], 'int', (a: bigint, b: bigint, seed: string) => seededInt(a, b, seed))],
    ),
    fn('hash.fnv64a', 'kro.hash', 'The FNV-1a 64-bit hash of the string (8 bytes); encode it to write it out.', `base64.encode(hash.fnv64a("x"))`, [
      overload(undefined, [['value', 'string']], 'bytes', (s: string) => fnv64a(encodeUtf8(s))),
    ]),
    fn('hash.sha256', 'kro.hash', 'The SHA-256 digest of the string (32 bytes); encode it to write it out.', `"%x".format([hash.sha256("x")])`, [
      overload(undefined, [['value', 'string']], 'bytes', (s: string) => sha256(encodeUtf8(s))),
    ]),
    fn('hash.md5', 'kro.hash', 'The MD5 digest of the string (16 bytes); encode it to write it out.', `"%x".format([hash.md5("x")])`, [
      overload(undefined, [['value', 'string']], 'bytes', (s: string) => md5(encodeUtf8(s))),
    ]),
    fn(
      'json.unmarshal',
      'kro.json',
      'Parses JSON (Go encoding/json): objects become maps, numbers become doubles.',
      `json.unmarshal(configmap.data.config).replicas`,
      [overload(undefined, [['json', 'string']], 'dyn', (s: string) => jsonUnmarshal(s))],
    ),
    fn(
      'json.marshal',
      'kro.json',
      'Serialises a value as JSON (Go encoding/json): sorted keys, no spaces, <, > and & escaped as \\u003c, \\u003e, \\u0026.',
      `json.marshal({"b": 1, "a": [true]}) // "{\\"a\\":[true],\\"b\\":1}"`,
      [overload(undefined, [['value', 'dyn']], 'string', (v: unknown) => jsonMarshal(v))],
      { expand: expandJsonMarshal },
    ),
    fn('merge', 'kro.maps', 'The map with the other map\'s entries added; the other map wins on equal keys.', `{"a": 1, "b": 2}.merge({"b": 3}) // {"a": 1, "b": 3}`, [
      overload('map<K, V>', [['other', 'map<K, V>']], 'map<K, V>', (a: CelMap, b: CelMap) => merge(a, b)),
    ]),
    fn(
      'deepMerge',
      'kro.maps',
      'Recursively merges maps; nested maps merge, lists and scalars from the other value replace (kro after v0.9.3).',
      `{"a": {"x": 1}}.deepMerge({"a": {"y": 2}}) // {"a": {"x": 1, "y": 2}}`,
      [overload('dyn', [['other', 'dyn']], 'dyn', (a: unknown, b: unknown) => deepMerge(a, b))],
      { feature: 'deepMerge' },
    ),
    fn('lists.setAtIndex', 'kro.lists', 'A copy of the list with the element at index replaced.', `lists.setAtIndex([1, 2, 3], 1, 9) // [1, 9, 3]`, [
      overload(undefined, [['list', 'list<T>'], ['index', 'int'], ['value', 'T']], 'list<T>', (l: unknown[], i: bigint, v: unknown) => {
        const items = [...listItems(l)];
        items[checkIndex('setAtIndex', i, items.length, false)] = v;
        return items;
      }),
    ]),
    fn('lists.insertAtIndex', 'kro.lists', 'A copy of the list with the value inserted at index (0..size).', `lists.insertAtIndex([1, 3], 1, 2) // [1, 2, 3]`, [
      overload(undefined, [['list', 'list<T>'], ['index', 'int'], ['value', 'T']], 'list<T>', (l: unknown[], i: bigint, v: unknown) => {
        const items = [...listItems(l)];
        items.splice(checkIndex('insertAtIndex', i, items.length, true), 0, v);
        return items;
      }),
    ]),
    fn('lists.removeAtIndex', 'kro.lists', 'A copy of the list without the element at index.', `lists.removeAtIndex([1, 2, 3], 0) // [2, 3]`, [
      overload(undefined, [['list', 'list<T>'], ['index', 'int']], 'list<T>', (l: unknown[], i: bigint) => {
        const items = [...listItems(l)];
        items.splice(checkIndex('removeAtIndex', i, items.length, false), 1);
        return items;
      }),
    ]),
    fn(
      'omit',
      'kro.omit',
      'Removes the field or list element this expression fills (CELOmitFunction feature gate; resource templates only).',
      `schema.spec.?nodePort.orValue(omit())`,
      [overload(undefined, [], 'dyn', () => KRO_OMIT)],
      { feature: 'omit' },
    ),
  ],
  types: [{ name: 'kro.omit', ctor: KroOmit, feature: 'omit' }],
};
