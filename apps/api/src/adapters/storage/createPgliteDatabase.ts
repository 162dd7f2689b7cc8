import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDatabase, SqlExecutor } from './SqlDatabase.js';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function executor(db: PgliteLike): SqlExecutor {
  return {
    query: async <R extends object>(sql: string, params: readonly unknown[] = []) => (await db.query<R>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
}

const LOCK_FILE = 'kro-designer.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; ESRCH: it is gone (a crashed server's stale lock).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the data directory for this process. PGlite is a single-process database: two servers writing one
 * directory would corrupt it, so a second one is refused while the first is alive. A lock left by a killed
 * process (its pid no longer runs) is taken over.
 */
function claim(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch (err) {
    // No lock file yet is the normal case; anything else (permissions) must stop the start.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${path}`, { cause: err });
  }
  if (holder !== undefined && Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
    throw new Error(`the data directory ${dataDir} is in use by another kro-designer (pid ${holder}); PGlite allows one process per directory`);
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

/**
 * Opens (creating when needed) an embedded PostgreSQL in `dataDir` (PGlite, PostgreSQL compiled to WebAssembly).
 * PGlite is one connection: statements and transactions queue behind each other, so transactions never interleave.
 */
export async function createPgliteDatabase(dataDir: string): Promise<SqlDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const release = claim(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir });
  } catch (err) {
    release();
    throw new Error(`cannot open the PGlite database in ${dataDir}`, { cause: err });
  }
  return {
    driver: 'pglite',
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: async () => {
      await db.close();
      release();
    },
  };
}
