import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './LoginRateLimiter.js';

describe('LoginRateLimiter', () => {
  it('blocks a username after its failures, until the window ends; success clears the user only', () => {
    let now = 0;
    const limiter = new LoginRateLimiter({ now: () => new Date(now) }, { maxFailuresPerUser: 2, maxFailuresPerClient: 3, windowMs: 10_000 });
    limiter.fail('ip1', 'ann');
    expect(limiter.retryAfter('ip1', 'ann')).toBe(0);
    limiter.fail('ip1', 'ann');
    expect(limiter.retryAfter('ip2', 'ann')).toBe(10);
    now = 4_000;
    expect(limiter.retryAfter('ip2', 'ann')).toBe(6);
    limiter.fail('ip1', 'bob');
    // The client reached 3 failures over two usernames.
    expect(limiter.retryAfter('ip1', 'carl')).toBe(6);
    limiter.succeed('ann');
    expect(limiter.retryAfter('ip2', 'ann')).toBe(0);
    now = 10_001;
    expect(limiter.retryAfter('ip1', 'carl')).toBe(0);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const limiter = new LoginRateLimiter({ now: () => new Date(0) }, { maxFailuresPerUser: 1, maxFailuresPerClient: 1, windowMs: 60_000 }, 100);
    for (let i = 0; i < 1000; i++) limiter.fail(`ip${i}`, `u${i}`);
    expect((limiter as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(100);
  });
});
