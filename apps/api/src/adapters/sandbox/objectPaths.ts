/** Plain-JSON helpers for the sandbox's objects: field paths, deep copy and comparison. */

export type JsonMap = Record<string, unknown>;
/** A field path as keys from the root; arrays are leaves (the sandbox treats lists atomically). */
export type FieldPath = readonly string[];

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Structural equality of JSON values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Every leaf path of a value: scalars, arrays and empty maps. */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (isMap(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return prefix.length > 0 ? [prefix] : [];
}

export function getPath(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Removes the field at `path`, then any map it leaves empty on the way up (the stored object stays tidy). */
export function deletePath(root: JsonMap, path: FieldPath): void {
  const parents: JsonMap[] = [];
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isMap(node)) return;
    parents.push(node);
    node = node[key];
  }
  if (!isMap(node)) return;
  delete node[path[path.length - 1]!];
  for (let i = parents.length - 1; i >= 0; i--) {
    const child = parents[i]![path[i]!];
    if (isMap(child) && Object.keys(child).length === 0 && i > 0) delete parents[i]![path[i]!];
    else break;
  }
}

/** Deep-merges `patch` into `target` (maps recursively, everything else replaced). */
export function mergeInto(target: JsonMap, patch: JsonMap): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (isMap(value) && isMap(current)) mergeInto(current, value);
    else target[key] = clone(value);
  }
}

/** The API server's text for a path in causes: `spec.template.spec.containers`. */
export function pathText(path: FieldPath): string {
  return path.join('.');
}

/** managedFields' FieldsV1 form of a set of leaf paths: `{"f:spec": {"f:replicas": {}}}`. */
export function toFieldsV1(paths: Iterable<FieldPath>): JsonMap {
  const out: JsonMap = {};
  for (const path of paths) {
    let node = out;
    for (const key of path) {
      const k = `f:${key}`;
      node[k] ??= {};
      node = node[k] as JsonMap;
    }
  }
  return out;
}
