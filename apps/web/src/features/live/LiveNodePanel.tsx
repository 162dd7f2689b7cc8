import './live.css';
import type { LiveInstance, LiveNode } from '@kro-designer/contracts';
import { useMemo, useState } from 'react';
import { stringify } from 'yaml';
import { healthLabel, STATE_LOOK } from './liveOverlays';
import { visibleState } from './liveView';
import type { Rendered } from './useRendered';

/** Drops what makes a live object hard to read beside its rendered twin (managedFields, the last-applied blob). */
function readable(object: Record<string, unknown>): Record<string, unknown> {
  const meta = object.metadata as Record<string, unknown> | undefined;
  if (!meta) return object;
  const { managedFields: _m, ...rest } = meta;
  const annotations = rest.annotations as Record<string, string> | undefined;
  if (annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
    const { 'kubectl.kubernetes.io/last-applied-configuration': _l, ...others } = annotations;
    rest.annotations = others;
  }
  return { ...object, metadata: rest };
}

const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleTimeString() : '');

export interface LiveNodePanelProps {
  readonly instance: LiveInstance | undefined;
  readonly nodeId: string | undefined;
  readonly rendered: Rendered;
  readonly onSelectNode: (id: string) => void;
}

/** The selected node of a live instance: health and why, conditions, events, and the live object beside the rendered one. */
export function LiveNodePanel({ instance, nodeId, rendered, onSelectNode }: LiveNodePanelProps) {
  const node = instance?.nodes.find((n) => n.id === nodeId);
  const [index, setIndex] = useState(0);
  if (!instance) return <div className="live-node-empty muted">Connecting to the instance…</div>;
  if (!node) {
    return (
      <div className="live-node-empty" data-testid="live-node-none">
        <p className="canvas-empty-title">Select a node on the graph</p>
        <p className="muted">Its conditions, events and live object appear here, beside what the designer renders for it.</p>
        <ul className="live-node-pick">
          {instance.nodes.map((n) => (
            <li key={n.id}>
              <button type="button" className="live-link" onClick={() => onSelectNode(n.id)}>
                {n.id}
              </button>{' '}
              <span className="muted">{STATE_LOOK[visibleState(instance, n)].label}</span>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return <NodeDetails key={node.id} instance={instance} node={node} rendered={rendered} index={Math.min(index, Math.max(0, node.objects.length - 1))} setIndex={setIndex} />;
}

function NodeDetails({ instance, node, rendered, index, setIndex }: { instance: LiveInstance; node: LiveNode; rendered: Rendered; index: number; setIndex: (i: number) => void }) {
  const state = visibleState(instance, node);
  const look = STATE_LOOK[state];
  const live = node.objects[index];
  const renderedResource = rendered.kind === 'ready' ? rendered.response.resources.find((r) => r.id === node.id) : undefined;
  const renderedObject = renderedResource?.objects[index];
  const liveYaml = useMemo(() => (live ? stringify(readable(live.object), { lineWidth: 0 }) : ''), [live]);
  const renderedYaml = useMemo(() => (renderedObject ? stringify(renderedObject, { lineWidth: 0 }) : ''), [renderedObject]);
  return (
    <div className="live-node" data-testid="live-node-panel" data-node={node.id}>
      <div className="live-node-head">
        <span className="live-node-id">{node.id}</span>
        <span className={`health-pill tone-${look.tone}`} data-testid="live-node-health">
          {healthLabel(state, node)}
        </span>
      </div>
      {node.reason && state !== 'waiting' && (
        <p className={`live-node-reason tone-${look.tone}`} data-testid="live-node-reason">
          {node.reason}
        </p>
      )}
      {node.objects.length > 1 && (
        <div className="segmented live-object-pick" role="tablist" aria-label="Objects of this node">
          {node.objects.map((o, i) => (
            <button key={o.ref.uid ?? `${o.ref.name}-${i}`} type="button" role="tab" aria-selected={i === index} className={i === index ? 'active' : ''} onClick={() => setIndex(i)}>
              {o.ref.name}
            </button>
          ))}
        </div>
      )}
      <section>
        <h3>Conditions</h3>
        {!live || live.conditions.length === 0 ? (
          <p className="muted">{live ? 'The object reports no conditions.' : state === 'gone' ? 'Deleted from the cluster.' : 'No object in the cluster yet.'}</p>
        ) : (
          <table className="live-table" data-testid="live-conditions">
            <tbody>
              {live.conditions.map((c) => (
                <tr key={c.type}>
                  <td className="mono">{c.type}</td>
                  <td className={c.status === 'True' ? 'ok-text' : c.status === 'False' ? 'error-text' : 'muted'}>{c.status}</td>
                  <td>
                    {c.reason && <strong>{c.reason}</strong>} {c.message}
                  </td>
                  <td className="muted">{when(c.lastTransitionTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h3>Events</h3>
        {node.events.length === 0 ? (
          <p className="muted">No events.</p>
        ) : (
          <ul className="live-events" data-testid="live-events">
            {node.events.map((e, i) => (
              <li key={i} className={e.type === 'Warning' ? 'warning' : ''}>
                <span className="muted">{when(e.at)}</span> <strong>{e.reason}</strong> {e.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="live-compare">
        <div>
          <h3>Live {live ? <span className="muted mono">{`${live.ref.kind}/${live.ref.name}`}</span> : null}</h3>
          {live ? (
            <pre className="live-yaml" data-testid="live-object">
              {liveYaml}
            </pre>
          ) : (
            <p className="muted">{state === 'excluded' ? 'Excluded: kro does not create it.' : state === 'gone' ? 'Deleted from the cluster.' : 'Not created yet.'}</p>
          )}
        </div>
        <div>
          <h3>Rendered by the designer</h3>
          {rendered.kind === 'loading' ? (
            <p className="muted">Rendering…</p>
          ) : rendered.kind === 'unavailable' ? (
            <p className="muted">Not available: {rendered.message}</p>
          ) : renderedObject ? (
            <pre className="live-yaml" data-testid="rendered-object">
              {renderedYaml}
            </pre>
          ) : (
            <p className="muted">{renderedResource?.state === 'excluded' ? 'Excluded by includeWhen.' : renderedResource?.state === 'pending' ? `Waits on ${renderedResource.pending.map((p) => p.waitsFor).join(', ')}` : 'Nothing rendered for this node.'}</p>
          )}
        </div>
      </section>
    </div>
  );
}
