import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DesignsApi } from '../../api/designsApi';
import { errorMessage } from '../../ui/errorMessage';
import { crdKinds } from './crdKinds';
import type { PaletteKind } from './PaletteKind';
import type { ClusterCrdText } from '../validation/protocol';
import { skeletonFromRequired } from './requiredSkeleton';

export interface ServerKinds {
  readonly kinds: readonly PaletteKind[];
  /** Why a group is missing ("The cluster's CRDs could not be read: …"), shown in the palette. */
  readonly notes: readonly string[];
  readonly loading: boolean;
  /** Reads both lists again (the palette calls it when it opens). */
  readonly refresh: () => void;
  /** The selected cluster's CRDs as YAML texts, for the type checker (empty without a cluster). */
  readonly crds: readonly ClusterCrdText[];
}

/**
 * Kinds from the server for the palette: the CRDs of the selected cluster and the kinds other stored designs define
 * (not the open design's own kind). Without an API behind the page both lists are simply empty.
 */
export function usePaletteKinds(serverAvailable: boolean, cluster: { id: string; name: string } | undefined, ownKind: string | undefined, api: DesignsApi = defaultApi): ServerKinds {
  const [designKinds, setDesignKinds] = useState<PaletteKind[]>([]);
  const [clusterKinds, setClusterKinds] = useState<PaletteKind[]>([]);
  const [crds, setCrds] = useState<readonly ClusterCrdText[]>(NO_CRDS);
  const [notes, setNotes] = useState<{ design?: string; cluster?: string }>({});
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const clusterId = cluster?.id;
  const clusterName = cluster?.name ?? cluster?.id ?? '';

  const refresh = useCallback(() => {
    if (!serverAvailable) return;
    const mine = ++generation.current;
    setLoading(true);
    const designs = api.kinds().then(
      (list) => {
        if (mine !== generation.current) return;
        setDesignKinds(
          list.items.map((k) => ({
            apiVersion: k.apiVersion,
            kind: k.kind,
            group: k.group,
            namespaced: true,
            hasSpec: true,
            source: 'design' as const,
            detail: `defined by design “${k.designName}”`,
            spec: skeletonFromRequired(k.required),
          })),
        );
        setNotes((n) => ({ ...n, design: undefined }));
      },
      (e: unknown) => mine === generation.current && setNotes((n) => ({ ...n, design: `Kinds of stored designs could not be read: ${errorMessage(e)}` })),
    );
    const crds = clusterId
      ? api.clusterCrds(clusterId).then(
          (list) => {
            if (mine !== generation.current) return;
            setClusterKinds(crdKinds(list.items, clusterName));
            setCrds(list.items.map((c) => ({ name: c.name, yaml: c.yaml })));
            setNotes((n) => ({ ...n, cluster: undefined }));
          },
          (e: unknown) => {
            if (mine !== generation.current) return;
            setClusterKinds([]);
            setCrds(NO_CRDS);
            setNotes((n) => ({ ...n, cluster: `CRDs of ${clusterName} could not be read: ${errorMessage(e)}` }));
          },
        )
      : Promise.resolve().then(() => {
          setClusterKinds([]);
          setCrds(NO_CRDS);
        });
    void Promise.allSettled([designs, crds]).then(() => mine === generation.current && setLoading(false));
  }, [api, serverAvailable, clusterId, clusterName]);

  useEffect(refresh, [refresh]);

  const kinds = useMemo(() => [...clusterKinds, ...designKinds.filter((k) => k.kind !== ownKind)], [clusterKinds, designKinds, ownKind]);
  const noteList = useMemo(() => [notes.cluster, notes.design].filter((n): n is string => n !== undefined), [notes]);
  return { kinds, notes: noteList, loading, refresh, crds };
}

const defaultApi = new DesignsApi();
const NO_CRDS: readonly ClusterCrdText[] = [];
