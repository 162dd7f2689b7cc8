import type { Diagnostic } from '@kro-designer/core';
import { LineIndex } from '@kro-designer/core';
import { stringify } from 'yaml';
import type { PlainObject, PreviewResource, PreviewSnapshot, RenderState, ResourceSummary } from './protocol';

/** The core's `RenderResult` as far as the preview reads it (structurally the same type). */
export interface RenderResultInput {
  readonly valid: boolean;
  readonly diagnostics: readonly (Diagnostic & { readonly document: 'rgd' | 'instance' })[];
  readonly instance?: PlainObject;
  readonly resources: readonly {
    readonly id: string;
    readonly state: RenderState;
    readonly objects: readonly PlainObject[];
    readonly pending: readonly { readonly path: string; readonly waitsFor: string; readonly expression?: string }[];
    readonly excludedBy?: { readonly resourceId: string; readonly expression?: string };
    readonly cardinality?: number;
    readonly externalRef?: boolean;
  }[];
  readonly status: PlainObject;
}

/** Objects per resource stringified in the worker: what the panel shows before "Show all" (a forEach of 1,000 items would cost ~300 ms per keystroke). */
export const EAGER_YAML = 20;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function metaOf(obj: PlainObject): { name?: string; namespace?: string } {
  const m = obj.metadata;
  if (typeof m !== 'object' || m === null) return {};
  const meta = m as PlainObject;
  const name = text(meta.name);
  const namespace = text(meta.namespace);
  return { ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

/**
 * Makes a render cheap to draw on the main thread: every object stringified to YAML here, diagnostics given their
 * line/column in the text they point into, each resource labelled with its kind from the RGD.
 */
export function buildPreview(
  result: RenderResultInput,
  input: { readonly version: number; readonly rgdText: string; readonly instanceText: string; readonly resources: readonly ResourceSummary[]; readonly elapsedMs: number },
): PreviewSnapshot {
  const rgdLines = new LineIndex(input.rgdText);
  const instanceLines = new LineIndex(input.instanceText);
  const byId = new Map(input.resources.map((r) => [r.id, r]));
  const resources: PreviewResource[] = result.resources.map((r) => {
    const summary = byId.get(r.id);
    const first = r.objects[0];
    const apiVersion = text(first?.apiVersion) ?? summary?.apiVersion;
    const kind = text(first?.kind) ?? summary?.kind;
    return {
      id: r.id,
      state: r.state,
      ...(apiVersion !== undefined ? { apiVersion } : {}),
      ...(kind !== undefined ? { kind } : {}),
      objects: r.objects.map((o, i) => ({ ...metaOf(o), object: o, ...(i < EAGER_YAML ? { yaml: stringify(o, { lineWidth: 0 }) } : {}) })),
      pending: r.pending.map((p) => ({ path: p.path, waitsFor: p.waitsFor, ...(p.expression !== undefined ? { expression: p.expression } : {}) })),
      ...(r.excludedBy ? { excludedBy: { resourceId: r.excludedBy.resourceId, ...(r.excludedBy.expression !== undefined ? { expression: r.excludedBy.expression } : {}) } } : {}),
      ...(r.cardinality !== undefined ? { cardinality: r.cardinality } : {}),
      ...(r.externalRef || summary?.externalRef ? { externalRef: true } : {}),
      forEach: summary?.forEach ?? [],
      errors: result.diagnostics.filter((d) => d.document === 'rgd' && d.resourceId === r.id && d.severity === 'error').map((d) => d.message),
    };
  });
  return {
    version: input.version,
    valid: result.valid,
    diagnostics: result.diagnostics.map((d) => ({ ...d, ...(d.document === 'rgd' ? rgdLines : instanceLines).positionAt(d.span.start) })),
    ...(result.instance ? { instance: result.instance } : {}),
    resources,
    status: result.status,
    statusYaml: Object.keys(result.status).length > 0 ? stringify(result.status, { lineWidth: 0 }) : '',
    elapsedMs: input.elapsedMs,
  };
}
