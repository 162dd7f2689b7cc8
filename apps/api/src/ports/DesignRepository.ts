import type { NewAuditEntry } from './AuditLog.js';

/** The head of a design: everything but its content, which lives in the head revision. */
export interface DesignHead {
  readonly id: string;
  readonly workspace: string;
  readonly name: string;
  readonly description: string;
  readonly kind: string | null;
  /** Number of the head revision (1 for a new design). */
  readonly revision: number;
  /** Bumped by every write, content or metadata; the ETag is made from it. */
  readonly version: number;
  readonly contentHash: string;
  readonly valid: boolean;
  readonly errorCount: number;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export interface DesignRecord extends DesignHead {
  readonly yaml: string;
}

export interface RevisionSummaryRecord {
  readonly revision: number;
  readonly contentHash: string;
  readonly author: string;
  readonly message: string;
  readonly createdAt: Date;
  readonly restoredFrom: number | null;
  readonly size: number;
}

export interface RevisionRecord extends RevisionSummaryRecord {
  readonly yaml: string;
}

export interface DraftRecord {
  readonly designId: string;
  readonly author: string;
  readonly yaml: string;
  readonly contentHash: string;
  readonly baseRevision: number;
  /** Bumped by every autosave; the draft's ETag. */
  readonly version: number;
  readonly updatedAt: Date;
}

/** A new revision's content and what the service derived from it. */
export interface NewContent {
  readonly yaml: string;
  readonly contentHash: string;
  readonly kind: string | null;
  readonly valid: boolean;
  readonly errorCount: number;
  readonly message: string;
  readonly restoredFrom?: number;
}

export interface NewDesign {
  readonly id: string;
  readonly workspace: string;
  readonly name: string;
  readonly description: string;
  readonly content: NewContent;
  readonly author: string;
  readonly at: Date;
}

export interface DesignChange {
  readonly name?: string;
  readonly description?: string;
  /** New content: a new revision. Absent for metadata-only changes. */
  readonly content?: NewContent;
  readonly author: string;
  readonly at: Date;
}

export type DesignSort = 'name' | 'createdAt' | 'updatedAt';

export interface DesignQuery {
  /** Workspaces to search; `undefined` means all (site admins). An empty list finds nothing. */
  readonly workspaces?: readonly string[];
  readonly text?: string;
  readonly sort: DesignSort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

/** Outcome of a conditional write: applied, or refused because the head moved (with the head as it is now). */
export type ConditionalResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly current: DesignHead | undefined };

/**
 * Storage of designs, their immutable revisions and per-user drafts. Every write is atomic: the revision, the head,
 * the author's draft and the audit entry are committed together or not at all.
 */
export interface DesignRepository {
  create(design: NewDesign, audit: NewAuditEntry): Promise<DesignRecord>;
  get(id: string): Promise<DesignRecord | undefined>;
  getHead(id: string): Promise<DesignHead | undefined>;
  list(query: DesignQuery): Promise<{ items: DesignHead[]; total: number }>;
  /**
   * Applies `change` only if the head is still at `expectedVersion` (compare-and-set). A content change appends
   * revision `revision + 1` and deletes the author's draft.
   */
  update(id: string, expectedVersion: number, change: DesignChange, audit: NewAuditEntry): Promise<ConditionalResult<DesignRecord>>;
  delete(id: string, expectedVersion: number, audit: NewAuditEntry): Promise<ConditionalResult<null>>;
  listRevisions(id: string, limit: number, offset: number): Promise<{ items: RevisionSummaryRecord[]; total: number }>;
  getRevision(id: string, revision: number): Promise<RevisionRecord | undefined>;
  getDraft(id: string, author: string): Promise<DraftRecord | undefined>;
  /** Upserts the author's draft; when `expectedVersion` is given, only if the stored draft is at that version. */
  saveDraft(draft: Omit<DraftRecord, 'version'>, expectedVersion?: number): Promise<{ ok: true; value: DraftRecord } | { ok: false; current: DraftRecord | undefined }>;
  deleteDraft(id: string, author: string): Promise<boolean>;
}
