import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  getViewportForBounds,
  useReactFlow,
  useStore,
  type Rect,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Diagnostic } from '@kro-designer/core';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { RgdSummary } from '../validation/protocol';
import { buildFlowGraph, SCHEMA_NODE_ID, type FlowNode } from './buildFlowGraph';
import { layeredFallback } from './layout/layeredFallback';
import { layoutGraph, type EdgeRoute, type Positions } from './layout/layoutGraph';
import { ResourceNode } from './ResourceNode';
import { RoutedEdge, type RoutedFlowEdge } from './RoutedEdge';
import { SchemaNode } from './SchemaNode';
import { NO_OVERLAYS, NodeOverlayContext, type NodeOverlays } from './NodeOverlay';
import { RenameField } from './RenameField';
import { isZoomedOut } from './zoomLevel';

const nodeTypes: NodeTypes = { resource: ResourceNode, schema: SchemaNode };
const edgeTypes: EdgeTypes = { routed: RoutedEdge };
const NO_ROUTES: ReadonlyMap<string, EdgeRoute> = new Map();

/** From this many nodes on, only the visible part of the graph is rendered. */
const LARGE_GRAPH_NODES = 150;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 2;

export const KIND_DRAG_TYPE = 'application/x-kro-kind';

export interface CanvasViewProps {
  readonly rgd: RgdSummary | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** True until the first validation arrives. */
  readonly loading: boolean;
  readonly selectedId: string | undefined;
  /** Nodes to bring into view (a clicked problem); a new object is a new request. */
  readonly focus: { readonly ids: readonly string[] } | undefined;
  readonly cycleEdges: ReadonlySet<string>;
  readonly theme: 'light' | 'dark';
  readonly onSelect: (id: string | undefined) => void;
  readonly onReveal: (id: string) => void;
  readonly onDelete: (id: string) => void;
  /** Rename a resource (its references follow); answers an error message to show beside the field, or undefined. */
  readonly onRename?: (id: string, newId: string) => string | undefined;
  /** A kind dropped from the palette (its JSON payload). */
  readonly onDropKind: (payload: string) => void;
  /** A field handle dragged onto a resource: write `${expression}` into that resource's template. */
  readonly onWire?: (expression: string, targetId: string) => void;
  /** The "Add resource" control, rendered in the toolbar. */
  readonly palette: ReactNode;
  /** Preview or live-status paint per resource id (see NodeOverlay). */
  readonly overlays?: NodeOverlays;
}

export function CanvasView(props: CanvasViewProps) {
  return (
    <ReactFlowProvider>
      <NodeOverlayContext.Provider value={props.overlays ?? NO_OVERLAYS}>
        <Canvas {...props} />
      </NodeOverlayContext.Provider>
    </ReactFlowProvider>
  );
}

/** Structural equality of small node/edge data objects (plain JSON data, at most a few hundred bytes). */
function sameData(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

interface Laid {
  readonly key: string;
  readonly positions: Positions;
  readonly routes: ReadonlyMap<string, EdgeRoute>;
  /** True once ELK (or its fallback after a failure) has answered for this key. */
  readonly exact: boolean;
}

function Canvas({ rgd, diagnostics, loading, selectedId, focus, cycleEdges, theme, onSelect, onReveal, onDelete, onRename, onDropKind, onWire, palette }: CanvasViewProps) {
  const wireSource = useRef<string | undefined>(undefined);
  const flow = useReactFlow();
  // Zoomed out (a large graph fitted to view): no dotted background (at 0.1 zoom it is ~150,000 dots repainted on
  // every pan frame) and solid schema edges (long dashed paths are slow to paint); see bench/canvas.
  const zoomedOut = useStore(isZoomedOut);
  const [search, setSearch] = useState('');
  const graph = useMemo(() => (rgd ? buildFlowGraph(rgd, diagnostics, { ...(selectedId !== undefined ? { selectedId } : {}), search, cycleEdges }) : undefined), [rgd, diagnostics, selectedId, search, cycleEdges]);
  const [laid, setLaid] = useState<Laid | undefined>();
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const [moved, setMoved] = useState<ReadonlySet<string>>(new Set());
  const latestKey = useRef<string | undefined>(undefined);
  const flowBox = useRef<HTMLDivElement>(null);
  /**
   * Fits `bounds` into the pane. React Flow's own fitView waits until every node has been measured, which never
   * happens when only the visible part of a large graph is rendered; bounds from our positions and the nodes'
   * declared sizes (buildFlowGraph's initialWidth/initialHeight) need no measurement.
   */
  const fitBounds = useCallback(
    (bounds: Rect, padding: number, maxZoom: number, duration: number) => {
      const box = flowBox.current?.getBoundingClientRect();
      if (!box || box.width === 0 || bounds.width <= 0 || bounds.height <= 0) return;
      void flow.setViewport(getViewportForBounds(bounds, box.width, box.height, MIN_ZOOM, maxZoom, padding), { duration });
    },
    [flow],
  );
  const fitNodes = useCallback(
    (ids: readonly string[] | undefined, padding: number, maxZoom: number, duration = 250) => {
      const all = flow.getNodes();
      const chosen = ids ? all.filter((n) => ids.includes(n.id)) : all;
      if (chosen.length > 0) fitBounds(flow.getNodesBounds(chosen), padding, maxZoom, duration);
    },
    [flow, fitBounds],
  );
  const fittedKey = useRef<string | undefined>(undefined);

  // Layout only when the structure changes; until ELK answers, known nodes keep their place and new ones get a
  // quick layered position, so the canvas never jumps to the origin or shows a stale graph.
  const layoutKey = graph?.layoutKey;
  useEffect(() => {
    if (!graph || layoutKey === undefined) return;
    latestKey.current = layoutKey;
    const fallback = layeredFallback(graph.layoutNodes, graph.layoutEdges);
    setLaid((prev) => {
      const merged = new Map(fallback);
      if (prev) for (const [id, p] of prev.positions) if (merged.has(id)) merged.set(id, p);
      return { key: layoutKey, positions: merged, routes: NO_ROUTES, exact: false };
    });
    let cancelled = false;
    layoutGraph(graph.layoutNodes, graph.layoutEdges).then(
      (layout) => {
        if (cancelled || latestKey.current !== layoutKey) return;
        setMoved(new Set());
        setLaid({ key: layoutKey, positions: layout.positions, routes: layout.routes, exact: true });
      },
      () => {
        // Tested fallback (layeredFallback.test.ts): the layered positions stay; the canvas works without ELK.
        if (!cancelled && latestKey.current === layoutKey) setLaid({ key: layoutKey, positions: fallback, routes: NO_ROUTES, exact: true });
      },
    );
    return () => {
      cancelled = true;
    };
    // graph changes on every keystroke; the layout depends only on its structure key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutKey]);

  useEffect(() => {
    if (!graph || !laid) {
      setNodes([]);
      return;
    }
    setNodes((prev) => {
      const byId = new Map(prev.map((n) => [n.id, n]));
      return graph.nodes.map((n) => {
        const old = byId.get(n.id);
        const position = laid.positions.get(n.id) ?? old?.position ?? n.position;
        const selected = n.id === selectedId;
        // Unchanged nodes keep their object, so React Flow re-renders only what an edit touched (300+ nodes).
        if (old && old.selected === selected && old.position.x === position.x && old.position.y === position.y && sameData(old.data, n.data)) return old;
        return { ...n, position, ...(old?.measured ? { measured: old.measured } : {}), selected } as FlowNode;
      });
    });
  }, [graph, laid, selectedId]);

  useEffect(() => {
    if (laid?.exact && graph && fittedKey.current !== laid.key && nodes.length > 0) {
      fittedKey.current = laid.key;
      // The laid-out box, from the layout itself: the nodes' state may not carry these positions yet.
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const n of graph.layoutNodes) {
        const p = laid.positions.get(n.id);
        if (!p) continue;
        minX = Math.min(minX, p.x);
        minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x + n.width);
        maxY = Math.max(maxY, p.y + n.height);
      }
      if (minX !== Infinity) requestAnimationFrame(() => fitBounds({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, 0.12, 1.1, 200));
    }
    // graph changes on every keystroke; its layout nodes are what `laid` was computed for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [laid, nodes.length, fitBounds]);

  // Bring a clicked problem's nodes into view (all of a cycle): the whole graph when it is still legible that way,
  // else just those nodes, zooming in no further than reading size.
  useEffect(() => {
    if (!focus || focus.ids.length === 0) return;
    const present = focus.ids.filter((id) => flow.getNode(id));
    if (present.length === 0) return;
    const bounds = flow.getNodesBounds(flow.getNodes());
    const box = flowBox.current?.getBoundingClientRect();
    const wholeZoom = box && bounds.width > 0 ? Math.min(box.width / (bounds.width * 1.2), box.height / (bounds.height * 1.2)) : 0;
    if (wholeZoom >= 0.6) fitNodes(undefined, 0.12, 1.1);
    else fitNodes(present, 0.35, 1);
  }, [focus, flow, fitNodes]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove' && c.type !== 'select'), ns));
      for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id);
      const dragged = changes.filter((c) => c.type === 'position' && c.dragging).map((c) => (c as { id: string }).id);
      if (dragged.length > 0) setMoved((m) => (dragged.every((id) => m.has(id)) ? m : new Set([...m, ...dragged])));
    },
    [onSelect],
  );

  const matches = useMemo(() => (graph && search.trim() !== '' ? graph.nodes.filter((n) => n.data.state === 'match' || n.data.state === 'selected').map((n) => n.id) : []), [graph, search]);

  const onDrop = (e: DragEvent) => {
    const payload = e.dataTransfer.getData(KIND_DRAG_TYPE);
    if (!payload) return;
    e.preventDefault();
    onDropKind(payload);
  };

  const selectedResource = selectedId !== undefined && selectedId !== SCHEMA_NODE_ID ? rgd?.resources.find((r) => r.id === selectedId) : undefined;
  // ELK's routes hold while both ends stay where ELK put them; a dragged node's edges fall back to curves.
  const previousEdges = useRef(new Map<string, RoutedFlowEdge>());
  const edges = useMemo<RoutedFlowEdge[]>(() => {
    const routes = laid?.key === graph?.layoutKey ? laid?.routes ?? NO_ROUTES : NO_ROUTES;
    const next = (graph?.edges ?? []).map((e) => {
      const route = moved.has(e.source) || moved.has(e.target) ? undefined : routes.get(e.id);
      const edge = route ? { ...e, data: { ...e.data!, route } } : e;
      const old = previousEdges.current.get(e.id);
      return old && old.className === edge.className && old.data?.route === edge.data?.route && sameData(old.data, edge.data) ? old : edge;
    });
    previousEdges.current = new Map(next.map((e) => [e.id, e]));
    return next;
  }, [graph, laid, moved]);

  return (
    <div className="canvas" data-testid="canvas" onDragOver={(e) => e.dataTransfer.types.includes(KIND_DRAG_TYPE) && e.preventDefault()} onDrop={onDrop}>
      <div className="canvas-toolbar">
        {palette}
        <input
          className="search"
          type="search"
          placeholder="Search nodes (id, kind)…"
          aria-label="Search nodes"
          title="Matching nodes stay lit; Enter zooms to them, Escape clears"
          data-testid="canvas-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches.length > 0) fitNodes(matches, 0.3, 1.2);
            if (e.key === 'Escape') setSearch('');
          }}
        />
        {search.trim() !== '' && (
          <span className="search-count" aria-live="polite">
            {matches.length} match{matches.length === 1 ? '' : 'es'}
          </span>
        )}
        <span className="spacer" />
        {selectedResource && (
          <span className="selection-actions" data-testid="selection-panel">
            {onRename ? (
              <RenameField key={selectedResource.id} id={selectedResource.id} onRename={(newId) => onRename(selectedResource.id, newId)} />
            ) : (
              <span className="selection-name" title="Selected resource">
                {selectedResource.id}
              </span>
            )}
            <button type="button" onClick={() => onReveal(selectedResource.id)} title="Show its definition in the editor">
              Reveal
            </button>
            <button type="button" className="danger" data-testid="delete-resource" onClick={() => onDelete(selectedResource.id)} title="Delete this resource from the YAML">
              Delete
            </button>
            <span className="divider" />
          </span>
        )}
        <button type="button" onClick={() => fitNodes(undefined, 0.12, 1.1, 200)} data-testid="fit-view" title="Fit the whole graph in view">
          ⤢ Fit
        </button>
      </div>
      <div className={zoomedOut ? 'canvas-flow zoomed-out' : 'canvas-flow'} ref={flowBox}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, n) => onSelect(n.id)}
        onNodeDoubleClick={(_e, n) => onReveal(n.id)}
        onPaneClick={() => onSelect(undefined)}
        colorMode={theme}
        deleteKeyCode={null}
        // React Flow listens for Space on the whole document and cancels it; Monaco's input is not a textarea
        // (EditContext), so typing a space in the editor would be swallowed. Dragging the pane pans anyway.
        panActivationKeyCode={null}
        nodesConnectable={onWire !== undefined}
        onConnectStart={(_e, p) => {
          wireSource.current = p.handleId ?? undefined;
        }}
        onConnectEnd={(e) => {
          const expression = wireSource.current;
          wireSource.current = undefined;
          const point = 'changedTouches' in e ? e.changedTouches[0] : e;
          if (!expression || !point || !onWire) return;
          const el = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
          const target = el?.getAttribute('data-id');
          if (target && target !== SCHEMA_NODE_ID && !expression.startsWith(`${target}.`)) onWire(expression, target);
        }}
        // Large graphs: React Flow mounts only the nodes and edges in view (panning a 500-node graph; see bench/canvas).
        onlyRenderVisibleElements={nodes.length > LARGE_GRAPH_NODES}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        proOptions={{ hideAttribution: true }}
        aria-label="Resource graph"
      >
        {!zoomedOut && <Background gap={24} size={1} />}
        <Controls showInteractive={false} position="bottom-left" />
        {rgd && <MiniMap pannable zoomable position="bottom-right" ariaLabel="Mini map" nodeStrokeWidth={3} style={{ width: 150, height: 100 }} />}
      </ReactFlow>
      </div>
      {!rgd && (
        <div className="canvas-empty" data-testid="canvas-empty">
          {loading ? (
            <p>Starting the validator…</p>
          ) : (
            <>
              <p className="canvas-empty-title">No ResourceGraphDefinition to draw</p>
              <p>The text holds no document of kind ResourceGraphDefinition. Pick a starter or import a file from the toolbar.</p>
            </>
          )}
        </div>
      )}
      {rgd && rgd.resources.length === 0 && (
        <div className="canvas-hint" data-testid="canvas-hint">
          No resources yet: use <strong>Add resource</strong> or drag a kind onto the canvas.
        </div>
      )}
    </div>
  );
}
