import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase } from './createPgliteDatabase.js';

describe('createPgliteDatabase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kro-designer-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a data directory another live process holds, and takes over a dead one\'s lock', async () => {
    const first = await createPgliteDatabase(dir);
    await expect(createPgliteDatabase(dir)).rejects.toThrow(/is in use by another kro-designer \(pid \d+\)/);
    await first.close();
    // A pid that cannot be running: what kill -9 leaves behind.
    writeFileSync(join(dir, 'kro-designer.lock'), '2147483646');
    const second = await createPgliteDatabase(dir);
    expect(await second.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.close();
  });
});
