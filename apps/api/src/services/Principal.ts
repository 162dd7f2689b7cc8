import { ROLES, type Role } from '@kro-designer/contracts';

/** Who is calling, as established by authentication. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly siteAdmin: boolean;
  readonly via: 'anonymous-local' | 'session' | 'token';
  readonly memberships: ReadonlyMap<string, Role>;
  /** Limits of the API token used, if any. */
  readonly tokenRole?: Role | null;
  readonly tokenWorkspace?: string | null;
  /** The session's CSRF token, for session-authenticated callers. */
  readonly csrfToken?: string;
  /** Hash of the session id, to end it at logout. */
  readonly sessionIdHash?: string;
}

const rank = (role: Role) => ROLES.indexOf(role);

export function atLeast(role: Role | null, needed: Role): boolean {
  return role !== null && rank(role) >= rank(needed);
}

/** The role the principal acts with in a workspace: membership (admin everywhere for site admins), capped by a token. */
export function roleIn(p: Principal, workspace: string): Role | null {
  if (p.tokenWorkspace && p.tokenWorkspace !== workspace) return null;
  const base: Role | null = p.siteAdmin ? 'admin' : (p.memberships.get(workspace) ?? null);
  if (base === null) return null;
  if (p.tokenRole && rank(p.tokenRole) < rank(base)) return p.tokenRole;
  return base;
}

/** The single user of a server without login (only ever bound to localhost). */
export const LOCAL_PRINCIPAL: Principal = {
  userId: 'local',
  username: 'local',
  displayName: 'Local user',
  siteAdmin: true,
  via: 'anonymous-local',
  memberships: new Map(),
};
