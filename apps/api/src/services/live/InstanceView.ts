import type { LiveEvent, LiveInstance, LiveNode } from '@kro-designer/contracts';
import type { KindRef, KubeObject } from '../../ports/ClusterGateway.js';
import { deriveLiveInstance, type NodeHistory } from './deriveLiveInstance.js';
import { liveGraphOf, type LiveGraph } from './liveGraphOf.js';
import type { Timers } from './Timers.js';
import { watchKeyString, type HubChange, type StreamState, type Subscription, type WatchHub, type WatchKey } from './WatchHub.js';

export const RGD_KIND: KindRef = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' };
const EVENT_KIND: KindRef = { apiVersion: 'v1', kind: 'Event' };
/** kro labels every object it manages with this; one watch per child kind across namespaces, narrowed to kro's objects. */
export const KRO_OWNED_SELECTOR = 'kro.run/owned=true';

export interface InstanceRef {
  readonly cluster: string;
  readonly rgd: string;
  readonly namespace: string;
  readonly name: string;
}

export interface LiveFrame {
  /** `<epoch>-<seq>`: the epoch tells a resume from an earlier view (or server process) apart. */
  readonly id?: string;
  readonly event: LiveEvent;
}
export type FrameListener = (frame: LiveFrame) => void;

export interface InstanceViewOptions {
  readonly timers: Timers;
  /** Events kept for Last-Event-ID replay. */
  readonly logSize: number;
  /** Coalesces bursts of watch events (a relist, kro writing several objects) into one derivation. */
  readonly debounceMs: number;
  /** The graph of an RGD version; LiveService shares one per version among all views of that RGD. */
  readonly graphOf?: (rgd: KubeObject, version: string) => LiveGraph | undefined;
}

const STATE_RANK: Record<StreamState, number> = { live: 0, reconnecting: 1, relisting: 2 };
const stripNodes = ({ nodes: _nodes, ...rest }: LiveInstance) => rest;

/**
 * The live view of one instance, shared by every browser stream on it: subscribes (through the WatchHub, so never a
 * watch of its own) to the RGDs, the instance kind in its namespace, each child kind (kro-owned objects) and the
 * namespace's Events; re-derives on change; sends only what changed (`instance`, `node`, or a `snapshot` when the
 * node set changed); and keeps a bounded log so a reconnecting browser resumes with Last-Event-ID.
 */
export class InstanceView {
  readonly epoch: string;
  private readonly subs = new Map<string, Subscription>();
  private readonly rgdSub: Subscription;
  private readonly listeners = new Set<FrameListener>();
  private readonly log: { seq: number; event: LiveEvent }[] = [];
  private seq = 0;
  private graph?: LiveGraph;
  private graphOf?: string;
  private history: NodeHistory = new Map();
  private current?: LiveInstance;
  private streamState: StreamState = 'live';
  private timer?: unknown;
  private disposed = false;
  /** True once the RGD list has completed and the RGD was not found. */
  missingRgd = false;

  constructor(
    readonly ref: InstanceRef,
    private readonly hub: WatchHub,
    private readonly options: InstanceViewOptions,
  ) {
    this.epoch = `${options.timers.now().toString(36)}${Math.floor(options.timers.random() * 36 ** 4).toString(36)}`;
    // Shared watches deliver every object of their kind: react only to what concerns this instance.
    const listener = { onChange: (c: HubChange) => c.object.metadata.name === ref.rgd && this.schedule(), onState: () => this.schedule() };
    this.rgdSub = hub.subscribe({ cluster: ref.cluster, kind: RGD_KIND }, listener);
  }

  /** Waits (at most `timeoutMs`) until every watch the view needs has listed, then derives the first state. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = this.options.timers.now() + timeoutMs;
    const wait = (p: Promise<void>) =>
      new Promise<void>((resolve) => {
        const t = this.options.timers.setTimeout(resolve, Math.max(0, deadline - this.options.timers.now()));
        void p.then(() => {
          this.options.timers.clearTimeout(t);
          resolve();
        });
      });
    await wait(this.rgdSub.whenSynced());
    this.refreshGraph();
    // New subscriptions can appear once the graph is known (child kinds); wait for those too.
    await wait(Promise.all([...this.subs.values()].map((s) => s.whenSynced())).then(() => undefined));
    this.derive();
  }

  get latest(): LiveInstance | undefined {
    return this.current;
  }

  get clientCount(): number {
    return this.listeners.size;
  }

  /**
   * Adds a stream. With a `lastEventId` of this view still in the log the missed events are replayed; otherwise a
   * snapshot is sent first. Returns the function that removes the stream.
   */
  attach(listener: FrameListener, lastEventId?: string): () => void {
    const replay = this.replayFrom(lastEventId);
    if (replay) for (const entry of replay) listener({ id: this.idOf(entry.seq), event: entry.event });
    else if (this.current) {
      listener({ id: this.idOf(this.seq), event: { type: 'snapshot', instance: this.current } });
      if (this.streamState !== 'live') listener({ event: { type: 'stream', state: this.streamState } });
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.rgdSub.unsubscribe();
    for (const s of this.subs.values()) s.unsubscribe();
    this.subs.clear();
    this.listeners.clear();
  }

  private idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  private replayFrom(lastEventId: string | undefined): { seq: number; event: LiveEvent }[] | undefined {
    if (!lastEventId || !this.current) return undefined;
    const m = /^([a-z0-9]+)-(\d+)$/.exec(lastEventId);
    if (!m || m[1] !== this.epoch) return undefined;
    const last = Number(m[2]);
    if (last > this.seq) return undefined;
    const first = this.log[0]?.seq ?? this.seq + 1;
    // Events after `last` must all still be in the log.
    if (last < first - 1) return undefined;
    return this.log.filter((e) => e.seq > last);
  }

  private schedule(): void {
    if (this.disposed || this.timer !== undefined || !this.current) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      this.refreshGraph();
      this.derive();
    }, this.options.debounceMs);
  }

  private refreshGraph(): void {
    const rgd = this.rgdSub.items().find((o) => o.metadata.name === this.ref.rgd);
    this.missingRgd = this.rgdSub.synced && !rgd;
    const version = rgd ? `${rgd.metadata.uid ?? ''}/${String(rgd.metadata.generation ?? rgd.metadata.resourceVersion)}` : '';
    if (version === this.graphOf) return;
    this.graphOf = version;
    const key = `${this.ref.cluster}/${version}`;
    this.graph = rgd ? (this.options.graphOf ? this.options.graphOf(rgd, key) : liveGraphOf(rgd)) : undefined;
    this.resubscribe();
  }

  /** The watches this view needs for the current graph; joins new ones and leaves those no longer needed. */
  private resubscribe(): void {
    const { cluster, namespace } = this.ref;
    const wanted = new Map<string, WatchKey>();
    const add = (k: WatchKey) => wanted.set(watchKeyString(k), k);
    const g = this.graph;
    if (g) {
      add({ cluster, kind: g.instanceKind, ...(g.namespaced ? { namespace } : {}) });
      for (const n of g.nodes) {
        if (!n.kind) continue;
        if (n.external) add({ cluster, kind: n.kind, ...(n.external.namespace || g.namespaced ? { namespace: n.external.namespace ?? namespace } : {}) });
        else add({ cluster, kind: n.kind, labelSelector: KRO_OWNED_SELECTOR });
      }
      if (g.namespaced) add({ cluster, kind: EVENT_KIND, namespace });
    }
    const onState = () => this.schedule();
    // Child watches are shared by every instance of every RGD using the kind: only this instance's objects matter.
    const childListener = {
      onChange: (c: HubChange) => {
        const uid = this.current?.uid;
        if (!uid || c.object.metadata.labels?.['kro.run/instance-id'] === uid) this.schedule();
      },
      onState,
    };
    const instanceListener = { onChange: (c: HubChange) => c.object.metadata.name === this.ref.name && this.schedule(), onState };
    const eventListener = {
      onChange: (c: HubChange) => {
        const involved = (c.object as { involvedObject?: { uid?: string } }).involvedObject?.uid;
        if (involved && this.watchedUids().has(involved)) this.schedule();
      },
      onState,
    };
    const anyListener = { onChange: () => this.schedule(), onState };
    for (const [id, key] of wanted) {
      if (this.subs.has(id)) continue;
      const l = key.labelSelector ? childListener : g && key.kind === g.instanceKind ? instanceListener : key.kind === EVENT_KIND ? eventListener : anyListener;
      this.subs.set(id, this.hub.subscribe(key, l));
    }
    for (const [id, sub] of [...this.subs]) {
      if (wanted.has(id)) continue;
      sub.unsubscribe();
      this.subs.delete(id);
    }
  }

  /** The instance's uid and those of the objects shown, whose Events matter. */
  private watchedUids(): Set<string> {
    const uids = new Set<string>();
    if (this.current?.uid) uids.add(this.current.uid);
    for (const n of this.current?.nodes ?? []) for (const o of n.objects) if (o.ref.uid) uids.add(o.ref.uid);
    return uids;
  }

  private derive(): void {
    const g = this.graph;
    const { cluster, rgd, namespace, name } = this.ref;
    const all = [...this.subs.entries()];
    const itemsOf = (pred: (k: string) => boolean) => all.filter(([k]) => pred(k)).flatMap(([, s]) => s.items());
    let next: LiveInstance;
    if (!g) {
      next = { cluster, rgdName: rgd, name, ...(namespace !== '_' ? { namespace } : {}), ready: 'Unknown', conditions: [], nodes: [], deleting: false, gone: true };
    } else {
      const instKey = `${cluster}|${g.instanceKind.apiVersion}|${g.instanceKind.kind}|`;
      const instance = itemsOf((k) => k.startsWith(instKey)).find((o) => o.metadata.name === name && (!g.namespaced || o.metadata.namespace === namespace));
      const uid = instance?.metadata.uid;
      const children = uid ? itemsOf((k) => k.endsWith(`|${KRO_OWNED_SELECTOR}`)).filter((o) => o.metadata.labels?.['kro.run/instance-id'] === uid) : [];
      const externals = new Map<string, KubeObject>();
      for (const n of g.nodes) {
        if (!n.external?.name || !n.kind) continue;
        const prefix = `${cluster}|${n.kind.apiVersion}|${n.kind.kind}|`;
        const found = itemsOf((k) => k.startsWith(prefix) && k.endsWith('|')).find(
          (o) => o.metadata.name === n.external!.name && (!o.metadata.namespace || o.metadata.namespace === (n.external!.namespace ?? namespace)),
        );
        if (found) externals.set(n.id, found);
      }
      const events = new Map<string, KubeObject[]>();
      for (const e of itemsOf((k) => k.startsWith(`${cluster}|v1|Event|`))) {
        const involved = (e as { involvedObject?: { uid?: string } }).involvedObject?.uid;
        if (involved) events.set(involved, [...(events.get(involved) ?? []), e]);
      }
      const result = deriveLiveInstance({
        cluster, rgdName: rgd, name, ...(g.namespaced ? { namespace } : {}), ...(instance ? { instance } : {}), graph: g, children, externals,
        eventsFor: (u) => events.get(u) ?? [], history: this.history, now: new Date(this.options.timers.now()).toISOString(),
      });
      this.history = result.history;
      next = result.instance;
    }
    this.publish(next);
    this.publishStreamState();
  }

  private publish(next: LiveInstance): void {
    const prev = this.current;
    this.current = next;
    if (!prev) return;
    const sameNodeSet = prev.nodes.length === next.nodes.length && prev.nodes.every((n, i) => n.id === next.nodes[i]!.id);
    if (!sameNodeSet) {
      this.append({ type: 'snapshot', instance: next });
      return;
    }
    const header = stripNodes(next);
    if (JSON.stringify(stripNodes(prev)) !== JSON.stringify(header)) this.append({ type: 'instance', instance: header });
    next.nodes.forEach((n: LiveNode, i) => {
      if (JSON.stringify(prev.nodes[i]) !== JSON.stringify(n)) this.append({ type: 'node', node: n });
    });
  }

  private publishStreamState(): void {
    let worst: StreamState = 'live';
    for (const s of [this.rgdSub, ...this.subs.values()]) if (STATE_RANK[s.state] > STATE_RANK[worst]) worst = s.state;
    if (worst === this.streamState) return;
    this.streamState = worst;
    this.append({ type: 'stream', state: worst, ...(worst !== 'live' ? { message: 'the server is re-establishing its watch of the cluster' } : {}) });
  }

  private append(event: LiveEvent): void {
    const entry = { seq: ++this.seq, event };
    this.log.push(entry);
    if (this.log.length > this.options.logSize) this.log.splice(0, this.log.length - this.options.logSize);
    for (const l of [...this.listeners]) l({ id: this.idOf(entry.seq), event });
  }
}
