import type { Role } from '@kro-designer/contracts';
import type {
  AccessRepository, MemberRecord, MembershipRecord, SessionRecord, TokenRecord, UserRecord, WorkspaceRecord,
} from '../../ports/AccessRepository.js';
import type { SqlDatabase } from './SqlDatabase.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  site_admin: boolean;
  created_at: Date;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: Role | null;
  workspace_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  siteAdmin: r.site_admin,
  createdAt: new Date(r.created_at),
});

const date = (d: Date | null) => (d === null ? null : new Date(d));

const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  tokenHash: r.token_hash,
  role: r.role,
  workspace: r.workspace_id,
  createdAt: new Date(r.created_at),
  expiresAt: date(r.expires_at),
  lastUsedAt: date(r.last_used_at),
  revokedAt: date(r.revoked_at),
});

/** The AccessRepository in SQL, shared by PGlite and PostgreSQL. */
export class SqlAccessRepository implements AccessRepository {
  constructor(private readonly db: SqlDatabase) {}

  async countUsers(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0]?.n ?? 0;
  }

  async createUser(u: UserRecord): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO users (id, username, display_name, password_hash, site_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.id, u.username, u.displayName, u.passwordHash, u.siteAdmin, u.createdAt],
    );
    return rows.length > 0;
  }

  async findUserByUsername(username: string): Promise<UserRecord | undefined> {
    const rows = await this.db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async findUserById(id: string): Promise<UserRecord | undefined> {
    const rows = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.query<UserRow>('SELECT * FROM users ORDER BY username')).map(toUser);
  }

  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.db.query('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt,
    ]);
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const rows = await this.db.query<{ id_hash: string; user_id: string; csrf_token: string; created_at: Date; expires_at: Date }>(
      'SELECT * FROM sessions WHERE id_hash = $1',
      [idHash],
    );
    const r = rows[0];
    return r ? { idHash: r.id_hash, userId: r.user_id, csrfToken: r.csrf_token, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at) } : undefined;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteSessionsOfUser(userId: string, keepIdHash?: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2', [userId, keepIdHash ?? '']);
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    return (await this.db.query('DELETE FROM sessions WHERE expires_at <= $1 RETURNING id_hash', [now])).length;
  }

  async createToken(t: TokenRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO api_tokens (id, user_id, name, token_hash, role, workspace_id, created_at, expires_at, last_used_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [t.id, t.userId, t.name, t.tokenHash, t.role, t.workspace, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt],
    );
  }

  async findTokenByHash(tokenHash: string): Promise<TokenRecord | undefined> {
    const rows = await this.db.query<TokenRow>('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash]);
    return rows[0] ? toToken(rows[0]) : undefined;
  }

  async listTokens(userId: string): Promise<TokenRecord[]> {
    return (await this.db.query<TokenRow>('SELECT * FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at, id', [userId])).map(toToken);
  }

  async revokeToken(userId: string, tokenId: string, at: Date): Promise<boolean> {
    const rows = await this.db.query('UPDATE api_tokens SET revoked_at = $3 WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL RETURNING id', [userId, tokenId, at]);
    return rows.length > 0;
  }

  async markTokenUsed(tokenId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [tokenId, at]);
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    const rows = await this.db.query<{ id: string; name: string; created_at: Date }>('SELECT * FROM workspaces ORDER BY id');
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at) }));
  }

  async getWorkspace(id: string): Promise<WorkspaceRecord | undefined> {
    const rows = await this.db.query<{ id: string; name: string; created_at: Date }>('SELECT * FROM workspaces WHERE id = $1', [id]);
    const r = rows[0];
    return r ? { id: r.id, name: r.name, createdAt: new Date(r.created_at) } : undefined;
  }

  async createWorkspace(w: WorkspaceRecord): Promise<boolean> {
    const rows = await this.db.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id', [w.id, w.name, w.createdAt]);
    return rows.length > 0;
  }

  async membershipsOf(userId: string): Promise<MembershipRecord[]> {
    const rows = await this.db.query<{ workspace_id: string; role: Role }>('SELECT workspace_id, role FROM memberships WHERE user_id = $1 ORDER BY workspace_id', [userId]);
    return rows.map((r) => ({ workspace: r.workspace_id, role: r.role }));
  }

  async listMembers(workspace: string): Promise<MemberRecord[]> {
    const rows = await this.db.query<{ user_id: string; username: string; display_name: string; role: Role }>(
      'SELECT m.user_id, u.username, u.display_name, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 ORDER BY u.username',
      [workspace],
    );
    return rows.map((r) => ({ userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role }));
  }

  async setMember(workspace: string, userId: string, role: Role): Promise<void> {
    await this.db.query(
      'INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role',
      [workspace, userId, role],
    );
  }

  async removeMember(workspace: string, userId: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2 RETURNING user_id', [workspace, userId])).length > 0;
  }
}
