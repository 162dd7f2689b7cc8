import type { ReactFlowState } from '@xyflow/react';

/** Below this zoom node text is under ~5 px: nodes and edge labels switch to their compact rendering. */
export const COMPACT_ZOOM = 0.4;

/** React Flow store selector: true while the canvas is zoomed out past COMPACT_ZOOM. */
export const isZoomedOut = (state: ReactFlowState): boolean => state.transform[2] < COMPACT_ZOOM;
