import type { ClusterSummary } from '@kro-designer/contracts';
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ClusterError, type ClusterConnection, type ClusterGateway } from '../../ports/ClusterGateway.js';
import { KubeClusterConnection } from './KubeClusterConnection.js';

/** The id of the cluster the server runs in (in-cluster service account). */
export const IN_CLUSTER_ID = 'in-cluster';

export interface KubeGatewaySource {
  readonly kind: 'kubeconfig' | 'in-cluster' | 'none';
  /** Files read (kubeconfig), for the start-up log. */
  readonly files: readonly string[];
}

/**
 * Clusters from a kubeconfig (every context) or from the in-cluster service account. Only names, server URLs and
 * default namespaces leave this class; users, tokens and certificates stay in the server.
 */
export class KubeconfigGateway implements ClusterGateway {
  private readonly connections = new Map<string, ClusterConnection>();

  constructor(
    private readonly kc: KubeConfig,
    readonly source: KubeGatewaySource,
  ) {}

  async list(): Promise<readonly ClusterSummary[]> {
    if (this.source.kind === 'none') return [];
    const current = this.kc.getCurrentContext();
    return this.kc.getContexts().map((ctx) => {
      const cluster = this.kc.getCluster(ctx.cluster);
      const server = cluster ? withoutCredentials(cluster.server) : undefined;
      const id = this.source.kind === 'in-cluster' ? IN_CLUSTER_ID : ctx.name;
      return {
        id,
        name: this.source.kind === 'in-cluster' ? 'This cluster (in-cluster)' : ctx.name,
        source: this.source.kind === 'in-cluster' ? 'in-cluster' : 'kubeconfig',
        simulated: false,
        ...(server ? { server } : {}),
        ...(ctx.namespace ? { namespace: ctx.namespace } : {}),
        current: ctx.name === current,
      } satisfies ClusterSummary;
    });
  }

  /** Whether this gateway knows `id`. */
  has(id: string): boolean {
    if (this.source.kind === 'none') return false;
    if (this.source.kind === 'in-cluster') return id === IN_CLUSTER_ID;
    return this.kc.getContextObject(id) !== null;
  }

  connect(id: string): ClusterConnection {
    const hit = this.connections.get(id);
    if (hit) return hit;
    if (!this.has(id)) throw new ClusterError(`no cluster ${id}: not a context of the kubeconfig`, 404, 'NotFound');
    const contextName = this.source.kind === 'in-cluster' ? this.kc.getCurrentContext() : id;
    const scoped = new KubeConfig();
    scoped.loadFromOptions({ clusters: this.kc.getClusters(), users: this.kc.getUsers(), contexts: this.kc.getContexts(), currentContext: contextName });
    const connection = new KubeClusterConnection(id, scoped);
    this.connections.set(id, connection);
    return connection;
  }
}

/** The API server URL without any user-info part, so nothing secret is shown. */
function withoutCredentials(server: string): string {
  try {
    const u = new URL(server);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return server;
  }
}

/**
 * Loads the clusters the server may reach: `KUBECONFIG` (colon-separated files), else `~/.kube/config`, else the
 * in-cluster service account when `KUBERNETES_SERVICE_HOST` is set; an empty gateway when none exists.
 */
export function loadKubeGateway(env: Record<string, string | undefined>): KubeconfigGateway {
  const kc = new KubeConfig();
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f.trim() !== '');
  const home = env.HOME ?? homedir();
  const defaultFile = join(home, '.kube', 'config');
  const files = fromEnv.length > 0 ? fromEnv.filter((f) => existsSync(f)) : existsSync(defaultFile) ? [defaultFile] : [];
  if (files.length > 0) {
    const [first, ...rest] = files;
    kc.loadFromFile(first!);
    for (const f of rest) {
      const more = new KubeConfig();
      more.loadFromFile(f);
      kc.mergeConfig(more, true);
    }
    return new KubeconfigGateway(kc, { kind: 'kubeconfig', files });
  }
  if (env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
    return new KubeconfigGateway(kc, { kind: 'in-cluster', files: [] });
  }
  return new KubeconfigGateway(kc, { kind: 'none', files: [] });
}
