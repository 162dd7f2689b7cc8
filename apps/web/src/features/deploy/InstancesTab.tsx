import type { InstanceRef } from '../../api/clustersApi';
import { InstancesPanel } from '../live/InstancesPanel';
import type { ClusterSession } from './useClusterSession';

/** Why the selected cluster cannot list instances, in words, or undefined when it can. */
function unavailableReason(session: ClusterSession, clusterName: string): string | undefined {
  if (session.gate.reachability === 'unreachable') return `${clusterName} is unreachable: pick another cluster or check it in the cluster list.`;
  if (session.gate.reachability === 'no-kro') return `kro is not installed on ${clusterName}.`;
  if (session.deployed.kind === 'error') return `Could not read the RGD on ${clusterName}: ${session.deployed.message}`;
  return undefined;
}

/** The Instances tab: the RGD's instances on the selected cluster, wired to the cluster session. */
export function InstancesTab({ session, rgdName, onOpenLive }: { session: ClusterSession; rgdName: string | undefined; onOpenLive: (ref: InstanceRef) => void }) {
  const cluster = session.clusters.selected;
  if (!cluster) return <div className="instances-empty">No cluster: the API behind this page does not list any.</div>;
  const refOf = (i: { namespace?: string | undefined; name: string }): InstanceRef => ({ cluster: cluster.id, rgd: rgdName ?? '', namespace: i.namespace, name: i.name });
  return (
    <InstancesPanel
      api={session.api}
      cluster={cluster}
      rgdName={rgdName}
      deployed={session.deployed.kind === 'present' ? 'yes' : session.deployed.kind === 'absent' ? 'no' : 'unknown'}
      liveTarget={session.liveTarget}
      onOpenLive={onOpenLive}
      onCreate={session.createInstance}
      onEdit={(i) => session.editInstance(refOf(i), i)}
      onDelete={(i) => session.setDeleteTarget(refOf(i))}
      unavailable={unavailableReason(session, cluster.name)}
      reloadKey={session.instancesReload}
    />
  );
}
