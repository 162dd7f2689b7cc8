import { checkReadiness, type ObservedNode, type PlainObject, type RenderPlan, type RenderResult } from '@kro-designer/core';
import { ClusterError, type KubeObject } from '../../ports/ClusterGateway.js';
import { isMap } from './objectPaths.js';
import type { ObjectStore } from './ObjectStore.js';

/** kro's node states (`api/v1alpha1/instance_state.go`). */
export type NodeState = 'IN_PROGRESS' | 'SKIPPED' | 'ERROR' | 'SYNCED' | 'DELETING' | 'WAITING_FOR_READINESS';

export interface NodeOutcome {
  readonly id: string;
  readonly state: NodeState;
  /** Why the node is not SYNCED, in kro's words. */
  readonly message?: string;
}

/** What a render pass needs to know about nodes from earlier passes: external references and collection sizes. */
export interface NodeHints {
  readonly references: Map<string, PlainObject>;
  readonly desiredCounts: Map<string, number>;
}

/**
 * kro's observation of a node: its objects found by kro's labels (`kro.run/instance-id`, `kro.run/node-id`, as kro
 * lists collection items) or, for an external reference, the referenced object; ready per `checkReadiness`.
 */
export function observeNode(store: ObjectStore, plan: RenderPlan, instanceUid: string, id: string, hints: NodeHints): ObservedNode | undefined {
  const node = plan.byId.get(id);
  if (!node) return undefined;
  let objects: KubeObject[];
  if (node.external) {
    const ref = hints.references.get(id);
    objects = ref ? findExternal(store, ref) : [];
    if (objects.length === 0 && !(node.collection && ref)) return undefined;
  } else {
    const apiVersion = String(node.template['apiVersion'] ?? '');
    const kind = String(node.template['kind'] ?? '');
    try {
      objects = store.list({ apiVersion, kind }, { labelSelector: `kro.run/instance-id=${instanceUid},kro.run/node-id=${id}` }).items.slice();
    } catch (err) {
      if (err instanceof ClusterError && err.code === 404) return undefined; // The kind is not served (yet).
      throw err;
    }
    objects.sort((a, b) => Number(a.metadata.labels?.['kro.run/collection-index'] ?? 0) - Number(b.metadata.labels?.['kro.run/collection-index'] ?? 0));
    const desired = hints.desiredCounts.get(id);
    if (objects.length === 0 && !(node.collection && desired === 0)) return undefined;
  }
  const readiness = checkReadiness(plan, id, objects, node.collection && !node.external ? hints.desiredCounts.get(id) : undefined);
  return { objects, ready: readiness.ready };
}

function findExternal(store: ObjectStore, ref: PlainObject): KubeObject[] {
  const meta = isMap(ref['metadata']) ? ref['metadata'] : {};
  const apiVersion = String(ref['apiVersion'] ?? '');
  const kind = String(ref['kind'] ?? '');
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
  try {
    if (typeof meta['name'] === 'string') {
      const found = store.get({ apiVersion, kind, name: meta['name'], ...(namespace ? { namespace } : {}) });
      return found ? [found] : [];
    }
    const selector = isMap(meta['selector']) && isMap(meta['selector']['matchLabels']) ? Object.entries(meta['selector']['matchLabels']).map(([k, v]) => `${k}=${String(v)}`).join(',') : '';
    return store.list({ apiVersion, kind }, { labelSelector: selector, ...(namespace ? { namespace } : {}) }).items.slice();
  } catch (err) {
    if (err instanceof ClusterError && err.code === 404) return [];
    throw err;
  }
}

/** Records references and collection sizes of a render; true when they differ from what the hints held. */
export function updateHints(result: RenderResult, hints: NodeHints): boolean {
  let changed = false;
  for (const r of result.resources) {
    if (r.externalRef && r.reference && JSON.stringify(hints.references.get(r.id)) !== JSON.stringify(r.reference)) {
      hints.references.set(r.id, r.reference);
      changed = true;
    }
    if (!r.externalRef && r.cardinality !== undefined && r.state === 'rendered' && hints.desiredCounts.get(r.id) !== r.cardinality) {
      hints.desiredCounts.set(r.id, r.cardinality);
      changed = true;
    }
  }
  return changed;
}

export interface ApplyRound {
  readonly outcomes: NodeOutcome[];
  /** UIDs of every object applied (or observed, for external refs) this round: everything else in the ApplySet is an orphan. */
  readonly keep: Set<string>;
  readonly mutated: boolean;
  readonly pending: boolean;
  readonly failed: boolean;
  /** The API server refused an object: kro then fails the reconcile (`resource reconciliation failed: apply results …`). */
  readonly applyFailed: boolean;
  readonly terminating: string[];
}

/** Applies every rendered node (SSA, field manager `kro.run/applyset`, force) and checks readiness on the responses. */
export function applyNodes(store: ObjectStore, plan: RenderPlan, result: RenderResult, hints: NodeHints, instanceUid: string): ApplyRound {
  const outcomes: NodeOutcome[] = [];
  const keep = new Set<string>();
  const terminating: string[] = [];
  let mutated = false;
  let pending = false;
  let failed = false;
  let applyFailed = false;
  for (const r of result.resources) {
    if (r.state === 'excluded') {
      outcomes.push({ id: r.id, state: 'SKIPPED' });
      continue;
    }
    if (r.externalRef && r.state !== 'error') {
      const obs = observeNode(store, plan, instanceUid, r.id, hints);
      if (!obs) {
        pending = true;
        outcomes.push({ id: r.id, state: 'WAITING_FOR_READINESS', message: `waiting for external reference ${JSON.stringify(r.id)}: not found` });
      } else {
        for (const o of obs.objects) if (typeof o['metadata'] === 'object' && o['metadata'] !== null) keep.add(String((o['metadata'] as PlainObject)['uid']));
        outcomes.push(readinessOutcome(plan, r.id, obs.objects));
      }
      continue;
    }
    if (r.state === 'pending') {
      pending = true;
      // kro's data-pending error names the dependency the node waits for.
      const dep = r.pending[0]?.waitsFor.split('.')[0];
      const message = dep ? `node ${JSON.stringify(r.id)}: dependent node ${JSON.stringify(dep)} not ready (data pending)` : `node ${JSON.stringify(r.id)}: data pending`;
      outcomes.push({ id: r.id, state: 'IN_PROGRESS', message });
      continue;
    }
    if (r.state === 'error') {
      failed = true;
      const error = result.diagnostics.find((d) => d.severity === 'error' && d.resourceId === r.id);
      outcomes.push({ id: r.id, state: 'ERROR', message: error?.message ?? `node ${JSON.stringify(r.id)}: evaluation failed` });
      continue;
    }
    const observed: KubeObject[] = [];
    let error: string | undefined;
    const collection = plan.byId.get(r.id)?.collection === true;
    for (const [index, object] of r.objects.entries()) {
      const desired = object as KubeObject;
      try {
        const meta = desired.metadata;
        const before = store.get({ apiVersion: desired.apiVersion, kind: desired.kind, name: meta.name ?? '', ...(meta.namespace ? { namespace: meta.namespace } : {}) });
        if (before?.metadata.deletionTimestamp !== undefined) {
          terminating.push(r.id);
          continue;
        }
        const owner = before?.metadata.labels?.['applyset.kubernetes.io/part-of'];
        const mine = desired.metadata.labels?.['applyset.kubernetes.io/part-of'];
        if (before && owner !== undefined && owner !== mine) {
          error = `resource belongs to a different ApplySet: ${owner}`;
          continue;
        }
        const after = store.apply(desired, { fieldManager: 'kro.run/applyset', force: true });
        if (after.metadata.resourceVersion !== before?.metadata.resourceVersion) mutated = true;
        keep.add(after.metadata.uid ?? '');
        observed.push(after);
      } catch (err) {
        // kro records the API server's error as it is (`Ingress.networking.k8s.io "web" is invalid: …`), and names the
        // item of a collection (`collection item 2: …`).
        const text = err instanceof Error ? err.message : String(err);
        error = collection ? `collection item ${index}: ${text}` : text;
      }
    }
    if (error !== undefined) {
      failed = true;
      applyFailed = true;
      outcomes.push({ id: r.id, state: 'ERROR', message: error });
    } else if (terminating.includes(r.id)) {
      pending = true;
      outcomes.push({ id: r.id, state: 'DELETING', message: `node ${JSON.stringify(r.id)}: object is being deleted` });
    } else {
      const outcome = readinessOutcome(plan, r.id, observed, r.cardinality);
      if (outcome.state !== 'SYNCED') pending = true;
      outcomes.push(outcome);
    }
  }
  return { outcomes, keep, mutated, pending, failed, applyFailed, terminating };
}

function readinessOutcome(plan: RenderPlan, id: string, objects: readonly PlainObject[], desired?: number): NodeOutcome {
  const readiness = checkReadiness(plan, id, objects, desired);
  if (readiness.ready) return { id, state: 'SYNCED' };
  if ('error' in readiness) return { id, state: 'ERROR', message: readiness.error };
  return { id, state: 'WAITING_FOR_READINESS', message: readiness.reason };
}

/** Objects of the instance's ApplySet (kro's inventory), with their node id and apply wave. */
export function inventory(store: ObjectStore, plan: RenderPlan | undefined, applySetId: string): { object: KubeObject; wave: number }[] {
  if (applySetId === '') return [];
  return store.selectAll(`applyset.kubernetes.io/part-of=${applySetId}`).map((object) => {
    const annotated = Number(object.metadata.annotations?.['internal.kro.run/apply-order']);
    const nodeId = object.metadata.labels?.['kro.run/node-id'] ?? '';
    const wave = Number.isInteger(annotated) && annotated > 0 ? annotated : (plan?.byId.get(nodeId)?.applyWave ?? -1);
    return { object, wave };
  });
}

/**
 * Deletes objects of the ApplySet not applied this round (kro's prune), in reverse topological waves: unknown nodes
 * first, then the highest wave. Returns true when something was deleted.
 */
export function pruneOrphans(store: ObjectStore, plan: RenderPlan, applySetId: string, keep: ReadonlySet<string>): boolean {
  const orphans = inventory(store, plan, applySetId).filter((e) => !keep.has(e.object.metadata.uid ?? ''));
  orphans.sort((a, b) => (a.wave < 0 ? -1 : b.wave < 0 ? 1 : b.wave - a.wave));
  for (const { object } of orphans) store.delete({ apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) });
  return orphans.length > 0;
}
