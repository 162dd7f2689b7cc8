import type { RegisteredKind } from '@kro-designer/core';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import { isMap, type JsonMap } from './objectPaths.js';
import type { EventRecorder } from './kubeEvents.js';
import type { ObjectStore, StoreEvent } from './ObjectStore.js';
import type { SandboxScheduler } from './SandboxScheduler.js';

interface PlanEvent {
  readonly reason: string;
  readonly message: string;
  readonly component: string;
}

/** What to write for one object: a status now, one after the simulated delay, and the Events its controller would record. */
interface Plan {
  readonly now?: JsonMap;
  readonly later?: (o: KubeObject) => JsonMap;
  /** Write `later` at once (controllers that do not wait, such as CRD establishment). */
  readonly immediate?: boolean;
  readonly nowEvent?: PlanEvent;
  readonly laterEvent?: PlanEvent;
}

export interface SimulationOptions {
  /** How long a workload takes to become ready after it is created or its spec changes (default 2000 ms). */
  readonly readyAfterMs?: number;
}

/**
 * The part of the sandbox that is pretend: there are no nodes, kubelets or cloud controllers, so this module
 * writes the status their controllers would write, in the same shape `tools/cluster`'s `markWorkloadReady` uses
 * against the real control plane, so readiness checks read the same fields in both. Custom resources of unknown
 * operators get no status at all — as in a cluster where that operator is not installed.
 * Returns a function that stops the simulation.
 */
export function simulateWorkloads(store: ObjectStore, scheduler: SandboxScheduler, events: EventRecorder, options: SimulationOptions = {}): () => void {
  const delay = options.readyAfterMs ?? 2000;
  const timers = new Map<string, { readonly generation: number; readonly cancel: () => void }>();
  let ipCounter = 0;

  // Server-side defaulting at creation, as the API server itself does it.
  store.addAdmission((kind, object) => {
    const spec = isMap(object['spec']) ? object['spec'] : undefined;
    if (is(kind, '', 'Namespace')) object['status'] = { phase: 'Active' };
    if (is(kind, '', 'Service') && spec && spec['type'] !== 'ExternalName' && spec['clusterIP'] === undefined) {
      // The service IP allocator: addresses from 10.96.0.0/12, like kube-apiserver's default service CIDR.
      ipCounter++;
      const ip = `10.96.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
      spec['clusterIP'] = ip;
      spec['clusterIPs'] = [ip];
      spec['type'] ??= 'ClusterIP';
    }
  });

  const unsubscribe = store.onChange((event) => {
    if (event.type === 'DELETED') {
      cancel(event);
      return;
    }
    const kind = store.kinds.lookup(event.object.apiVersion, event.object.kind);
    if (!kind || store.kinds.isCustom(kind) && !is(kind, 'apiextensions.k8s.io', 'CustomResourceDefinition')) return;
    const object = event.object;
    const generation = object.metadata.generation ?? 1;
    const status = isMap(object['status']) ? object['status'] : {};
    const plan = planFor(kind, object, status, generation);
    if (!plan) return;
    const key = keyOf(event);
    // Already on its way for this generation (our own status writes come back as events too).
    if (timers.get(key)?.generation === generation) return;
    timers.get(key)?.cancel();
    // Writes happen in scheduled tasks, never inside a store listener: every listener must see events in order.
    const first = plan.now;
    const later = plan.later;
    const cancelFirst = first ? scheduler.schedule(0, () => writeIfCurrent(object, generation, () => first, plan.nowEvent)) : undefined;
    const cancelLater = later ? scheduler.schedule(plan.immediate ? 0 : delay, () => {
      timers.delete(key);
      writeIfCurrent(object, generation, later, plan.laterEvent);
    }) : undefined;
    timers.set(key, {
      generation,
      cancel: () => {
        cancelFirst?.();
        cancelLater?.();
      },
    });
  });

  function writeIfCurrent(object: KubeObject, generation: number, status: (o: KubeObject) => JsonMap, event?: PlanEvent): void {
    const ref = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
    const current = store.get(ref);
    if (!current || current.metadata.generation !== generation) return;
    try {
      store.updateStatus({ ...current, metadata: { ...current.metadata, resourceVersion: undefined }, status: status(current) });
      if (event) events.record(current, 'Normal', event.reason, event.message, event.component);
    } catch (err) {
      // A simulated status the schema refuses is a sandbox bug; report it on the object instead of crashing the server.
      events.record(current, 'Warning', 'SimulationFailed', `the sandbox could not simulate this object's status: ${err instanceof Error ? err.message : String(err)}`, 'sandbox-simulator');
    }
  }

  function planFor(kind: RegisteredKind, object: KubeObject, status: JsonMap, generation: number): Plan | undefined {
    const spec = isMap(object['spec']) ? object['spec'] : {};
    const name = object.metadata.name ?? '';
    const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
    const current = status['observedGeneration'] === generation;
    const at = now();
    if (is(kind, 'apps', 'Deployment')) {
      if (current && status['availableReplicas'] === replicas) return undefined;
      if (current) return { later: () => deploymentReady(name, replicas, generation, at) };
      return {
        nowEvent: { reason: 'ScalingReplicaSet', message: `Scaled up replica set ${name} to ${replicas}`, component: 'deployment-controller' },
        now: {
          observedGeneration: generation,
          replicas,
          updatedReplicas: replicas,
          unavailableReplicas: replicas,
          conditions: [
            deploymentCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', at),
            deploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`, at),
          ],
        },
        later: () => deploymentReady(name, replicas, generation, now()),
      };
    }
    if (current) {
      // Other workloads are written once per generation.
      return undefined;
    }
    if (is(kind, 'apps', 'StatefulSet')) {
      const revision = `${name}-simulated`;
      return { later: () => ({ observedGeneration: generation, replicas, readyReplicas: replicas, availableReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, currentRevision: revision, updateRevision: revision }) };
    }
    if (is(kind, 'apps', 'ReplicaSet')) return { later: () => ({ observedGeneration: generation, replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas }) };
    if (is(kind, 'apps', 'DaemonSet')) {
      // One simulated node: the daemon set runs one pod.
      return { later: () => ({ observedGeneration: generation, desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1, numberReady: 1, numberAvailable: 1, numberMisscheduled: 0 }) };
    }
    return untracked(kind, object, spec, status);
  }

  /** Kinds without `observedGeneration` in their status: written once, when the status lacks the simulated fields. */
  function untracked(kind: RegisteredKind, object: KubeObject, spec: JsonMap, status: JsonMap): Plan | undefined {
    const name = object.metadata.name ?? '';
    if (is(kind, 'batch', 'Job') && status['completionTime'] === undefined) {
      const completions = typeof spec['completions'] === 'number' ? spec['completions'] : 1;
      const start = now();
      return {
        nowEvent: { reason: 'SuccessfulCreate', message: `Created pod: ${name}-sandbox`, component: 'job-controller' },
        laterEvent: { reason: 'Completed', message: 'Job completed', component: 'job-controller' },
        now: { startTime: start, active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} },
        later: () => {
          const done = now();
          const c = (type: string) => ({ ...condition(type, 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', done), lastProbeTime: done });
          return { startTime: start, completionTime: done, succeeded: completions, active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {}, conditions: [c('SuccessCriteriaMet'), c('Complete')] };
        },
      };
    }
    if (is(kind, '', 'Service') && spec['type'] === 'LoadBalancer' && !isMap(status['loadBalancer'])) {
      // A cloud load balancer controller would provision one and publish its hostname.
      return { later: () => ({ loadBalancer: { ingress: [{ hostname: `${name}.${object.metadata.namespace ?? 'default'}.lb.sandbox.local` }] } }) };
    }
    if (is(kind, 'networking.k8s.io', 'Ingress') && !isMap(status['loadBalancer'])) {
      // An ingress controller would publish the address it serves the rules on.
      return { later: () => ({ loadBalancer: { ingress: [{ hostname: `${name}.${object.metadata.namespace ?? 'default'}.ingress.sandbox.local` }] } }) };
    }
    if (is(kind, '', 'PersistentVolumeClaim') && status['phase'] !== 'Bound') {
      // A provisioner binds a volume of the requested size.
      const requests = isMap(spec['resources']) && isMap(spec['resources']['requests']) ? spec['resources']['requests'] : {};
      return { laterEvent: { reason: 'ProvisioningSucceeded', message: `Successfully provisioned volume for claim "${object.metadata.namespace ?? 'default'}/${name}"`, component: 'sandbox-provisioner' }, now: { phase: 'Pending' }, later: () => ({ phase: 'Bound', accessModes: spec['accessModes'] ?? ['ReadWriteOnce'], capacity: { storage: requests['storage'] ?? '1Gi' } }) };
    }
    if (is(kind, '', 'Pod') && status['phase'] !== 'Running') {
      // The scheduler and a kubelet would start the containers.
      return {
        now: { phase: 'Pending', conditions: [condition('PodScheduled', 'True', undefined, undefined, now())] },
        later: () => {
          const at = now();
          return { phase: 'Running', podIP: '10.244.0.10', hostIP: '172.18.0.2', startTime: at, conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((t) => condition(t, 'True', undefined, undefined, at)) };
        },
      };
    }
    if (is(kind, 'apiextensions.k8s.io', 'CustomResourceDefinition')) {
      const names = spec['names'];
      if (isMap(status['acceptedNames']) && JSON.stringify(status['acceptedNames']) === JSON.stringify(names)) return undefined;
      const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isMap).filter((v) => v['storage'] === true).map((v) => v['name']) : [];
      // The apiextensions controller accepts the names and establishes the CRD right away.
      const at = now();
      return {
        immediate: true,
        later: () => ({
          acceptedNames: names,
          storedVersions: versions,
          conditions: [
            condition('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', at),
            condition('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', at),
          ],
        }),
      };
    }
    return undefined;
  }

  function cancel(event: StoreEvent): void {
    const key = keyOf(event);
    timers.get(key)?.cancel();
    timers.delete(key);
  }

  function now(): string {
    return scheduler.now().toISOString().replace(/\.\d+Z$/, 'Z');
  }

  return () => {
    unsubscribe();
    for (const t of timers.values()) t.cancel();
    timers.clear();
  };
}

function deploymentReady(name: string, replicas: number, generation: number, at: string): JsonMap {
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      deploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at),
      deploymentCondition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`, at),
    ],
  };
}

function condition(type: string, status: string, reason: string | undefined, message: string | undefined, at: string): JsonMap {
  return { type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}), lastTransitionTime: at };
}

/** Deployment conditions also carry `lastUpdateTime`. */
function deploymentCondition(type: string, status: string, reason: string, message: string, at: string): JsonMap {
  return { ...condition(type, status, reason, message, at), lastUpdateTime: at };
}

function is(kind: RegisteredKind, group: string, name: string): boolean {
  return kind.group === group && kind.kind === name;
}

function keyOf(event: StoreEvent): string {
  return `${event.kindKey}/${event.object.metadata.namespace ?? ''}/${event.object.metadata.name ?? ''}`;
}
