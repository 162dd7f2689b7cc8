import './live.css';
import type { InstanceSummary } from '@kro-designer/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { ClustersApi, InstanceRef } from '../../api/clustersApi';
import { errorMessage } from '../../ui/errorMessage';

export interface InstancesPanelProps {
  readonly api: ClustersApi;
  readonly cluster: { readonly id: string; readonly name: string };
  readonly rgdName: string | undefined;
  /** Whether the RGD is on the cluster: instances exist only then. */
  readonly deployed: 'yes' | 'no' | 'unknown';
  readonly liveTarget: InstanceRef | undefined;
  readonly onOpenLive: (ref: InstanceRef) => void;
  readonly onCreate: () => void;
  readonly onEdit: (instance: InstanceSummary) => void;
  readonly onDelete: (instance: InstanceSummary) => void;
  /** Why the cluster cannot be asked (unreachable, no kro, its RGD unreadable): shown instead of the list. */
  readonly unavailable?: string | undefined;
  /** Bumped by the app after a create/edit/delete, to list again at once. */
  readonly reloadKey: number;
}

const POLL_MS = 3000;

/** "5s", "3m", "2h", "4d": Kubernetes-style age. */
export function age(createdAt: string, now: number): string {
  const t = Date.parse(createdAt);
  if (!Number.isFinite(t)) return '?';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

type ListState = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly items: readonly InstanceSummary[]; readonly error?: string } | { readonly kind: 'error'; readonly message: string };

/** The selected cluster's instances of this RGD: state, Ready, age; open one live, edit it, delete it. */
export function InstancesPanel({ api, cluster, rgdName, deployed, liveTarget, onOpenLive, onCreate, onEdit, onDelete, unavailable, reloadKey }: InstancesPanelProps) {
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(
    (signal: { cancelled: boolean }) => {
      if (!rgdName) return;
      api.instances(cluster.id, rgdName).then(
        (items) => !signal.cancelled && setList({ kind: 'ready', items }),
        (e: unknown) => !signal.cancelled && setList((l) => (l.kind === 'ready' ? { ...l, error: errorMessage(e) } : { kind: 'error', message: errorMessage(e) })),
      );
      setNow(Date.now());
    },
    [api, cluster.id, rgdName],
  );

  useEffect(() => {
    setList({ kind: 'loading' });
  }, [cluster.id, rgdName]);

  useEffect(() => {
    if (deployed !== 'yes') return;
    const signal = { cancelled: false };
    load(signal);
    const t = setInterval(() => load(signal), POLL_MS);
    return () => {
      signal.cancelled = true;
      clearInterval(t);
    };
  }, [load, deployed, reloadKey]);

  if (!rgdName) return <div className="instances-empty">The text holds no ResourceGraphDefinition.</div>;
  if (unavailable) {
    return (
      <div className="instances-empty" role="alert" data-testid="instances-unavailable">
        <p className="canvas-empty-title">No instances to show</p>
        <p className="error-text">{unavailable}</p>
      </div>
    );
  }
  if (deployed === 'no') {
    return (
      <div className="instances-empty" data-testid="instances-not-deployed">
        <p className="canvas-empty-title">
          <code>{rgdName}</code> is not on {cluster.name}
        </p>
        <p>Deploy it (Deploy… in the top bar) to create instances of its kind here.</p>
      </div>
    );
  }
  const refOf = (i: InstanceSummary): InstanceRef => ({ cluster: cluster.id, rgd: rgdName, namespace: i.namespace, name: i.name });
  const isLive = (i: InstanceSummary) => liveTarget?.name === i.name && liveTarget.namespace === i.namespace && liveTarget.cluster === cluster.id;

  return (
    <div className="instances-panel" data-testid="instances-panel">
      <div className="instances-toolbar">
        <span className="muted">
          Instances of <code>{rgdName}</code> on {cluster.name}
        </span>
        <span className="spacer" />
        {list.kind === 'ready' && list.error && (
          <span className="error-text instances-stale" title={list.error}>
            Not refreshed: {list.error}
          </span>
        )}
        <button type="button" className="primary" onClick={onCreate} data-testid="instance-create">
          + New instance
        </button>
      </div>
      {list.kind === 'loading' || deployed === 'unknown' ? (
        <div className="instances-empty muted" data-testid="instances-loading">
          Loading instances…
        </div>
      ) : list.kind === 'error' ? (
        <div className="instances-empty" role="alert" data-testid="instances-error">
          <p className="error-text">Could not list the instances: {list.message}</p>
        </div>
      ) : list.items.length === 0 ? (
        <div className="instances-empty" data-testid="instances-none">
          <p className="canvas-empty-title">No instances yet</p>
          <p>Create one from the generated form; its resources then appear live on the graph.</p>
        </div>
      ) : (
        <table className="instances-table" aria-label="Instances">
          <thead>
            <tr>
              <th>Name</th>
              <th>Namespace</th>
              <th>State</th>
              <th>Ready</th>
              <th>Age</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => (
              <tr key={i.uid} className={isLive(i) ? 'live' : ''} data-testid={`instance-row-${i.name}`}>
                <td className="instance-name-cell">
                  <button type="button" className="live-link" onClick={() => onOpenLive(refOf(i))} title="Show it live on the graph" data-testid={`instance-open-${i.name}`}>
                    {i.name}
                  </button>
                </td>
                <td className="muted">{i.namespace ?? '—'}</td>
                <td>
                  <span className={`state-pill ${(i.deleting ? 'DELETING' : (i.state ?? 'UNKNOWN')).toLowerCase()}`} data-testid="instance-state">
                    {i.deleting ? 'DELETING' : (i.state ?? '—')}
                  </span>
                </td>
                <td title={i.readyMessage}>
                  <span className={`ready-${i.ready.toLowerCase()}`} data-testid="instance-ready">
                    {i.ready}
                  </span>
                  {i.ready !== 'True' && i.readyMessage && <span className="instance-ready-message muted"> {i.readyMessage}</span>}
                </td>
                <td className="muted">{age(i.createdAt, now)}</td>
                <td className="instance-actions">
                  <button type="button" className="small" onClick={() => onOpenLive(refOf(i))} data-testid={`instance-live-${i.name}`} disabled={isLive(i)}>
                    {isLive(i) ? 'Live' : 'Live view'}
                  </button>
                  <button type="button" className="small" onClick={() => onEdit(i)} disabled={i.deleting} data-testid={`instance-edit-${i.name}`}>
                    Edit
                  </button>
                  <button type="button" className="small danger" onClick={() => onDelete(i)} disabled={i.deleting} data-testid={`instance-delete-${i.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
