import type { AuditList, CreateWorkspaceRequest, Role, Workspace } from '@kro-designer/contracts';
import type { AccessRepository } from '../ports/AccessRepository.js';
import type { AuditLog } from '../ports/AuditLog.js';
import type { Clock } from '../ports/Clock.js';
import { atLeast, roleIn, type Principal } from './Principal.js';
import { notFound, ServiceError } from './ServiceError.js';

export interface AccessServiceDeps {
  readonly access: AccessRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** Workspaces, their members' roles, and the audit log. */
export class AccessService {
  constructor(private readonly deps: AccessServiceDeps) {}

  async listWorkspaces(p: Principal): Promise<Workspace[]> {
    const all = await this.deps.access.listWorkspaces();
    return all
      .map((w) => ({ id: w.id, name: w.name, createdAt: w.createdAt.toISOString(), role: roleIn(p, w.id) }))
      .filter((w) => w.role !== null);
  }

  async createWorkspace(p: Principal, req: CreateWorkspaceRequest): Promise<Workspace> {
    if (!p.siteAdmin || (p.tokenRole && p.tokenRole !== 'admin')) throw new ServiceError('forbidden', 'creating a workspace needs a site administrator');
    const createdAt = this.deps.clock.now();
    if (!(await this.deps.access.createWorkspace({ id: req.id, name: req.name, createdAt }))) throw new ServiceError('conflict', `the workspace ${req.id} exists`);
    if (p.via !== 'anonymous-local') await this.deps.access.setMember(req.id, p.userId, 'admin');
    await this.deps.audit.append({ at: createdAt, actor: p.username, action: 'workspace.create', workspace: req.id, details: { name: req.name } });
    return { id: req.id, name: req.name, createdAt: createdAt.toISOString(), role: 'admin' };
  }

  async listMembers(p: Principal, workspace: string) {
    await this.require(p, workspace, 'viewer');
    const members = await this.deps.access.listMembers(workspace);
    return members.map((m) => ({ username: m.username, displayName: m.displayName, role: m.role }));
  }

  async setMember(p: Principal, workspace: string, username: string, role: Role) {
    await this.require(p, workspace, 'admin');
    const user = await this.deps.access.findUserByUsername(username);
    if (!user) throw notFound(`user ${username}`);
    await this.deps.access.setMember(workspace, user.id, role);
    await this.deps.audit.append({ at: this.deps.clock.now(), actor: p.username, action: 'member.set', workspace, details: { username, role } });
    return this.listMembers(p, workspace);
  }

  async removeMember(p: Principal, workspace: string, username: string): Promise<void> {
    await this.require(p, workspace, 'admin');
    const user = await this.deps.access.findUserByUsername(username);
    if (!user || !(await this.deps.access.removeMember(workspace, user.id))) throw notFound(`member ${username} of workspace ${workspace}`);
    await this.deps.audit.append({ at: this.deps.clock.now(), actor: p.username, action: 'member.remove', workspace, details: { username } });
  }

  async listAudit(p: Principal, workspace: string, q: { designId?: string; limit: number; offset: number }): Promise<AuditList> {
    await this.require(p, workspace, 'admin');
    const page = await this.deps.audit.list({ workspace, ...q });
    return {
      items: page.items.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        workspace: e.workspace,
        designId: e.designId,
        revision: e.revision,
        details: { ...e.details },
      })),
      total: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  private async require(p: Principal, workspace: string, role: Role): Promise<void> {
    const has = roleIn(p, workspace);
    if (!atLeast(has, 'viewer') || !(await this.deps.access.getWorkspace(workspace))) throw notFound(`workspace ${workspace}`);
    if (!atLeast(has, role)) throw new ServiceError('forbidden', `this needs the ${role} role in workspace ${workspace}; you are ${has}`);
  }
}
