/** Options for {@link eventually}. */
export interface EventuallyOptions {
  /** Give up after this long. Default 60 000 ms. */
  readonly timeoutMs?: number;
  /** Pause between attempts. Default 250 ms. */
  readonly intervalMs?: number;
  /** Names the awaited condition in the timeout error. */
  readonly description?: string;
}

/**
 * Calls `probe` until it returns a value other than `undefined`, and returns that value.
 * Controllers converge asynchronously, so cluster tests poll instead of sleeping. A probe that
 * throws is treated like one that returned `undefined`; the last error is the timeout error's
 * `cause`, so a test that never converges explains why.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, options: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 250, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${description}`, { cause: lastError });
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
