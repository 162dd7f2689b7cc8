import { z } from 'zod';
import { PageQuery, pageOf, Role, Timestamp, WorkspaceId } from './common.js';

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: 'a username is 1-64 lower-case letters, digits, dots, dashes or underscores' });

/** Long enough to resist offline guessing of a leaked hash; no composition rules (NIST SP 800-63B). */
export const Password = z.string().min(12, { message: 'a password has at least 12 characters' }).max(1024);

export const LoginRequest = z.object({ username: z.string().max(64), password: z.string().max(1024) }).strict().meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Membership = z.object({ workspace: z.string(), role: Role });

export const User = z
  .object({ id: z.string(), username: z.string(), displayName: z.string(), siteAdmin: z.boolean(), createdAt: Timestamp })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const Me = z
  .object({
    authMode: z.enum(['none', 'local']),
    user: User,
    memberships: z.array(Membership),
    /** Echo in the X-CSRF-Token header of every unsafe request made with the session cookie. */
    csrfToken: z.string().nullable(),
    via: z.enum(['anonymous-local', 'session', 'token']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const CreateUserRequest = z
  .object({ username: Username, password: Password, displayName: z.string().max(200).optional(), siteAdmin: z.boolean().default(false) })
  .strict()
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const ChangePasswordRequest = z.object({ currentPassword: z.string().max(1024), newPassword: Password }).strict().meta({ id: 'ChangePasswordRequest' });

export const UserList = z.object({ items: z.array(User) }).meta({ id: 'UserList' });

export const CreateTokenRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Caps what the token may do below its owner's role (the owner's role still applies). */
    role: Role.optional(),
    /** Restricts the token to one workspace. */
    workspace: WorkspaceId.optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict()
  .meta({ id: 'CreateTokenRequest' });
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role.nullable(),
    workspace: z.string().nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreatedToken = ApiToken.extend({ token: z.string().meta({ description: 'Shown once; send as `Authorization: Bearer <token>`' }) }).meta({ id: 'CreatedToken' });
export const TokenList = z.object({ items: z.array(ApiToken) }).meta({ id: 'TokenList' });

export const Workspace = z.object({ id: z.string(), name: z.string(), createdAt: Timestamp, role: Role.nullable() }).meta({ id: 'Workspace' });
export type Workspace = z.infer<typeof Workspace>;
export const WorkspaceList = z.object({ items: z.array(Workspace) }).meta({ id: 'WorkspaceList' });
export const CreateWorkspaceRequest = z.object({ id: WorkspaceId, name: z.string().trim().min(1).max(200) }).strict().meta({ id: 'CreateWorkspaceRequest' });
export type CreateWorkspaceRequest = z.infer<typeof CreateWorkspaceRequest>;

export const Member = z.object({ username: z.string(), displayName: z.string(), role: Role }).meta({ id: 'Member' });
export const MemberList = z.object({ items: z.array(Member) }).meta({ id: 'MemberList' });
export const SetMemberRequest = z.object({ role: Role }).strict().meta({ id: 'SetMemberRequest' });

export const AuditEntry = z
  .object({
    id: z.string(),
    at: Timestamp,
    actor: z.string(),
    action: z.string().meta({ description: 'design.create, design.update, design.restore, design.delete, design.import, member.set, …' }),
    workspace: z.string().nullable(),
    designId: z.string().nullable(),
    revision: z.number().int().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = PageQuery.extend({ designId: z.string().max(100).optional() });
export const AuditList = pageOf(AuditEntry).meta({ id: 'AuditList' });
export type AuditList = z.infer<typeof AuditList>;

export const Health = z.object({ status: z.enum(['ok', 'starting', 'stopping', 'unavailable']), checks: z.record(z.string(), z.string()).optional() }).meta({ id: 'Health' });
