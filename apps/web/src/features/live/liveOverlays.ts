import type { LiveInstance, LiveNode } from '@kro-designer/contracts';
import type { NodeOverlay, NodeOverlays, OverlayTone } from '../canvas/NodeOverlay';
import { visibleState, type NodeVisibleState } from './liveView';

/** Words and colour of each visible state; `waiting`/`excluded` are calm, `creating` pulses, problems are loud. */
export const STATE_LOOK: Record<NodeVisibleState, { readonly label: string; readonly tone: OverlayTone }> = {
  waiting: { label: 'Waiting', tone: 'neutral' },
  excluded: { label: 'Excluded', tone: 'neutral' },
  creating: { label: 'Creating…', tone: 'info' },
  ready: { label: 'Ready', tone: 'success' },
  'not-ready': { label: 'Not ready', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
  deleting: { label: 'Deleting…', tone: 'warning' },
  unknown: { label: 'Unknown', tone: 'neutral' },
  gone: { label: 'Deleted', tone: 'neutral' },
};

/** The one-line label a node shows on the canvas: the state, and why when kro says. */
export function healthLabel(state: NodeVisibleState, node: LiveNode): string {
  const base = STATE_LOOK[state].label;
  if (state === 'waiting' && node.waitingOn.length > 0) return `Waiting on ${node.waitingOn.join(', ')}`;
  if (state === 'excluded') return 'Excluded (includeWhen false)';
  if ((state === 'not-ready' || state === 'error') && node.reason) return `${base}: ${node.reason}`;
  return base;
}

/** Paints an instance's live health onto the design's nodes (CanvasView `overlays`). */
export function liveOverlays(instance: LiveInstance | undefined): NodeOverlays {
  const out = new Map<string, NodeOverlay>();
  if (!instance) return out;
  for (const node of instance.nodes) {
    const state = visibleState(instance, node);
    const label = healthLabel(state, node);
    const title = [label, node.reason && !label.includes(node.reason) ? node.reason : undefined].filter(Boolean).join('\n');
    const badges = node.objects.length > 1 ? [{ key: 'objects', text: `${node.objects.length} objects`, tone: 'info' as const, title: node.objects.map((o) => o.ref.name).join(', ') }] : [];
    out.set(node.id, {
      dimmed: state === 'excluded' || state === 'gone',
      health: { state, label, tone: STATE_LOOK[state].tone, title },
      ...(badges.length > 0 ? { badges } : {}),
    });
  }
  return out;
}
