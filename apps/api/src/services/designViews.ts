import type { CurrentRevision, Design, DesignSummary, Draft, RevisionSummary } from '@kro-designer/contracts';
import type { DesignHead, DesignRecord, DraftRecord, RevisionSummaryRecord } from '../ports/DesignRepository.js';

/**
 * Strong ETag of a design head. It changes with every write (content or name), and names the revision for humans:
 * `"r7.v9"` is revision 7, ninth write.
 */
export const designEtag = (head: Pick<DesignHead, 'revision' | 'version'>) => `"r${head.revision}.v${head.version}"`;

/** The write counter an ETag was made from, or undefined when the text is not one of ours. */
export function versionOfEtag(etag: string): number | undefined {
  const m = /^"r\d+\.v(\d+)"$/.exec(etag.trim());
  return m ? Number(m[1]) : undefined;
}

export const draftEtag = (d: Pick<DraftRecord, 'version'>) => `"d${d.version}"`;

export function draftVersionOfEtag(etag: string): number | undefined {
  const m = /^"d(\d+)"$/.exec(etag.trim());
  return m ? Number(m[1]) : undefined;
}

export const toSummary = (h: DesignHead): DesignSummary => ({
  id: h.id,
  workspace: h.workspace,
  name: h.name,
  description: h.description,
  kind: h.kind,
  revision: h.revision,
  contentHash: h.contentHash,
  etag: designEtag(h),
  valid: h.valid,
  errorCount: h.errorCount,
  createdAt: h.createdAt.toISOString(),
  createdBy: h.createdBy,
  updatedAt: h.updatedAt.toISOString(),
  updatedBy: h.updatedBy,
});

export const toDesign = (d: DesignRecord, draft: DraftRecord | undefined): Design => ({
  ...toSummary(d),
  yaml: d.yaml,
  draft: draft
    ? { baseRevision: draft.baseRevision, updatedAt: draft.updatedAt.toISOString(), contentHash: draft.contentHash, stale: draft.baseRevision < d.revision }
    : null,
});

export const toDraft = (d: DraftRecord, headRevision: number): Draft => ({
  designId: d.designId,
  author: d.author,
  yaml: d.yaml,
  baseRevision: d.baseRevision,
  updatedAt: d.updatedAt.toISOString(),
  contentHash: d.contentHash,
  stale: d.baseRevision < headRevision,
  etag: draftEtag(d),
});

export const toRevisionSummary = (r: RevisionSummaryRecord): RevisionSummary => ({
  revision: r.revision,
  contentHash: r.contentHash,
  author: r.author,
  message: r.message,
  createdAt: r.createdAt.toISOString(),
  restoredFrom: r.restoredFrom,
  size: r.size,
});

export const toCurrent = (h: DesignHead): CurrentRevision => ({
  revision: h.revision,
  etag: designEtag(h),
  contentHash: h.contentHash,
  author: h.updatedBy,
  updatedAt: h.updatedAt.toISOString(),
});
