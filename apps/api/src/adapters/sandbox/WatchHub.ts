import { ClusterError, type KindRef, type KubeObject, type WatchCallbacks, type WatchEvent, type WatchHandle, type WatchOptions } from '../../ports/ClusterGateway.js';
import { parseLabelSelector, type LabelMatcher } from './labelSelector.js';
import { clone } from './objectPaths.js';
import { kindKeyOf, type ObjectStore, type StoreEvent } from './ObjectStore.js';
import type { SandboxScheduler } from './SandboxScheduler.js';

interface Watcher {
  readonly kind: KindRef;
  readonly kindKey: string;
  readonly namespace: string | undefined;
  readonly matches: LabelMatcher;
  readonly callbacks: WatchCallbacks;
  readonly queue: WatchEvent[];
  stopped: boolean;
  flushScheduled: boolean;
}

/**
 * The watch cache: a bounded history of the store's changes (the API server keeps a window of events per
 * resource, default a few minutes' worth) and the open watches. A watch from a resourceVersion still in the window
 * replays what came after it; an older one ends at once with 410 Expired, so clients relist — the case they must
 * handle against a real server. Events are delivered asynchronously through the scheduler, never from inside a write.
 */
export class WatchHub {
  private readonly history: StoreEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  /** Versions after this one are all still in the window. */
  private oldestKept: number;
  private readonly unsubscribe: () => void;
  private cancelBookmarks: (() => void) | undefined;

  /** `bookmarkMs`: how often open watches get a BOOKMARK with the current resourceVersion (0 = never). */
  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: SandboxScheduler,
    private readonly historyLimit = 1000,
    private readonly bookmarkMs = 60_000,
  ) {
    this.oldestKept = store.resourceVersion;
    this.unsubscribe = store.onChange((e) => this.record(e));
    this.scheduleBookmarks();
  }

  /**
   * Like the API server with `allowWatchBookmarks`: a periodic BOOKMARK lets a quiet watch resume from a recent version
   * instead of one that has left the window (and then a 410).
   */
  private scheduleBookmarks(): void {
    if (this.bookmarkMs <= 0) return;
    this.cancelBookmarks = this.scheduler.schedule(this.bookmarkMs, () => {
      const resourceVersion = String(this.store.resourceVersion);
      for (const w of this.watchers) {
        w.queue.push({ type: 'BOOKMARK', object: { apiVersion: w.kind.apiVersion, kind: w.kind.kind, metadata: { resourceVersion } } });
        this.scheduleFlush(w);
      }
      this.scheduleBookmarks();
    });
  }

  watch(kind: KindRef, options: WatchOptions, callbacks: WatchCallbacks): WatchHandle {
    const resolved = this.store.kindOf(kind);
    const watcher: Watcher = {
      kind: { apiVersion: kind.apiVersion, kind: kind.kind },
      kindKey: kindKeyOf(resolved),
      namespace: resolved.namespaced ? options.namespace : undefined,
      matches: parseLabelSelector(options.labelSelector),
      callbacks,
      queue: [],
      stopped: false,
      flushScheduled: false,
    };
    const handle: WatchHandle = {
      stop: () => {
        watcher.stopped = true;
        this.watchers.delete(watcher);
      },
    };
    const from = options.resourceVersion;
    if (from === '' || from === '0') {
      // "Any version": the current state as ADDED events, then changes.
      for (const object of this.store.objectsOf(watcher.kindKey)) {
        if (this.inScope(watcher, object)) watcher.queue.push({ type: 'ADDED', object });
      }
    } else {
      const version = Number(from);
      if (!Number.isInteger(version) || version < 0) {
        this.endLater(watcher, new ClusterError(`Invalid value: "${from}": resourceVersion must be an integer`, 400, 'BadRequest'));
        return handle;
      }
      if (version < this.oldestKept) {
        this.endLater(watcher, new ClusterError(`too old resource version: ${version} (${this.oldestKept + 1})`, 410, 'Expired'));
        return handle;
      }
      for (const event of this.history) {
        if (event.resourceVersion > version && event.kindKey === watcher.kindKey) this.enqueue(watcher, event);
      }
    }
    this.watchers.add(watcher);
    this.scheduleFlush(watcher);
    return handle;
  }

  /** Ends every watch normally (the sandbox is closing); clients would re-watch. */
  close(): void {
    this.unsubscribe();
    this.cancelBookmarks?.();
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      w.stopped = true;
      w.callbacks.onEnd();
    }
  }

  /** Drops history older than the newest `keep` events (tests force a 410 with it). */
  compact(keep = 0): void {
    while (this.history.length > keep) this.oldestKept = this.history.shift()!.resourceVersion;
    if (keep === 0) this.oldestKept = this.store.resourceVersion;
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) this.oldestKept = this.history.shift()!.resourceVersion;
    for (const w of this.watchers) {
      if (w.kindKey !== event.kindKey) continue;
      this.enqueue(w, event);
      this.scheduleFlush(w);
    }
  }

  /**
   * A label or namespace filter sees transitions as the API server reports them: an object that starts matching is
   * ADDED, one that stops matching is DELETED.
   */
  private enqueue(w: Watcher, event: StoreEvent): void {
    const now = this.inScope(w, event.object);
    const before = event.previous !== undefined && this.inScope(w, event.previous);
    let type: WatchEvent['type'] | undefined;
    if (event.type === 'DELETED') type = before || now ? 'DELETED' : undefined;
    else if (event.type === 'ADDED') type = now ? 'ADDED' : undefined;
    else if (now) type = before ? 'MODIFIED' : 'ADDED';
    else if (before) type = 'DELETED';
    if (type) w.queue.push({ type, object: clone(event.object) });
  }

  private inScope(w: Watcher, object: KubeObject): boolean {
    if (w.namespace !== undefined && object.metadata.namespace !== w.namespace) return false;
    return w.matches(object.metadata.labels);
  }

  private scheduleFlush(w: Watcher): void {
    if (w.flushScheduled || w.queue.length === 0) return;
    w.flushScheduled = true;
    this.scheduler.schedule(0, () => {
      w.flushScheduled = false;
      while (!w.stopped && w.queue.length > 0) {
        try {
          w.callbacks.onEvent(w.queue.shift()!);
        } catch (error) {
          // A throwing consumer must not take the server down from a timer: its watch ends with the reason.
          w.stopped = true;
          this.watchers.delete(w);
          w.callbacks.onEnd(new ClusterError(`watch consumer failed: ${error instanceof Error ? error.message : String(error)}`, 500, 'InternalError', [], { cause: error }));
        }
      }
    });
  }

  private endLater(w: Watcher, error: ClusterError): void {
    this.scheduler.schedule(0, () => {
      if (!w.stopped) w.callbacks.onEnd(error);
    });
  }
}
