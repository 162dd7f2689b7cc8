import type { Deployment } from '@kro-designer/contracts';

/** A deploy of an RGD to a cluster as stored: the contract's view plus what drift and audit need. */
export interface DeploymentRecord {
  readonly id: string;
  readonly cluster: string;
  readonly rgdName: string;
  readonly designId?: string;
  readonly revision?: number;
  readonly workspace?: string;
  readonly yaml: string;
  /** The RGD `spec` as the API server stored it after the apply (defaults filled); absent until applied. */
  readonly appliedSpec?: unknown;
  readonly state: Deployment['state'];
  readonly steps: Deployment['steps'];
  readonly diagnostics: Deployment['diagnostics'];
  readonly startedAt: Date;
  readonly updatedAt: Date;
  readonly by: string;
}

export type DeploymentProgress = Pick<DeploymentRecord, 'state' | 'steps' | 'diagnostics' | 'updatedAt'> & { readonly appliedSpec?: unknown };

/** Deploys per cluster: the revision last deployed and its progress. */
export interface DeploymentRepository {
  insert(record: DeploymentRecord): Promise<void>;
  update(id: string, progress: DeploymentProgress): Promise<void>;
  get(id: string): Promise<DeploymentRecord | undefined>;
  /** The newest deploy of an RGD to a cluster that reached the API server (has an applied spec). */
  latestApplied(cluster: string, rgdName: string): Promise<DeploymentRecord | undefined>;
}
