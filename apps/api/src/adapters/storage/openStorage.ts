import { createPgliteDatabase } from './createPgliteDatabase.js';
import { createPostgresDatabase } from './createPostgresDatabase.js';
import { migrate } from './migrate.js';
import { SqlAccessRepository } from './SqlAccessRepository.js';
import { SqlAuditLog } from './SqlAuditLog.js';
import type { SqlDatabase } from './SqlDatabase.js';
import { SqlDesignRepository } from './SqlDesignRepository.js';
import { SqlDeploymentRepository } from './SqlDeploymentRepository.js';

export type StorageConfig =
  | { readonly driver: 'pglite'; readonly dataDir: string }
  | { readonly driver: 'postgres'; readonly connectionString: string; readonly schema?: string; readonly onIdleError?: (err: Error) => void };

/** Everything the services need from storage, over one database. */
export interface Storage {
  readonly db: SqlDatabase;
  readonly designs: SqlDesignRepository;
  readonly access: SqlAccessRepository;
  readonly audit: SqlAuditLog;
  readonly deployments: SqlDeploymentRepository;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the configured database, applies pending migrations and wires the repositories. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  const db = config.driver === 'pglite' ? await createPgliteDatabase(config.dataDir) : await createPostgresDatabase(config);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    db,
    designs: new SqlDesignRepository(db),
    access: new SqlAccessRepository(db),
    audit: new SqlAuditLog(db),
    deployments: new SqlDeploymentRepository(db),
    ping: async () => {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}
