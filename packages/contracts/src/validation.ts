import { z } from 'zod';
import { WorkspaceId, YamlText } from './common.js';
import { DesignSummary } from './designs.js';
import { Diagnostic } from './diagnostics.js';

export const CrdInput = z.object({ name: z.string().max(500).default('crd.yaml'), yaml: YamlText });

export const ValidateRequest = z
  .object({
    yaml: YamlText,
    /** CRDs for kinds that are not Kubernetes built-ins. */
    crds: z.array(CrdInput).max(100).default([]),
  })
  .strict()
  .meta({ id: 'ValidateRequest' });
export type ValidateRequest = z.infer<typeof ValidateRequest>;

export const RgdReport = z
  .object({
    name: z.string().nullable(),
    kind: z.string().nullable(),
    valid: z.boolean(),
    topologicalOrder: z.array(z.string()),
    resources: z.array(z.object({ id: z.string(), apiVersion: z.string().nullable(), kind: z.string().nullable() })),
    edges: z.array(z.object({ from: z.string(), to: z.string(), fields: z.array(z.string()) })),
    cycles: z.array(z.array(z.string())),
    crd: z.unknown().optional().meta({ description: 'The generated instance CRD, when one could be built' }),
  })
  .meta({ id: 'RgdReport' });

export const ValidateResponse = z
  .object({
    valid: z.boolean(),
    diagnostics: z.array(Diagnostic),
    rgds: z.array(RgdReport),
    /** Problems in the supplied CRDs, by CRD name; spans are offsets into that CRD's text. */
    crdDiagnostics: z.record(z.string(), z.array(Diagnostic)),
  })
  .meta({ id: 'ValidateResponse' });
export type ValidateResponse = z.infer<typeof ValidateResponse>;

export const ImportRequest = z
  .object({
    yaml: YamlText,
    workspace: WorkspaceId.optional(),
    /** Report what would be created without creating anything. */
    dryRun: z.boolean().default(false),
    message: z.string().max(1000).optional(),
  })
  .strict()
  .meta({ id: 'ImportRequest' });
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportedDocument = z.object({
  /** 1-based position of the document in the text. */
  index: z.number().int(),
  apiVersion: z.string().nullable(),
  kind: z.string().nullable(),
  name: z.string().nullable(),
  outcome: z.enum(['created', 'would-create', 'skipped']),
  reason: z.string().optional(),
  designId: z.string().optional(),
  /** Line range of the document in the imported text (1-based, inclusive). */
  lines: z.object({ start: z.number().int(), end: z.number().int() }),
});

export const ImportResponse = z
  .object({
    created: z.array(DesignSummary),
    documents: z.array(ImportedDocument),
    /** Syntax and limit problems of the whole text (RGD-level problems are on each created design). */
    diagnostics: z.array(Diagnostic),
  })
  .meta({ id: 'ImportResponse' });
export type ImportResponse = z.infer<typeof ImportResponse>;
