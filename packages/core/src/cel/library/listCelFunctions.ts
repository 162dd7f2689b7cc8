import type { CelFeature, CelLibraryId } from './CelFunctionDef.js';
import { KRO_LIBRARIES } from './kroLibraries.js';
import { isEnabled } from './registerLibraries.js';
import { RUNTIME_TYPE } from './runtimeLibrary.js';

/** One callable form of a CEL function, for completion and hover. */
export interface CelFunctionInfo {
  /** The name as written after the dot or at the start: `seededString`, `lowerAscii`, `size`. */
  readonly name: string;
  /** The name as a user types it: `random.seededString`, `lowerAscii`, `runtime.condition`. */
  readonly qualifiedName: string;
  /** Set for namespaced functions (`random`) and for `runtime` methods. */
  readonly namespace?: string;
  /** `function` = `f(x)` or `ns.f(x)`; `method` = `x.f()`; `macro` = expanded at parse time (variables bound). */
  readonly kind: 'function' | 'method' | 'macro';
  /** Receiver type in CEL notation (`string`, `list(T)`), for methods. */
  readonly receiver?: string;
  readonly params: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly returns: string;
  /** `random.seededString(length: int, seed: string) -> string`, `<string>.lowerAscii() -> string`. */
  readonly signature: string;
  readonly description: string;
  readonly example: string;
  readonly library: CelLibraryId;
}

/** CEL notation for a cel-js type: `list<T>` → `list(T)`, `optional<T>` → `optional_type(T)`, timestamps → `timestamp`. */
export function celTypeDisplay(t: string): string {
  return t
    .replace(/google\.protobuf\.Timestamp/g, 'timestamp')
    .replace(/google\.protobuf\.Duration/g, 'duration')
    .replace(/optional</g, 'optional_type<')
    .replace(/</g, '(')
    .replace(/>/g, ')');
}

interface Entry {
  name: string;
  receiver: string | undefined;
  kind: CelFunctionInfo['kind'];
  params: ReadonlyArray<readonly [string, string]>;
  returns: string;
  description: string;
  example: string;
  library: CelLibraryId;
}

function info(e: Entry): CelFunctionInfo {
  let namespace: string | undefined;
  let name = e.name;
  let receiver = e.receiver;
  let kind = e.kind;
  const dot = name.lastIndexOf('.');
  if (dot > 0) [namespace, name] = [name.slice(0, dot), name.slice(dot + 1)];
  if (receiver === 'OptionalNamespace') [namespace, receiver, kind] = ['optional', undefined, 'function'];
  else if (receiver === RUNTIME_TYPE) [namespace, receiver] = ['runtime', undefined];
  const qualifiedName = namespace ? `${namespace}.${name}` : name;
  const params = e.params.map(([n, t]) => ({ name: n, type: celTypeDisplay(t) }));
  const returns = celTypeDisplay(e.returns);
  const shownReceiver = receiver && receiver !== 'dyn' ? celTypeDisplay(receiver) : receiver;
  const prefix = shownReceiver ? `<${shownReceiver}>.` : '';
  const signature = `${prefix}${qualifiedName}(${params.map((p) => `${p.name}: ${p.type}`).join(', ')}) -> ${returns}`;
  return {
    name,
    qualifiedName,
    ...(namespace ? { namespace } : {}),
    kind: kind === 'function' && shownReceiver ? 'method' : kind,
    ...(shownReceiver ? { receiver: shownReceiver } : {}),
    params,
    returns,
    signature,
    description: e.description,
    example: e.example,
    library: e.library,
  };
}

const cache = new Map<string, readonly CelFunctionInfo[]>();

/**
 * Every function, method and macro an expression can use in an environment created with the same options, one
 * entry per overload, sorted by qualified name. Hidden helpers (names starting with `@`) are left out.
 */
export function listCelFunctions(options: { readonly omit?: boolean; readonly runtime?: boolean; readonly deepMerge?: boolean } = {}): readonly CelFunctionInfo[] {
  const features = new Set<CelFeature>((['omit', 'runtime', 'deepMerge'] as const).filter((f) => options[f] === true));
  const key = [...features].sort().join(',');
  const cached = cache.get(key);
  if (cached) return cached;
  const entries: Entry[] = [];
  const descriptions = new Map<string, { description: string; example: string }>();
  for (const lib of KRO_LIBRARIES) {
    for (const def of lib.functions) {
      if (!isEnabled(def, features) || def.name.startsWith('@')) continue;
      if (def.description && !descriptions.has(def.name)) descriptions.set(def.name, { description: def.description, example: def.example });
      for (const o of def.overloads) {
        entries.push({ name: def.name, receiver: o.receiver, kind: o.receiver ? 'method' : 'function', params: o.params, returns: o.returns, description: def.description, example: def.example, library: def.library });
      }
    }
    for (const m of lib.macros ?? []) {
      if (!isEnabled(m, features)) continue;
      for (const form of m.forms) {
        entries.push({ name: m.name, receiver: m.receiver, kind: 'macro', params: form.params, returns: form.returns, description: m.description, example: m.example, library: m.library });
      }
    }
    for (const d of lib.docs ?? []) {
      for (const form of d.forms) {
        entries.push({ name: d.name, receiver: form.receiver, kind: d.kind, params: form.params, returns: form.returns, description: d.description, example: d.example, library: d.library });
      }
    }
  }
  const list = entries
    .map((e) => (e.description ? e : { ...e, ...(descriptions.get(e.name) ?? {}) }))
    .map(info)
    .sort((a, b) => (a.qualifiedName < b.qualifiedName ? -1 : a.qualifiedName > b.qualifiedName ? 1 : a.signature < b.signature ? -1 : 1));
  cache.set(key, list);
  return list;
}
