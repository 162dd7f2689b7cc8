import type { ClusterSummary } from '@kro-designer/contracts';
import { ClusterError, type ClusterConnection, type ClusterGateway } from '../ports/ClusterGateway.js';

/** A gateway with one fixed connection (the sandbox), listed under its own summary. */
export interface FixedCluster {
  readonly summary: ClusterSummary;
  readonly connection: ClusterConnection;
}

/**
 * Joins fixed connections (the sandbox first) and whole gateways (kubeconfig contexts) into one list. An id is
 * answered by the first member that has it, so a kubeconfig context named like the sandbox cannot shadow it.
 */
export class CompositeClusterGateway implements ClusterGateway {
  constructor(
    private readonly fixed: readonly FixedCluster[],
    private readonly gateways: readonly ClusterGateway[] = [],
  ) {}

  async list(): Promise<readonly ClusterSummary[]> {
    const seen = new Set(this.fixed.map((f) => f.summary.id));
    const out: ClusterSummary[] = this.fixed.map((f) => f.summary);
    for (const g of this.gateways) {
      for (const s of await g.list()) {
        if (seen.has(s.id)) continue;
        seen.add(s.id);
        out.push(s);
      }
    }
    return out;
  }

  connect(id: string): ClusterConnection {
    const fixed = this.fixed.find((f) => f.summary.id === id);
    if (fixed) return fixed.connection;
    for (const g of this.gateways) {
      try {
        return g.connect(id);
      } catch (err) {
        if (err instanceof ClusterError && err.code === 404) continue;
        throw err;
      }
    }
    throw new ClusterError(`no cluster ${id}`, 404, 'NotFound');
  }
}
