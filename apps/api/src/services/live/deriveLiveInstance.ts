import type { LiveInstance, LiveNode, NodeHealth } from '@kro-designer/contracts';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import type { LiveGraph, LiveGraphNode } from './liveGraphOf.js';
import { parseResourcesMessage, type NodeMessage, type ObjectIdentity } from './parseResourcesMessage.js';

type Condition = LiveInstance['conditions'][number];
type TimelineEntry = NonNullable<LiveNode['timeline']>[number];

/** What the server remembers per node between derivations (for readyAt and the timeline). */
export interface NodeMemory {
  readonly readyAt?: string;
  readonly timeline: readonly TimelineEntry[];
}
export type NodeHistory = ReadonlyMap<string, NodeMemory>;

export interface DeriveInput {
  readonly cluster: string;
  readonly rgdName: string;
  readonly name: string;
  readonly namespace?: string;
  /** Undefined when the instance does not exist (yet, or any more). */
  readonly instance?: KubeObject;
  readonly graph: LiveGraph;
  /** Objects labelled `kro.run/instance-id=<instance uid>`; grouped by `kro.run/node-id` here. */
  readonly children: readonly KubeObject[];
  /** The objects external references point at, by node id (absent: not found). */
  readonly externals: ReadonlyMap<string, KubeObject>;
  /** Kubernetes Events involving an object, by the object's uid. */
  readonly eventsFor: (uid: string) => readonly KubeObject[];
  readonly history: NodeHistory;
  /** Time of this derivation (ISO 8601). */
  readonly now: string;
}

export interface DeriveResult {
  readonly instance: LiveInstance;
  readonly history: NodeHistory;
}

const TIMELINE_LIMIT = 20;
const EVENTS_PER_NODE = 10;
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const NODE_ID_LABEL = 'kro.run/node-id';

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function conditionsOf(o: KubeObject | undefined): Condition[] {
  const list = record(o?.status).conditions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const r = record(c);
    if (typeof r.type !== 'string' || typeof r.status !== 'string') return [];
    return [{
      type: r.type,
      status: r.status,
      ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
      ...(typeof r.message === 'string' ? { message: r.message } : {}),
      ...(typeof r.lastTransitionTime === 'string' ? { lastTransitionTime: r.lastTransitionTime } : {}),
      ...(typeof r.observedGeneration === 'number' ? { observedGeneration: r.observedGeneration } : {}),
    }];
  });
}

interface Verdict {
  readonly health: NodeHealth;
  readonly reason?: string;
  readonly waitingOn?: readonly string[];
}

/**
 * Computes the live view of one instance from what the cluster holds — pure, so every rule is unit-tested:
 *
 * - waiting: the node has no object and dependencies are not ready (named in `waitingOn`); external refs not found.
 * - excluded: no object, all dependencies ready, and either a dependency is excluded (kro's skip is contagious) or the
 *   node has includeWhen and kro has finished a reconcile of this generation without mentioning it (kro never reports
 *   skipped nodes; it just does not create them, and it only counts them as done — ACTIVE — when they are skipped).
 * - creating: kro applied it but it has no status yet (workloads, or a readyWhen to meet), a collection with fewer
 *   items than `kro.run/collection-size`, or not applied yet although its dependencies are ready.
 * - not-ready: kro's message names the readyWhen that is false, or a workload condition says so (Available=False…).
 * - error: kro's message reports an error for the node. deleting: deletionTimestamp (or the instance is deleting).
 * - ready: otherwise. `readyAt` is when the server first saw it ready (for a node already ready when first seen: the
 *   latest True condition's transition, else its creation time).
 */
export function deriveLiveInstance(input: DeriveInput): DeriveResult {
  const { instance, graph } = input;
  const status = record(instance?.status);
  const conditions = conditionsOf(instance);
  const ready = conditions.find((c) => c.type === 'Ready')?.status;
  const resourcesReady = conditions.find((c) => c.type === 'ResourcesReady');
  const state = typeof status.state === 'string' ? status.state : undefined;
  const deleting = instance?.metadata.deletionTimestamp !== undefined;

  const byNode = new Map<string, KubeObject[]>();
  for (const child of input.children) {
    const id = child.metadata.labels?.[NODE_ID_LABEL];
    if (!id) continue;
    byNode.set(id, [...(byNode.get(id) ?? []), child]);
  }
  for (const list of byNode.values()) list.sort(byCollectionIndex);
  // What each node owns, for errors that name an object: its children, and for external refs the referenced object.
  const owned = new Map<string, ObjectIdentity[]>([...byNode].map(([id, objs]) => [id, objs.map(identityOf)]));
  for (const [id, ext] of input.externals) owned.set(id, [identityOf(ext)]);
  const kinds = new Map(graph.nodes.flatMap((n) => (n.kind && !n.external ? [[n.id, n.kind] as const] : [])));
  const parsed = parseResourcesMessage(resourcesReady?.message, owned, kinds);
  // kro has reconciled the current spec when ResourcesReady carries this generation.
  const reconciled = resourcesReady !== undefined && resourcesReady.observedGeneration === instance?.metadata.generation;

  const health = new Map<string, NodeHealth>();
  const history = new Map(input.history);
  const nodes: LiveNode[] = [];
  for (const node of graph.nodes) {
    const objects = node.external ? [input.externals.get(node.id)].filter((o): o is KubeObject => o !== undefined) : (byNode.get(node.id) ?? []);
    const verdict = !instance
      ? objects.length > 0
        ? { health: 'deleting' as const, reason: 'the instance is gone; kro is removing what is left' }
        : { health: 'unknown' as const, reason: 'the instance does not exist' }
      : deleting
        ? objects.length > 0
          ? { health: 'deleting' as const, reason: 'the instance is being deleted (kro removes nodes in reverse topological order)' }
          : { health: 'unknown' as const, reason: 'deleted' }
        : judge(node, objects, parsed.byNode.get(node.id), health, state === 'ACTIVE' || reconciled);
    health.set(node.id, verdict.health);
    const memory = remember(history.get(node.id), verdict, objects, input.now);
    history.set(node.id, memory);
    nodes.push({
      id: node.id,
      health: verdict.health,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      waitingOn: [...(verdict.waitingOn ?? [])],
      objects: objects.map((o) => ({
        ref: {
          apiVersion: o.apiVersion,
          kind: o.kind,
          name: o.metadata.name ?? '',
          ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
          ...(o.metadata.uid ? { uid: o.metadata.uid } : {}),
        },
        object: withoutManagedFields(o),
        conditions: conditionsOf(o),
      })),
      events: objects.flatMap((o) => (o.metadata.uid ? input.eventsFor(o.metadata.uid) : [])).map(eventOf).sort(byTime).slice(-EVENTS_PER_NODE),
      ...(memory.readyAt ? { readyAt: memory.readyAt } : {}),
      timeline: [...memory.timeline],
    });
  }

  return {
    instance: {
      cluster: input.cluster,
      rgdName: input.rgdName,
      name: input.name,
      ...(input.namespace ? { namespace: input.namespace } : {}),
      ...(instance?.metadata.uid ? { uid: instance.metadata.uid } : {}),
      ...(state ? { state } : {}),
      ready: ready === 'True' || ready === 'False' ? ready : 'Unknown',
      ...(resourcesReady?.message ? { message: resourcesReady.message } : {}),
      conditions,
      nodes,
      deleting,
      gone: !instance,
    },
    history,
  };
}

function judge(node: LiveGraphNode, objects: readonly KubeObject[], message: NodeMessage | undefined, health: ReadonlyMap<string, NodeHealth>, settled: boolean): Verdict {
  const notReady = node.dependencies.filter((d) => {
    const h = health.get(d);
    return h !== undefined && h !== 'ready' && h !== 'excluded';
  });
  const excludedDep = node.dependencies.find((d) => health.get(d) === 'excluded');
  if (node.external) {
    if (objects.length === 0) {
      return notReady.length > 0
        ? { health: 'waiting', reason: `waiting for ${notReady.join(', ')}`, waitingOn: notReady }
        : { health: 'waiting', reason: message?.text ?? 'the external object does not exist (yet)' };
    }
    if (message?.kind === 'error') return { health: 'error', reason: message.text };
    if (message?.kind === 'readiness') return { health: 'not-ready', reason: message.text };
    return { health: 'ready' };
  }
  if (objects.length === 0) {
    if (excludedDep) return { health: 'excluded', reason: `excluded because ${excludedDep} is excluded` };
    if (message?.kind === 'error') return { health: 'error', reason: message.text };
    if (notReady.length > 0) return { health: 'waiting', reason: `waiting for ${notReady.join(', ')}`, waitingOn: notReady };
    if (message?.kind === 'pending') return { health: 'waiting', reason: message.text };
    if (node.includeWhen.length > 0 && settled && !message) {
      return { health: 'excluded', reason: `includeWhen is false: ${node.includeWhen.join(' && ')}` };
    }
    if (node.forEach && settled && !message) return { health: 'ready', reason: 'the collection is empty' };
    return { health: 'creating', reason: message?.text ?? 'not applied yet' };
  }
  if (objects.some((o) => o.metadata.deletionTimestamp)) return { health: 'deleting', reason: 'being deleted' };
  if (message?.kind === 'error') return { health: 'error', reason: message.text };
  if (node.forEach) {
    const size = Number(objects[0]?.metadata.labels?.['kro.run/collection-size']);
    if (Number.isFinite(size) && objects.length < size) return { health: 'creating', reason: `${objects.length} of ${size} items exist` };
  }
  const failing = objects.map(failingCondition).find((r) => r !== undefined);
  if (failing) return { health: 'not-ready', reason: failing };
  const awaitingStatus = objects.find((o) => isStatusEmpty(o) && (WORKLOAD_KINDS.has(o.kind) || node.readyWhen.length > 0));
  if (awaitingStatus) {
    return {
      health: 'creating',
      reason: node.readyWhen.length > 0 ? 'applied; no status yet' : 'applied; the workload reports no status yet (kro does not wait: no readyWhen)',
    };
  }
  if (message) return { health: 'not-ready', reason: message.text };
  return { health: 'ready' };
}

function isStatusEmpty(o: KubeObject): boolean {
  const s = o.status;
  return s === undefined || s === null || (typeof s === 'object' && Object.keys(s).length === 0);
}

/** Why a workload says it is not ready, from the conditions its controller writes; undefined when none says so. */
function failingCondition(o: KubeObject): string | undefined {
  const conditions = conditionsOf(o);
  const bad = conditions.find(
    (c) =>
      ((c.type === 'Available' || c.type === 'Ready' || c.type === 'Progressing') && c.status === 'False') ||
      ((c.type === 'ReplicaFailure' || c.type === 'Failed') && c.status === 'True'),
  );
  if (!bad) return undefined;
  return `${o.kind} ${o.metadata.name ?? ''}: ${bad.type}=${bad.status}${bad.reason ? ` (${bad.reason})` : ''}${bad.message ? `: ${bad.message}` : ''}`;
}

function remember(previous: NodeMemory | undefined, verdict: Verdict, objects: readonly KubeObject[], now: string): NodeMemory {
  const timeline = [...(previous?.timeline ?? [])];
  const last = timeline.at(-1);
  if (!last || last.health !== verdict.health || (verdict.health === 'waiting' && String(last.waitingOn) !== String(verdict.waitingOn ?? []))) {
    timeline.push({
      health: verdict.health,
      at: now,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      ...(verdict.waitingOn && verdict.waitingOn.length > 0 ? { waitingOn: [...verdict.waitingOn] } : {}),
    });
    if (timeline.length > TIMELINE_LIMIT) timeline.splice(0, timeline.length - TIMELINE_LIMIT);
  }
  let readyAt = previous?.readyAt;
  if (!readyAt && verdict.health === 'ready') readyAt = previous ? now : (readySince(objects) ?? now);
  return { ...(readyAt ? { readyAt } : {}), timeline };
}

/** For an object already ready when first seen: its latest True condition's transition, else its creation time. */
function readySince(objects: readonly KubeObject[]): string | undefined {
  const times = objects.flatMap((o) => {
    const t = conditionsOf(o).filter((c) => c.status === 'True' && c.lastTransitionTime).map((c) => c.lastTransitionTime!);
    return t.length > 0 ? t : o.metadata.creationTimestamp ? [o.metadata.creationTimestamp] : [];
  });
  return times.sort().at(-1);
}

function eventOf(e: KubeObject): LiveNode['events'][number] {
  const r = record(e);
  const at = [r.lastTimestamp, r.eventTime, e.metadata.creationTimestamp].find((x): x is string => typeof x === 'string');
  return { type: typeof r.type === 'string' ? r.type : 'Normal', reason: typeof r.reason === 'string' ? r.reason : '', message: typeof r.message === 'string' ? r.message : '', ...(at ? { at } : {}) };
}

const byTime = (a: { at?: string }, b: { at?: string }) => (a.at ?? '').localeCompare(b.at ?? '');

function byCollectionIndex(a: KubeObject, b: KubeObject): number {
  const ia = Number(a.metadata.labels?.['kro.run/collection-index'] ?? 0);
  const ib = Number(b.metadata.labels?.['kro.run/collection-index'] ?? 0);
  return ia - ib || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function withoutManagedFields(o: KubeObject): Record<string, unknown> {
  const { managedFields: _managed, ...metadata } = o.metadata;
  return { ...o, metadata };
}

function identityOf(o: KubeObject): ObjectIdentity {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' };
}
