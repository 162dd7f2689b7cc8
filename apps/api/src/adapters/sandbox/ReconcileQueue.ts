import type { SandboxScheduler } from './SandboxScheduler.js';

/**
 * A controller work queue: keys are deduplicated, each reconciles at most once at a time, and the earliest requested
 * time wins. A reconcile that throws is retried with backoff (and reported), as controller-runtime does.
 */
export class ReconcileQueue {
  private readonly due = new Map<string, { at: number; cancel: () => void }>();
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly scheduler: SandboxScheduler,
    private readonly reconcile: (key: string) => void,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  enqueue(key: string, delayMs = 0): void {
    if (this.stopped) return;
    const at = this.scheduler.now().getTime() + delayMs;
    const existing = this.due.get(key);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const cancel = this.scheduler.schedule(delayMs, () => this.run(key));
    this.due.set(key, { at, cancel });
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.due.values()) d.cancel();
    this.due.clear();
  }

  private run(key: string): void {
    this.due.delete(key);
    if (this.stopped) return;
    try {
      this.reconcile(key);
      this.failures.delete(key);
    } catch (error) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.onError(key, error);
      this.enqueue(key, Math.min(5 * 2 ** n, 30_000));
    }
  }
}
