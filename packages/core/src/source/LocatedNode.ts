import type { Span } from '../diagnostics/Diagnostic.js';

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/**
 * A YAML value with its source location, independent of the YAML library: the core's stages read these trees so
 * they can be built from text (with exact spans) or from plain data (with empty spans) alike.
 */
export type LocatedNode = LocatedScalar | LocatedMap | LocatedSeq;

export interface LocatedScalar {
  readonly kind: 'scalar';
  /** Parsed value; integers that do not fit a double are kept as bigint. */
  readonly value: string | number | bigint | boolean | null;
  readonly span: Span;
  readonly style: ScalarStyle;
  /** True for numbers written as floats (`1.0`, `1e3`), which Go decodes as float64 even when integral. */
  readonly float?: boolean;
  /** Source offset of the character at index `i` of a string value (`i === value.length` gives the end). */
  offsetOf(i: number): number;
}

export interface LocatedEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: LocatedNode;
}

export interface LocatedMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: readonly LocatedEntry[];
}

export interface LocatedSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly LocatedNode[];
}

/** Returns the entry for `key` (the last one if a key repeats, as a YAML decoder would). */
export function getEntry(map: LocatedMap, key: string): LocatedEntry | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) {
    const e = map.entries[i]!;
    if (e.key === key) return e;
  }
  return undefined;
}

export function getValue(node: LocatedNode | undefined, key: string): LocatedNode | undefined {
  return node?.kind === 'map' ? getEntry(node, key)?.value : undefined;
}

/** Converts a located tree to plain JavaScript data. */
export function toPlain(node: LocatedNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return typeof node.value === 'bigint' ? Number(node.value) : node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}

/** Builds a located tree from plain data, with every span set to `at` (used for data that has no source text). */
export function fromPlain(value: unknown, at: Span = { start: 0, end: 0 }): LocatedNode {
  if (Array.isArray(value)) return { kind: 'seq', span: at, items: value.map((v) => fromPlain(v, at)) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      span: at,
      entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, keySpan: at, value: fromPlain(v, at) })),
    };
  }
  const scalar =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null
      ? value
      : String(value);
  return { kind: 'scalar', value: scalar, span: at, style: 'PLAIN', offsetOf: () => at.start };
}

/** Name of a node's type as Go's encoding would report it, for kro-compatible messages. */
export function goTypeName(node: LocatedNode): string {
  if (node.kind === 'map') return 'map[string]interface {}';
  if (node.kind === 'seq') return '[]interface {}';
  const v = node.value;
  if (v === null) return '<nil>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return node.float === true || !Number.isInteger(v) ? 'float64' : 'int64';
  return 'string';
}
