import { z } from 'zod';
import { PageQuery, pageOf, Timestamp, WorkspaceId, YamlText } from './common.js';

const Name = z.string().trim().min(1, { message: 'a design needs a name' }).max(200);
const Description = z.string().max(2000);
const Message = z.string().max(1000).meta({ description: 'Revision message, like a commit message' });

export const DesignSummary = z
  .object({
    id: z.string(),
    workspace: z.string(),
    name: z.string(),
    description: z.string(),
    /** `spec.schema.kind` of the first RGD in the text, when there is one. */
    kind: z.string().nullable(),
    revision: z.number().int().meta({ description: 'Number of the current (head) revision, from 1' }),
    contentHash: z.string().meta({ description: 'sha256 of the head YAML (UTF-8), hex' }),
    etag: z.string().meta({ description: 'Strong ETag of the head; send it back in If-Match to update' }),
    valid: z.boolean(),
    errorCount: z.number().int(),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    updatedBy: z.string(),
  })
  .meta({ id: 'DesignSummary' });
export type DesignSummary = z.infer<typeof DesignSummary>;

export const DraftInfo = z
  .object({
    baseRevision: z.number().int(),
    updatedAt: Timestamp,
    contentHash: z.string(),
    /** True when the design moved on since the draft was started: the draft needs a merge before it is saved. */
    stale: z.boolean(),
  })
  .meta({ id: 'DraftInfo' });

export const Design = DesignSummary.extend({
  yaml: z.string(),
  /** The caller's own autosaved draft of this design, if any (drafts are per user). */
  draft: DraftInfo.nullable(),
}).meta({ id: 'Design' });
export type Design = z.infer<typeof Design>;

export const CreateDesignRequest = z
  .object({
    name: Name,
    description: Description.default(''),
    yaml: YamlText,
    workspace: WorkspaceId.optional(),
    message: Message.optional(),
  })
  .strict()
  .meta({ id: 'CreateDesignRequest' });
export type CreateDesignRequest = z.infer<typeof CreateDesignRequest>;

export const UpdateDesignRequest = z
  .object({ name: Name.optional(), description: Description.optional(), yaml: YamlText.optional(), message: Message.optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.description !== undefined || b.yaml !== undefined, { message: 'send at least one of name, description, yaml' })
  .meta({ id: 'UpdateDesignRequest' });
export type UpdateDesignRequest = z.infer<typeof UpdateDesignRequest>;

export const DESIGN_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export const ListDesignsQuery = PageQuery.extend({
  workspace: WorkspaceId.optional(),
  q: z.string().max(200).optional().meta({ description: 'Case-insensitive substring of name, description or kind' }),
  sort: z.enum(DESIGN_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).optional().meta({ description: 'Default: desc for dates, asc for name' }),
});
export type ListDesignsQuery = z.infer<typeof ListDesignsQuery>;

export const DesignList = pageOf(DesignSummary).meta({ id: 'DesignList' });
export type DesignList = z.infer<typeof DesignList>;

export const RevisionSummary = z
  .object({
    revision: z.number().int(),
    contentHash: z.string(),
    author: z.string(),
    message: z.string(),
    createdAt: Timestamp,
    /** When this revision restored an earlier one, that one's number. */
    restoredFrom: z.number().int().nullable(),
    size: z.number().int().meta({ description: 'Length of the YAML text in UTF-16 code units' }),
  })
  .meta({ id: 'RevisionSummary' });
export type RevisionSummary = z.infer<typeof RevisionSummary>;

export const Revision = RevisionSummary.extend({ yaml: z.string() }).meta({ id: 'Revision' });
export type Revision = z.infer<typeof Revision>;

export const ListRevisionsQuery = PageQuery;
export const RevisionList = pageOf(RevisionSummary).meta({ id: 'RevisionList' });
export type RevisionList = z.infer<typeof RevisionList>;

export const RestoreRequest = z.object({ message: Message.optional() }).strict().meta({ id: 'RestoreRequest' });
export type RestoreRequest = z.infer<typeof RestoreRequest>;

export const SaveDraftRequest = z
  .object({
    yaml: YamlText,
    baseRevision: z.number().int().min(1).meta({ description: 'The revision the editor started from' }),
  })
  .strict()
  .meta({ id: 'SaveDraftRequest' });
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const Draft = DraftInfo.extend({ designId: z.string(), author: z.string(), yaml: z.string(), etag: z.string() }).meta({ id: 'Draft' });
export type Draft = z.infer<typeof Draft>;

const RevisionRef = z.union([z.coerce.number().int().min(1), z.enum(['head', 'draft'])]);
export const DiffQuery = z.object({
  from: RevisionRef.meta({ description: 'Revision number, `head` or `draft` (the caller\'s draft)' }),
  to: RevisionRef.default('head'),
  context: z.coerce.number().int().min(0).max(100).default(3),
});
export type DiffQuery = z.infer<typeof DiffQuery>;

const FieldShape = z.object({ type: z.string(), required: z.boolean(), constraints: z.record(z.string(), z.unknown()) });
const Change = z.enum(['added', 'removed', 'changed']);

export const RgdDiff = z
  .object({
    name: z.string(),
    change: z.enum(['added', 'removed', 'changed', 'unchanged']),
    schemaKind: z.object({ from: z.string().optional(), to: z.string().optional() }).optional(),
    resources: z.array(
      z.object({
        id: z.string(),
        change: Change,
        from: z.string().optional(),
        to: z.string().optional(),
        aspects: z.array(z.enum(['kind', 'template', 'externalRef', 'readyWhen', 'includeWhen', 'forEach'])),
      }),
    ),
    edges: z.array(z.object({ from: z.string(), to: z.string(), change: Change, fieldsAdded: z.array(z.string()), fieldsRemoved: z.array(z.string()) })),
    schemaFields: z.array(z.object({ path: z.string(), change: Change, from: FieldShape.optional(), to: FieldShape.optional() })),
    statusFields: z.array(z.object({ path: z.string(), change: Change, from: z.string().optional(), to: z.string().optional() })),
    topologicalOrder: z.object({ from: z.array(z.string()), to: z.array(z.string()) }).optional(),
  })
  .meta({ id: 'RgdDiff' });

export const DiffResponse = z
  .object({
    from: z.object({ ref: z.string(), revision: z.number().int().nullable(), contentHash: z.string() }),
    to: z.object({ ref: z.string(), revision: z.number().int().nullable(), contentHash: z.string() }),
    text: z.object({
      added: z.number().int(),
      removed: z.number().int(),
      approximate: z.boolean(),
      hunks: z.array(
        z.object({
          oldStart: z.number().int(),
          oldLines: z.number().int(),
          newStart: z.number().int(),
          newLines: z.number().int(),
          lines: z.array(z.object({ op: z.enum([' ', '-', '+']), text: z.string() })),
        }),
      ),
      unified: z.string().meta({ description: 'The same diff in unified format' }),
    }),
    graph: z.object({ changed: z.boolean(), rgds: z.array(RgdDiff) }),
  })
  .meta({ id: 'DiffResponse' });
export type DiffResponse = z.infer<typeof DiffResponse>;
