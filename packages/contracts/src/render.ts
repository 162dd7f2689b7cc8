import { z } from 'zod';
import { YamlText } from './common.js';
import { Diagnostic } from './diagnostics.js';
import { CrdInput } from './validation.js';

export const RenderRequest = z
  .object({
    /** The RGD. */
    yaml: YamlText,
    /** The instance (a custom resource of the RGD's kind), YAML or JSON text. */
    instance: YamlText,
    /** CRDs for kinds that are not Kubernetes built-ins. */
    crds: z.array(CrdInput).max(100).default([]),
  })
  .strict()
  .meta({ id: 'RenderRequest' });
export type RenderRequest = z.infer<typeof RenderRequest>;

/** A diagnostic located in one of the two texts of a render: the RGD or the instance. */
export const RenderDiagnostic = Diagnostic.extend({ document: z.enum(['rgd', 'instance']) }).meta({ id: 'RenderDiagnostic' });
export type RenderDiagnostic = z.infer<typeof RenderDiagnostic>;

/** An expression kro would wait on: it needs a value only a live object has. */
export const PendingExpression = z.object({
  /** Field path in the rendered object (`spec.template.spec.containers[0].env[1].value`), or `includeWhen[0]`, `readyWhen[0]`, `forEach.<name>`. */
  path: z.string(),
  /** `<id>.<path>` the value waits for (`database.status.endpoint`). */
  waitsFor: z.string(),
  /** The CEL expression, without `${}`. */
  expression: z.string().optional(),
});
export type PendingExpression = z.infer<typeof PendingExpression>;

export const RenderedResource = z
  .object({
    id: z.string(),
    /** `error`: an expression failed for this instance (see diagnostics); kro would mark the node ERROR and apply nothing. */
    state: z.enum(['rendered', 'excluded', 'pending', 'error']),
    /** One object, or one per forEach item in kro's cartesian order; external references are not applied and have none. */
    objects: z.array(z.record(z.string(), z.unknown())),
    pending: z.array(PendingExpression),
    /** Why the resource is excluded: its own false includeWhen, or an excluded dependency (kro's contagion). */
    excludedBy: z.object({ resourceId: z.string(), expression: z.string().optional() }).optional(),
    /** forEach: the number of items, when the dimensions could be evaluated. */
    cardinality: z.number().int().optional(),
    externalRef: z.boolean().optional(),
  })
  .meta({ id: 'RenderedResource' });
export type RenderedResource = z.infer<typeof RenderedResource>;

export const RenderResponse = z
  .object({
    valid: z.boolean(),
    diagnostics: z.array(RenderDiagnostic),
    /** The instance after defaulting, as the API server would store it. */
    instance: z.record(z.string(), z.unknown()).optional(),
    /** One entry per RGD resource, in kro's topological order. */
    resources: z.array(RenderedResource),
    /** The instance status fields that could be resolved. */
    status: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'RenderResponse' });
export type RenderResponse = z.infer<typeof RenderResponse>;
