import type { Clock } from '../ports/Clock.js';

export interface RateLimitPolicy {
  /** Failed attempts allowed per username within the window (guessing one account's password). */
  readonly maxFailuresPerUser: number;
  /** Failed attempts allowed per client address within the window (trying many accounts). */
  readonly maxFailuresPerClient: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitPolicy = { maxFailuresPerUser: 10, maxFailuresPerClient: 50, windowMs: 15 * 60_000 };

/**
 * Counts failed logins per username and per client address in a fixed window. Kept in memory: one process serves
 * the API, and a restart forgiving counts is acceptable for a brute-force brake. Bounded so a flood of distinct keys
 * cannot grow it without limit.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: RateLimitPolicy = DEFAULT_LOGIN_RATE_LIMIT,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until this client may try this username again, or 0 when neither is blocked. */
  retryAfter(client: string, username: string): number {
    return Math.max(this.wait(`client:${client}`, this.policy.maxFailuresPerClient), this.wait(`user:${username}`, this.policy.maxFailuresPerUser));
  }

  fail(client: string, username: string): void {
    const now = this.clock.now().getTime();
    if (this.failures.size >= this.maxKeys) this.prune(now);
    for (const key of [`client:${client}`, `user:${username}`]) {
      const entry = this.failures.get(key);
      if (!entry || entry.resetAt <= now) this.failures.set(key, { count: 1, resetAt: now + this.policy.windowMs });
      else entry.count++;
    }
  }

  /**
   * Forgets the username's failures. The client's count stays: otherwise an attacker holding one valid account
   * could reset their budget between guesses at others.
   */
  succeed(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private wait(key: string, max: number): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const now = this.clock.now().getTime();
    if (entry.resetAt <= now) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= max ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
    // Still full of live entries: drop the oldest half rather than stop counting (a Map keeps insertion order).
    if (this.failures.size >= this.maxKeys) {
      let drop = Math.floor(this.maxKeys / 2);
      for (const key of this.failures.keys()) {
        if (drop-- <= 0) break;
        this.failures.delete(key);
      }
    }
  }
}
