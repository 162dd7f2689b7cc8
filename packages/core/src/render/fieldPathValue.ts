import { parseFieldPath, type FieldPathSegment } from '../cel/types/parseFieldPath.js';

type Container = Record<string, unknown> | unknown[];

function step(container: unknown, seg: FieldPathSegment): unknown {
  if ('index' in seg) return Array.isArray(container) ? container[seg.index] : undefined;
  return container !== null && typeof container === 'object' && !Array.isArray(container) ? (container as Record<string, unknown>)[seg.name] : undefined;
}

/**
 * Writes `value` at a kro field path (`spec.containers[0].image`, `metadata.labels["a/b"]`) of a template copy.
 * The template holds the expression's string at that path, so the containers exist; returns false when they do not.
 */
export function setFieldPathValue(root: Record<string, unknown>, path: string, value: unknown): boolean {
  const segments = parseFieldPath(path);
  if (!segments || segments.length === 0) return false;
  let node: unknown = root;
  for (const seg of segments.slice(0, -1)) {
    node = step(node, seg);
    if (node === null || typeof node !== 'object') return false;
  }
  const last = segments[segments.length - 1]!;
  const container = node as Container;
  if ('index' in last) {
    if (!Array.isArray(container) || last.index >= container.length) return false;
    container[last.index] = value;
  } else {
    if (Array.isArray(container)) return false;
    container[last.name] = value;
  }
  return true;
}

/** Removes the value at a kro field path (a map key; list elements are left in place as null). */
export function deleteFieldPathValue(root: Record<string, unknown>, path: string): void {
  const segments = parseFieldPath(path);
  if (!segments || segments.length === 0) return;
  let node: unknown = root;
  for (const seg of segments.slice(0, -1)) {
    node = step(node, seg);
    if (node === null || typeof node !== 'object') return;
  }
  const last = segments[segments.length - 1]!;
  if ('index' in last) {
    if (Array.isArray(node) && last.index < node.length) node[last.index] = null;
  } else if (!Array.isArray(node)) delete (node as Record<string, unknown>)[last.name];
}

/** Writes `value` at a kro field path, creating the maps and lists on the way (kro's `UpsertValueAtPath`). */
export function upsertFieldPathValue(root: Record<string, unknown>, path: string, value: unknown): boolean {
  const segments = parseFieldPath(path);
  if (!segments || segments.length === 0) return false;
  let node: Container = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const nextSeg = segments[i + 1];
    const fresh = (): Container => (nextSeg && 'index' in nextSeg ? [] : {});
    if ('index' in seg) {
      if (!Array.isArray(node)) return false;
      while (node.length <= seg.index) node.push(null);
      if (last) node[seg.index] = value;
      else {
        const child: unknown = node[seg.index];
        node = child !== null && typeof child === 'object' ? (child as Container) : (node[seg.index] = fresh()) as Container;
      }
    } else {
      if (Array.isArray(node)) return false;
      if (last) node[seg.name] = value;
      else {
        const child: unknown = node[seg.name];
        node = child !== null && typeof child === 'object' ? (child as Container) : (node[seg.name] = fresh()) as Container;
      }
    }
  }
  return true;
}
