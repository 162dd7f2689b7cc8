import type { NodeOverlay, NodeOverlays } from '../canvas/NodeOverlay';
import type { PreviewResource } from '../validation/protocol';

/** Why a resource is excluded, in words: its own includeWhen, or the excluded node it depends on. */
export function exclusionReason(r: PreviewResource): string {
  const by = r.excludedBy;
  if (!by) return 'excluded';
  if (by.resourceId === r.id) return by.expression ? `includeWhen \${${by.expression}} is false` : 'its includeWhen is false';
  return `excluded because ${by.resourceId} is excluded`;
}

/** Unique `waitsFor` targets of a resource's pending expressions, in order. */
export function waitsFor(r: PreviewResource): string[] {
  return [...new Set(r.pending.map((p) => p.waitsFor))];
}

/**
 * What the preview paints on the canvas: forEach cardinality ("× 3"), excluded nodes dimmed, pending nodes badged
 * with what they wait for.
 */
export function previewOverlays(resources: readonly PreviewResource[]): NodeOverlays {
  const out = new Map<string, NodeOverlay>();
  for (const r of resources) {
    const badges: { key: string; text: string; tone: 'neutral' | 'info' | 'warning' | 'danger'; title?: string }[] = [];
    if (r.state === 'excluded') badges.push({ key: 'excluded', text: 'excluded', tone: 'neutral', title: exclusionReason(r) });
    if (r.forEach.length > 0 && r.cardinality !== undefined && r.state !== 'excluded') {
      badges.push({ key: 'count', text: `× ${r.cardinality}`, tone: 'info', title: `forEach renders ${r.cardinality} object${r.cardinality === 1 ? '' : 's'}` });
    }
    if (r.state === 'error') badges.push({ key: 'error', text: 'render error', tone: 'danger', title: r.errors.join('\n') });
    if (r.state === 'pending' || (r.state === 'rendered' && r.pending.length > 0)) {
      badges.push({ key: 'pending', text: 'pending', tone: 'warning', title: `waits for ${waitsFor(r).join(', ')}` });
    }
    if (badges.length > 0 || r.state === 'excluded') out.set(r.id, { ...(r.state === 'excluded' ? { dimmed: true } : {}), badges });
  }
  return out;
}
