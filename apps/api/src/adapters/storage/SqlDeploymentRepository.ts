import type { DeploymentProgress, DeploymentRecord, DeploymentRepository } from '../../ports/DeploymentRepository.js';
import type { SqlDatabase } from './SqlDatabase.js';

interface Row {
  id: string;
  cluster: string;
  rgd_name: string;
  design_id: string | null;
  revision: number | null;
  workspace_id: string | null;
  yaml: string;
  applied_spec: unknown;
  state: DeploymentRecord['state'];
  steps: DeploymentRecord['steps'];
  diagnostics: DeploymentRecord['diagnostics'];
  started_at: Date;
  updated_at: Date;
  created_by: string;
}

const COLUMNS = 'id, cluster, rgd_name, design_id, revision, workspace_id, yaml, applied_spec, state, steps, diagnostics, started_at, updated_at, created_by';

function fromRow(r: Row): DeploymentRecord {
  return {
    id: r.id,
    cluster: r.cluster,
    rgdName: r.rgd_name,
    ...(r.design_id !== null ? { designId: r.design_id } : {}),
    ...(r.revision !== null ? { revision: r.revision } : {}),
    ...(r.workspace_id !== null ? { workspace: r.workspace_id } : {}),
    yaml: r.yaml,
    ...(r.applied_spec !== null && r.applied_spec !== undefined ? { appliedSpec: r.applied_spec } : {}),
    state: r.state,
    steps: r.steps,
    diagnostics: r.diagnostics,
    startedAt: new Date(r.started_at),
    updatedAt: new Date(r.updated_at),
    by: r.created_by,
  };
}

export class SqlDeploymentRepository implements DeploymentRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(d: DeploymentRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO deployments (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb, $11::jsonb, $12, $13, $14)`,
      [
        d.id, d.cluster, d.rgdName, d.designId ?? null, d.revision ?? null, d.workspace ?? null, d.yaml,
        d.appliedSpec === undefined ? null : JSON.stringify(d.appliedSpec), d.state, JSON.stringify(d.steps), JSON.stringify(d.diagnostics),
        d.startedAt, d.updatedAt, d.by,
      ],
    );
  }

  async update(id: string, p: DeploymentProgress): Promise<void> {
    await this.db.query(
      `UPDATE deployments SET state = $2, steps = $3::jsonb, diagnostics = $4::jsonb, updated_at = $5,
         applied_spec = COALESCE($6::jsonb, applied_spec) WHERE id = $1`,
      [id, p.state, JSON.stringify(p.steps), JSON.stringify(p.diagnostics), p.updatedAt, p.appliedSpec === undefined ? null : JSON.stringify(p.appliedSpec)],
    );
  }

  async get(id: string): Promise<DeploymentRecord | undefined> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM deployments WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async latestApplied(cluster: string, rgdName: string): Promise<DeploymentRecord | undefined> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM deployments WHERE cluster = $1 AND rgd_name = $2 AND applied_spec IS NOT NULL ORDER BY started_at DESC, updated_at DESC LIMIT 1`,
      [cluster, rgdName],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }
}
