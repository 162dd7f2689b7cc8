import type { ApiToken, CreateTokenRequest, CreateUserRequest, Me, Role, User } from '@kro-designer/contracts';
import { DEFAULT_WORKSPACE } from '@kro-designer/contracts';
import type { AccessRepository, TokenRecord, UserRecord } from '../ports/AccessRepository.js';
import type { AuditLog } from '../ports/AuditLog.js';
import type { Clock } from '../ports/Clock.js';
import type { PasswordHasher, Secrets } from '../ports/Secrets.js';
import type { LoginRateLimiter } from './LoginRateLimiter.js';
import type { Principal } from './Principal.js';
import { notFound, ServiceError } from './ServiceError.js';

export type AuthMode = 'none' | 'local';

export interface AuthServiceDeps {
  readonly mode: AuthMode;
  readonly access: AccessRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly passwords: PasswordHasher;
  readonly limiter: LoginRateLimiter;
  readonly sessionTtlMs: number;
}

export const TOKEN_PREFIX = 'kdt_';

const toUser = (u: UserRecord): User => ({ id: u.id, username: u.username, displayName: u.displayName, siteAdmin: u.siteAdmin, createdAt: u.createdAt.toISOString() });
const toToken = (t: TokenRecord): ApiToken => ({
  id: t.id,
  name: t.name,
  role: t.role,
  workspace: t.workspace,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

/**
 * Who is calling. In `none` mode (single user, localhost only) everyone is the local user. In `local` mode: users
 * with scrypt password hashes, sessions (the cookie carries a random id; only its hash is stored) with a CSRF token,
 * and API tokens (`kdt_…`, stored hashed) for the CLI and CI.
 */
export class AuthService {
  // A hash to verify against when the username is unknown, so both failures take the same time.
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthServiceDeps) {}

  get mode(): AuthMode {
    return this.deps.mode;
  }

  /** Checks a username and password and opens a session. `clientKey` identifies the caller for rate limiting. */
  async login(username: string, password: string, clientKey: string): Promise<{ sessionId: string; principal: Principal; expiresAt: Date }> {
    if (this.deps.mode === 'none') throw new ServiceError('bad-request', 'this server runs without login (single-user mode on localhost)');
    const name = username.toLowerCase();
    const wait = this.deps.limiter.retryAfter(clientKey, name);
    if (wait > 0) throw new ServiceError('too-many-requests', `too many failed sign-in attempts; try again in ${wait} s`, { retryAfter: wait });
    const user = await this.deps.access.findUserByUsername(name);
    this.dummyHash ??= this.deps.passwords.hash('not a password of anyone');
    const ok = await this.deps.passwords.verify(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok) {
      this.deps.limiter.fail(clientKey, name);
      await this.deps.audit.append({ at: this.deps.clock.now(), actor: username.slice(0, 64), action: 'auth.login-failed', workspace: null, details: { client: clientKey } });
      throw new ServiceError('unauthorized', 'wrong username or password');
    }
    this.deps.limiter.succeed(name);
    const sessionId = this.deps.secrets.newToken();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + this.deps.sessionTtlMs);
    const csrfToken = this.deps.secrets.newToken();
    const idHash = this.deps.secrets.sha256(sessionId);
    await this.deps.access.createSession({ idHash, userId: user.id, csrfToken, createdAt: now, expiresAt });
    await this.deps.access.deleteExpiredSessions(now);
    return { sessionId, principal: await this.principalOf(user, 'session', { csrfToken, sessionIdHash: idHash }), expiresAt };
  }

  async logout(p: Principal | undefined): Promise<void> {
    if (p?.sessionIdHash) await this.deps.access.deleteSession(p.sessionIdHash);
  }

  /** The principal of a session cookie, or undefined when it is unknown or expired. */
  async fromSession(sessionId: string): Promise<Principal | undefined> {
    const idHash = this.deps.secrets.sha256(sessionId);
    const session = await this.deps.access.findSession(idHash);
    if (!session) return undefined;
    if (session.expiresAt <= this.deps.clock.now()) {
      await this.deps.access.deleteSession(idHash);
      return undefined;
    }
    const user = await this.deps.access.findUserById(session.userId);
    return user ? this.principalOf(user, 'session', { csrfToken: session.csrfToken, sessionIdHash: idHash }) : undefined;
  }

  /** The principal of an API token, or undefined when it is unknown, revoked or expired. */
  async fromToken(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const record = await this.deps.access.findTokenByHash(this.deps.secrets.sha256(token));
    const now = this.deps.clock.now();
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return undefined;
    const user = await this.deps.access.findUserById(record.userId);
    if (!user) return undefined;
    // Last use is informative; a minute's precision saves a write per request.
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) await this.deps.access.markTokenUsed(record.id, now);
    return this.principalOf(user, 'token', { tokenRole: record.role, tokenWorkspace: record.workspace });
  }

  async me(p: Principal): Promise<Me> {
    const user = p.via === 'anonymous-local' ? undefined : await this.deps.access.findUserById(p.userId);
    return {
      authMode: this.deps.mode,
      user: user ? toUser(user) : { id: p.userId, username: p.username, displayName: p.displayName, siteAdmin: p.siteAdmin, createdAt: new Date(0).toISOString() },
      memberships: [...p.memberships].map(([workspace, role]) => ({ workspace, role })),
      csrfToken: p.csrfToken ?? null,
      via: p.via,
    };
  }

  async changePassword(p: Principal, current: string, next: string): Promise<void> {
    const user = await this.requireUser(p);
    if (!(await this.deps.passwords.verify(current, user.passwordHash))) throw new ServiceError('forbidden', 'the current password is wrong');
    await this.deps.access.setPasswordHash(user.id, await this.deps.passwords.hash(next));
    await this.deps.access.deleteSessionsOfUser(user.id, p.sessionIdHash);
    await this.deps.audit.append({ at: this.deps.clock.now(), actor: p.username, action: 'auth.password-changed', workspace: null });
  }

  async listUsers(p: Principal): Promise<User[]> {
    this.requireSiteAdmin(p);
    return (await this.deps.access.listUsers()).map(toUser);
  }

  /** Creates a user; `actor` undefined means the server's own bootstrap. New users join the default workspace as viewers. */
  async createUser(actor: Principal | undefined, req: CreateUserRequest): Promise<User> {
    if (actor) this.requireSiteAdmin(actor);
    const user: UserRecord = {
      id: this.deps.secrets.newId(),
      username: req.username,
      displayName: req.displayName ?? req.username,
      passwordHash: await this.deps.passwords.hash(req.password),
      siteAdmin: req.siteAdmin,
      createdAt: this.deps.clock.now(),
    };
    if (!(await this.deps.access.createUser(user))) throw new ServiceError('conflict', `the username ${req.username} is taken`);
    await this.deps.access.setMember(DEFAULT_WORKSPACE, user.id, req.siteAdmin ? 'admin' : 'viewer');
    await this.deps.audit.append({ at: user.createdAt, actor: actor?.username ?? 'system', action: 'user.create', workspace: null, details: { username: user.username, siteAdmin: user.siteAdmin } });
    return toUser(user);
  }

  /** Creates the first admin from configuration when the server has no users yet; true when it did. */
  async bootstrapAdmin(username: string, password: string): Promise<boolean> {
    if ((await this.deps.access.countUsers()) > 0) return false;
    await this.createUser(undefined, { username, password, siteAdmin: true, displayName: username });
    return true;
  }

  async hasUsers(): Promise<boolean> {
    return (await this.deps.access.countUsers()) > 0;
  }

  async createToken(p: Principal, req: CreateTokenRequest): Promise<ApiToken & { token: string }> {
    const user = await this.requireUser(p);
    if (p.via === 'token') throw new ServiceError('forbidden', 'API tokens cannot create more tokens; sign in to create one');
    const token = `${TOKEN_PREFIX}${this.deps.secrets.newToken()}`;
    const now = this.deps.clock.now();
    const record: TokenRecord = {
      id: this.deps.secrets.newId(),
      userId: user.id,
      name: req.name,
      tokenHash: this.deps.secrets.sha256(token),
      role: (req.role ?? null) as Role | null,
      workspace: req.workspace ?? null,
      createdAt: now,
      expiresAt: req.expiresInDays ? new Date(now.getTime() + req.expiresInDays * 86_400_000) : null,
      lastUsedAt: null,
      revokedAt: null,
    };
    if (record.workspace && !(await this.deps.access.getWorkspace(record.workspace))) throw notFound(`workspace ${record.workspace}`);
    await this.deps.access.createToken(record);
    await this.deps.audit.append({ at: now, actor: p.username, action: 'token.create', workspace: record.workspace, details: { tokenId: record.id, name: record.name, role: record.role } });
    return { ...toToken(record), token };
  }

  async listTokens(p: Principal): Promise<ApiToken[]> {
    const user = await this.requireUser(p);
    return (await this.deps.access.listTokens(user.id)).map(toToken);
  }

  async revokeToken(p: Principal, tokenId: string): Promise<void> {
    const user = await this.requireUser(p);
    if (!(await this.deps.access.revokeToken(user.id, tokenId, this.deps.clock.now()))) throw notFound(`token ${tokenId}`);
    await this.deps.audit.append({ at: this.deps.clock.now(), actor: p.username, action: 'token.revoke', workspace: null, details: { tokenId } });
  }

  private async principalOf(user: UserRecord, via: Principal['via'], extra: Partial<Principal>): Promise<Principal> {
    const memberships = new Map((await this.deps.access.membershipsOf(user.id)).map((m) => [m.workspace, m.role] as const));
    return { userId: user.id, username: user.username, displayName: user.displayName, siteAdmin: user.siteAdmin, via, memberships, ...extra };
  }

  private async requireUser(p: Principal): Promise<UserRecord> {
    if (p.via === 'anonymous-local') throw new ServiceError('bad-request', 'single-user mode has no accounts or tokens; start the server with AUTH=local to use them');
    const user = await this.deps.access.findUserById(p.userId);
    if (!user) throw new ServiceError('unauthorized', 'your account no longer exists');
    return user;
  }

  private requireSiteAdmin(p: Principal): void {
    if (!p.siteAdmin || (p.tokenRole && p.tokenRole !== 'admin')) throw new ServiceError('forbidden', 'this needs a site administrator');
  }
}

