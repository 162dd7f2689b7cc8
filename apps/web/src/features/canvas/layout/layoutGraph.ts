// ELK layered layout, run in ELK's own module web worker (the only place ELK is imported).
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';

export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Label text; ELK reserves room for it beside the edge. */
  readonly label?: string;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Positions = ReadonlyMap<string, Point>;

/** ELK's route of an edge (absolute coordinates) and where its label goes (centre). */
export interface EdgeRoute {
  readonly points: readonly Point[];
  readonly label?: Point;
}

export interface Layout {
  readonly positions: Positions;
  readonly routes: ReadonlyMap<string, EdgeRoute>;
}

/** Rendered size of an edge label (10.5 px monospace, padded), reserved by ELK. */
export const labelSize = (text: string) => ({ width: Math.ceil(text.length * 6.4) + 12, height: 18 });

/** Where an edge's label sits when ELK placed none: the middle of its longest segment, so it covers the line and no node. */
export function labelPoint(points: readonly Point[]): Point {
  let best = { x: points[0]?.x ?? 0, y: points[0]?.y ?? 0 };
  let longest = -1;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > longest) {
      longest = length;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

type ElkInstance = InstanceType<typeof ELK>;
let elk: ElkInstance | undefined;

function getElk(): ElkInstance {
  // Vite emits elk-worker as an ES module (worker.format: 'es'), so it must start as a module worker.
  elk ??= new ELK({ workerFactory: () => new Worker(new URL('elkjs/lib/elk-worker.min.js', import.meta.url), { type: 'module', name: 'elk-layout' }) });
  return elk;
}

const BASE_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.nodeNode': '40',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  // Labels sit beside their edge in space ELK reserves, so they never cover a node or another label.
  'elk.spacing.edgeLabel': '3',
};

/**
 * Up to this many nodes ELK keeps declaration order as the crossing-minimisation tie-break, so positions stay
 * stable across edits (as kro orders ties). Measured with elkjs 0.11 on the bench's generated RGDs: that option is
 * what makes large graphs slow (300 nodes 10 s with it, 0.5–0.8 s without; 500 nodes ~38 s vs ~0.8–1.4 s), while at
 * 100 nodes it costs ~0.5 s more. Above the threshold ELK also does a single crossing-minimisation pass
 * (thoroughness 1): the layouts measured equally wide and tall.
 */
export const MODEL_ORDER_MAX_NODES = 80;

/** ELK's options for a graph of `nodeCount` nodes (see MODEL_ORDER_MAX_NODES). */
export function layoutOptions(nodeCount: number): Record<string, string> {
  return nodeCount <= MODEL_ORDER_MAX_NODES
    ? { ...BASE_OPTIONS, 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }
    : { ...BASE_OPTIONS, 'elk.layered.considerModelOrder.strategy': 'NONE', 'elk.layered.thoroughness': '1' };
}

/**
 * Top-left positions of every node and an orthogonal route per edge, laid out top to bottom along the dependency
 * edges, with room for edge labels. Cycles are broken by ELK.
 */
export async function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Promise<Layout> {
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: layoutOptions(nodes.length),
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        id: e.id,
        sources: [e.source],
        targets: [e.target],
        ...(e.label ? { labels: [{ id: `${e.id}:label`, text: e.label, ...labelSize(e.label) }] } : {}),
      })),
  };
  const result = await getElk().layout(graph);
  const positions = new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  const routes = new Map<string, EdgeRoute>();
  for (const e of (result.edges ?? []) as ElkExtendedEdge[]) {
    const section = e.sections?.[0];
    if (!section) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y }));
    const l = e.labels?.[0];
    const label = l?.x !== undefined && l.y !== undefined ? { x: l.x + (l.width ?? 0) / 2, y: l.y + (l.height ?? 0) / 2 } : labelPoint(points);
    routes.set(e.id, { points, label });
  }
  return { positions, routes };
}
