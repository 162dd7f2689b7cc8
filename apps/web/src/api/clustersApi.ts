import type { ClusterStatus, ClusterSummary, DeployPlan, Deployment, InstanceSummary, LiveInstance, Problem, RgdOnCluster } from '@kro-designer/contracts';
import { errorMessage } from '../ui/errorMessage';
import { ApiError } from './designsApi';

type Fetch = typeof fetch;

/** What the designer sends to deploy: the text, the stored design revision it came from, the breaking-change choice. */
export interface DeployInput {
  readonly yaml: string;
  readonly designId?: string;
  readonly revision?: number;
  readonly allowBreakingChanges: boolean;
}

/** Where one instance lives: its RGD on a cluster, its namespace (absent for cluster-scoped kinds) and name. */
export interface InstanceRef {
  readonly cluster: string;
  readonly rgd: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

const seg = encodeURIComponent;

/** A list body: `{ items }` is the API's convention; a bare array is accepted so the client is not brittle about it. */
function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** The path of one instance; cluster-scoped instances use `_` as their namespace segment. */
export function instancePath(ref: InstanceRef): string {
  return `/api/clusters/${seg(ref.cluster)}/rgds/${seg(ref.rgd)}/instances/${seg(ref.namespace ?? '_')}/${seg(ref.name)}`;
}

/** Typed client of the clusters, deploy and instances routes (`/api/clusters…`). Credentials stay on the server. */
export class ClustersApi {
  constructor(private readonly fetchFn: Fetch = (input, init) => fetch(input, init)) {}

  async list(): Promise<ClusterSummary[]> {
    return itemsOf<ClusterSummary>(await this.request('GET', '/api/clusters'));
  }

  status(cluster: string): Promise<ClusterStatus> {
    return this.request<ClusterStatus>('GET', `/api/clusters/${seg(cluster)}/status`);
  }

  /** Server-side dry-run, CRD comparison and RBAC check of `yaml` against `cluster`. */
  plan(cluster: string, yaml: string): Promise<DeployPlan> {
    return this.request<DeployPlan>('POST', `/api/clusters/${seg(cluster)}/deploy/plan`, { yaml });
  }

  deploy(cluster: string, input: DeployInput): Promise<Deployment> {
    return this.request<Deployment>('POST', `/api/clusters/${seg(cluster)}/deployments`, input);
  }

  deployment(cluster: string, id: string): Promise<Deployment> {
    return this.request<Deployment>('GET', `/api/clusters/${seg(cluster)}/deployments/${seg(id)}`);
  }

  /** The RGD as the cluster has it, or undefined when it is not deployed there. */
  async rgd(cluster: string, name: string): Promise<RgdOnCluster | undefined> {
    try {
      return await this.request<RgdOnCluster>('GET', `/api/clusters/${seg(cluster)}/rgds/${seg(name)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  async instances(cluster: string, rgd: string): Promise<InstanceSummary[]> {
    return itemsOf<InstanceSummary>(await this.request('GET', `/api/clusters/${seg(cluster)}/rgds/${seg(rgd)}/instances`));
  }

  /** Creates or updates an instance by server-side apply of its YAML. */
  applyInstance(ref: InstanceRef, yaml: string): Promise<InstanceSummary> {
    return this.request<InstanceSummary>('PUT', instancePath(ref), { yaml });
  }

  deleteInstance(ref: InstanceRef): Promise<unknown> {
    return this.request('DELETE', instancePath(ref));
  }

  /** The instance's live view once (the stream sends the same as its first `snapshot`). */
  live(ref: InstanceRef): Promise<LiveInstance> {
    return this.request<LiveInstance>('GET', instancePath(ref));
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchFn(path, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ApiError(`The server cannot be reached (${errorMessage(cause)})`, 0);
    }
    const type = res.headers.get('content-type') ?? '';
    const payload: unknown = type.includes('json') ? await res.json() : undefined;
    if (!res.ok) {
      const problem = payload as Problem | undefined;
      const fallback = res.status === 404 && !type.includes('json') ? `${method} ${path}: this server has no such route yet` : `${method} ${path} failed with HTTP ${res.status}`;
      throw new ApiError(problem?.detail ?? problem?.title ?? fallback, res.status, problem);
    }
    return payload as T;
  }
}
