import type { ClusterConnection, ClusterError, ClusterGateway, KindRef, KubeObject, WatchEvent, WatchHandle } from '../../ports/ClusterGateway.js';
import { backoffDelay, DEFAULT_BACKOFF, realTimers, type BackoffPolicy, type Timers } from './Timers.js';

/** What one shared watch is doing: streaming, waiting to re-watch after an error, or listing again after 410 Gone. */
export type StreamState = 'live' | 'reconnecting' | 'relisting';

/** Identifies one shared watch: a kind in a cluster, optionally narrowed to a namespace and a label selector. */
export interface WatchKey {
  readonly cluster: string;
  readonly kind: KindRef;
  readonly namespace?: string;
  readonly labelSelector?: string;
}

/** A change delivered to subscribers. `synthetic` marks changes found by a relist rather than seen on the stream. */
export interface HubChange {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
  readonly synthetic: boolean;
}

export interface HubListener {
  onChange(change: HubChange): void;
  /** The watch's state changed (also called once the first list has completed, with `live`). */
  onState?(state: StreamState, message?: string): void;
}

export interface Subscription {
  /** The objects currently known for this watch (empty until the first list completed). */
  items(): readonly KubeObject[];
  readonly synced: boolean;
  readonly state: StreamState;
  /** Resolves once the first list has completed (immediately when it already has). */
  whenSynced(): Promise<void>;
  unsubscribe(): void;
}

export interface WatchHubOptions {
  readonly timers?: Timers;
  readonly backoff?: BackoffPolicy;
  /** How long a watch stays open after its last subscriber left, so a page reload does not relist. */
  readonly lingerMs?: number;
  /** After an error, the re-established watch counts as live once it has stayed open this long without failing. */
  readonly settleMs?: number;
  readonly log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface WatchHubStats {
  /** Shared watches held (open or retrying), whatever the number of subscribers. */
  readonly watches: number;
  readonly subscribers: number;
}

const objectKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export const watchKeyString = (k: WatchKey) =>
  [k.cluster, k.kind.apiVersion, k.kind.kind, k.namespace ?? '*', k.labelSelector ?? ''].join('|');

/**
 * One watch per (cluster, kind, namespace, selector), shared by every subscriber — an informer: it lists, keeps the
 * objects, then watches from the list's resourceVersion. A normal end re-watches from the last version seen; 410 Gone
 * relists and turns the difference into synthetic ADDED/MODIFIED/DELETED changes, so a gap loses no final state;
 * other errors back off exponentially with jitter. Watches are reference counted and stop `lingerMs` after the last
 * subscriber leaves.
 */
export class WatchHub {
  private readonly watches = new Map<string, SharedWatch>();
  private readonly timers: Timers;
  readonly options: Required<Omit<WatchHubOptions, 'timers'>>;

  constructor(
    private readonly gateway: ClusterGateway,
    options: WatchHubOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.options = {
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      lingerMs: options.lingerMs ?? 30_000,
      settleMs: options.settleMs ?? 1_000,
      log: options.log ?? (() => undefined),
    };
  }

  subscribe(key: WatchKey, listener: HubListener): Subscription {
    const id = watchKeyString(key);
    let watch = this.watches.get(id);
    if (!watch) {
      watch = new SharedWatch(key, this.gateway, this.timers, this.options, () => this.watches.delete(id));
      this.watches.set(id, watch);
    }
    return watch.add(listener);
  }

  stats(): WatchHubStats {
    let subscribers = 0;
    for (const w of this.watches.values()) subscribers += w.subscriberCount;
    return { watches: this.watches.size, subscribers };
  }

  /** Stops every watch at once (server shutdown). */
  close(): void {
    for (const w of [...this.watches.values()]) w.dispose();
  }
}

class SharedWatch {
  private readonly store = new Map<string, KubeObject>();
  private readonly listeners = new Set<HubListener>();
  private handle?: WatchHandle;
  private timer?: unknown;
  private settleTimer?: unknown;
  private lingerTimer?: unknown;
  /** Incremented on every (re)start so callbacks of an abandoned list or watch are ignored. */
  private generation = 0;
  private attempt = 0;
  private lastVersion = '';
  private watchStartedAt = 0;
  private sawEventSinceStart = false;
  private disposed = false;
  private syncWaiters: (() => void)[] = [];
  synced = false;
  state: StreamState = 'relisting';

  constructor(
    readonly key: WatchKey,
    private readonly gateway: ClusterGateway,
    private readonly timers: Timers,
    private readonly options: WatchHub['options'],
    private readonly onDisposed: () => void,
  ) {
    this.relist();
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  add(listener: HubListener): Subscription {
    if (this.lingerTimer !== undefined) {
      this.timers.clearTimeout(this.lingerTimer);
      this.lingerTimer = undefined;
    }
    this.listeners.add(listener);
    let active = true;
    const isSynced = () => this.synced;
    const currentState = () => this.state;
    return {
      items: () => [...this.store.values()],
      get synced() {
        return isSynced();
      },
      get state() {
        return currentState();
      },
      whenSynced: () => (this.synced ? Promise.resolve() : new Promise<void>((resolve) => this.syncWaiters.push(resolve))),
      unsubscribe: () => {
        if (!active) return;
        active = false;
        this.remove(listener);
      },
    };
  }

  private remove(listener: HubListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0 && !this.disposed) {
      this.lingerTimer = this.timers.setTimeout(() => this.dispose(), this.options.lingerMs);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.handle?.stop();
    this.handle = undefined;
    for (const t of [this.timer, this.settleTimer, this.lingerTimer]) if (t !== undefined) this.timers.clearTimeout(t);
    this.onDisposed();
  }

  private setState(state: StreamState, message?: string): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of [...this.listeners]) l.onState?.(state, message);
  }

  private emit(change: HubChange): void {
    for (const l of [...this.listeners]) l.onChange(change);
  }

  private relist(): void {
    const gen = ++this.generation;
    this.handle?.stop();
    this.handle = undefined;
    this.setState('relisting');
    let connection: ClusterConnection;
    try {
      connection = this.gateway.connect(this.key.cluster);
    } catch (err) {
      this.retry(() => this.relist(), err);
      return;
    }
    const options = {
      ...(this.key.namespace !== undefined ? { namespace: this.key.namespace } : {}),
      ...(this.key.labelSelector !== undefined ? { labelSelector: this.key.labelSelector } : {}),
    };
    connection.list(this.key.kind, options).then(
      (list) => {
        if (gen !== this.generation) return;
        this.applyList(list.items);
        this.lastVersion = list.resourceVersion;
        this.attempt = 0;
        this.markSynced();
        this.setState('live');
        this.startWatch();
      },
      (err: unknown) => {
        if (gen !== this.generation) return;
        this.retry(() => this.relist(), err);
      },
    );
  }

  /** Replaces the store with a fresh list and reports what changed while nobody was watching. */
  private applyList(items: readonly KubeObject[]): void {
    const seen = new Set<string>();
    const changes: HubChange[] = [];
    for (const item of items) {
      const k = objectKey(item);
      seen.add(k);
      const before = this.store.get(k);
      if (!before || before.metadata.uid !== item.metadata.uid) {
        if (before) changes.push({ type: 'DELETED', object: before, synthetic: true });
        changes.push({ type: 'ADDED', object: item, synthetic: true });
      } else if (before.metadata.resourceVersion !== item.metadata.resourceVersion) {
        changes.push({ type: 'MODIFIED', object: item, synthetic: true });
      }
      this.store.set(k, item);
    }
    for (const [k, before] of [...this.store]) {
      if (seen.has(k)) continue;
      this.store.delete(k);
      changes.push({ type: 'DELETED', object: before, synthetic: true });
    }
    // Before the first sync subscribers read items() once synced; replaying the initial list as changes is noise.
    if (this.synced) for (const c of changes) this.emit(c);
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of waiters) w();
  }

  private startWatch(): void {
    const gen = ++this.generation;
    const options = {
      resourceVersion: this.lastVersion,
      ...(this.key.namespace !== undefined ? { namespace: this.key.namespace } : {}),
      ...(this.key.labelSelector !== undefined ? { labelSelector: this.key.labelSelector } : {}),
    };
    this.watchStartedAt = this.timers.now();
    this.sawEventSinceStart = false;
    if (this.state !== 'live') {
      // Re-established after an error: call it live once it has stayed open a moment (or delivered an event).
      this.settleTimer = this.timers.setTimeout(() => {
        if (gen === this.generation) this.becameHealthy();
      }, this.options.settleMs);
    }
    try {
      this.handle = this.gateway.connect(this.key.cluster).watch(this.key.kind, options, {
        onEvent: (event) => {
          if (gen === this.generation) this.onEvent(event);
        },
        onEnd: (error) => {
          if (gen !== this.generation) return;
          this.handle = undefined;
          this.onEnd(error);
        },
      });
    } catch (err) {
      this.retry(() => this.startWatch(), err);
    }
  }

  private becameHealthy(): void {
    this.attempt = 0;
    this.setState('live');
  }

  private onEvent(event: WatchEvent): void {
    this.sawEventSinceStart = true;
    const version = event.object.metadata.resourceVersion;
    if (version) this.lastVersion = version;
    if (this.state !== 'live') this.becameHealthy();
    if (event.type === 'BOOKMARK') return;
    const k = objectKey(event.object);
    if (event.type === 'DELETED') this.store.delete(k);
    else this.store.set(k, event.object);
    this.emit({ type: event.type, object: event.object, synthetic: false });
  }

  private onEnd(error?: ClusterError): void {
    if (!error) {
      // The server closes watches routinely (timeouts); carry on from the last version seen. A watch closed at once,
      // with nothing delivered, is a server going away (graceful shutdown): back off instead of spinning.
      const quick = !this.sawEventSinceStart && this.timers.now() - this.watchStartedAt < this.options.settleMs;
      if (quick) this.retry(() => this.startWatch(), new Error('the watch closed at once'));
      else this.startWatch();
      return;
    }
    if (error.code === 410) {
      this.options.log('watch expired (410 Gone); relisting', { watch: watchKeyString(this.key) });
      this.relist();
      return;
    }
    this.retry(() => this.startWatch(), error);
  }

  private retry(again: () => void, err: unknown): void {
    if (this.disposed) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff, () => this.timers.random());
    const message = err instanceof Error ? err.message : String(err);
    this.options.log('watch failed; retrying', { watch: watchKeyString(this.key), delayMs: delay, error: message });
    // A failed first list stays "relisting"; a broken stream is "reconnecting".
    if (this.state === 'live') this.setState('reconnecting', message);
    this.generation++;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed) again();
    }, delay);
  }
}
