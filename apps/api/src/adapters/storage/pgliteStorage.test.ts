import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageContract } from './storageContract.js';
import { openStorage } from './openStorage.js';

describeStorageContract('PGlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kro-designer-pglite-'));
  const storage = await openStorage({ driver: 'pglite', dataDir: dir });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
