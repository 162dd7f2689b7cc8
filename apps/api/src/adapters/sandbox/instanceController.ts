import { compileRenderPlan, renderWithPlan, type RenderPlan, type RenderResult } from '@kro-designer/core';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import { applyNodes, inventory, observeNode, pruneOrphans, updateHints, type NodeHints, type NodeOutcome } from './instanceNodes.js';
import { ConditionSet, readConditions } from './kroConditions.js';
import type { EventRecorder } from './kubeEvents.js';
import { deepEqual, isMap } from './objectPaths.js';
import type { ObjectStore, StoreEvent } from './ObjectStore.js';
import { ReconcileQueue } from './ReconcileQueue.js';
import type { InstanceControllerRegistry, ServedGraph } from './rgdController.js';
import type { SandboxScheduler } from './SandboxScheduler.js';

const FINALIZER = 'kro.run/finalizer';
const INSTANCE_CONDITIONS = ['InstanceManaged', 'GraphResolved', 'ResourcesReady'];

export interface InstanceControllerOptions {
  /** kro's `--instance-requeue-interval` (default 3000 ms); tests scale it down. */
  readonly requeueMs?: number;
  readonly kroVersion?: string;
}

interface Served {
  readonly graph: ServedGraph;
  readonly plan: RenderPlan;
  readonly group: string;
}

/**
 * kro's instance controller (§5.1), one per served RGD: finalizer and labels, GraphResolved, the render engine in
 * runtime mode (a node resolves only when its dependencies are observed and ready), server-side apply of children
 * with kro's labels and the ApplySet, readiness, pruning of excluded or vanished nodes, status fields and conditions,
 * requeue while anything is pending, deletion in reverse apply waves, and `kro.run/reconcile: suspended`.
 */
export class InstanceController implements InstanceControllerRegistry {
  private readonly served = new Map<string, Served>();
  private readonly hints = new Map<string, NodeHints>();
  /** Instances being torn down: kro moves to the next wave on its requeue, not on each child's deletion event. */
  private readonly deleting = new Set<string>();
  private readonly queue: ReconcileQueue;
  private readonly requeueMs: number;
  private readonly kroVersion: string;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: SandboxScheduler,
    private readonly events: EventRecorder,
    options: InstanceControllerOptions = {},
  ) {
    this.requeueMs = options.requeueMs ?? 3000;
    this.kroVersion = options.kroVersion ?? 'v0.9.3';
    this.queue = new ReconcileQueue(scheduler, (key) => this.reconcile(key), (key, error) => this.reportFailure(key, error));
    this.unsubscribe = store.onChange((e) => this.onChange(e));
  }

  serve(graph: ServedGraph): void {
    const current = this.served.get(graph.rgdName);
    if (current && current.graph.revision === graph.revision && current.graph.rgdUid === graph.rgdUid) return;
    const plan = compileRenderPlan(graph.validation, this.store.kinds.registry, { omit: false });
    const group = graph.apiVersion.split('/')[0] ?? '';
    this.served.set(graph.rgdName, { graph, plan, group });
    for (const instance of this.store.list({ apiVersion: graph.apiVersion, kind: graph.kind }).items) this.queue.enqueue(this.keyOf(graph.rgdName, instance));
  }

  stop(rgdName?: string): void {
    if (rgdName !== undefined) {
      this.served.delete(rgdName);
      return;
    }
    this.unsubscribe();
    this.queue.stop();
  }

  private onChange(event: StoreEvent): void {
    const [group, kind] = splitKindKey(event.kindKey);
    for (const [rgdName, s] of this.served) {
      if (s.group === group && s.graph.kind === kind) {
        if (event.type === 'MODIFIED' && event.previous && onlyStatusChanged(event.previous, event.object)) return;
        this.queue.enqueue(this.keyOf(rgdName, event.object));
        return;
      }
    }
    // A child changed (kro's dynamic watches): reconcile its instance.
    const labels = event.object.metadata.labels ?? {};
    const instanceKind = labels['kro.run/instance-kind'];
    if (instanceKind === undefined) return;
    for (const [rgdName, s] of this.served) {
      if (s.graph.kind === instanceKind && s.group === labels['kro.run/instance-group']) {
        const key = `${rgdName}|${labels['kro.run/instance-namespace'] ?? ''}|${labels['kro.run/instance-name'] ?? ''}`;
        if (!this.deleting.has(key)) this.queue.enqueue(key);
      }
    }
  }

  private keyOf(rgdName: string, object: KubeObject): string {
    return `${rgdName}|${object.metadata.namespace ?? ''}|${object.metadata.name ?? ''}`;
  }

  private reconcile(key: string): void {
    const [rgdName = '', namespace = '', name = ''] = key.split('|');
    const served = this.served.get(rgdName);
    if (!served) return;
    const { graph, plan } = served;
    const ref = { apiVersion: graph.apiVersion, kind: graph.kind, name, ...(namespace ? { namespace } : {}) };
    let instance = this.store.get(ref);
    if (!instance) {
      this.hints.delete(key);
      this.deleting.delete(key);
      return;
    }
    const generation = instance.metadata.generation ?? 1;
    const conditions = new ConditionSet(INSTANCE_CONDITIONS, readConditions(instance['status']), generation, this.now());
    if (instance.metadata.deletionTimestamp !== undefined) {
      this.reconcileDeletion(key, served, instance, conditions);
      return;
    }
    // Ensure managed: kro's labeller adds the finalizer and the instance labels.
    instance = this.store.apply(
      {
        apiVersion: graph.apiVersion,
        kind: graph.kind,
        metadata: {
          name,
          ...(namespace ? { namespace } : {}),
          finalizers: [FINALIZER],
          labels: { 'kro.run/owned': 'true', 'kro.run/kro-version': this.kroVersion, 'kro.run/resource-graph-definition-id': graph.rgdUid, 'kro.run/resource-graph-definition-name': graph.rgdName },
        },
      },
      { fieldManager: 'kro.run/labeller', force: true },
    );
    conditions.set({ type: 'InstanceManaged', status: 'True', reason: 'Managed', message: 'instance is properly managed with finalizers and labels' });
    conditions.set({ type: 'GraphResolved', status: 'True', reason: 'Resolved', message: 'runtime graph created and all resources resolved' });
    const mode = instance.metadata.annotations?.['kro.run/reconcile']?.toLowerCase();
    if (mode === 'suspended' || mode === 'disabled') {
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'ReconciliationSuspended', message: `reconciliation suspended by annotation kro.run/reconcile: ${mode}` });
      const previous = isMap(instance['status']) ? instance['status'] : {};
      this.writeStatus(instance, { ...previous, conditions: conditions.toList(), state: previous['state'] ?? 'IN_PROGRESS' });
      return;
    }

    const hints = this.hints.get(key) ?? { references: new Map(), desiredCounts: new Map() };
    this.hints.set(key, hints);
    const uid = instance.metadata.uid ?? '';
    const result = this.render(plan, instance, graph, hints);
    if (!result.valid && result.resources.length === 0) {
      const message = result.diagnostics.find((d) => d.severity === 'error')?.message ?? 'the instance could not be rendered';
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'NotReady', message: `resource reconciliation failed: ${message}` });
      this.writeStatus(instance, { conditions: conditions.toList(), state: 'ERROR' });
      return;
    }
    if (result.parent) {
      // The ApplySet parent metadata, under kro's own field manager.
      instance = this.store.apply(
        { apiVersion: graph.apiVersion, kind: graph.kind, metadata: { name, ...(namespace ? { namespace } : {}), labels: { 'applyset.kubernetes.io/id': result.parent.labels['applyset.kubernetes.io/id'] ?? '' }, annotations: { ...result.parent.annotations } } },
        { fieldManager: 'kro.run/applyset-parent', force: true },
      );
    }
    const round = applyNodes(this.store, plan, result, hints, uid);
    let pruned = false;
    if (!round.pending && !round.failed && result.applySetId) pruned = pruneOrphans(this.store, plan, result.applySetId, round.keep);

    const outcomes = round.outcomes;
    const state = outcomes.some((o) => o.state === 'ERROR') ? 'ERROR' : outcomes.every((o) => o.state === 'SYNCED' || o.state === 'SKIPPED') ? 'ACTIVE' : 'IN_PROGRESS';
    const notSynced = outcomes.filter((o) => o.state !== 'SYNCED' && o.state !== 'SKIPPED');
    if (round.terminating.length > 0) {
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'ResourceDeleting', message: `resources are being deleted: ${round.terminating.join(', ')}` });
    } else if (round.applyFailed) {
      // kro v0.9.3 aborts the reconcile when an apply result holds errors and reports every node error it holds: errors
      // and unmet readiness; a node whose data is pending carries none.
      const withErrors = outcomes.filter((o) => o.state === 'ERROR' || o.state === 'WAITING_FOR_READINESS');
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'NotReady', message: `resource reconciliation failed: apply results contain errors: ${joinMessages(withErrors)}` });
    } else if (state === 'ERROR') {
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'NotReady', message: `resource error: ${joinMessages(outcomes.filter((o) => o.state === 'ERROR'))}` });
    } else if (round.mutated || pruned) {
      // kro requeues after an apply that changed the cluster, so that pass never reports ready.
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'NotReady', message: 'resource reconciliation failed: cluster mutated' });
    } else if (notSynced.length > 0) {
      conditions.set({ type: 'ResourcesReady', status: 'False', reason: 'NotReady', message: `awaiting resource readiness: ${joinMessages(notSynced)}` });
    } else {
      conditions.set({ type: 'ResourcesReady', status: 'True', reason: 'AllResourcesReady', message: 'all resources are created and ready' });
    }
    const list = conditions.toList();
    const rootReady = list.find((c) => c.type === 'Ready')?.status === 'True';
    const userStatus = Object.fromEntries(Object.entries(result.status).filter(([k]) => k !== 'state' && k !== 'conditions'));
    this.writeStatus(instance, { ...userStatus, conditions: list, state: rootReady ? 'ACTIVE' : state });
    if (round.pending || round.mutated || pruned || state !== 'ACTIVE' || !rootReady) this.queue.enqueue(key, this.requeueMs);
  }

  /** Renders until external references and collection sizes are known: kro learns them while walking the graph. */
  private render(plan: RenderPlan, instance: KubeObject, graph: ServedGraph, hints: NodeHints): RenderResult {
    const uid = instance.metadata.uid ?? '';
    const { status: _status, ...spec } = instance;
    let result: RenderResult;
    let passes = 0;
    do {
      // The engine asks for a node several times per pass; the store does not change during a pass.
      const seen = new Map<string, ReturnType<typeof observeNode>>();
      const observed = (id: string) => {
        if (!seen.has(id)) seen.set(id, observeNode(this.store, plan, uid, id, hints));
        return seen.get(id);
      };
      result = renderWithPlan(plan, spec, {
        observed,
        instanceUid: uid,
        kroVersion: this.kroVersion,
        rgdUid: graph.rgdUid,
      });
    } while (updateHints(result, hints) && ++passes <= plan.nodes.length);
    return result;
  }

  /** kro's deletion path: delete the highest apply wave, wait until it is gone, continue; then drop the finalizer. */
  private reconcileDeletion(key: string, served: Served, instance: KubeObject, conditions: ConditionSet): void {
    const applySetId = instance.metadata.labels?.['applyset.kubernetes.io/id'] ?? '';
    const remaining = inventory(this.store, served.plan, applySetId);
    this.deleting.add(key);
    if (remaining.length === 0) {
      this.hints.delete(key);
      if ((instance.metadata.finalizers ?? []).includes(FINALIZER)) {
        this.store.update({ ...instance, metadata: { ...instance.metadata, finalizers: (instance.metadata.finalizers ?? []).filter((f) => f !== FINALIZER) } });
      }
      return;
    }
    conditions.set({ type: 'ResourcesReady', status: 'Unknown', reason: 'UnderDeletion', message: 'deleting resources' });
    const previous = isMap(instance['status']) ? instance['status'] : {};
    this.writeStatus(instance, { ...previous, conditions: conditions.toList(), state: 'DELETING' });
    // Objects without a known wave go last.
    const known = remaining.filter((r) => r.wave >= 0);
    const highest = Math.max(...known.map((r) => r.wave));
    const batch = known.length > 0 ? known.filter((r) => r.wave === highest) : remaining;
    for (const { object } of batch) {
      if (object.metadata.deletionTimestamp !== undefined) continue;
      this.store.delete({ apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) });
    }
    this.queue.enqueue(key, this.requeueMs);
  }

  private writeStatus(instance: KubeObject, status: Record<string, unknown>): void {
    const before = isMap(instance['status']) ? instance['status'] : {};
    if (deepEqual(before, status)) return;
    const oldReady = readConditions(before).find((c) => c.type === 'Ready');
    const newReady = readConditions(status).find((c) => c.type === 'Ready');
    if (newReady && (oldReady?.status !== newReady.status || oldReady.reason !== newReady.reason)) {
      this.events.record(instance, newReady.status === 'False' ? 'Warning' : 'Normal', newReady.reason ?? 'Ready', newReady.message ?? (newReady.status === 'True' ? 'instance is ready' : `Ready is ${newReady.status}`), 'kro');
    }
    this.store.updateStatus({ ...instance, metadata: { ...instance.metadata, resourceVersion: undefined }, status });
  }

  private reportFailure(key: string, error: unknown): void {
    const [rgdName = '', namespace = '', name = ''] = key.split('|');
    const served = this.served.get(rgdName);
    const instance = served ? this.store.get({ apiVersion: served.graph.apiVersion, kind: served.graph.kind, name, ...(namespace ? { namespace } : {}) }) : undefined;
    if (instance) this.events.record(instance, 'Warning', 'ReconcileError', error instanceof Error ? error.message : String(error), 'kro');
  }

  private now(): string {
    return this.scheduler.now().toISOString().replace(/\.\d+Z$/, 'Z');
  }
}

function joinMessages(outcomes: readonly NodeOutcome[]): string {
  // kro joins node errors with Go's errors.Join: one per line.
  return outcomes.map((o) => o.message ?? `node ${JSON.stringify(o.id)}: ${o.state}`).join('\n');
}

function splitKindKey(kindKey: string): [string, string] {
  const i = kindKey.lastIndexOf('/');
  return [kindKey.slice(0, i), kindKey.slice(i + 1)];
}

function onlyStatusChanged(before: KubeObject, after: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, status: undefined, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } });
  return deepEqual(JSON.parse(JSON.stringify(strip(before))), JSON.parse(JSON.stringify(strip(after))));
}
