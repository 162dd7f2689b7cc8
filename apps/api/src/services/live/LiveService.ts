import type { LiveInstance } from '@kro-designer/contracts';
import { ClusterError, type ClusterGateway, type KubeObject } from '../../ports/ClusterGateway.js';
import { liveGraphOf, type LiveGraph } from './liveGraphOf.js';
import { ServiceError } from '../ServiceError.js';
import { InstanceView, type FrameListener, type InstanceRef } from './InstanceView.js';
import { realTimers, type Timers } from './Timers.js';
import { WatchHub, type WatchHubOptions } from './WatchHub.js';

export interface LiveServiceOptions {
  readonly timers?: Timers;
  /** How long a view (and its derived history) outlives its last stream, so a reload or a reconnect resumes. */
  readonly viewLingerMs?: number;
  readonly logSize?: number;
  readonly debounceMs?: number;
  /** How long a new view waits for its first lists before answering with what it has. */
  readonly syncTimeoutMs?: number;
  readonly hub?: WatchHubOptions;
}

export interface LiveStats {
  readonly views: number;
  readonly streams: number;
  readonly watches: number;
  readonly watchSubscribers: number;
  /** Times an RGD version was compiled into a live graph (once per version: its instances' views share it). */
  readonly graphCompilations: number;
}

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * Live status of kro instances: one `InstanceView` per instance watched, shared by all its browser streams, over one
 * `WatchHub` (one watch per cluster and kind) for the whole server.
 */
export class LiveService {
  readonly hub: WatchHub;
  /** Compiled graphs by cluster/RGD uid/generation: one validation per RGD version, however many instances are watched. */
  private readonly graphs = new Map<string, LiveGraph | undefined>();
  private graphCompilations = 0;
  private readonly graphOf = (rgd: KubeObject, version: string): LiveGraph | undefined => {
    if (this.graphs.has(version)) return this.graphs.get(version);
    this.graphCompilations++;
    const graph = liveGraphOf(rgd);
    // Old versions are dropped first once the cache is full (RGDs change rarely; 256 versions is plenty).
    if (this.graphs.size >= 256) this.graphs.delete(this.graphs.keys().next().value!);
    this.graphs.set(version, graph);
    return graph;
  };
  private readonly views = new Map<string, { view: InstanceView; ready: Promise<void>; users: number; linger?: unknown }>();
  private readonly timers: Timers;
  private readonly shutdownHooks = new Set<() => void>();
  private readonly o: Required<Omit<LiveServiceOptions, 'timers' | 'hub'>>;

  constructor(
    private readonly gateway: ClusterGateway,
    options: LiveServiceOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.hub = new WatchHub(gateway, { timers: this.timers, ...options.hub });
    this.o = {
      viewLingerMs: options.viewLingerMs ?? 60_000,
      logSize: options.logSize ?? 1_000,
      debounceMs: options.debounceMs ?? 20,
      syncTimeoutMs: options.syncTimeoutMs ?? 10_000,
    };
  }

  /** The current live state of one instance (404 when the RGD or the instance does not exist). */
  async snapshot(ref: InstanceRef): Promise<LiveInstance> {
    const entry = await this.acquire(ref);
    try {
      const latest = entry.view.latest;
      if (!latest || latest.gone) throw new ServiceError('not-found', `instance ${ref.namespace}/${ref.name} of RGD ${ref.rgd} does not exist in cluster ${ref.cluster}`);
      return latest;
    } finally {
      this.release(ref);
    }
  }

  /**
   * Opens a stream: frames go to `listener` (a snapshot first, or the replay after `lastEventId`). The instance may
   * not exist yet (it shows as `gone` until it does); an unknown cluster or RGD is a 404. Returns `close`.
   */
  async open(ref: InstanceRef, listener: FrameListener, lastEventId?: string, onShutdown?: () => void): Promise<() => void> {
    const entry = await this.acquire(ref);
    const detach = entry.view.attach(listener, lastEventId);
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      if (onShutdown) this.shutdownHooks.delete(onShutdown);
      detach();
      this.release(ref);
    };
    if (onShutdown) this.shutdownHooks.add(onShutdown);
    return close;
  }

  stats(): LiveStats {
    const hub = this.hub.stats();
    let streams = 0;
    for (const e of this.views.values()) streams += e.view.clientCount;
    return { views: this.views.size, streams, watches: hub.watches, watchSubscribers: hub.subscribers, graphCompilations: this.graphCompilations };
  }

  /** Ends every stream (server shutdown) and stops all watches. */
  close(): void {
    for (const hook of [...this.shutdownHooks]) hook();
    this.shutdownHooks.clear();
    for (const e of this.views.values()) e.view.dispose();
    this.views.clear();
    this.hub.close();
  }

  private async acquire(ref: InstanceRef): Promise<{ view: InstanceView }> {
    // `_` stands for "no namespace" (cluster-scoped instance kinds), as in the instance routes.
    for (const [what, value] of [['namespace', ref.namespace === '_' ? 'x' : ref.namespace], ['name', ref.name], ['RGD name', ref.rgd]] as const) {
      if (!NAME.test(value)) throw new ServiceError('not-found', `${what} ${JSON.stringify(value)} is not a Kubernetes name`);
    }
    try {
      this.gateway.connect(ref.cluster);
    } catch (err) {
      if (err instanceof ClusterError && err.code === 404) throw new ServiceError('not-found', `cluster ${ref.cluster} is not known`);
      throw err;
    }
    const key = `${ref.cluster}\n${ref.rgd}\n${ref.namespace}\n${ref.name}`;
    let entry = this.views.get(key);
    if (!entry) {
      const view = new InstanceView(ref, this.hub, { timers: this.timers, logSize: this.o.logSize, debounceMs: this.o.debounceMs, graphOf: this.graphOf });
      entry = { view, ready: view.ready(this.o.syncTimeoutMs), users: 0 };
      this.views.set(key, entry);
    }
    entry.users++;
    if (entry.linger !== undefined) {
      this.timers.clearTimeout(entry.linger);
      entry.linger = undefined;
    }
    await entry.ready;
    if (entry.view.missingRgd) {
      this.release(ref);
      throw new ServiceError('not-found', `RGD ${ref.rgd} does not exist in cluster ${ref.cluster}`);
    }
    return entry;
  }

  private release(ref: InstanceRef): void {
    const key = `${ref.cluster}\n${ref.rgd}\n${ref.namespace}\n${ref.name}`;
    const entry = this.views.get(key);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    entry.linger = this.timers.setTimeout(() => {
      if (entry.users > 0) return;
      entry.view.dispose();
      this.views.delete(key);
    }, this.o.viewLingerMs);
  }
}
