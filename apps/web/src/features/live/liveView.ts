import type { LiveEvent, LiveInstance, LiveNode, NodeHealth } from '@kro-designer/contracts';

/** One change of a node's health as this browser saw it (client clock, ms since epoch). */
export interface HealthTransition {
  readonly id: string;
  readonly from: NodeHealth | undefined;
  readonly to: NodeHealth;
  readonly at: number;
  readonly reason?: string;
  readonly waitingOn: readonly string[];
}

/** The live view of one instance: the newest state the stream delivered, its health history, the server watch state. */
export interface LiveView {
  readonly instance: LiveInstance | undefined;
  readonly transitions: readonly HealthTransition[];
  /** When each node was first seen by this view (for "waited from … to …" on the timeline). */
  readonly firstSeen: ReadonlyMap<string, number>;
  /** The server's own watch on the cluster (`stream` events): live, reconnecting, relisting. */
  readonly serverWatch: { readonly state: 'live' | 'reconnecting' | 'relisting'; readonly message?: string };
}

export const EMPTY_LIVE_VIEW: LiveView = { instance: undefined, transitions: [], firstSeen: new Map(), serverWatch: { state: 'live' } };

/** Transitions kept per view; older ones fall off (a long-lived view of a flapping node must not grow without end). */
const MAX_TRANSITIONS = 500;

function record(view: LiveView, nodes: readonly LiveNode[], now: number): Pick<LiveView, 'transitions' | 'firstSeen'> {
  const before = new Map((view.instance?.nodes ?? []).map((n) => [n.id, n.health]));
  const added: HealthTransition[] = [];
  let firstSeen = view.firstSeen;
  for (const n of nodes) {
    if (!firstSeen.has(n.id)) {
      if (firstSeen === view.firstSeen) firstSeen = new Map(firstSeen);
      (firstSeen as Map<string, number>).set(n.id, now);
    }
    const from = before.get(n.id);
    if (from === n.health) continue;
    added.push({ id: n.id, from, to: n.health, at: now, ...(n.reason !== undefined ? { reason: n.reason } : {}), waitingOn: n.waitingOn ?? [] });
  }
  if (added.length === 0) return { transitions: view.transitions, firstSeen };
  return { transitions: [...view.transitions, ...added].slice(-MAX_TRANSITIONS), firstSeen };
}

/** Applies one stream event to the view (pure; `now` is the client clock). */
export function applyLiveEvent(view: LiveView, event: LiveEvent, now: number): LiveView {
  switch (event.type) {
    case 'snapshot':
      return { ...view, ...record(view, event.instance.nodes, now), instance: event.instance };
    case 'instance': {
      const nodes = view.instance?.nodes ?? [];
      return { ...view, instance: { ...event.instance, nodes } };
    }
    case 'node': {
      if (!view.instance) return view;
      const nodes = view.instance.nodes.some((n) => n.id === event.node.id) ? view.instance.nodes.map((n) => (n.id === event.node.id ? event.node : n)) : [...view.instance.nodes, event.node];
      return { ...view, ...record(view, [event.node], now), instance: { ...view.instance, nodes } };
    }
    case 'stream':
      return { ...view, serverWatch: { state: event.state, ...(event.message !== undefined ? { message: event.message } : {}) } };
  }
}

/** A node's visible state: its health, or `gone` once a deleting instance no longer has its objects. */
export type NodeVisibleState = NodeHealth | 'gone';

export function visibleState(instance: LiveInstance, node: LiveNode): NodeVisibleState {
  if (instance.gone) return 'gone';
  // kro deletes in reverse order: a node whose objects are all gone while the instance is deleting is done.
  if (instance.deleting && node.objects.length === 0 && node.health !== 'excluded') return 'gone';
  return node.health;
}

/** One node's line on the timeline: when it appeared, what it waited on, when it became ready. */
export interface TimelineRow {
  readonly id: string;
  readonly state: NodeVisibleState;
  /** When the node was first seen: the server's first timeline entry, else when this view first saw it. */
  readonly firstSeen: number | undefined;
  /** Every dependency this node was seen waiting on, in order of first appearance. */
  readonly waitedOn: readonly string[];
  /** kro-reported time (LiveNode.readyAt), else the server's or this view's first `ready`. */
  readonly readyAt: number | undefined;
  /** Health changes, oldest first: the server's timeline when it sends one, else what this view saw. */
  readonly trace: readonly { readonly health: NodeHealth; readonly at: number }[];
  readonly reason?: string;
}

const time = (iso: string | undefined): number | undefined => {
  const t = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
};

/** The earlier of two times; a server that restarted starts its history after the readiness kro reported. */
function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/** Rows in readiness order (ready ones by time, then the rest in the order the instance lists them). */
export function timelineRows(view: LiveView): TimelineRow[] {
  const instance = view.instance;
  if (!instance) return [];
  const rows = instance.nodes.map((n, index) => {
    const server = (n.timeline ?? []).flatMap((t) => {
      const at = time(t.at);
      return at === undefined ? [] : [{ health: t.health, at, waitingOn: t.waitingOn ?? [] }];
    });
    const seen = view.transitions.filter((t) => t.id === n.id).map((t) => ({ health: t.to, at: t.at, waitingOn: t.waitingOn }));
    const trace = server.length > 0 ? server : seen;
    const waited: string[] = [];
    for (const t of trace) for (const dep of t.waitingOn) if (!waited.includes(dep)) waited.push(dep);
    for (const dep of n.waitingOn ?? []) if (!waited.includes(dep)) waited.push(dep);
    const readyAt = time(n.readyAt) ?? trace.find((t) => t.health === 'ready')?.at;
    const row: TimelineRow = {
      id: n.id,
      state: visibleState(instance, n),
      firstSeen: earliest(server[0]?.at ?? view.firstSeen.get(n.id), readyAt),
      waitedOn: waited,
      readyAt,
      trace: trace.map((t) => ({ health: t.health, at: t.at })),
      ...(n.reason !== undefined ? { reason: n.reason } : {}),
    };
    return { row, index };
  });
  rows.sort((a, b) => {
    const ra = a.row.readyAt;
    const rb = b.row.readyAt;
    if (ra !== undefined && rb !== undefined) return ra - rb || a.index - b.index;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return a.index - b.index;
  });
  return rows.map((r) => r.row);
}
