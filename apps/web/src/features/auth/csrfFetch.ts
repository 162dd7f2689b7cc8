type Fetch = typeof fetch;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `input` names an API path on this page's origin (relative `/api/…` or an absolute same-origin URL). */
function isOwnApi(input: RequestInfo | URL, origin: string): boolean {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    const url = new URL(raw, origin);
    return url.origin === origin && url.pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

export interface CsrfFetchOptions {
  readonly origin: string;
  /** The session's CSRF token (from GET /api/auth/me or the login answer); undefined in single-user mode. */
  readonly token: () => string | undefined;
  /** Called when the API answers 401 to anything but a sign-in attempt: the session ended. */
  readonly onUnauthorized: () => void;
}

/**
 * Wraps fetch for team mode: unsafe requests to this origin's API carry the session's `X-CSRF-Token` (the server
 * refuses cookie-authenticated writes without it), and a 401 reports that the session is gone, so every API client
 * (designs, clusters, deploy, live) gets both without knowing about sign-in.
 */
export function csrfFetch(inner: Fetch, options: CsrfFetchOptions): Fetch {
  return async (input, init) => {
    if (!isOwnApi(input, options.origin)) return inner(input, init);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const token = options.token();
    let next = init;
    if (!SAFE.has(method) && token) {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', token);
      next = { ...init, headers };
    }
    const res = await inner(input, next);
    const path = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, options.origin).pathname;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') options.onUnauthorized();
    return res;
  };
}
