import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { isCelList, listItems } from '../cel/library/celValues.js';
import type { PlannedExpression, PlannedNode, RenderPlan } from './compileRenderPlan.js';
import { childLabels, decorateObject, identityKey, type InstanceIdentity } from './kroMetadata.js';
import { evaluateToJson, quote, readableCopy, resolveTemplate, type ResolvedTemplate } from './resolveTemplate.js';
import type { RenderLog } from './RenderLog.js';
import type { PlainObject, RenderedResource, RenderOptions } from './RenderTypes.js';
import { toCelValue } from './toCelValue.js';

/** State shared by the nodes of one render. */
export interface NodeRenderContext {
  readonly plan: RenderPlan;
  readonly options: RenderOptions;
  readonly identity: InstanceIdentity;
  readonly applySetId: string;
  readonly kroVersion: string;
  /** CEL variables visible to expressions: `schema` and every resolved node (its rendered or observed value). */
  readonly context: Record<string, unknown>;
  /** Runtime mode: observed values of every node, ready or not (what instance status expressions read). */
  readonly observedContext: Record<string, unknown> | undefined;
  /** Excluded nodes and the node + includeWhen that excluded them. */
  readonly excluded: Map<string, { readonly resourceId: string; readonly expression?: string }>;
}

type Inclusion = { readonly kind: 'included' } | { readonly kind: 'excluded'; readonly expression: string } | { readonly kind: 'pending' };

/** Renders one node of the graph (kro's `processNode` for preview or runtime mode), updating the shared context. */
export function renderResourceNode(ctx: NodeRenderContext, node: PlannedNode, log: RenderLog): RenderedResource {
  const base = { id: node.id, applyWave: node.applyWave, ...(node.external ? { externalRef: true } : {}) };
  const upstream = node.dependencies.find((d) => ctx.excluded.has(d));
  if (upstream !== undefined) {
    const excludedBy = ctx.excluded.get(upstream)!;
    ctx.excluded.set(node.id, excludedBy);
    return { ...base, state: 'excluded', objects: [], pending: [], excludedBy };
  }
  const inclusion = evaluateIncludeWhen(ctx, node, log);
  if (inclusion.kind === 'excluded') {
    const excludedBy = { resourceId: node.id, expression: inclusion.expression };
    ctx.excluded.set(node.id, excludedBy);
    return { ...base, state: 'excluded', objects: [], pending: [], excludedBy };
  }
  const observed = ctx.options.observed;
  if (observed) {
    for (const dep of node.dependencies) {
      if (observed(dep)?.ready !== true) waitForNode(ctx, node, dep, log);
    }
    if (log.pending.length > 0) {
      exposeObserved(ctx, node);
      return { ...base, state: 'pending', objects: [], pending: log.pending };
    }
  }
  if (node.external) return renderExternal(ctx, node, log, base);
  const objects = node.collection ? renderCollection(ctx, node, log) : renderSingle(ctx, node, log);
  // Runtime mode: dependents read what the cluster holds, never the desired objects.
  if (observed) exposeObserved(ctx, node);
  const pending = inclusion.kind === 'pending' || log.pending.length > 0;
  const state = log.failed ? 'error' : pending ? 'pending' : 'rendered';
  // Runtime mode follows kro: a node with anything pending or failed is not applied. The preview shows the gaps.
  const shown = observed && state !== 'rendered' ? [] : (objects ?? []);
  return {
    ...base,
    state,
    objects: shown,
    pending: log.pending,
    ...(node.collection && objects ? { cardinality: objects.length } : {}),
  };
}

function evaluateIncludeWhen(ctx: NodeRenderContext, node: PlannedNode, log: RenderLog): Inclusion {
  const { plan } = ctx;
  for (const [i, e] of node.includeWhen.entries()) {
    const refs = plan.evaluator.references(e.celSource).filter((r) => plan.byId.has(r.name));
    if (ctx.options.observed) {
      // kro evaluates resource-backed includeWhen only once those resources are observed and ready.
      const waiting = refs.filter((r) => ctx.options.observed!(r.name)?.ready !== true);
      if (waiting.length > 0) {
        for (const r of waiting) log.addPending(`includeWhen[${i}]`, r.name, e.display);
        return { kind: 'pending' };
      }
    }
    // Converted as kro converts results: optional.none() and null both read as false.
    const out = evaluateToJson(plan, e, ctx.context);
    if (out.kind === 'pending' && refs.length > 0) {
      log.addPending(`includeWhen[${i}]`, out.waitsFor, e.display);
      return { kind: 'pending' };
    }
    if (out.kind !== 'value') {
      log.addError(e, `includeWhen ${quote(e.display)}: ${out.message}`, out.kind === 'error' ? out : undefined);
      return { kind: 'included' };
    }
    if (out.value === null) return { kind: 'excluded', expression: e.display };
    if (typeof out.value !== 'boolean') {
      log.addError(e, `includeWhen ${quote(e.display)}: expression ${quote(e.display)} did not return bool`, undefined, 'render/not-bool');
      return { kind: 'included' };
    }
    if (!out.value) return { kind: 'excluded', expression: e.display };
  }
  return { kind: 'included' };
}

/**
 * Runtime mode: the node waits for `dep` to be observed and ready (kro's "dependent node not ready"), so `waitsFor`
 * is the bare id; the path is the first expression that reads it.
 */
function waitForNode(ctx: NodeRenderContext, node: PlannedNode, dep: string, log: RenderLog): void {
  for (const e of [...node.forEach, ...node.fields]) {
    if (!ctx.plan.evaluator.references(e.celSource).some((r) => r.name === dep)) continue;
    const path = 'iterator' in e ? `forEach.${(e as PlannedExpression & { iterator: string }).iterator}` : e.occurrence.path;
    log.addPending(path, dep, e.display);
    return;
  }
  log.addPending('', dep, '');
}

function renderExternal(ctx: NodeRenderContext, node: PlannedNode, log: RenderLog, base: Pick<RenderedResource, 'id' | 'applyWave' | 'externalRef'>): RenderedResource {
  const resolved = resolveTemplate(ctx.plan, node, ctx.context, log);
  const reference = resolved.object;
  const meta = (reference.metadata ?? {}) as PlainObject;
  // A single reference inherits the instance namespace; a selector without one lists every namespace.
  if (!node.collection && node.kind?.namespaced !== false && (meta.namespace === undefined || meta.namespace === '') && ctx.identity.namespace !== '') {
    meta.namespace = ctx.identity.namespace;
  }
  const obs = ctx.options.observed?.(node.id);
  if (obs && ctx.observedContext) ctx.observedContext[node.id] = contextValue(ctx, node, obs.objects);
  if (obs?.ready) {
    ctx.context[node.id] = contextValue(ctx, node, obs.objects);
    return { ...base, state: log.pending.length > 0 ? 'pending' : 'rendered', objects: [], pending: log.pending, reference };
  }
  // Offline there is no object to read: everything that reads this reference waits for it.
  log.addPending('', node.id, '');
  return { ...base, state: 'pending', objects: [], pending: log.pending, reference };
}

/** Runtime mode: the node's variable is its observed object(s); absent until observed (reads are then pending). */
function exposeObserved(ctx: NodeRenderContext, node: PlannedNode): void {
  const obs = ctx.options.observed?.(node.id);
  if (obs) {
    const value = contextValue(ctx, node, obs.objects);
    ctx.context[node.id] = value;
    if (ctx.observedContext) ctx.observedContext[node.id] = value;
  } else delete ctx.context[node.id];
}

function contextValue(ctx: NodeRenderContext, node: PlannedNode, objects: readonly PlainObject[]): unknown {
  const values = objects.map((o) => toCelValue(o, node.kind?.schema, ctx.plan.resolve));
  return node.collection ? values : (values[0] ?? null);
}

function renderSingle(ctx: NodeRenderContext, node: PlannedNode, log: RenderLog): PlainObject[] {
  const resolved = resolveTemplate(ctx.plan, node, ctx.context, log);
  finish(ctx, node, [resolved], log);
  ctx.context[node.id] = toCelValue(readableCopy(resolved), node.kind?.schema, ctx.plan.resolve);
  return [resolved.object];
}

/** forEach: dimensions must be lists; cartesian product with the last dimension varying fastest (kro's order). */
function renderCollection(ctx: NodeRenderContext, node: PlannedNode, log: RenderLog): PlainObject[] | undefined {
  const { plan } = ctx;
  const dimensions: { name: string; values: readonly unknown[] }[] = [];
  for (const e of node.forEach) {
    const out = plan.evaluator.evaluate(e.celSource, ctx.context);
    if (out.kind === 'pending') {
      log.addPending(`forEach.${e.iterator}`, out.waitsFor, e.display);
      return undefined;
    }
    if (out.kind === 'error') {
      log.addError(e, `forEach ${quote(e.iterator)}: ${out.message}`, out);
      return undefined;
    }
    if (out.value === null || !isCelList(out.value)) {
      const why = out.value === null ? 'returned null, expected list' : 'did not return a list';
      log.addError(e, `forEach ${quote(e.iterator)}: expression ${quote(e.display)} ${why}`, undefined, 'render/not-list');
      return undefined;
    }
    const values = listItems(out.value);
    if (values.length === 0) return finishCollection(ctx, node, [], log);
    dimensions.push({ name: e.iterator, values });
  }
  const max = ctx.options.maxCollectionSize ?? 1000;
  const total = dimensions.reduce((n, d) => n * d.values.length, 1);
  if (total > max) {
    log.addError(node.forEach[0]!, `collection size of ${total} is over the maximum collection size of ${max}`, undefined, 'render/collection-size');
    return undefined;
  }
  const resolved: ResolvedTemplate[] = [];
  const indices = dimensions.map(() => 0);
  for (let item = 0; item < total; item++) {
    const itemContext: Record<string, unknown> = { ...ctx.context };
    dimensions.forEach((d, i) => (itemContext[d.name] = d.values[indices[i]!]));
    resolved.push(resolveTemplate(plan, node, itemContext, log));
    for (let i = dimensions.length - 1; i >= 0; i--) {
      if (++indices[i]! < dimensions[i]!.values.length) break;
      indices[i] = 0;
    }
  }
  const identities = new Set<string>();
  for (const r of resolved) {
    const key = identityKey(r.object);
    if (identities.has(key)) {
      const at = node.fields.find((f) => f.occurrence.path === 'metadata.name') ?? node.forEach[0]!;
      log.addError(at, `node ${quote(node.id)} identity collision: duplicate identity: ${key}`, undefined, 'render/identity-collision');
      return undefined;
    }
    identities.add(key);
  }
  return finishCollection(ctx, node, resolved, log);
}

function finishCollection(ctx: NodeRenderContext, node: PlannedNode, resolved: ResolvedTemplate[], log: RenderLog): PlainObject[] {
  finish(ctx, node, resolved, log);
  ctx.context[node.id] = resolved.map((r) => toCelValue(readableCopy(r), node.kind?.schema, ctx.plan.resolve));
  return resolved.map((r) => r.object);
}

/** Namespace inheritance (`normalizeNamespaces`) and kro's decorator labels, in place. */
function finish(ctx: NodeRenderContext, node: PlannedNode, resolved: readonly ResolvedTemplate[], log: RenderLog): void {
  const size = resolved.length;
  resolved.forEach((r, index) => {
    const meta = (r.object.metadata !== null && typeof r.object.metadata === 'object' ? r.object.metadata : (r.object.metadata = {})) as PlainObject;
    if (node.kind?.namespaced !== false && (typeof meta.namespace !== 'string' || meta.namespace === '')) {
      if (ctx.identity.namespace !== '') meta.namespace = ctx.identity.namespace;
      else {
        log.diagnostics.push(
          createDiagnostic('render/namespace', `node ${quote(node.id)} is namespaced and must resolve metadata.namespace when the instance is cluster-scoped`, ctx.plan.spanOf(node.id), node.resource.path, { resourceId: node.id }),
        );
      }
    }
    const labels = childLabels(ctx.identity, {
      nodeId: node.id,
      kroVersion: ctx.kroVersion,
      applySetId: ctx.applySetId,
      ...(node.collection ? { collection: { index, size } } : {}),
    });
    decorateObject(r.object, labels, ctx.options.applyOrderAnnotation ? { 'internal.kro.run/apply-order': String(node.applyWave) } : {});
  });
}
