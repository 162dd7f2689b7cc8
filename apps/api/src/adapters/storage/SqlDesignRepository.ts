import type { NewAuditEntry } from '../../ports/AuditLog.js';
import type {
  ConditionalResult, DesignChange, DesignHead, DesignQuery, DesignRecord, DesignRepository, DraftRecord, NewDesign, RevisionRecord,
  RevisionSummaryRecord,
} from '../../ports/DesignRepository.js';
import { insertAudit } from './SqlAuditLog.js';
import type { SqlDatabase, SqlExecutor } from './SqlDatabase.js';

interface HeadRow {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  kind: string | null;
  revision: number;
  version: number;
  content_hash: string;
  valid: boolean;
  error_count: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

interface RevisionRow {
  revision: number;
  content_hash: string;
  author: string;
  message: string;
  created_at: Date;
  restored_from: number | null;
  size: number;
  yaml?: string;
}

interface DraftRow {
  design_id: string;
  author: string;
  yaml: string;
  content_hash: string;
  base_revision: number;
  version: number;
  updated_at: Date;
}

const HEAD_COLUMNS = 'd.id, d.workspace_id, d.name, d.description, d.kind, d.revision, d.version, d.content_hash, d.valid, d.error_count, d.created_at, d.created_by, d.updated_at, d.updated_by';

const toHead = (r: HeadRow): DesignHead => ({
  id: r.id,
  workspace: r.workspace_id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  revision: r.revision,
  version: r.version,
  contentHash: r.content_hash,
  valid: r.valid,
  errorCount: r.error_count,
  createdAt: new Date(r.created_at),
  createdBy: r.created_by,
  updatedAt: new Date(r.updated_at),
  updatedBy: r.updated_by,
});

const toRevision = (r: RevisionRow): RevisionSummaryRecord => ({
  revision: r.revision,
  contentHash: r.content_hash,
  author: r.author,
  message: r.message,
  createdAt: new Date(r.created_at),
  restoredFrom: r.restored_from,
  size: r.size,
});

const toDraft = (r: DraftRow): DraftRecord => ({
  designId: r.design_id,
  author: r.author,
  yaml: r.yaml,
  contentHash: r.content_hash,
  baseRevision: r.base_revision,
  version: r.version,
  updatedAt: new Date(r.updated_at),
});

const SORT_COLUMNS = { name: 'lower(d.name)', createdAt: 'd.created_at', updatedAt: 'd.updated_at' } as const;

/** Escapes LIKE wildcards so a search for `50%` finds the text `50%`. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The DesignRepository in SQL, shared by PGlite and PostgreSQL. */
export class SqlDesignRepository implements DesignRepository {
  constructor(private readonly db: SqlDatabase) {}

  async create(design: NewDesign, audit: NewAuditEntry): Promise<DesignRecord> {
    return this.db.transaction(async (tx) => {
      const c = design.content;
      await tx.query(
        `INSERT INTO designs (id, workspace_id, name, description, kind, revision, version, content_hash, valid, error_count, created_at, created_by, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, 1, 1, $6, $7, $8, $9, $10, $9, $10)`,
        [design.id, design.workspace, design.name, design.description, c.kind, c.contentHash, c.valid, c.errorCount, design.at, design.author],
      );
      await insertRevision(tx, design.id, 1, c, design.author, design.at);
      await insertAudit(tx, { ...audit, designId: design.id, revision: 1 });
      return (await readDesign(tx, design.id))!;
    });
  }

  get(id: string): Promise<DesignRecord | undefined> {
    return readDesign(this.db, id);
  }

  async getHead(id: string): Promise<DesignHead | undefined> {
    const rows = await this.db.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM designs d WHERE d.id = $1`, [id]);
    return rows[0] ? toHead(rows[0]) : undefined;
  }

  async list(query: DesignQuery): Promise<{ items: DesignHead[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.workspaces !== undefined) {
      params.push([...query.workspaces]);
      where.push(`d.workspace_id = ANY($${params.length}::text[])`);
    }
    if (query.text) {
      params.push(likePattern(query.text));
      const p = `$${params.length}`;
      where.push(`(d.name ILIKE ${p} OR d.description ILIKE ${p} OR coalesce(d.kind, '') ILIKE ${p})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_COLUMNS[query.sort]} ${query.order === 'asc' ? 'ASC' : 'DESC'}, d.id ASC`;
    const countRows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM designs d ${clause}`, params);
    const rows = await this.db.query<HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM designs d ${clause} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(toHead), total: countRows[0]?.n ?? 0 };
  }

  async update(id: string, expectedVersion: number, change: DesignChange, audit: NewAuditEntry): Promise<ConditionalResult<DesignRecord>> {
    return this.db.transaction(async (tx) => {
      const c = change.content;
      // Compare-and-set on the head row: the row lock makes a concurrent writer wait, then fail this WHERE.
      const updated = await tx.query<{ revision: number }>(
        `UPDATE designs SET
           name = coalesce($3, name),
           description = coalesce($4, description),
           revision = revision + $5,
           version = version + 1,
           kind = CASE WHEN $5 = 1 THEN $6 ELSE kind END,
           content_hash = coalesce($7, content_hash),
           valid = coalesce($8, valid),
           error_count = coalesce($9, error_count),
           updated_at = $10,
           updated_by = $11
         WHERE id = $1 AND version = $2
         RETURNING revision`,
        [id, expectedVersion, change.name ?? null, change.description ?? null, c ? 1 : 0, c?.kind ?? null, c?.contentHash ?? null, c?.valid ?? null, c?.errorCount ?? null, change.at, change.author],
      );
      if (updated.length === 0) {
        const rows = await tx.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM designs d WHERE d.id = $1`, [id]);
        return { ok: false, current: rows[0] ? toHead(rows[0]) : undefined };
      }
      const revision = updated[0]!.revision;
      if (c) {
        await insertRevision(tx, id, revision, c, change.author, change.at);
        await tx.query('DELETE FROM drafts WHERE design_id = $1 AND author = $2', [id, change.author]);
      }
      await insertAudit(tx, { ...audit, designId: id, revision });
      return { ok: true, value: (await readDesign(tx, id))! };
    });
  }

  async delete(id: string, expectedVersion: number, audit: NewAuditEntry): Promise<ConditionalResult<null>> {
    return this.db.transaction(async (tx) => {
      const deleted = await tx.query<{ revision: number }>('DELETE FROM designs WHERE id = $1 AND version = $2 RETURNING revision', [id, expectedVersion]);
      if (deleted.length === 0) {
        const rows = await tx.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM designs d WHERE d.id = $1`, [id]);
        return { ok: false, current: rows[0] ? toHead(rows[0]) : undefined };
      }
      await insertAudit(tx, { ...audit, designId: id, revision: deleted[0]!.revision });
      return { ok: true, value: null };
    });
  }

  async listRevisions(id: string, limit: number, offset: number): Promise<{ items: RevisionSummaryRecord[]; total: number }> {
    // Revisions are numbered 1..head without gaps, so the head's number is the count.
    const head = await this.db.query<{ revision: number }>('SELECT revision FROM designs WHERE id = $1', [id]);
    const rows = await this.db.query<RevisionRow>(
      `SELECT revision, content_hash, author, message, created_at, restored_from, size FROM revisions
       WHERE design_id = $1 ORDER BY revision DESC LIMIT $2 OFFSET $3`,
      [id, limit, offset],
    );
    return { items: rows.map(toRevision), total: head[0]?.revision ?? 0 };
  }

  async getRevision(id: string, revision: number): Promise<RevisionRecord | undefined> {
    const rows = await this.db.query<RevisionRow>(
      'SELECT revision, content_hash, author, message, created_at, restored_from, size, yaml FROM revisions WHERE design_id = $1 AND revision = $2',
      [id, revision],
    );
    const r = rows[0];
    return r ? { ...toRevision(r), yaml: r.yaml ?? '' } : undefined;
  }

  async getDraft(id: string, author: string): Promise<DraftRecord | undefined> {
    const rows = await this.db.query<DraftRow>('SELECT * FROM drafts WHERE design_id = $1 AND author = $2', [id, author]);
    return rows[0] ? toDraft(rows[0]) : undefined;
  }

  async saveDraft(draft: Omit<DraftRecord, 'version'>, expectedVersion?: number) {
    return this.db.transaction(async (tx): Promise<{ ok: true; value: DraftRecord } | { ok: false; current: DraftRecord | undefined }> => {
      const params = [draft.designId, draft.author, draft.yaml, draft.contentHash, draft.baseRevision, draft.updatedAt];
      const rows =
        expectedVersion === undefined
          ? await tx.query<DraftRow>(
              `INSERT INTO drafts (design_id, author, yaml, content_hash, base_revision, version, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6)
               ON CONFLICT (design_id, author) DO UPDATE SET yaml = EXCLUDED.yaml, content_hash = EXCLUDED.content_hash,
                 base_revision = EXCLUDED.base_revision, version = drafts.version + 1, updated_at = EXCLUDED.updated_at
               RETURNING *`,
              params,
            )
          : await tx.query<DraftRow>(
              `UPDATE drafts SET yaml = $3, content_hash = $4, base_revision = $5, version = version + 1, updated_at = $6
               WHERE design_id = $1 AND author = $2 AND version = $7 RETURNING *`,
              [...params, expectedVersion],
            );
      if (rows[0]) return { ok: true, value: toDraft(rows[0]) };
      const current = await tx.query<DraftRow>('SELECT * FROM drafts WHERE design_id = $1 AND author = $2', [draft.designId, draft.author]);
      return { ok: false, current: current[0] ? toDraft(current[0]) : undefined };
    });
  }

  async deleteDraft(id: string, author: string): Promise<boolean> {
    const rows = await this.db.query<{ design_id: string }>('DELETE FROM drafts WHERE design_id = $1 AND author = $2 RETURNING design_id', [id, author]);
    return rows.length > 0;
  }
}

async function insertRevision(tx: SqlExecutor, id: string, revision: number, c: NewDesign['content'], author: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO revisions (design_id, revision, content_hash, yaml, size, author, message, restored_from, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, revision, c.contentHash, c.yaml, c.yaml.length, author, c.message, c.restoredFrom ?? null, at],
  );
}

async function readDesign(db: SqlExecutor, id: string): Promise<DesignRecord | undefined> {
  const rows = await db.query<HeadRow & { yaml: string }>(
    `SELECT ${HEAD_COLUMNS}, r.yaml FROM designs d JOIN revisions r ON r.design_id = d.id AND r.revision = d.revision WHERE d.id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { ...toHead(r), yaml: r.yaml } : undefined;
}
