import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/designsApi';
import { refusalDiagnostics } from './InstanceDialog';
import { age } from './InstancesPanel';

describe('age', () => {
  it('reads like kubectl: seconds, minutes, hours, days', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(age('2026-11-25T11:59:55Z', now)).toBe('5s');
    expect(age('2026-11-25T11:55:00Z', now)).toBe('5m');
    expect(age('2026-11-25T09:00:00Z', now)).toBe('3h');
    expect(age('2026-11-21T12:00:00Z', now)).toBe('4d');
    expect(age('not a time', now)).toBe('?');
  });
});

describe('refusalDiagnostics', () => {
  it('puts the server’s located errors on the form’s fields and keeps its summary', () => {
    const e = new ApiError('the instance is invalid', 422, {
      type: 'urn:kro-designer:problem:unprocessable',
      title: 'Unprocessable',
      status: 422,
      detail: 'the instance is invalid',
      errors: [{ path: 'spec.replicas', message: 'should be greater than or equal to 1' }],
    });
    expect(refusalDiagnostics(e)).toEqual({ fields: [{ path: 'spec.replicas', message: 'should be greater than or equal to 1', severity: 'error' }], message: 'the instance is invalid' });
    expect(refusalDiagnostics(new Error('offline'))).toEqual({ fields: [], message: 'offline' });
  });
});
