import { z } from 'zod';

/** A required field of a kind's spec, for a template skeleton (dotted path below `spec`, OpenAPI type). */
export const RequiredField = z
  .object({
    path: z.string(),
    type: z.enum(['string', 'integer', 'number', 'boolean', 'object', 'array']),
  })
  .meta({ id: 'RequiredField' });
export type RequiredField = z.infer<typeof RequiredField>;

/** A kind another stored design (an RGD) defines: `spec.schema`'s group/apiVersion/kind, and where it comes from. */
export const StoredKind = z
  .object({
    apiVersion: z.string().meta({ description: '`<group>/<version>`; the group defaults to kro.run as in kro' }),
    kind: z.string(),
    group: z.string(),
    designId: z.string(),
    designName: z.string(),
    workspace: z.string(),
    /** Spec fields marked `required=true` without a default: what an instance must set. */
    required: z.array(RequiredField),
  })
  .meta({ id: 'StoredKind' });
export type StoredKind = z.infer<typeof StoredKind>;

export const StoredKindList = z.object({ items: z.array(StoredKind) }).meta({ id: 'StoredKindList' });
export type StoredKindList = z.infer<typeof StoredKindList>;
