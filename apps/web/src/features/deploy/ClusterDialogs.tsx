import type { Diagnostic as ContractDiagnostic } from '@kro-designer/contracts';
import type { Diagnostic } from '@kro-designer/core';
import { DeleteInstanceDialog } from '../live/DeleteInstanceDialog';
import { InstanceDialog } from '../live/InstanceDialog';
import type { DesignSnapshot } from '../validation/protocol';
import { DeployDialog } from './DeployDialog';
import type { ClusterSession } from './useClusterSession';

export interface ClusterDialogsProps {
  readonly session: ClusterSession;
  readonly snapshot: DesignSnapshot | undefined;
  readonly text: string;
  readonly design: { readonly id: string; readonly revision: number } | undefined;
  /** Show a cluster diagnostic like a validator problem (editor, canvas, problems). */
  readonly onReveal: (d: Diagnostic) => void;
  readonly onShowGraph: () => void;
}

/** The deploy, instance and delete dialogs of the cluster session. */
export function ClusterDialogs({ session, snapshot, text, design, onReveal, onShowGraph }: ClusterDialogsProps) {
  const cluster = session.clusters.selected;
  const rgd = snapshot?.rgd;
  if (!cluster || !rgd?.name) return null;
  const rgdName = rgd.name;
  return (
    <>
      {session.deployOpen && (
        <DeployDialog
          api={session.api}
          cluster={cluster}
          rgdName={rgdName}
          yaml={text}
          design={design}
          onReveal={(d: ContractDiagnostic, all, source) => {
            session.setClusterDiagnostics({ text, source, diagnostics: all });
            session.setDeployOpen(false);
            const { range: _range, ...core } = d;
            onReveal(core as unknown as Diagnostic);
          }}
          onFinished={session.onDeployFinished}
          onClose={() => session.setDeployOpen(false)}
        />
      )}
      {session.instanceDialog && (
        <InstanceDialog
          api={session.api}
          cluster={cluster}
          rgdName={rgdName}
          mode={session.instanceDialog.mode}
          initial={session.instanceDialog.initial}
          {...(session.instanceDialog.note ? { note: session.instanceDialog.note } : {})}
          specSchema={rgd.specSchema}
          apiVersion={rgd.instanceApiVersion}
          kind={rgd.kind}
          onApplied={(ref, spec) => {
            session.rememberSpec(ref, spec);
            session.setInstanceDialog(undefined);
            session.bumpInstances();
            session.openLive(ref);
            onShowGraph();
          }}
          onClose={() => session.setInstanceDialog(undefined)}
        />
      )}
      {session.deleteTarget && (
        <DeleteInstanceDialog
          name={session.deleteTarget.name}
          namespace={session.deleteTarget.namespace}
          clusterName={cluster.name}
          onDelete={() => session.api.deleteInstance(session.deleteTarget!)}
          onDone={() => {
            // The teardown is the interesting part: show it live on the graph.
            session.openLive(session.deleteTarget!);
            session.setDeleteTarget(undefined);
            session.bumpInstances();
            onShowGraph();
          }}
          onClose={() => session.setDeleteTarget(undefined)}
        />
      )}
    </>
  );
}
