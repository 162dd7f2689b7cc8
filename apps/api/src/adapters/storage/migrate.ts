import { MIGRATIONS, type Migration } from './migrations.js';
import type { SqlDatabase } from './SqlDatabase.js';

// Arbitrary but fixed: every kro-designer process migrating the same database takes this advisory lock.
const MIGRATION_LOCK = 7_302_114;

/** Raised when the database was migrated by a newer kro-designer than this one. */
export class SchemaTooNewError extends Error {}

/**
 * Applies the migrations the database has not seen yet, in one transaction under an advisory lock, so several
 * servers starting together against one PostgreSQL migrate once. Returns the versions applied.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const applied = new Set(rows.map((r) => r.version));
    const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
    const unknown = rows.filter((r) => r.version > newest);
    if (unknown.length > 0) {
      throw new SchemaTooNewError(
        `the database schema is at version ${unknown[unknown.length - 1]!.version} but this kro-designer knows versions up to ${newest}; run a newer kro-designer or restore a backup`,
      );
    }
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
}
