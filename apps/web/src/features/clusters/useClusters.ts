import type { ClusterStatus, ClusterSummary } from '@kro-designer/contracts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClustersApi } from '../../api/clustersApi';
import { errorMessage } from '../../ui/errorMessage';

const KEY = 'kro-designer.cluster';
/** How often the selected cluster's reachability is checked again while the page is open. */
const STATUS_EVERY_MS = 30_000;

export type ClusterListState = { readonly kind: 'loading' } | { readonly kind: 'error'; readonly message: string } | { readonly kind: 'ready'; readonly items: readonly ClusterSummary[] };

/** A status being fetched, fetched, or failed to fetch (the API itself did not answer). */
export type StatusState = { readonly kind: 'checking'; readonly last?: ClusterStatus } | { readonly kind: 'ready'; readonly status: ClusterStatus } | { readonly kind: 'error'; readonly message: string };

export interface Clusters {
  readonly list: ClusterListState;
  readonly selected: ClusterSummary | undefined;
  readonly status: StatusState | undefined;
  readonly statuses: ReadonlyMap<string, StatusState>;
  readonly select: (id: string) => void;
  readonly refresh: (id?: string) => void;
}

/** The sandbox first, then the rest as the server listed them (it lists the sandbox first too; this keeps it so). */
export function orderClusters(items: readonly ClusterSummary[]): ClusterSummary[] {
  return [...items.filter((c) => c.id === 'sandbox'), ...items.filter((c) => c.id !== 'sandbox')];
}

/** Clusters the API knows, the selected one (remembered in this browser; the sandbox by default) and their status. */
export function useClusters(api: ClustersApi): Clusters {
  const [list, setList] = useState<ClusterListState>({ kind: 'loading' });
  const [selectedId, setSelectedId] = useState<string>(() => localStorage.getItem(KEY) ?? 'sandbox');
  const [statuses, setStatuses] = useState<ReadonlyMap<string, StatusState>>(new Map());

  useEffect(() => {
    let cancelled = false;
    api.list().then(
      (items) => !cancelled && setList({ kind: 'ready', items: orderClusters(items) }),
      (e: unknown) => !cancelled && setList({ kind: 'error', message: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const selected = useMemo(() => {
    if (list.kind !== 'ready') return undefined;
    return list.items.find((c) => c.id === selectedId) ?? list.items[0];
  }, [list, selectedId]);

  const refresh = useCallback(
    (id?: string) => {
      const target = id ?? selected?.id;
      if (!target) return;
      setStatuses((m) => {
        const prev = m.get(target);
        const last = prev?.kind === 'ready' ? prev.status : prev?.kind === 'checking' ? prev.last : undefined;
        return new Map(m).set(target, { kind: 'checking', ...(last ? { last } : {}) });
      });
      api.status(target).then(
        (status) => setStatuses((m) => new Map(m).set(target, { kind: 'ready', status })),
        (e: unknown) => setStatuses((m) => new Map(m).set(target, { kind: 'error', message: errorMessage(e) })),
      );
    },
    [api, selected],
  );

  useEffect(() => {
    if (!selected) return;
    refresh(selected.id);
    const t = setInterval(() => refresh(selected.id), STATUS_EVERY_MS);
    return () => clearInterval(t);
  }, [selected, refresh]);

  const select = useCallback((id: string) => {
    localStorage.setItem(KEY, id);
    setSelectedId(id);
  }, []);

  return { list, selected, status: selected ? statuses.get(selected.id) : undefined, statuses, select, refresh };
}

/** Reachability in one word for the switcher's dot: checking, reachable, unreachable (or the API failed). */
export function reachability(s: StatusState | undefined): 'checking' | 'reachable' | 'unreachable' | 'no-kro' {
  const status = s?.kind === 'ready' ? s.status : s?.kind === 'checking' ? s.last : undefined;
  if (s?.kind === 'error') return 'unreachable';
  if (!status) return 'checking';
  if (!status.reachable) return 'unreachable';
  return status.kroInstalled ? 'reachable' : 'no-kro';
}
