import { describe, expect, it } from 'vitest';
import { ClusterError } from '../ports/ClusterGateway.js';
import { clusterFailure, clusterRole, requireClusterRole } from './clusterAccess.js';
import { LOCAL_PRINCIPAL, type Principal } from './Principal.js';
import { ServiceError } from './ServiceError.js';

const user = (memberships: [string, 'viewer' | 'editor' | 'deployer' | 'admin'][], extra: Partial<Principal> = {}): Principal => ({
  userId: 'u', username: 'u', displayName: 'U', siteAdmin: false, via: 'session', memberships: new Map(memberships), ...extra,
});

describe('cluster roles', () => {
  it('uses the best role of any workspace, or the design\'s workspace when named', () => {
    const p = user([['a', 'viewer'], ['b', 'deployer']]);
    expect(clusterRole(p)).toBe('deployer');
    expect(clusterRole(p, 'a')).toBe('viewer');
    expect(clusterRole(LOCAL_PRINCIPAL)).toBe('admin');
    expect(clusterRole(user([['b', 'admin']], { tokenRole: 'viewer' }))).toBe('viewer');
  });

  it('refuses a viewer a deploy with a clear message', () => {
    expect(() => requireClusterRole(user([['a', 'viewer']]), 'deployer', 'deploying')).toThrow(/deploying needs the deployer role in at least one workspace; you are viewer/);
    expect(() => requireClusterRole(user([]), 'viewer', 'listing clusters')).toThrow(ServiceError);
  });
});

describe('clusterFailure', () => {
  it('maps cluster errors to problem types', () => {
    const type = (code: number, reason = 'X') => (clusterFailure(new ClusterError('m', code, reason)) as ServiceError).type;
    expect([type(503, 'Unreachable'), type(404), type(403), type(409), type(422), type(400), type(500)]).toEqual(['unavailable', 'not-found', 'forbidden', 'conflict', 'unprocessable', 'unprocessable', 'unavailable']);
    const other = new Error('bug');
    expect(clusterFailure(other)).toBe(other);
  });
});
