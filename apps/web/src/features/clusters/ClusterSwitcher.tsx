import './clusters.css';
import type { ClusterStatus, ClusterSummary } from '@kro-designer/contracts';
import { useEffect, useRef, useState } from 'react';
import { reachability, type Clusters, type StatusState } from './useClusters';

const DOT_TITLE = { checking: 'Checking…', reachable: 'Reachable, kro installed', unreachable: 'Unreachable', 'no-kro': 'Reachable, but kro is not installed' } as const;

function statusOf(s: StatusState | undefined): ClusterStatus | undefined {
  return s?.kind === 'ready' ? s.status : s?.kind === 'checking' ? s.last : undefined;
}

function sourceLabel(c: ClusterSummary): string {
  if (c.simulated) return 'simulated in the API';
  return c.source === 'in-cluster' ? 'in-cluster config' : 'kubeconfig context';
}

/** Versions, capabilities and the unreachable reason of one cluster. */
function ClusterDetails({ cluster, state, onRecheck }: { cluster: ClusterSummary; state: StatusState | undefined; onRecheck: () => void }) {
  const status = statusOf(state);
  const r = reachability(state);
  return (
    <div className="cluster-details" data-testid="cluster-details" data-reachability={r}>
      {r === 'unreachable' ? (
        <div className="cluster-unreachable" role="alert" data-testid="cluster-unreachable">
          <strong>Cannot reach {cluster.name}.</strong> {state?.kind === 'error' ? state.message : (status?.error ?? 'No answer from its API server.')}
          <div className="muted">Deploying and instances are unavailable until it answers.</div>
        </div>
      ) : r === 'checking' ? (
        <div className="muted">Checking the cluster…</div>
      ) : (
        <dl className="cluster-facts">
          <dt>Kubernetes</dt>
          <dd data-testid="cluster-k8s-version">{status?.kubernetesVersion ?? 'unknown'}</dd>
          <dt>kro</dt>
          <dd data-testid="cluster-kro-version">{status?.kroInstalled ? (status.kroVersion ?? 'installed (version not found)') : <span className="error-text">not installed</span>}</dd>
          <dt>Capabilities</dt>
          <dd className="cluster-caps">
            <span className={`cap ${status?.capabilities.graphRevisions ? 'on' : 'off'}`} title="GraphRevisions: numbered, immutable RGD snapshots (kro ≥ 0.9)">
              {status?.capabilities.graphRevisions ? '✓' : '✕'} GraphRevisions
            </span>
            <span className={`cap ${status?.capabilities.clusterScopedInstances ? 'on' : 'off'}`} title="Instances of cluster-scoped kinds">
              {status?.capabilities.clusterScopedInstances ? '✓' : '✕'} cluster-scoped instances
            </span>
          </dd>
        </dl>
      )}
      <div className="cluster-details-foot">
        <span className="muted">{status ? `checked ${new Date(status.checkedAt).toLocaleTimeString()}` : ''}</span>
        <button type="button" className="small" onClick={onRecheck} data-testid="cluster-recheck">
          Check again
        </button>
      </div>
    </div>
  );
}

/** The header's cluster picker: the selected cluster with a reachability dot; opens a list with each cluster's facts. */
export function ClusterSwitcher({ clusters, detail }: { clusters: Clusters; detail?: { readonly text: string; readonly tone: string; readonly title: string } | undefined }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { list, selected, statuses } = clusters;

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    root.current?.querySelector<HTMLButtonElement>('.cluster-option[aria-checked="true"]')?.focus();
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  if (list.kind !== 'ready' || !selected) {
    return (
      <span className="cluster-switcher-none muted" data-testid="cluster-switcher" title={list.kind === 'error' ? list.message : undefined}>
        {list.kind === 'loading' ? 'Clusters…' : list.kind === 'error' ? 'No clusters (API unavailable)' : 'No clusters configured'}
      </span>
    );
  }
  const r = reachability(clusters.status);
  return (
    <div className="cluster-switcher" ref={root} onKeyDown={(e) => e.key === 'Escape' && (setOpen(false), root.current?.querySelector<HTMLButtonElement>('.cluster-button')?.focus())}>
      <button type="button" className="cluster-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => {
          // Opening the list checks the clusters not checked yet, so each row's dot means something.
          if (!open) for (const c of list.items) if (!statuses.has(c.id)) clusters.refresh(c.id);
          setOpen((o) => !o);
        }}
        data-testid="cluster-switcher" title={`${selected.name}: ${DOT_TITLE[r]}${detail ? `\n${detail.title}` : ''}`}>
        <span className={`reach-dot ${r}`} aria-hidden="true" />
        <span className="cluster-button-text">
          <span className="cluster-name" data-testid="cluster-selected">
            {selected.name}
          </span>
          {detail && (
            <span className={`cluster-detail ${detail.tone}`} title={detail.title} data-testid="deployed-state">
              {detail.text}
            </span>
          )}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="cluster-popover" role="dialog" aria-label="Clusters" data-testid="cluster-popover">
          <div className="cluster-list" role="radiogroup" aria-label="Target cluster">
            {list.items.map((c) => {
              const cr = reachability(statuses.get(c.id));
              return (
                <button
                  key={c.id}
                  type="button"
                  role="radio"
                  aria-checked={c.id === selected.id}
                  className={`cluster-option${c.id === selected.id ? ' active' : ''}`}
                  data-testid={`cluster-option-${c.id}`}
                  onClick={() => clusters.select(c.id)}
                  onKeyDown={(e) => {
                    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
                    e.preventDefault();
                    const buttons = [...(root.current?.querySelectorAll<HTMLButtonElement>('.cluster-option') ?? [])];
                    const i = buttons.indexOf(e.currentTarget);
                    buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
                  }}
                >
                  <span className={`reach-dot ${statuses.has(c.id) ? cr : 'unknown'}`} aria-hidden="true" />
                  <span className="cluster-option-main">
                    <span className="cluster-option-name">{c.name}</span>
                    <span className="cluster-option-meta">
                      {sourceLabel(c)}
                      {c.server ? ` · ${c.server}` : ''}
                      {c.current ? ' · current context' : ''}
                    </span>
                  </span>
                </button>
              );
            })}
          </div>
          <ClusterDetails cluster={selected} state={clusters.status} onRecheck={() => clusters.refresh(selected.id)} />
        </div>
      )}
    </div>
  );
}
