import type { ClusterStatus, ClusterSummary } from '@kro-designer/contracts';
import { ClusterError, type ClusterConnection, type KubeObject } from '../../ports/ClusterGateway.js';
import { InstanceController } from './instanceController.js';
import { GRAPH_REVISION_CRD } from './graphRevisions.js';
import { EventRecorder } from './kubeEvents.js';
import { ObjectStore, type StoreEvent } from './ObjectStore.js';
import { RgdController } from './rgdController.js';
import { RGD_CRD, SandboxKinds } from './SandboxKinds.js';
import { realScheduler, type SandboxScheduler } from './SandboxScheduler.js';
import { simulateWorkloads } from './simulatedWorkloads.js';
import { WatchHub } from './WatchHub.js';

export const SANDBOX_CLUSTER_ID = 'sandbox';

/** How the sandbox is listed: always first, always labelled simulated. */
export const SANDBOX_SUMMARY: ClusterSummary = { id: SANDBOX_CLUSTER_ID, name: 'Sandbox (simulated)', source: 'sandbox', simulated: true, current: false };

export interface SandboxOptions {
  /** Time source; tests pass a `FakeScheduler`. Default: wall clock and timers. */
  readonly scheduler?: SandboxScheduler;
  /** kro's instance requeue interval (default 3000 ms). */
  readonly requeueMs?: number;
  /** How long simulated workloads take to become ready (default 2000 ms). */
  readonly readyAfterMs?: number;
  /** Watch cache size in events (default 1000); older resourceVersions get 410 Expired. */
  readonly watchHistory?: number;
}

/** The sandbox as a `ClusterConnection`, plus `close()` to stop its controllers and end its watches. */
export interface SandboxCluster extends ClusterConnection {
  close(): void;
}

const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const KRO_VERSION = 'v0.9.3';

/**
 * An in-process Kubernetes API server with kro v0.9.3 installed, for users without a cluster: an object store with
 * the API server's semantics, watches, the RGD and instance controllers reconciling with the core's engine, and
 * simulated workload status. Its state lives in memory only and is gone on restart.
 */
export function createSandboxCluster(options: SandboxOptions = {}): SandboxCluster {
  const scheduler = options.scheduler ?? realScheduler();
  const kinds = new SandboxKinds();
  const store = new ObjectStore(kinds, scheduler);
  // First listener: kinds served follow the stored CRDs before anyone else sees the change.
  store.onChange((e) => refreshKinds(store, kinds, e));
  store.addAdmission((kind, object) => {
    // The API server puts its cleanup finalizer on every CRD: deleting one first deletes its custom resources.
    if (kind.group === 'apiextensions.k8s.io' && kind.kind === 'CustomResourceDefinition') object.metadata.finalizers = [...(object.metadata.finalizers ?? []), CRD_CLEANUP_FINALIZER];
  });
  const watches = new WatchHub(store, scheduler, options.watchHistory ?? 1000);
  const events = new EventRecorder(store, scheduler);
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) store.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: 'kube-apiserver' });
  const stopSimulation = simulateWorkloads(store, scheduler, events, { ...(options.readyAfterMs !== undefined ? { readyAfterMs: options.readyAfterMs } : {}) });
  const stopCrdCleanup = cleanUpDeletedCrds(store, scheduler);
  store.apply(RGD_CRD, { fieldManager: 'helm' });
  store.apply(GRAPH_REVISION_CRD, { fieldManager: 'helm' });
  const instances = new InstanceController(store, scheduler, events, { ...(options.requeueMs !== undefined ? { requeueMs: options.requeueMs } : {}), kroVersion: KRO_VERSION });
  const rgds = new RgdController(store, scheduler, events, instances, KRO_VERSION);

  // The port is asynchronous; the store is not. `async` turns a thrown ClusterError into a rejection.
  return {
    id: SANDBOX_CLUSTER_ID,
    status: async (): Promise<ClusterStatus> => ({
      id: SANDBOX_CLUSTER_ID,
      reachable: true,
      kubernetesVersion: 'v1.35 (simulated)',
      kroVersion: `${KRO_VERSION} (simulated)`,
      kroInstalled: true,
      capabilities: { graphRevisions: true, clusterScopedInstances: true },
      checkedAt: scheduler.now().toISOString(),
    }),
    discover: async () => kinds.discover(),
    listCrds: async () => store.list({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }).items,
    get: async (ref) => store.get(ref),
    list: async (kind, listOptions) => store.list(kind, listOptions),
    apply: async (object, applyOptions) => store.apply(object, applyOptions),
    updateStatus: async (object) => store.updateStatus(object),
    delete: async (ref) => store.delete(ref),
    watch: (kind, watchOptions, callbacks) => {
      try {
        return watches.watch(kind, watchOptions, callbacks);
      } catch (err) {
        // An unknown kind or a bad selector ends the watch (asynchronously, as a real server's answer would).
        if (!(err instanceof ClusterError)) throw err;
        let stopped = false;
        scheduler.schedule(0, () => {
          if (!stopped) callbacks.onEnd(err);
        });
        return {
          stop: () => {
            stopped = true;
          },
        };
      }
    },
    // The sandbox has no RBAC: everything is allowed.
    canI: async (checks) => checks.map(() => true),
    events: async (ref) => events.eventsFor(ref),
    close: () => {
      rgds.stop();
      instances.stop();
      stopSimulation();
      stopCrdCleanup();
      watches.close();
    },
  };
}

function refreshKinds(store: ObjectStore, kinds: SandboxKinds, event: StoreEvent): void {
  if (event.kindKey !== 'apiextensions.k8s.io/CustomResourceDefinition') return;
  if (event.type === 'MODIFIED' && event.previous && JSON.stringify(event.previous['spec']) === JSON.stringify(event.object['spec'])) return;
  kinds.setCrds(store.objectsOf('apiextensions.k8s.io/CustomResourceDefinition'));
}

/** The apiextensions controller's part of CRD deletion: delete the custom resources, then release the CRD. */
function cleanUpDeletedCrds(store: ObjectStore, scheduler: SandboxScheduler): () => void {
  const cancels = new Set<() => void>();
  const step = (crdName: string): void => {
    const crd = store.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crdName });
    if (!crd || crd.metadata.deletionTimestamp === undefined) return;
    const spec = crd['spec'] as { group: string; names: { kind: string }; versions: { name: string }[] };
    const apiVersion = `${spec.group}/${spec.versions[0]?.name ?? 'v1'}`;
    const items = store.list({ apiVersion, kind: spec.names.kind }).items;
    for (const item of items) store.delete({ apiVersion, kind: spec.names.kind, name: item.metadata.name ?? '', ...(item.metadata.namespace ? { namespace: item.metadata.namespace } : {}) });
    if (store.list({ apiVersion, kind: spec.names.kind }).items.length > 0) {
      // Instances wait for their own finalizers (kro's teardown); look again shortly.
      const cancel = scheduler.schedule(500, () => {
        cancels.delete(cancel);
        step(crdName);
      });
      cancels.add(cancel);
      return;
    }
    store.update({ ...crd, metadata: { ...crd.metadata, finalizers: (crd.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER) } });
  };
  const unsubscribe = store.onChange((e: StoreEvent) => {
    if (e.kindKey !== 'apiextensions.k8s.io/CustomResourceDefinition' || e.type !== 'MODIFIED') return;
    const object: KubeObject = e.object;
    if (object.metadata.deletionTimestamp !== undefined && e.previous?.metadata.deletionTimestamp === undefined) {
      const cancel = scheduler.schedule(0, () => {
        cancels.delete(cancel);
        step(object.metadata.name ?? '');
      });
      cancels.add(cancel);
    }
  });
  return () => {
    unsubscribe();
    for (const c of cancels) c();
  };
}
