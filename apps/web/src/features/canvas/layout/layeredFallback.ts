import type { LayoutEdge, LayoutNode, Positions } from './layoutGraph';

/**
 * Instant positions used until ELK answers (and if it fails): each node one row below its deepest dependency,
 * rows centred, in declaration order. Cycles are cut where a back edge is met, so every node gets a place.
 */
export function layeredFallback(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Positions {
  const incoming = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) incoming.get(e.target)?.push(e.source);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let d = 0;
    for (const src of incoming.get(id) ?? []) if (incoming.has(src)) d = Math.max(d, depthOf(src) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const sparse: LayoutNode[][] = [];
  for (const n of nodes) (sparse[depthOf(n.id)] ??= []).push(n);
  // Depths inside a cycle can skip a row; empty rows would otherwise be holes that turn widths into NaN.
  const rows = sparse.filter((row) => row !== undefined);
  const gapX = 48;
  const gapY = 90;
  const widths = rows.map((row) => row.reduce((w, n) => w + n.width, 0) + gapX * Math.max(0, row.length - 1));
  const widest = Math.max(0, ...widths);
  const out = new Map<string, { x: number; y: number }>();
  let y = 0;
  rows.forEach((row, i) => {
    let x = (widest - widths[i]!) / 2;
    for (const n of row) {
      out.set(n.id, { x, y });
      x += n.width + gapX;
    }
    y += Math.max(0, ...row.map((n) => n.height)) + gapY;
  });
  return out;
}
