/** Timers and randomness the live services use, injected so tests can drive backoff and linger deterministically. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A number in [0, 1), for backoff jitter. */
  random(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending backoff or linger timer must never keep the process alive on shutdown.
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
  random: () => Math.random(),
};

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter" (half fixed, half random) so
 * many watches failing together (an API server restart) do not come back in lock step, yet never retry at once.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  return Math.round(base / 2 + (base / 2) * random());
}
