import type { AuditLog, AuditRecord, NewAuditEntry } from '../../ports/AuditLog.js';
import type { SqlDatabase, SqlExecutor } from './SqlDatabase.js';

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  workspace_id: string | null;
  design_id: string | null;
  revision: number | null;
  details: Record<string, unknown>;
}

/** Inserts one audit entry with the caller's executor, so it commits with the change it records. */
export async function insertAudit(tx: SqlExecutor, e: NewAuditEntry): Promise<void> {
  await tx.query(
    'INSERT INTO audit_log (at, actor, action, workspace_id, design_id, revision, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)',
    [e.at, e.actor, e.action, e.workspace, e.designId ?? null, e.revision ?? null, JSON.stringify(e.details ?? {})],
  );
}

export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlDatabase) {}

  append(entry: NewAuditEntry): Promise<void> {
    return insertAudit(this.db, entry);
  }

  async list(query: { workspace: string; designId?: string; limit: number; offset: number }): Promise<{ items: AuditRecord[]; total: number }> {
    const params: unknown[] = [query.workspace];
    let where = 'workspace_id = $1';
    if (query.designId) {
      params.push(query.designId);
      where += ' AND design_id = $2';
    }
    const total = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, params);
    const rows = await this.db.query<AuditRow>(
      `SELECT id::text AS id, at, actor, action, workspace_id, design_id, revision, details FROM audit_log WHERE ${where}
       ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at),
        actor: r.actor,
        action: r.action,
        workspace: r.workspace_id,
        designId: r.design_id,
        revision: r.revision,
        details: r.details,
      })),
      total: total[0]?.n ?? 0,
    };
  }
}
