import type { Clock } from '../ports/Clock.js';

export interface RateLimitPolicy {
  /** Failed attempts allowed per key within the window. */
  readonly maxFailures: number;
  readonly windowMs: number;
}

/**
 * Counts failed logins per key (client address, and username) in a fixed window. Kept in memory: one process
 * serves the API, and a restart forgiving counts is acceptable for a brute-force brake. Bounded so a flood of
 * distinct keys cannot grow it without limit.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: RateLimitPolicy = { maxFailures: 10, windowMs: 15 * 60_000 },
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until `keys` may try again, or 0 when none of them is blocked. */
  retryAfter(keys: readonly string[]): number {
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (!entry) continue;
      if (entry.resetAt <= now) this.failures.delete(key);
      else if (entry.count >= this.policy.maxFailures) wait = Math.max(wait, Math.ceil((entry.resetAt - now) / 1000));
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    const now = this.clock.now().getTime();
    if (this.failures.size >= this.maxKeys) this.prune(now);
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (!entry || entry.resetAt <= now) this.failures.set(key, { count: 1, resetAt: now + this.policy.windowMs });
      else entry.count++;
    }
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
    // Still full of live entries: drop the oldest half rather than refuse to count (Map keeps insertion order).
    if (this.failures.size >= this.maxKeys) {
      let drop = Math.floor(this.maxKeys / 2);
      for (const key of this.failures.keys()) {
        if (drop-- <= 0) break;
        this.failures.delete(key);
      }
    }
  }
}
