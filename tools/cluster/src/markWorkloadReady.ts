import { ApiException, AppsV1Api, BatchV1Api, type KubeConfig } from '@kubernetes/client-node';

/** Workload kinds whose readiness {@link markWorkloadReady} can fake. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job';

/** Identifies one namespaced workload. */
export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
}

const MAX_ATTEMPTS = 8;

/**
 * Writes the `status` a healthy controller would write, so that readiness checks pass.
 *
 * The test control plane has no kube-controller-manager, scheduler or kubelet: workloads are
 * stored and validated but never get pods, and their `.status` stays empty. kro readiness that
 * depends on workload status (`readyWhen: ${deployment.status.availableReplicas > 0}`, or an
 * instance status field reading `deployment.status.*`) therefore never resolves on its own.
 * This helper fills the status the way the real controllers would once all pods are up:
 *
 * - Deployment: replicas/ready/available/updated = `spec.replicas` (default 1), conditions
 *   `Available=True` and `Progressing=True` (reason `NewReplicaSetAvailable`).
 * - StatefulSet: replicas/ready/available/current/updated = `spec.replicas`, equal revisions.
 * - ReplicaSet: replicas/ready/available/fullyLabeled = `spec.replicas`.
 * - DaemonSet: one scheduled, ready and available pod (there are no nodes to count).
 * - Job: `succeeded` = `spec.completions` (default 1), conditions `SuccessCriteriaMet` and `Complete`.
 *
 * `observedGeneration` is set to the current `metadata.generation`, so the status reads as
 * current. The write is a read-modify-replace of the `/status` subresource, retried on
 * conflicts (kro may re-apply the object concurrently). A later spec change by kro bumps the
 * generation again, as it would in a real cluster; call this again after such a change.
 */
export async function markWorkloadReady(kubeConfig: KubeConfig, ref: WorkloadRef): Promise<void> {
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const { name, namespace } = ref;
  await retryOnConflict(ref, async () => {
    const now = new Date();
    switch (ref.kind) {
      case 'Deployment': {
        const d = await apps.readNamespacedDeployment({ name, namespace });
        const n = d.spec?.replicas ?? 1;
        d.status = {
          observedGeneration: d.metadata?.generation,
          replicas: n,
          updatedReplicas: n,
          readyReplicas: n,
          availableReplicas: n,
          conditions: [
            condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now),
            condition('Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`, now),
          ],
        };
        await apps.replaceNamespacedDeploymentStatus({ name, namespace, body: d });
        return;
      }
      case 'StatefulSet': {
        const s = await apps.readNamespacedStatefulSet({ name, namespace });
        const n = s.spec?.replicas ?? 1;
        const revision = `${name}-simulated`;
        s.status = {
          observedGeneration: s.metadata?.generation,
          replicas: n,
          readyReplicas: n,
          availableReplicas: n,
          currentReplicas: n,
          updatedReplicas: n,
          currentRevision: revision,
          updateRevision: revision,
        };
        await apps.replaceNamespacedStatefulSetStatus({ name, namespace, body: s });
        return;
      }
      case 'ReplicaSet': {
        const r = await apps.readNamespacedReplicaSet({ name, namespace });
        const n = r.spec?.replicas ?? 1;
        r.status = {
          observedGeneration: r.metadata?.generation,
          replicas: n,
          fullyLabeledReplicas: n,
          readyReplicas: n,
          availableReplicas: n,
        };
        await apps.replaceNamespacedReplicaSetStatus({ name, namespace, body: r });
        return;
      }
      case 'DaemonSet': {
        const ds = await apps.readNamespacedDaemonSet({ name, namespace });
        ds.status = {
          observedGeneration: ds.metadata?.generation,
          desiredNumberScheduled: 1,
          currentNumberScheduled: 1,
          updatedNumberScheduled: 1,
          numberReady: 1,
          numberAvailable: 1,
          numberMisscheduled: 0,
        };
        await apps.replaceNamespacedDaemonSetStatus({ name, namespace, body: ds });
        return;
      }
      case 'Job': {
        const j = await batch.readNamespacedJob({ name, namespace });
        // The API server validates Job status transitions: a Complete job needs a start and
        // completion time and, since Kubernetes 1.31, SuccessCriteriaMet before Complete.
        const start = j.status?.startTime ?? now;
        j.status = {
          startTime: start,
          completionTime: now,
          succeeded: j.spec?.completions ?? 1,
          active: 0,
          ready: 0,
          terminating: 0,
          uncountedTerminatedPods: {},
          conditions: [
            { ...condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', now), lastProbeTime: now },
            { ...condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now), lastProbeTime: now },
          ],
        };
        await batch.replaceNamespacedJobStatus({ name, namespace, body: j });
        return;
      }
    }
  });
}

/** Shorthand for `markWorkloadReady(kubeConfig, { kind: 'Deployment', namespace, name })`. */
export function markDeploymentReady(kubeConfig: KubeConfig, namespace: string, name: string): Promise<void> {
  return markWorkloadReady(kubeConfig, { kind: 'Deployment', namespace, name });
}

function condition(type: string, reason: string, message: string, now: Date) {
  return { type, status: 'True', reason, message, lastTransitionTime: now, lastUpdateTime: now };
}

async function retryOnConflict(ref: WorkloadRef, write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (err) {
      // 409: the object changed between read and replace; read it again.
      if (err instanceof ApiException && err.code === 409 && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 50 * attempt));
        continue;
      }
      throw new Error(`could not mark ${ref.kind} ${ref.namespace}/${ref.name} ready`, { cause: err });
    }
  }
}
