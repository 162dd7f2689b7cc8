import type { Diagnostic } from '@kro-designer/core';
import { MarkerType, type Node } from '@xyflow/react';
import type { ResourceSummary, RgdSummary } from '../validation/protocol';
import type { LayoutEdge, LayoutNode } from './layout/layoutGraph';
import type { RoutedFlowEdge } from './RoutedEdge';

/** The instance-schema root. `schema` is a reserved word in kro, so no resource can take this id. */
export const SCHEMA_NODE_ID = 'schema';

export type NodeState = 'normal' | 'selected' | 'dimmed' | 'match';

export type ResourceNodeData = {
  resource: ResourceSummary;
  errors: number;
  warnings: number;
  state: NodeState;
};

export type SchemaNodeData = {
  kind?: string;
  apiVersion?: string;
  fields: readonly string[];
  errors: number;
  state: NodeState;
};

export type ResourceFlowNode = Node<ResourceNodeData, 'resource'>;
export type SchemaFlowNode = Node<SchemaNodeData, 'schema'>;
export type FlowNode = ResourceFlowNode | SchemaFlowNode;

export interface ViewState {
  readonly selectedId?: string;
  readonly search: string;
  /** Ids of edges to draw as part of a highlighted cycle. */
  readonly cycleEdges: ReadonlySet<string>;
}

export interface FlowGraph {
  readonly nodes: FlowNode[];
  readonly edges: RoutedFlowEdge[];
  readonly layoutNodes: LayoutNode[];
  readonly layoutEdges: LayoutEdge[];
  /** Changes only when nodes, their sizes or edges change: the layout cache key. */
  readonly layoutKey: string;
}

export const RESOURCE_NODE_SIZE = { width: 232, height: 84 } as const;
const SCHEMA_FIELDS_SHOWN = 6;

export const schemaNodeHeight = (fields: number) => 58 + 18 * Math.min(fields, SCHEMA_FIELDS_SHOWN + 1);
export const edgeId = (source: string, target: string) => `${source}->${target}`;

/** Node id of a resource: its RGD id, or a positional id when the id is empty or repeated (kro reports both). */
function nodeIds(resources: readonly ResourceSummary[]): string[] {
  const seen = new Set<string>();
  return resources.map((r) => {
    const id = r.id !== '' && !seen.has(r.id) && r.id !== SCHEMA_NODE_ID ? r.id : `#${r.index}`;
    seen.add(r.id);
    return id;
  });
}

function label(fields: readonly string[]): string | undefined {
  if (fields.length === 0) return undefined;
  const first = fields[0]!;
  const text = first.length > 30 ? `${first.slice(0, 29)}…` : first;
  return fields.length > 1 ? `${text} +${fields.length - 1}` : text;
}

/**
 * The React Flow graph of an RGD: the instance schema as the root, one node per resource, one edge per dependency
 * from the resource that is read to the one that reads it (the apply order), labelled with the fields it carries.
 */
export function buildFlowGraph(rgd: RgdSummary, diagnostics: readonly Diagnostic[], view: ViewState): FlowGraph {
  const errors = new Map<string, number>();
  const warnings = new Map<string, number>();
  let schemaErrors = 0;
  for (const d of diagnostics) {
    if (d.resourceId !== undefined) {
      const m = d.severity === 'error' ? errors : d.severity === 'warning' ? warnings : undefined;
      m?.set(d.resourceId, (m.get(d.resourceId) ?? 0) + 1);
    } else if (d.severity === 'error' && d.path.startsWith('spec.schema')) schemaErrors++;
  }
  const search = view.search.trim().toLowerCase();
  const matches = (...texts: (string | undefined)[]) => search !== '' && texts.some((t) => t?.toLowerCase().includes(search));
  const stateOf = (id: string, isMatch: boolean): NodeState => {
    if (view.selectedId === id) return 'selected';
    if (search === '') return 'normal';
    return isMatch ? 'match' : 'dimmed';
  };

  const ids = nodeIds(rgd.resources);
  const schemaNode: SchemaFlowNode = {
    id: SCHEMA_NODE_ID,
    type: 'schema',
    position: { x: 0, y: 0 },
    // Sizes before measurement: fit-to-view and visibility of nodes never rendered (large graphs) use them.
    initialWidth: RESOURCE_NODE_SIZE.width,
    initialHeight: schemaNodeHeight(rgd.specFields.length),
    ariaLabel: `Instance schema ${rgd.kind ?? ''}`,
    data: {
      ...(rgd.kind !== undefined ? { kind: rgd.kind } : {}),
      ...(rgd.apiVersion !== undefined ? { apiVersion: rgd.apiVersion } : {}),
      fields: rgd.specFields,
      errors: schemaErrors,
      state: stateOf(SCHEMA_NODE_ID, matches('schema', rgd.kind, ...rgd.specFields)),
    },
  };
  const resourceNodes: ResourceFlowNode[] = rgd.resources.map((r, i) => ({
    id: ids[i]!,
    type: 'resource',
    position: { x: 0, y: 0 },
    initialWidth: RESOURCE_NODE_SIZE.width,
    initialHeight: RESOURCE_NODE_SIZE.height,
    ariaLabel: `Resource ${r.id || '(no id)'}${r.kind ? `, ${r.kind}` : ''}`,
    data: { resource: r, errors: errors.get(r.id) ?? 0, warnings: warnings.get(r.id) ?? 0, state: stateOf(ids[i]!, matches(r.id, r.kind, r.apiVersion)) },
  }));

  const known = new Set(ids);
  const edges: RoutedFlowEdge[] = [];
  rgd.resources.forEach((r, i) => {
    if (r.schemaFields.length === 0) return;
    const id = edgeId(SCHEMA_NODE_ID, ids[i]!);
    const labelText = label(r.schemaFields);
    edges.push({
      id,
      type: 'routed',
      source: SCHEMA_NODE_ID,
      target: ids[i]!,
      className: 'edge-schema',
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: 'var(--edge-schema)' },
      data: { fields: r.schemaFields, ...(labelText ? { labelText } : {}), variant: 'schema' },
    });
  });
  for (const e of rgd.edges) {
    if (!known.has(e.to) || !known.has(e.from)) continue;
    const id = edgeId(e.to, e.from);
    const inCycle = view.cycleEdges.has(id);
    const labelText = label(e.fields);
    edges.push({
      id,
      type: 'routed',
      source: e.to,
      target: e.from,
      className: inCycle ? 'edge-cycle' : 'edge-dependency',
      animated: inCycle,
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: inCycle ? 'var(--error)' : 'var(--edge)' },
      data: { fields: e.fields, ...(labelText ? { labelText } : {}), variant: inCycle ? 'cycle' : 'dependency' },
      ...(inCycle ? { zIndex: 10 } : {}),
    });
  }

  const layoutNodes: LayoutNode[] = [
    { id: SCHEMA_NODE_ID, width: RESOURCE_NODE_SIZE.width, height: schemaNodeHeight(rgd.specFields.length) },
    ...resourceNodes.map((n) => ({ id: n.id, ...RESOURCE_NODE_SIZE })),
  ];
  const layoutEdges: LayoutEdge[] = edges.map((e) => ({ id: e.id, source: e.source, target: e.target, ...(e.data?.labelText ? { label: e.data.labelText } : {}) }));
  const layoutKey = JSON.stringify([layoutNodes.map((n) => [n.id, n.height]), layoutEdges.map((e) => [e.id, e.label ?? ''])]);
  return { nodes: [schemaNode, ...resourceNodes], edges, layoutNodes, layoutEdges, layoutKey };
}

/** Edge ids of a cycle given as a closed id path (`a -> b -> a`); the edge runs from the dependency to the dependent. */
export function cycleEdgeIds(cycle: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < cycle.length; i++) out.push(edgeId(cycle[i + 1]!, cycle[i]!));
  return out;
}
