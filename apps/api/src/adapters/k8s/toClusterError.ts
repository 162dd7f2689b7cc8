import { ClusterError, type ClusterErrorCause } from '../../ports/ClusterGateway.js';

interface KubeStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

const HTTP_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Translates a Kubernetes `Status` body (or whatever an error response carried) into a `ClusterError`. */
export function statusToClusterError(httpCode: number, body: unknown, what: string): ClusterError {
  const status = isRecord(body) ? (body as KubeStatus) : {};
  const code = typeof status.code === 'number' && status.code > 0 ? status.code : httpCode;
  const reason = typeof status.reason === 'string' && status.reason !== '' ? status.reason : (HTTP_REASONS[code] ?? 'Unknown');
  const causes: ClusterErrorCause[] = [];
  for (const c of status.details?.causes ?? []) {
    if (!isRecord(c) || typeof c.message !== 'string') continue;
    causes.push({
      message: c.message,
      ...(typeof c.field === 'string' && c.field !== '' ? { field: c.field } : {}),
      ...(typeof c.reason === 'string' && c.reason !== '' ? { reason: c.reason } : {}),
    });
  }
  const message = typeof status.message === 'string' && status.message !== '' ? status.message : `${what}: HTTP ${httpCode} ${reason}`;
  const typed = code === 500 ? typedPatchError(message) : undefined;
  if (typed) return new ClusterError(message, 422, 'Invalid', typed);
  return new ClusterError(message, code, reason, causes);
}

/**
 * Server-side apply reports a value of the wrong type as HTTP 500 "failed to create typed patch object (…):
 * .spec.replicas: expected numeric (int or float), got string" — an invalid object, not a server fault. Read the
 * field paths out of it so the value can be located in the text.
 */
function typedPatchError(message: string): ClusterErrorCause[] | undefined {
  const m = /failed to create typed patch object \([^)]*\): ([\s\S]*)$/.exec(message);
  if (!m?.[1]) return undefined;
  const causes: ClusterErrorCause[] = [];
  for (const part of m[1].split(/\n|; (?=\.)/)) {
    const f = /^\s*\.?([^\s:]+): (.+)$/.exec(part);
    if (f?.[1] && f[2]) causes.push({ field: f[1], message: f[2], reason: 'FieldValueTypeInvalid' });
  }
  return causes.length > 0 ? causes : [{ message: m[1] }];
}

/**
 * Translates anything a request may throw (network failure, timeout, TLS, a client-node `ApiException`, a
 * `ClusterError` already) into a `ClusterError`, so no raw client error leaves the adapter.
 */
export function toClusterError(err: unknown, what: string): ClusterError {
  if (err instanceof ClusterError) return err;
  const e = err as { name?: string; code?: unknown; message?: string; cause?: { code?: unknown; message?: string }; body?: unknown };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new ClusterError(`${what}: the API server did not answer in time`, 504, 'Timeout', [], { cause: err });
  }
  // client-node's ApiException: numeric HTTP code and the response body (a Status, as text or parsed).
  if (typeof e?.code === 'number' && e.code >= 400) {
    let body = e.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body) as unknown;
      } catch {
        body = undefined; // not a Status: the HTTP code alone says what happened
      }
    }
    return statusToClusterError(e.code, body, what);
  }
  const sysCode = typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.code === 'string' ? e.code : undefined;
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  const words = sysCode === 'ECONNREFUSED' ? 'connection refused' : sysCode === 'ENOTFOUND' ? 'host not found' : detail;
  return new ClusterError(`${what}: the API server cannot be reached (${words})`, 503, 'Unreachable', [], { cause: err });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
