import { createContext } from 'react';

/** Tone of an overlay badge; maps to the design system's status colours. */
export type OverlayTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/**
 * What other features paint onto a resource node without touching the design document: preview (forEach
 * cardinality, excluded, pending) and live status (health from the cluster). Keyed by resource id.
 */
export interface NodeOverlay {
  /** Greyed out (an excluded node in a preview). */
  readonly dimmed?: boolean;
  /** Live health, shown as a coloured ring and a label; one of the contracts' NodeHealth values. */
  readonly health?: { readonly state: string; readonly label: string; readonly tone: OverlayTone; readonly title?: string };
  readonly badges?: readonly { readonly key: string; readonly text: string; readonly tone: OverlayTone; readonly title?: string }[];
}

export type NodeOverlays = ReadonlyMap<string, NodeOverlay>;

export const NO_OVERLAYS: NodeOverlays = new Map();

/** Provided by CanvasView from its `overlays` prop; read by ResourceNode. */
export const NodeOverlayContext = createContext<NodeOverlays>(NO_OVERLAYS);
