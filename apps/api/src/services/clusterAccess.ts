import type { Role } from '@kro-designer/contracts';
import { ClusterError } from '../ports/ClusterGateway.js';
import { atLeast, roleIn, type Principal } from './Principal.js';
import { ServiceError, type ServiceErrorExtras } from './ServiceError.js';

/**
 * Clusters are not owned by a workspace, so the caller acts with their strongest role: the role in the design's
 * workspace when a deploy names a design, otherwise the best role they hold in any workspace (site admins: admin).
 */
export function clusterRole(p: Principal, workspace?: string): Role | null {
  if (workspace !== undefined) return roleIn(p, workspace);
  if (p.siteAdmin) return roleIn(p, p.tokenWorkspace ?? '*');
  let best: Role | null = null;
  for (const w of p.memberships.keys()) {
    const r = roleIn(p, w);
    if (r !== null && (best === null || atLeast(r, best))) best = r;
  }
  return best;
}

/** Refuses callers below `needed`: viewers read clusters, deployers deploy and write instances. */
export function requireClusterRole(p: Principal, needed: Role, what: string, workspace?: string): void {
  const has = clusterRole(p, workspace);
  if (!atLeast(has, needed)) {
    const where = workspace !== undefined ? ` in workspace ${workspace}` : ' in at least one workspace';
    throw new ServiceError('forbidden', `${what} needs the ${needed} role${where}; you are ${has ?? 'not a member'}`);
  }
}

/**
 * Turns a cluster failure into the problem the caller sees: unreachable → 503, unknown cluster or object → 404,
 * refused by Kubernetes' authorization → 403, invalid → 422 (with diagnostics when the caller located them),
 * conflict → 409. Other errors pass through (and become a 500 without details).
 */
export function clusterFailure(err: unknown, extras: ServiceErrorExtras = {}): unknown {
  if (!(err instanceof ClusterError)) return err;
  if (err.reason === 'Unreachable' || err.code === 503 || err.code === 504) return new ServiceError('unavailable', err.message, extras);
  if (err.code === 404) return new ServiceError('not-found', err.message, extras);
  if (err.code === 401 || err.code === 403) return new ServiceError('forbidden', `the cluster refused: ${err.message}`, extras);
  if (err.code === 409) return new ServiceError('conflict', err.message, extras);
  if (err.code === 400 || err.code === 422) return new ServiceError('unprocessable', err.message, extras);
  return new ServiceError('unavailable', `the cluster failed: ${err.message}`, extras);
}
