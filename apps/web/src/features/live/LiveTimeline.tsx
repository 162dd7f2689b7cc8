import './live.css';
import { STATE_LOOK } from './liveOverlays';
import { timelineRows, type LiveView } from './liveView';

const clock = (t: number | undefined) => (t === undefined ? '' : new Date(t).toLocaleTimeString());

/** When each node became ready and what it waited on, with a bar per node on a shared time axis. */
export function LiveTimeline({ view, onSelectNode }: { view: LiveView; onSelectNode: (id: string) => void }) {
  const rows = timelineRows(view);
  if (!view.instance) return <div className="problems-empty">Waiting for the first snapshot of the instance…</div>;
  if (rows.length === 0) return <div className="problems-empty">This instance has no nodes.</div>;
  const starts = rows.map((r) => r.firstSeen).filter((t): t is number => t !== undefined);
  const ends = rows.flatMap((r) => [r.readyAt, ...r.trace.map((t) => t.at)]).filter((t): t is number => t !== undefined);
  const t0 = Math.min(...starts, ...ends);
  const t1 = Math.max(...ends, ...starts, t0 + 1000);
  const pos = (t: number) => `${(((t - t0) / (t1 - t0)) * 100).toFixed(2)}%`;
  return (
    <ul className="live-timeline" data-testid="live-timeline" aria-label="Readiness timeline">
      {rows.map((r) => {
        const look = STATE_LOOK[r.state];
        return (
          <li key={r.id} className="timeline-row" data-testid={`timeline-${r.id}`} data-state={r.state}>
            <button type="button" className="live-link timeline-id" onClick={() => onSelectNode(r.id)}>
              {r.id}
            </button>
            <span className="timeline-bar" aria-hidden="true">
              {r.firstSeen !== undefined && <span className={`timeline-span tone-${look.tone}`} style={{ left: pos(r.firstSeen), width: `calc(${pos(r.readyAt ?? t1)} - ${pos(r.firstSeen)})` }} />}
              {r.readyAt !== undefined && <span className="timeline-ready" style={{ left: pos(r.readyAt) }} />}
            </span>
            <span className="timeline-text">
              {r.state === 'gone' ? (
                <span className="muted">deleted{r.readyAt !== undefined ? ` (was ready ${clock(r.readyAt)})` : ''}</span>
              ) : r.state === 'ready' && r.readyAt !== undefined ? (
                <span className="ok-text">
                  ready {clock(r.readyAt)}
                  {r.firstSeen !== undefined ? ` (+${((r.readyAt - r.firstSeen) / 1000).toFixed(1)} s)` : ''}
                </span>
              ) : (
                <span className={look.tone === 'danger' ? 'error-text' : ''}>
                  {look.label}
                  {r.readyAt !== undefined ? ` · was ready ${clock(r.readyAt)}` : ''}
                </span>
              )}
              {r.waitedOn.length > 0 && <span className="muted"> · waited on {r.waitedOn.join(', ')}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
