import type { Span } from '../diagnostics/Diagnostic.js';
import type { ExpressionOccurrence } from '../graph/ExpressionOccurrence.js';
import { celSourceOf } from '../graph/buildResourceGraph.js';
import type { RgdValidation } from '../rgd/validateRgd.js';
import type { RgdResource } from '../rgd/RgdModel.js';
import type { KindInfo, SchemaLookup } from '../rgd/SchemaLookup.js';
import { resourceKind } from '../rgd/resourceKind.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { toPlain } from '../source/LocatedNode.js';
import { createEvaluator, type Evaluator } from './createEvaluator.js';
import type { PlainObject } from './RenderTypes.js';

/** One `${...}` string ready to evaluate: its occurrence, compiled CEL source and the map back to the RGD text. */
export interface PlannedExpression {
  readonly occurrence: ExpressionOccurrence;
  readonly celSource: string;
  /** What kro quotes in messages: the expression, or the whole template string. */
  readonly display: string;
  toSourceOffset(celOffset: number): number;
}

export interface PlannedNode {
  readonly id: string;
  readonly resource: RgdResource;
  readonly kind?: KindInfo;
  /** The template (or externalRef pseudo-template) as plain data, to copy per render. */
  readonly template: PlainObject;
  readonly external: boolean;
  /** forEach collection or selector externalRef: the variable is a list. */
  readonly collection: boolean;
  readonly dependencies: readonly string[];
  readonly applyWave: number;
  readonly includeWhen: readonly PlannedExpression[];
  readonly readyWhen: readonly PlannedExpression[];
  readonly forEach: readonly (PlannedExpression & { readonly iterator: string })[];
  /** Template fields (or externalRef fields) holding expressions. */
  readonly fields: readonly PlannedExpression[];
}

/** An RGD compiled once for rendering many instances (the sandbox renders on every reconcile). */
export interface RenderPlan {
  readonly validation: RgdValidation;
  readonly registry: SchemaLookup;
  readonly nodes: readonly PlannedNode[];
  readonly byId: ReadonlyMap<string, PlannedNode>;
  readonly status: readonly PlannedExpression[];
  readonly evaluator: Evaluator;
  readonly omit: boolean;
  readonly resolve: (schema: OpenApiSchema) => OpenApiSchema;
  /** Span to attach to node-level diagnostics (the resource id). */
  spanOf(id: string): Span;
}

function plan(occurrence: ExpressionOccurrence): PlannedExpression {
  const { celSource, toSourceOffset } = celSourceOf(occurrence);
  return { occurrence, celSource, toSourceOffset, display: occurrence.standalone ? occurrence.matches[0]!.expression : occurrence.text };
}

/**
 * Prepares an accepted RGD for rendering: nodes in kro's topological order with their expressions grouped by
 * context, templates as plain data, and one cached evaluator. Requires a validation without errors.
 */
export function compileRenderPlan(validation: RgdValidation, registry: SchemaLookup, options: { readonly omit?: boolean } = {}): RenderPlan {
  const byResource = new Map<string, ExpressionOccurrence[]>();
  const status: PlannedExpression[] = [];
  for (const occ of validation.occurrences) {
    if (occ.context === 'status') status.push(plan(occ));
    else if (occ.resourceId !== undefined) {
      const list = byResource.get(occ.resourceId) ?? [];
      list.push(occ);
      byResource.set(occ.resourceId, list);
    }
  }
  const resources = new Map(validation.model.resources.map((r) => [r.id, r]));
  const nodes: PlannedNode[] = [];
  for (const id of validation.topologicalOrder) {
    const resource = resources.get(id);
    if (!resource) continue;
    const occs = byResource.get(id) ?? [];
    const of = (context: ExpressionOccurrence['context']) => occs.filter((o) => o.context === context).map(plan);
    const { info, collection } = resourceKind(resource, registry);
    const external = resource.externalRef !== undefined;
    const source = resource.template ?? resource.externalRef;
    const template = (source ? toPlain(source) : {}) as PlainObject;
    nodes.push({
      id,
      resource,
      ...(info ? { kind: info } : {}),
      template: external ? externalPseudoTemplate(template) : template,
      external,
      collection,
      dependencies: (validation.graph.dependencies.get(id) ?? []).filter((d) => d !== 'schema'),
      applyWave: validation.graph.applyWaves.get(id) ?? 0,
      includeWhen: of('includeWhen'),
      readyWhen: of('readyWhen'),
      forEach: occs
        .filter((o) => o.context === 'forEach')
        .map((o) => ({ ...plan(o), iterator: o.iterator ?? '' }))
        .sort((a, b) => resource.forEach.findIndex((d) => d.name === a.iterator) - resource.forEach.findIndex((d) => d.name === b.iterator)),
      fields: of(external ? 'externalRef' : 'template'),
    });
  }
  const omit = options.omit === true;
  return {
    validation,
    registry,
    nodes,
    byId: new Map(nodes.map((n) => [n.id, n])),
    status,
    evaluator: createEvaluator({ omit }),
    omit,
    resolve: (s) => registry.resolve(s),
    spanOf: (id) => resources.get(id)?.idSpan ?? validation.span,
  };
}

/** kro turns an externalRef into `{apiVersion, kind, metadata: {name|selector, namespace}}` (resources_external.go). */
function externalPseudoTemplate(ref: PlainObject): PlainObject {
  const metadata = (ref.metadata ?? {}) as PlainObject;
  const meta: PlainObject = {};
  for (const k of ['name', 'namespace', 'selector']) if (metadata[k] !== undefined) meta[k] = metadata[k];
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: meta };
}

