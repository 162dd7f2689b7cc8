import type { Role } from '@kro-designer/contracts';

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly siteAdmin: boolean;
  readonly createdAt: Date;
}

export interface SessionRecord {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly role: Role | null;
  readonly workspace: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface WorkspaceRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

export interface MembershipRecord {
  readonly workspace: string;
  readonly role: Role;
}

export interface MemberRecord {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** Users, sessions, API tokens, workspaces and memberships. */
export interface AccessRepository {
  countUsers(): Promise<number>;
  /** Returns false when the username is taken. */
  createUser(user: UserRecord): Promise<boolean>;
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  findUserById(id: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  setPasswordHash(userId: string, hash: string): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user but `keepIdHash` (after a password change). */
  deleteSessionsOfUser(userId: string, keepIdHash?: string): Promise<void>;
  deleteExpiredSessions(now: Date): Promise<number>;

  createToken(token: TokenRecord): Promise<void>;
  findTokenByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  listTokens(userId: string): Promise<TokenRecord[]>;
  revokeToken(userId: string, tokenId: string, at: Date): Promise<boolean>;
  markTokenUsed(tokenId: string, at: Date): Promise<void>;

  listWorkspaces(): Promise<WorkspaceRecord[]>;
  getWorkspace(id: string): Promise<WorkspaceRecord | undefined>;
  /** Returns false when the id is taken. */
  createWorkspace(workspace: WorkspaceRecord): Promise<boolean>;
  membershipsOf(userId: string): Promise<MembershipRecord[]>;
  listMembers(workspace: string): Promise<MemberRecord[]>;
  setMember(workspace: string, userId: string, role: Role): Promise<void>;
  removeMember(workspace: string, userId: string): Promise<boolean>;
}
