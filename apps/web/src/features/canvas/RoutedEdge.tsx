import { BaseEdge, EdgeLabelRenderer, getBezierPath, useStore, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeRoute, Point } from './layout/layoutGraph';
import { isZoomedOut } from './zoomLevel';

export type RoutedEdgeData = {
  fields: readonly string[];
  labelText?: string;
  variant: 'schema' | 'dependency' | 'cycle';
  /** ELK's route; absent until the layout arrives or after an end node was dragged. */
  route?: EdgeRoute;
};

export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>;

const RADIUS = 8;

/** SVG path through orthogonal points with rounded corners. */
export function roundedPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(RADIUS, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const inX = p.x - Math.sign(p.x - prev.x) * r;
    const inY = p.y - Math.sign(p.y - prev.y) * r;
    const outX = p.x + Math.sign(next.x - p.x) * r;
    const outY = p.y + Math.sign(next.y - p.y) * r;
    d += ` L ${inX} ${inY} Q ${p.x} ${p.y} ${outX} ${outY}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}

/** A dependency drawn along ELK's route (so it avoids nodes), with its fields as an HTML label. */
function RoutedEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd, style }: EdgeProps<RoutedFlowEdge>) {
  // Zoomed out, labels are unreadable and each is an HTML element repositioned on every frame: leave them out.
  const compact = useStore(isZoomedOut);
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data?.route && data.route.points.length >= 2) {
    path = roundedPath(data.route.points);
    const mid = data.route.label ?? data.route.points[Math.floor(data.route.points.length / 2)]!;
    labelX = mid.x;
    labelY = mid.y;
  } else {
    [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const title = data?.fields.join('\n');
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      {data?.labelText && !compact && (
        <EdgeLabelRenderer>
          <div className={`edge-label variant-${data.variant}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} title={title} data-testid={`edge-label-${id}`}>
            {data.labelText}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const RoutedEdge = memo(RoutedEdgeView);
