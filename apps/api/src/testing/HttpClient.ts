/** A response read whole: status, headers and the body parsed as JSON when it is JSON. */
export interface TestResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: T;
}

/**
 * A minimal HTTP client for tests that behaves like a browser tab: it keeps the session cookie and sends the CSRF
 * token on writes once it knows it. Plain fetch underneath, so tests see real HTTP.
 */
export class HttpClient {
  private cookie: string | undefined;
  csrfToken: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, options: { json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : options.body !== undefined ? { body: options.body } : {}),
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const body = (type.includes('json') && text ? JSON.parse(text) : text) as T;
    return { status: res.status, headers: res.headers, text, body };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, withHeaders(headers));
  }
  post<T = unknown>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { json: json ?? {}, ...withHeaders(headers) });
  }
  put<T = unknown>(path: string, json: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, { json, ...withHeaders(headers) });
  }
  delete<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, withHeaders(headers));
  }

  /** Signs in and remembers the session cookie and CSRF token. */
  async login(username: string, password: string): Promise<TestResponse<unknown>> {
    const res = await this.post<{ csrfToken: string }>('/api/auth/login', { username, password });
    if (res.status === 200) this.csrfToken = res.body.csrfToken;
    return res;
  }
}

/** `{ headers }` when there are any (the request options take no `headers: undefined`). */
const withHeaders = (headers?: Record<string, string>) => (headers ? { headers } : {});

/** A small valid RGD; `n` varies the content so every call gives a different text. */
export function sampleRgd(name = 'app', n = 0, kind = 'App'): string {
  return `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: ${name}
spec:
  schema:
    apiVersion: v1alpha1
    kind: ${kind}
    spec:
      name: string | default="app-${n}"
  resources:
    - id: config
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.spec.name}
        data:
          n: "${n}"
`;
}
