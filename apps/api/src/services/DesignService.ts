import {
  DEFAULT_WORKSPACE, type CreateDesignRequest, type Design, type DesignList, type DiffQuery, type DiffResponse, type Draft, type ListDesignsQuery,
  type Revision, type RevisionList, type Role, type SaveDraftRequest, type UpdateDesignRequest,
} from '@kro-designer/contracts';
import type { AccessRepository } from '../ports/AccessRepository.js';
import type { Clock } from '../ports/Clock.js';
import type { DesignHead, DesignRepository, NewContent } from '../ports/DesignRepository.js';
import type { Secrets } from '../ports/Secrets.js';
import { diffDesigns, renderUnifiedDiff } from './coreDiff.js';
import { toCurrent, toDesign, toDraft, toRevisionSummary, toSummary } from './designViews.js';
import { atLeast, roleIn, type Principal } from './Principal.js';
import { notFound, ServiceError } from './ServiceError.js';
import type { ValidationService } from './ValidationService.js';

export interface DesignServiceDeps {
  readonly designs: DesignRepository;
  readonly access: AccessRepository;
  readonly validation: ValidationService;
  readonly clock: Clock;
  readonly secrets: Secrets;
}

/** `If-Match` as the service sees it: a write counter parsed from an ETag, or `*` (any current version). */
export type Expected = number | '*';

/**
 * Designs and their history: create, list, read, save (a new immutable revision per content change), restore, diff,
 * delete, and per-user drafts that autosave without making revisions. Every write names the version it expects and
 * fails with `precondition-failed` (carrying the current head) when another write got there first.
 */
export class DesignService {
  constructor(private readonly deps: DesignServiceDeps) {}

  async create(p: Principal, req: CreateDesignRequest, action = 'design.create'): Promise<Design> {
    const workspace = req.workspace ?? DEFAULT_WORKSPACE;
    this.require(p, workspace, 'editor');
    if (!(await this.deps.access.getWorkspace(workspace))) throw notFound(`workspace ${workspace}`);
    const content = this.content(req.yaml, req.message ?? 'Created');
    const at = this.deps.clock.now();
    const record = await this.deps.designs.create(
      { id: this.deps.secrets.newId(), workspace, name: req.name, description: req.description, content, author: p.username, at },
      { at, actor: p.username, action, workspace, details: { name: req.name, contentHash: content.contentHash } },
    );
    return toDesign(record, undefined);
  }

  async list(p: Principal, q: ListDesignsQuery): Promise<DesignList> {
    let workspaces: string[] | undefined;
    if (q.workspace) {
      this.require(p, q.workspace, 'viewer');
      workspaces = [q.workspace];
    } else if (!(p.siteAdmin && !p.tokenWorkspace)) {
      workspaces = [...p.memberships.keys(), ...(p.tokenWorkspace ? [p.tokenWorkspace] : [])].filter((w) => atLeast(roleIn(p, w), 'viewer'));
    }
    const order = q.order ?? (q.sort === 'name' ? 'asc' : 'desc');
    const text = q.q?.trim();
    const page = await this.deps.designs.list({ ...(workspaces ? { workspaces } : {}), ...(text ? { text } : {}), sort: q.sort, order, limit: q.limit, offset: q.offset });
    return { items: page.items.map(toSummary), total: page.total, limit: q.limit, offset: q.offset };
  }

  async get(p: Principal, id: string): Promise<Design> {
    const design = await this.deps.designs.get(id);
    if (!design || !atLeast(roleIn(p, design.workspace), 'viewer')) throw notFound(`design ${id}`);
    const draft = atLeast(roleIn(p, design.workspace), 'editor') ? await this.deps.designs.getDraft(id, p.username) : undefined;
    return toDesign(design, draft);
  }

  async update(p: Principal, id: string, expected: Expected, req: UpdateDesignRequest): Promise<Design> {
    const head = await this.headFor(p, id, 'editor');
    const version = this.check(head, expected);
    const content = req.yaml !== undefined && this.deps.secrets.sha256(req.yaml) !== head.contentHash ? this.content(req.yaml, req.message ?? '') : undefined;
    const renamed = req.name !== undefined && req.name !== head.name;
    const redescribed = req.description !== undefined && req.description !== head.description;
    if (!content && !renamed && !redescribed) return this.get(p, id);
    const at = this.deps.clock.now();
    const result = await this.deps.designs.update(
      id,
      version,
      { ...(renamed ? { name: req.name } : {}), ...(redescribed ? { description: req.description } : {}), ...(content ? { content } : {}), author: p.username, at },
      { at, actor: p.username, action: 'design.update', workspace: head.workspace, details: { contentChanged: !!content, ...(renamed ? { name: req.name } : {}), ...(content ? { contentHash: content.contentHash } : {}) } },
    );
    if (!result.ok) throw this.stale(id, result.current);
    return toDesign(result.value, undefined);
  }

  async delete(p: Principal, id: string, expected: Expected): Promise<void> {
    const head = await this.headFor(p, id, 'editor');
    const at = this.deps.clock.now();
    const result = await this.deps.designs.delete(id, this.check(head, expected), { at, actor: p.username, action: 'design.delete', workspace: head.workspace, details: { name: head.name } });
    if (!result.ok) throw this.stale(id, result.current);
  }

  async listRevisions(p: Principal, id: string, limit: number, offset: number): Promise<RevisionList> {
    await this.headFor(p, id, 'viewer');
    const page = await this.deps.designs.listRevisions(id, limit, offset);
    return { items: page.items.map(toRevisionSummary), total: page.total, limit, offset };
  }

  async getRevision(p: Principal, id: string, revision: number): Promise<Revision> {
    await this.headFor(p, id, 'viewer');
    const r = await this.deps.designs.getRevision(id, revision);
    if (!r) throw notFound(`revision ${revision} of design ${id}`);
    return { ...toRevisionSummary(r), yaml: r.yaml };
  }

  /** Makes revision `revision`'s content the head again, as a new revision (history is never rewritten). */
  async restore(p: Principal, id: string, revision: number, expected: Expected, message?: string): Promise<Design> {
    const head = await this.headFor(p, id, 'editor');
    const version = this.check(head, expected);
    const old = await this.deps.designs.getRevision(id, revision);
    if (!old) throw notFound(`revision ${revision} of design ${id}`);
    if (old.contentHash === head.contentHash) return this.get(p, id);
    const content = { ...this.content(old.yaml, message ?? `Restored revision ${revision}`), restoredFrom: revision };
    const at = this.deps.clock.now();
    const result = await this.deps.designs.update(id, version, { content, author: p.username, at }, {
      at, actor: p.username, action: 'design.restore', workspace: head.workspace, details: { restoredFrom: revision, contentHash: content.contentHash },
    });
    if (!result.ok) throw this.stale(id, result.current);
    return toDesign(result.value, undefined);
  }

  async diff(p: Principal, id: string, q: DiffQuery): Promise<DiffResponse> {
    const head = await this.headFor(p, id, 'viewer');
    const from = await this.resolveRef(p, head, q.from);
    const to = await this.resolveRef(p, head, q.to);
    const d = diffDesigns(from.yaml, to.yaml, { registry: this.deps.validation.schemas, text: { context: q.context } });
    const label = (r: typeof from) => (r.revision !== null ? `revision ${r.revision}` : r.ref);
    return {
      from: { ref: from.ref, revision: from.revision, contentHash: from.contentHash },
      to: { ref: to.ref, revision: to.revision, contentHash: to.contentHash },
      text: { ...d.text, hunks: d.text.hunks.map((h) => ({ ...h, lines: [...h.lines] })), unified: renderUnifiedDiff(d.text, label(from), label(to)) },
      // A plain JSON copy: the core's readonly structures become the contract's plain arrays and objects.
      graph: { changed: d.graphChanged, rgds: JSON.parse(JSON.stringify(d.rgds)) as DiffResponse['graph']['rgds'] },
    };
  }

  async getDraft(p: Principal, id: string): Promise<Draft> {
    const head = await this.headFor(p, id, 'editor');
    const draft = await this.deps.designs.getDraft(id, p.username);
    if (!draft) throw notFound(`a draft of design ${id} by ${p.username}`);
    return toDraft(draft, head.revision);
  }

  /**
   * Autosave: stores the caller's working copy, replacing their previous one. No revision, no audit entry; the
   * draft is the caller's alone and ends when they save (or discard it). `expectedVersion` (the draft's ETag)
   * guards against two tabs of the same user overwriting each other; without it the last autosave wins.
   */
  async saveDraft(p: Principal, id: string, req: SaveDraftRequest, expectedVersion?: number): Promise<Draft> {
    const head = await this.headFor(p, id, 'editor');
    if (req.baseRevision > head.revision) {
      throw new ServiceError('unprocessable', `baseRevision ${req.baseRevision} does not exist yet; the design is at revision ${head.revision}`);
    }
    this.refuseLimits(req.yaml);
    const result = await this.deps.designs.saveDraft(
      { designId: id, author: p.username, yaml: req.yaml, contentHash: this.deps.secrets.sha256(req.yaml), baseRevision: req.baseRevision, updatedAt: this.deps.clock.now() },
      expectedVersion,
    );
    if (!result.ok) {
      throw new ServiceError('precondition-failed', result.current ? 'the draft was autosaved from another tab or window since you loaded it' : 'the draft no longer exists (it was saved or discarded)');
    }
    return toDraft(result.value, head.revision);
  }

  async deleteDraft(p: Principal, id: string): Promise<void> {
    await this.headFor(p, id, 'editor');
    if (!(await this.deps.designs.deleteDraft(id, p.username))) throw notFound(`a draft of design ${id} by ${p.username}`);
  }

  /** The YAML of the head (or of one revision) and a file name for it. */
  async export(p: Principal, id: string, revision?: number): Promise<{ fileName: string; yaml: string }> {
    const design = await this.deps.designs.get(id);
    if (!design || !atLeast(roleIn(p, design.workspace), 'viewer')) throw notFound(`design ${id}`);
    const base = design.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'design';
    if (revision === undefined) return { fileName: `${base}.yaml`, yaml: design.yaml };
    const r = await this.deps.designs.getRevision(id, revision);
    if (!r) throw notFound(`revision ${revision} of design ${id}`);
    return { fileName: `${base}.r${revision}.yaml`, yaml: r.yaml };
  }

  private async resolveRef(p: Principal, head: DesignHead, ref: number | 'head' | 'draft') {
    if (ref === 'draft') {
      const draft = await this.deps.designs.getDraft(head.id, p.username);
      if (!draft) throw notFound(`a draft of design ${head.id} by ${p.username}`);
      return { ref: 'draft', revision: null, yaml: draft.yaml, contentHash: draft.contentHash };
    }
    const n = ref === 'head' ? head.revision : ref;
    const r = await this.deps.designs.getRevision(head.id, n);
    if (!r) throw notFound(`revision ${n} of design ${head.id}`);
    return { ref: String(ref), revision: n, yaml: r.yaml, contentHash: r.contentHash };
  }

  private content(yaml: string, message: string): NewContent {
    const analysis = this.refuseLimits(yaml);
    return { yaml, contentHash: this.deps.secrets.sha256(yaml), kind: analysis.kind, valid: analysis.valid, errorCount: analysis.errorCount, message };
  }

  /** Invalid RGDs may be saved (work in progress), but not texts beyond the input limits. */
  private refuseLimits(yaml: string) {
    const analysis = this.deps.validation.analyze(yaml);
    if (analysis.refused.length > 0) {
      throw new ServiceError('unprocessable', `the YAML text breaks an input limit: ${analysis.refused[0]!.message}`, { diagnostics: analysis.refused });
    }
    return analysis;
  }

  private require(p: Principal, workspace: string, role: Role): void {
    const has = roleIn(p, workspace);
    if (!atLeast(has, 'viewer')) throw notFound(`workspace ${workspace}`);
    if (!atLeast(has, role)) throw new ServiceError('forbidden', `this needs the ${role} role in workspace ${workspace}; you are ${has}`);
  }

  private async headFor(p: Principal, id: string, role: Role): Promise<DesignHead> {
    const head = await this.deps.designs.getHead(id);
    if (!head || !atLeast(roleIn(p, head.workspace), 'viewer')) throw notFound(`design ${id}`);
    this.require(p, head.workspace, role);
    return head;
  }

  private check(head: DesignHead, expected: Expected): number {
    if (expected !== '*' && expected !== head.version) throw this.stale(head.id, head);
    return head.version;
  }

  private stale(id: string, current: DesignHead | undefined): ServiceError {
    if (!current) return notFound(`design ${id}`);
    return new ServiceError('precondition-failed', `the design changed since you loaded it: it is now at revision ${current.revision} by ${current.updatedBy}; reload or merge, then save again`, {
      current: toCurrent(current),
    });
  }
}

