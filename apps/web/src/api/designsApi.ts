import type { ClusterCrdList, Design, DesignList, DiffResponse, Draft, Problem, Revision, RevisionList, StoredKindList } from '@kro-designer/contracts';
import { errorMessage } from '../ui/errorMessage';

/** Whether the designer can store designs: the API answered, needs a sign-in, or is not there (e.g. `vite preview`). */
export type ServerAvailability = 'checking' | 'available' | 'login-required' | 'unavailable';

/** An HTTP failure with the server's problem+json explanation, when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem?: Problem,
    options?: ErrorOptions,
  ) {
    // `cause` keeps the network error (e.g. a TypeError from fetch) for the console and error reports.
    super(message, options);
  }
}

type Fetch = typeof fetch;

/** Typed client of the API's designs routes (`/api/designs…`), on the page's own origin. */
export class DesignsApi {
  constructor(private readonly fetchFn: Fetch = (input, init) => fetch(input, init)) {}

  /** Probes the server once: single-user mode answers `/api/auth/me` directly; team mode asks for a sign-in. */
  async availability(): Promise<ServerAvailability> {
    try {
      const res = await this.fetchFn('/api/auth/me', { headers: { accept: 'application/json' } });
      if (res.status === 401) return 'login-required';
      const json = res.ok && (res.headers.get('content-type') ?? '').includes('json');
      return json ? 'available' : 'unavailable';
    } catch {
      // No server behind the page (static hosting): the designer keeps working locally.
      return 'unavailable';
    }
  }

  list(): Promise<DesignList> {
    return this.request<DesignList>('GET', '/api/designs?sort=updatedAt&limit=100');
  }

  get(id: string): Promise<Design> {
    return this.request<Design>('GET', `/api/designs/${encodeURIComponent(id)}`);
  }

  create(name: string, yaml: string): Promise<Design> {
    return this.request<Design>('POST', '/api/designs', { name, yaml });
  }

  /** Saves a new revision; `etag` must be the head the editor started from (412 when someone saved since). */
  save(id: string, etag: string, yaml: string): Promise<Design> {
    return this.request<Design>('PUT', `/api/designs/${encodeURIComponent(id)}`, { yaml }, { 'if-match': etag });
  }

  getDraft(id: string): Promise<Draft> {
    return this.request<Draft>('GET', `/api/designs/${encodeURIComponent(id)}/draft`);
  }

  saveDraft(id: string, yaml: string, baseRevision: number): Promise<Draft> {
    return this.request<Draft>('PUT', `/api/designs/${encodeURIComponent(id)}/draft`, { yaml, baseRevision });
  }

  /** Revisions of a design, newest first. */
  revisions(id: string): Promise<RevisionList> {
    return this.request<RevisionList>('GET', `/api/designs/${encodeURIComponent(id)}/revisions?limit=200`);
  }

  revision(id: string, revision: number): Promise<Revision> {
    return this.request<Revision>('GET', `/api/designs/${encodeURIComponent(id)}/revisions/${revision}`);
  }

  /** Text and graph diff between two revisions (numbers, `head` or `draft`). */
  diff(id: string, from: number | 'head' | 'draft', to: number | 'head' | 'draft'): Promise<DiffResponse> {
    return this.request<DiffResponse>('GET', `/api/designs/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`);
  }

  /** Restores `revision` as a new head revision; `etag` is the head the editor knows (412 when stale). */
  restore(id: string, revision: number, etag: string): Promise<Design> {
    return this.request<Design>('POST', `/api/designs/${encodeURIComponent(id)}/revisions/${revision}/restore`, {}, { 'if-match': etag });
  }

  /** Kinds the stored designs of the caller's workspaces define (the palette's "from designs" group). */
  kinds(): Promise<StoredKindList> {
    return this.request<StoredKindList>('GET', '/api/kinds');
  }

  /** CRDs a cluster serves, with their YAML (the palette's "from the cluster" group). */
  clusterCrds(cluster: string): Promise<ClusterCrdList> {
    return this.request<ClusterCrdList>('GET', `/api/clusters/${encodeURIComponent(cluster)}/crds`);
  }

  private async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchFn(path, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ApiError(`The server cannot be reached (${errorMessage(cause)})`, 0, undefined, { cause });
    }
    const type = res.headers.get('content-type') ?? '';
    const payload: unknown = type.includes('json') ? await res.json() : undefined;
    if (!res.ok) {
      const problem = payload as Problem | undefined;
      throw new ApiError(problem?.detail ?? problem?.title ?? `${method} ${path} failed with HTTP ${res.status}`, res.status, problem);
    }
    return payload as T;
  }
}
