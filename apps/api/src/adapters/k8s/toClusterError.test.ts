import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../ports/ClusterGateway.js';
import { statusToClusterError, toClusterError } from './toClusterError.js';

describe('statusToClusterError', () => {
  it('keeps the Status code, reason and field causes', () => {
    const e = statusToClusterError(422, {
      kind: 'Status',
      code: 422,
      reason: 'Invalid',
      message: 'Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1',
      details: { causes: [{ field: 'spec.replicas', message: 'Invalid value: -1', reason: 'FieldValueInvalid' }, { message: 'no field' }, 'junk'] },
    }, 'PATCH x');
    expect(e).toBeInstanceOf(ClusterError);
    expect([e.code, e.reason, e.message]).toEqual([422, 'Invalid', 'Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1']);
    expect(e.causes).toEqual([{ field: 'spec.replicas', message: 'Invalid value: -1', reason: 'FieldValueInvalid' }, { message: 'no field' }]);
  });

  it('turns a watch ERROR event with 410 into code 410 Expired', () => {
    const e = statusToClusterError(500, { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (42)' }, 'watch');
    expect([e.code, e.reason]).toEqual([410, 'Expired']);
  });

  it('names the HTTP code when the body is not a Status', () => {
    const e = statusToClusterError(502, undefined, 'GET /version');
    expect([e.code, e.reason, e.message]).toEqual([502, 'Unknown', 'GET /version: HTTP 502 Unknown']);
  });
});

describe('toClusterError', () => {
  it('maps refused connections and timeouts without leaking the raw error', () => {
    const refused = toClusterError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } }), 'GET /version');
    expect([refused.code, refused.reason, refused.message]).toEqual([503, 'Unreachable', 'GET /version: the API server cannot be reached (connection refused)']);
    const timeout = toClusterError(new DOMException('timed out', 'TimeoutError'), 'GET /version');
    expect([timeout.code, timeout.reason]).toEqual([504, 'Timeout']);
  });

  it('reads an ApiException-like error with a JSON Status body', () => {
    const e = toClusterError({ code: 403, body: JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'no' }) }, 'x');
    expect([e.code, e.reason, e.message]).toEqual([403, 'Forbidden', 'no']);
  });
});

describe('typed patch errors', () => {
  it('turns server-side apply type errors (HTTP 500) into 422 with the field path', () => {
    const e = statusToClusterError(500, {
      kind: 'Status', code: 500, reason: 'InternalError',
      message: 'failed to create typed patch object (ns/x; kro.run/v1alpha1, Kind=WebApp): .spec.replicas: expected numeric (int or float), got string',
    }, 'PATCH');
    expect([e.code, e.reason]).toEqual([422, 'Invalid']);
    expect(e.causes).toEqual([{ field: 'spec.replicas', message: 'expected numeric (int or float), got string', reason: 'FieldValueTypeInvalid' }]);
  });
});
