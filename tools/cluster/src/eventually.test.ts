import { describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';

describe('eventually', () => {
  it('returns the first defined value', async () => {
    let n = 0;
    await expect(eventually(async () => (++n >= 3 ? n : undefined), { intervalMs: 1 })).resolves.toBe(3);
  });

  it('keeps polling through errors and reports the last one as the cause on timeout', async () => {
    const failure = eventually(
      async () => {
        throw new Error('still broken');
      },
      { timeoutMs: 30, intervalMs: 5, description: 'the thing' },
    );
    await expect(failure).rejects.toThrow(/waiting for the thing/);
    await expect(failure).rejects.toMatchObject({ cause: { message: 'still broken' } });
  });
});
