import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import type { ResourceFlowNode } from './buildFlowGraph';
import { kindBadge } from './kindBadge';
import { NodeOverlayContext } from './NodeOverlay';
import { isZoomedOut } from './zoomLevel';

/** One RGD resource: kind icon, id, apiVersion/kind, kro badges and its problem count. */
function ResourceNodeView({ data }: NodeProps<ResourceFlowNode>) {
  const r = data.resource;
  const badge = kindBadge(r.kind);
  const overlay = useContext(NodeOverlayContext).get(r.id);
  // A boolean selector: a node re-renders when the zoom crosses the threshold, not on every pan or zoom step.
  const compact = useStore(isZoomedOut);
  const classes = ['rf-resource', compact ? 'is-compact' : '', `state-${data.state}`, r.includeWhen > 0 ? 'is-conditional' : '', r.externalRef ? 'is-external' : '', r.forEach.length > 0 ? 'is-collection' : '', data.errors > 0 ? 'has-errors' : '', overlay?.dimmed ? 'is-dimmed' : '', overlay?.health ? `health-${overlay.health.tone}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid={`node-${r.id || `#${r.index}`}`} data-state={data.state} {...(overlay?.health ? { 'data-health': overlay.health.state } : {})}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {compact ? (
        // Zoomed out, text is unreadable anyway: the kind icon and the id, in far fewer DOM nodes (500-node graphs).
        <div className="rf-resource-compact">
          <span className={`kind-icon family-${badge.family}`} aria-hidden="true">
            {badge.text}
          </span>
          <span className="rf-resource-id">{r.id || <em>no id</em>}</span>
        </div>
      ) : (
        <>
          <div className="rf-resource-head">
            <span className={`kind-icon family-${badge.family}`} aria-hidden="true">
              {badge.text}
            </span>
            <div className="rf-resource-title">
              <div className="rf-resource-id">{r.id || <em>no id</em>}</div>
              <div className="rf-resource-kind" title={`${r.apiVersion ?? '?'} ${r.kind ?? '?'}`}>
                {r.apiVersion ?? '?'} · {r.kind ?? '?'}
              </div>
            </div>
            {data.errors > 0 ? (
              <span className="count-badge error" title={`${data.errors} error${data.errors > 1 ? 's' : ''}`}>
                {data.errors}
              </span>
            ) : data.warnings > 0 ? (
              <span className="count-badge warning" title={`${data.warnings} warning${data.warnings > 1 ? 's' : ''}`}>
                {data.warnings}
              </span>
            ) : null}
          </div>
          <div className="rf-badges">
            {r.readyWhen > 0 && (
              <span className="kro-badge ready" title={`readyWhen: ${r.readyWhen} condition${r.readyWhen > 1 ? 's' : ''}`}>
                ✓ readyWhen
              </span>
            )}
            {r.includeWhen > 0 && (
              <span className="kro-badge include" title="includeWhen: created only when its conditions hold">
                ? includeWhen
              </span>
            )}
            {r.forEach.length > 0 && (
              <span className="kro-badge foreach" title={`forEach over ${r.forEach.join(', ')}`}>
                ∀ {r.forEach.join(' × ')}
              </span>
            )}
            {r.externalRef && (
              <span className="kro-badge external" title="externalRef: read from the cluster, not created">
                ⬡ externalRef
              </span>
            )}
            {overlay?.badges?.map((b) => (
              <span key={b.key} className={`kro-badge overlay tone-${b.tone}`} title={b.title} data-testid={`overlay-${r.id}-${b.key}`}>
                {b.text}
              </span>
            ))}
          </div>
          {overlay?.health && (
            <div className={`rf-health tone-${overlay.health.tone}`} title={overlay.health.title ?? overlay.health.label} data-testid={`health-${r.id}`}>
              <span className="rf-health-dot" aria-hidden="true" />
              {overlay.health.label}
            </div>
          )}
        </>
      )}
      {r.id && (
        <Handle
          type="source"
          id={`${r.id}.metadata.name`}
          position={Position.Right}
          className="field-handle"
          style={{ top: 26 }}
          title={`metadata.name: drag onto another resource to write \${${r.id}.metadata.name} into it`}
          data-testid={`handle-${r.id}.metadata.name`}
        />
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

export const ResourceNode = memo(ResourceNodeView);
