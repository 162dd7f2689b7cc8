import type { ClusterCrdText, CompletionEntry, DesignSnapshot, HoverEntry, KindSummary, PreviewSnapshot, WorkerRequest, WorkerResponse } from './protocol';

export interface QueryAnswer {
  readonly completions: readonly CompletionEntry[];
  readonly hover?: HoverEntry;
}

interface PendingQuery {
  readonly requestId: number;
  readonly version: number;
  readonly offset: number;
  readonly resolve: (answer: QueryAnswer) => void;
}

/** A render's answer: a preview, nothing (the text version was superseded), or the engine's failure. */
export interface RenderAnswer {
  readonly preview?: PreviewSnapshot;
  readonly error?: string;
}

interface PendingRender {
  readonly requestId: number;
  readonly version: number;
  readonly instance: string;
  readonly resolve: (answer: RenderAnswer) => void;
}

export interface ValidationListener {
  onSnapshot(snapshot: DesignSnapshot): void;
  onReady(kinds: readonly KindSummary[], rgdJsonSchema: unknown): void;
  onError(message: string): void;
}

const EMPTY: QueryAnswer = { completions: [] };

/**
 * Main-thread side of the validation worker. Sends every text version, but keeps at most one validation in flight:
 * while the worker is busy only the newest text waits, so a burst of keystrokes costs one extra validation, not one
 * per key. Queries wait until the worker has validated the version they were asked for.
 */
export class ValidationClient {
  private inFlight: number | undefined;
  private queued: { version: number; text: string } | undefined;
  private validatedVersion = -1;
  /** The newest text version handed to `validate`; older versions are superseded. */
  private latestVersion = -1;
  private nextRequestId = 1;
  private readonly waiting: PendingQuery[] = [];
  private readonly sent = new Map<number, PendingQuery>();
  private readonly waitingRenders: PendingRender[] = [];
  private readonly sentRenders = new Map<number, PendingRender>();

  constructor(
    private readonly worker: Pick<Worker, 'postMessage' | 'terminate'> & { onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null },
    private readonly listener: ValidationListener,
  ) {
    worker.onmessage = (e) => this.receive(e.data);
  }

  validate(version: number, text: string): void {
    if (version > this.latestVersion) {
      this.latestVersion = version;
      for (let i = this.waiting.length - 1; i >= 0; i--) {
        if (this.waiting[i]!.version < version) this.waiting.splice(i, 1)[0]!.resolve(EMPTY);
      }
      for (let i = this.waitingRenders.length - 1; i >= 0; i--) {
        if (this.waitingRenders[i]!.version < version) this.waitingRenders.splice(i, 1)[0]!.resolve({});
      }
    }
    if (this.inFlight !== undefined) {
      this.queued = { version, text };
      return;
    }
    this.send({ type: 'validate', version, text });
    this.inFlight = version;
  }

  /** Type-checks later validations against these CRDs too (the selected cluster's); call `validate` again to apply. */
  setCrds(crds: readonly ClusterCrdText[]): void {
    this.send({ type: 'crds', crds });
  }

  /** Completion and hover at `offset` of text `version`; resolves empty when that version is superseded. */
  query(version: number, offset: number): Promise<QueryAnswer> {
    return new Promise((resolve) => {
      const q: PendingQuery = { requestId: this.nextRequestId++, version, offset, resolve };
      if (version === this.validatedVersion) this.sendQuery(q);
      else if (version < this.validatedVersion || version < this.latestVersion) resolve(EMPTY);
      else this.waiting.push(q);
    });
  }

  /**
   * Renders `instance` (YAML text) with the RGD of text `version`, once that version is validated; resolves empty
   * when the version is superseded, so a caller re-asks for the newest text.
   */
  render(version: number, instance: string): Promise<RenderAnswer> {
    return new Promise((resolve) => {
      const r: PendingRender = { requestId: this.nextRequestId++, version, instance, resolve };
      if (version === this.validatedVersion) this.sendRender(r);
      else if (version < this.validatedVersion || version < this.latestVersion) resolve({});
      else this.waitingRenders.push(r);
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const q of [...this.waiting, ...this.sent.values()]) q.resolve(EMPTY);
    this.waiting.length = 0;
    this.sent.clear();
    for (const r of [...this.waitingRenders, ...this.sentRenders.values()]) r.resolve({});
    this.waitingRenders.length = 0;
    this.sentRenders.clear();
  }

  private send(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }

  private sendQuery(q: PendingQuery): void {
    this.sent.set(q.requestId, q);
    this.send({ type: 'query', requestId: q.requestId, version: q.version, offset: q.offset });
  }

  private sendRender(r: PendingRender): void {
    this.sentRenders.set(r.requestId, r);
    this.send({ type: 'render', requestId: r.requestId, version: r.version, instance: r.instance });
  }

  private receive(msg: WorkerResponse): void {
    switch (msg.type) {
      case 'ready':
        this.listener.onReady(msg.kinds, msg.rgdJsonSchema);
        return;
      case 'error':
        this.inFlight = undefined;
        this.listener.onError(msg.message);
        this.flushQueued();
        return;
      case 'snapshot': {
        this.inFlight = undefined;
        this.validatedVersion = msg.snapshot.version;
        for (let i = this.waiting.length - 1; i >= 0; i--) {
          const q = this.waiting[i]!;
          if (q.version === this.validatedVersion) this.sendQuery(q);
          else if (q.version < this.validatedVersion) q.resolve(EMPTY);
          else continue;
          this.waiting.splice(i, 1);
        }
        for (let i = this.waitingRenders.length - 1; i >= 0; i--) {
          const r = this.waitingRenders[i]!;
          if (r.version === this.validatedVersion) this.sendRender(r);
          else if (r.version < this.validatedVersion) r.resolve({});
          else continue;
          this.waitingRenders.splice(i, 1);
        }
        this.flushQueued();
        this.listener.onSnapshot(msg.snapshot);
        return;
      }
      case 'query': {
        const q = this.sent.get(msg.requestId);
        if (!q) return;
        this.sent.delete(msg.requestId);
        q.resolve(msg.answered ? { completions: msg.completions, ...(msg.hover ? { hover: msg.hover } : {}) } : EMPTY);
        return;
      }
      case 'render': {
        const r = this.sentRenders.get(msg.requestId);
        if (!r) return;
        this.sentRenders.delete(msg.requestId);
        r.resolve({ ...(msg.preview ? { preview: msg.preview } : {}), ...(msg.error !== undefined ? { error: msg.error } : {}) });
        return;
      }
    }
  }

  private flushQueued(): void {
    const next = this.queued;
    if (!next) return;
    this.queued = undefined;
    this.validate(next.version, next.text);
  }
}

/** Starts the validation worker (a module worker bundled by Vite). */
export function createValidationWorker(): Worker {
  return new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module', name: 'validation' });
}
