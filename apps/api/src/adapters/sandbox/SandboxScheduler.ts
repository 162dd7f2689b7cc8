/**
 * Time for the sandbox: its controllers and simulated workloads never call `setTimeout` or `Date.now` directly, so
 * tests drive them with {@link FakeScheduler} and stay deterministic.
 */
export interface SandboxScheduler {
  now(): Date;
  /** Runs `task` after `delayMs`; returns a cancel function. */
  schedule(delayMs: number, task: () => void): () => void;
}

/** Wall-clock time and `setTimeout`, for the running server. */
export function realScheduler(): SandboxScheduler {
  return {
    now: () => new Date(),
    schedule(delayMs, task) {
      const handle = setTimeout(task, delayMs);
      // A pending reconcile must not keep the process alive on shutdown.
      handle.unref();
      return () => clearTimeout(handle);
    },
  };
}

interface FakeTask {
  readonly at: number;
  readonly seq: number;
  readonly task: () => void;
  cancelled: boolean;
}

/** Manual time for tests: nothing runs until {@link advance} (or {@link runUntilIdle}) is called. */
export class FakeScheduler implements SandboxScheduler {
  private time: number;
  private seq = 0;
  private tasks: FakeTask[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.time = start;
  }

  now(): Date {
    return new Date(this.time);
  }

  schedule(delayMs: number, task: () => void): () => void {
    const entry: FakeTask = { at: this.time + Math.max(0, delayMs), seq: this.seq++, task, cancelled: false };
    this.tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Moves time forward by `ms`, running every task that falls due, in time order (then scheduling order). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      next.task();
    }
    this.time = target;
  }

  /** Tasks not yet run. */
  get pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length;
  }

  private nextDue(limit: number): FakeTask | undefined {
    this.tasks = this.tasks.filter((t) => !t.cancelled);
    let best: FakeTask | undefined;
    for (const t of this.tasks) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    if (best) best.cancelled = true;
    return best;
  }
}
