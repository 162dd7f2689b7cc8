import type { Deployment, InstanceSummary } from '@kro-designer/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ClustersApi, type InstanceRef } from '../../api/clustersApi';
import { useClusters, reachability, type Clusters } from '../clusters/useClusters';
import type { InstanceMetadata, PlainObject } from '../instance/InstanceForm';
import { requiredSample } from '../instance/instanceValue';
import { liveOverlays } from '../live/liveOverlays';
import { useLiveInstance, type LiveConnection } from '../live/useLiveInstance';
import { useRendered, type Rendered } from '../live/useRendered';
import type { NodeOverlays } from '../canvas/NodeOverlay';
import type { DesignSnapshot } from '../validation/protocol';
import type { ClusterDiagnostics } from './clusterDiagnostics';
import type { DeployGate } from './DeployControls';
import { useDeployedRgd, type DeployedRgd } from './useDeployedRgd';
import { errorMessage } from '../../ui/errorMessage';

export type InstanceDialogState = { readonly mode: 'create' | 'edit'; readonly initial: { readonly metadata: InstanceMetadata; readonly spec: PlainObject }; readonly note?: string };

/** Everything the designer does with clusters: target, deploy, instances, the live view. Server and view state only. */
export interface ClusterSession {
  readonly api: ClustersApi;
  readonly clusters: Clusters;
  readonly gate: DeployGate;
  readonly deployed: DeployedRgd;
  readonly refreshDeployed: () => void;
  readonly clusterDiagnostics: ClusterDiagnostics | undefined;
  readonly setClusterDiagnostics: (d: ClusterDiagnostics | undefined) => void;
  readonly deployOpen: boolean;
  readonly setDeployOpen: (open: boolean) => void;
  readonly onDeployFinished: (d: Deployment) => void;
  readonly liveTarget: InstanceRef | undefined;
  readonly openLive: (ref: InstanceRef) => void;
  readonly closeLive: () => void;
  readonly live: LiveConnection;
  readonly overlays: NodeOverlays | undefined;
  readonly rendered: Rendered;
  readonly instanceDialog: InstanceDialogState | undefined;
  readonly setInstanceDialog: (s: InstanceDialogState | undefined) => void;
  readonly createInstance: () => void;
  readonly editInstance: (ref: InstanceRef, known?: InstanceSummary) => void;
  /** Keeps the spec this browser applied, for editing when the server does not send the stored one. */
  readonly rememberSpec: (ref: InstanceRef, spec: PlainObject) => void;
  readonly deleteTarget: InstanceRef | undefined;
  readonly setDeleteTarget: (ref: InstanceRef | undefined) => void;
  readonly instancesReload: number;
  readonly bumpInstances: () => void;
  readonly error: string | undefined;
}

/** A free name for a new instance: `<rgd>-1`, `-2`, … (instances of one RGD share the namespace list). */
function newInstanceName(rgd: string): string {
  return `${rgd.replace(/[^a-z0-9-]/g, '-').slice(0, 50)}-1`;
}

export function useClusterSession(snapshot: DesignSnapshot | undefined, text: string, errors: number): ClusterSession {
  const api = useMemo(() => new ClustersApi(), []);
  const clusters = useClusters(api);
  const rgd = snapshot?.rgd;
  const rgdName = rgd?.name;
  const reach = reachability(clusters.status);
  const { state: deployed, refresh: refreshDeployed } = useDeployedRgd(api, clusters.selected?.id, rgdName, reach === 'reachable' || reach === 'no-kro');
  const [clusterDiagnostics, setClusterDiagnostics] = useState<ClusterDiagnostics>();
  const [deployOpen, setDeployOpen] = useState(false);
  const [liveTarget, setLiveTarget] = useState<InstanceRef>();
  const [instanceDialog, setInstanceDialog] = useState<InstanceDialogState>();
  const [deleteTarget, setDeleteTarget] = useState<InstanceRef>();
  const [instancesReload, setInstancesReload] = useState(0);
  const [error, setError] = useState<string>();
  const appliedSpecs = useRef(new Map<string, PlainObject>());
  const specKey = (ref: InstanceRef) => `${ref.cluster}/${ref.rgd}/${ref.namespace ?? ''}/${ref.name}`;
  const live = useLiveInstance(liveTarget);
  const rendered = useRendered(api, liveTarget, text, rgd?.instanceApiVersion, rgd?.kind);
  const overlays = useMemo(() => (liveTarget ? liveOverlays(live.view.instance) : undefined), [liveTarget, live.view.instance]);

  // The live view belongs to one cluster and RGD; switching either ends it.
  useEffect(() => {
    setLiveTarget((t) => (t && (t.cluster !== clusters.selected?.id || t.rgd !== rgdName) ? undefined : t));
  }, [clusters.selected?.id, rgdName]);

  const gate: DeployGate = { validating: !snapshot, errors, rgdName, cluster: clusters.selected, reachability: reach };

  const onDeployFinished = useCallback(
    (d: Deployment) => {
      refreshDeployed();
      setClusterDiagnostics(d.state === 'failed' && d.diagnostics.length > 0 ? { text, source: 'kro', diagnostics: d.diagnostics } : undefined);
    },
    [refreshDeployed, text],
  );

  const createInstance = useCallback(() => {
    if (!rgdName) return;
    setInstanceDialog({ mode: 'create', initial: { metadata: { name: newInstanceName(rgdName), namespace: clusters.selected?.namespace ?? 'default' }, spec: requiredSample(rgd?.specSchema) } });
  }, [rgdName, rgd?.specSchema, clusters.selected?.namespace]);

  const editInstance = useCallback(
    (ref: InstanceRef, known?: InstanceSummary) => {
      const open = (found: InstanceSummary | undefined) => {
        const remembered = appliedSpecs.current.get(specKey(ref));
        const spec = found?.spec ?? remembered ?? {};
        const note = found?.spec
          ? undefined
          : remembered
            ? 'The server did not send this instance’s stored spec: the form starts from what this browser applied last.'
            : 'The server did not send this instance’s stored spec: fields start empty, and what you leave empty keeps its default.';
        setInstanceDialog({ mode: 'edit', initial: { metadata: { name: ref.name, namespace: ref.namespace ?? '' }, spec }, ...(note ? { note } : {}) });
      };
      if (known) open(known);
      else
        api.instances(ref.cluster, ref.rgd).then(
          (items) => open(items.find((i) => i.name === ref.name && i.namespace === ref.namespace)),
          (e: unknown) => setError(`Could not read the instance: ${errorMessage(e)}`),
        );
    },
    [api],
  );

  return {
    api,
    clusters,
    gate,
    deployed,
    refreshDeployed,
    clusterDiagnostics,
    setClusterDiagnostics,
    deployOpen,
    setDeployOpen,
    onDeployFinished,
    liveTarget,
    openLive: setLiveTarget,
    closeLive: useCallback(() => setLiveTarget(undefined), []),
    live,
    overlays,
    rendered,
    instanceDialog,
    setInstanceDialog,
    createInstance,
    editInstance,
    rememberSpec: useCallback((ref: InstanceRef, spec: PlainObject) => void appliedSpecs.current.set(specKey(ref), spec), []),
    deleteTarget,
    setDeleteTarget,
    instancesReload,
    bumpInstances: useCallback(() => setInstancesReload((n) => n + 1), []),
    error,
  };
}

