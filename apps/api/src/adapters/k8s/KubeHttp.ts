import { HttpMethod, IsomorphicFetchHttpLibrary, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { statusToClusterError, toClusterError } from './toClusterError.js';

export interface KubeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path (`/apis/apps/v1/namespaces/x/deployments/y`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  /** Milliseconds before the request is abandoned with a 504 `ClusterError`. */
  readonly timeoutMs?: number;
}

const METHODS = { GET: HttpMethod.GET, POST: HttpMethod.POST, PUT: HttpMethod.PUT, PATCH: HttpMethod.PATCH, DELETE: HttpMethod.DELETE };
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Raw JSON requests to one cluster with client-node's authentication and TLS (kubeconfig users, exec plugins,
 * in-cluster tokens): used where the typed clients have no method (subresources, server-side apply of any kind,
 * dry-run, discovery). Every failure becomes a `ClusterError`.
 */
export class KubeHttp {
  private readonly http = new IsomorphicFetchHttpLibrary();

  constructor(readonly kc: KubeConfig) {}

  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '';
  }

  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const what = `${req.method} ${req.path}`;
    const url = new URL(this.server.replace(/\/+$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const ctx = new RequestContext(url.toString(), METHODS[req.method]);
    ctx.setHeaderParam('Accept', req.accept ?? 'application/json');
    if (req.body !== undefined) {
      ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
      ctx.setBody(JSON.stringify(req.body));
    }
    ctx.setSignal(AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    let status: number;
    let text: string;
    try {
      await this.kc.applySecurityAuthentication(ctx);
      const res = await this.http.send(ctx).toPromise();
      status = res.httpStatusCode;
      text = await res.body.text();
    } catch (err) {
      throw toClusterError(err, what);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined; // a non-JSON body (proxy error page): the status code alone is reported
    }
    if (status >= 400) throw statusToClusterError(status, parsed, what);
    return parsed as T;
  }
}
