import type { Me, Problem } from '@kro-designer/contracts';
import { ApiError } from '../../api/designsApi';
import { errorMessage } from '../../ui/errorMessage';

type Fetch = typeof fetch;

/** What GET /api/auth/me says about the page's visitor. */
export type Visitor = { readonly kind: 'signed-in'; readonly me: Me } | { readonly kind: 'sign-in-required' } | { readonly kind: 'no-server' };

async function problemOf(res: Response): Promise<Problem | undefined> {
  return (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as Problem) : undefined;
}

/** The sign-in routes (`/api/auth/…`) of the page's own origin. */
export class AuthApi {
  constructor(private readonly fetchFn: Fetch = (input, init) => fetch(input, init)) {}

  async visitor(): Promise<Visitor> {
    let res: Response;
    try {
      res = await this.fetchFn('/api/auth/me', { headers: { accept: 'application/json' } });
    } catch {
      // Tested fallback (authApi.test.ts): no server behind the page, the designer works locally.
      return { kind: 'no-server' };
    }
    if (res.status === 401) return { kind: 'sign-in-required' };
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return { kind: 'no-server' };
    return { kind: 'signed-in', me: (await res.json()) as Me };
  }

  /** Signs in; wrong credentials (401) and rate limiting (429, with the wait) become ApiErrors with a clear message. */
  async login(username: string, password: string): Promise<Me> {
    let res: Response;
    try {
      res = await this.fetchFn('/api/auth/login', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    } catch (cause) {
      throw new ApiError(`The server cannot be reached (${errorMessage(cause)})`, 0, undefined, { cause });
    }
    if (res.ok) return (await res.json()) as Me;
    const problem = await problemOf(res);
    if (res.status === 401) throw new ApiError('Wrong username or password.', 401, problem);
    if (res.status === 429) {
      const wait = Number(res.headers.get('retry-after'));
      const after = Number.isFinite(wait) && wait > 0 ? ` Try again in ${wait < 90 ? `${Math.ceil(wait)} s` : `${Math.ceil(wait / 60)} min`}.` : ' Try again later.';
      throw new ApiError(`Too many failed sign-in attempts.${after}`, 429, problem);
    }
    throw new ApiError(problem?.detail ?? problem?.title ?? `Sign-in failed with HTTP ${res.status}`, res.status, problem);
  }

  async logout(): Promise<void> {
    const res = await this.fetchFn('/api/auth/logout', { method: 'POST', headers: { accept: 'application/json' } });
    if (!res.ok && res.status !== 401) throw new ApiError(`Sign-out failed with HTTP ${res.status}`, res.status, await problemOf(res));
  }
}
