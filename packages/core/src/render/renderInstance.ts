import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic, hasErrors } from '../diagnostics/createDiagnostic.js';
import { sortDiagnostics } from '../diagnostics/sortDiagnostics.js';
import type { SchemaLookup } from '../rgd/SchemaLookup.js';
import { validateSource } from '../rgd/validateSource.js';
import type { RgdValidation } from '../rgd/validateRgd.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { applySetId } from './applySetId.js';
import { compileRenderPlan, type RenderPlan } from './compileRenderPlan.js';
import { defaultInstance } from './defaultInstance.js';
import { upsertFieldPathValue } from './fieldPathValue.js';
import { identityKey, parentMetadata, type InstanceIdentity } from './kroMetadata.js';
import { renderResourceNode, type NodeRenderContext } from './renderResourceNode.js';
import { evaluateToJson, quote } from './resolveTemplate.js';
import { RenderLog } from './RenderLog.js';
import type { PlainObject, RenderedResource, RenderOptions, RenderResult } from './RenderTypes.js';
import { OMIT, removeOmitted } from './toJsonValue.js';
import { toCelValue } from './toCelValue.js';

type TaggedDiagnostic = RenderResult['diagnostics'][number];

/** `kro.run/instance-id` when previewing an instance that has no uid yet. */
export const PREVIEW_INSTANCE_UID = '00000000-0000-0000-0000-000000000000';
const DEFAULT_KRO_VERSION = 'v0.9.3';

const tag = (document: 'rgd' | 'instance') => (d: Diagnostic): TaggedDiagnostic => ({ ...d, document });

/**
 * Renders what kro v0.9.3 would apply for an instance of an RGD: the instance defaulted and validated as the API
 * server would, then every resource in kro's topological order — includeWhen (contagious exclusion), forEach
 * expansion, template values, `omit()`, namespace inheritance, kro's labels and the ApplySet — and the resolvable
 * status fields. See {@link RenderOptions} for offline preview versus runtime (observed) mode.
 *
 * `rgd` is an RGD text (the first ResourceGraphDefinition in it is rendered) or an existing validation. An RGD with
 * errors renders nothing: kro would not accept it.
 */
export function renderInstance(rgd: string | RgdValidation, registry: SchemaLookup, instance: string | PlainObject, options: RenderOptions = {}): RenderResult {
  let validation: RgdValidation | undefined;
  let rgdDiagnostics: readonly Diagnostic[];
  if (typeof rgd === 'string') {
    const source = validateSource(rgd, { registry, ...(options.featureGates ? { featureGates: options.featureGates } : {}) });
    validation = source.rgds[0];
    rgdDiagnostics = source.diagnostics;
    if (!validation) {
      const d = createDiagnostic('render/rgd-invalid', 'the RGD text holds no ResourceGraphDefinition to render', { start: 0, end: 0 }, '');
      return invalid([...rgdDiagnostics, d].map(tag('rgd')));
    }
  } else {
    validation = rgd;
    rgdDiagnostics = rgd.diagnostics;
  }
  if (!validation.valid || !validation.crd) {
    const d = createDiagnostic('render/rgd-invalid', 'the RGD has errors; kro would not accept it, so there is nothing to render', validation.model.schema.node?.span ?? validation.span, 'spec');
    return invalid([...rgdDiagnostics, d].map(tag('rgd')));
  }
  const plan = compileRenderPlan(validation, registry, { omit: options.featureGates?.CELOmitFunction === true });
  const result = renderWithPlan(plan, instance, options);
  return { ...result, diagnostics: sortTagged([...rgdDiagnostics.map(tag('rgd')), ...result.diagnostics]), valid: result.valid && !hasErrors(rgdDiagnostics) };
}

function invalid(diagnostics: readonly TaggedDiagnostic[]): RenderResult {
  return { valid: false, diagnostics, resources: [], status: {} };
}

function sortTagged(diagnostics: readonly TaggedDiagnostic[]): TaggedDiagnostic[] {
  const rgd = sortDiagnostics(diagnostics.filter((d) => d.document === 'rgd')).map(tag('rgd'));
  const inst = sortDiagnostics(diagnostics.filter((d) => d.document === 'instance')).map(tag('instance'));
  return [...inst, ...rgd];
}

/** Renders an instance with a plan compiled once (see {@link compileRenderPlan}); the sandbox calls this per reconcile. */
export function renderWithPlan(plan: RenderPlan, instance: string | PlainObject, options: RenderOptions = {}): RenderResult {
  const crd = plan.validation.crd!;
  const defaulted = defaultInstance(crd, instance);
  const instanceDiagnostics = defaulted.diagnostics.map(tag('instance'));
  if (!defaulted.value || hasErrors(defaulted.diagnostics)) {
    return { valid: false, diagnostics: sortTagged(instanceDiagnostics), ...(defaulted.value ? { instance: defaulted.value.instance } : {}), resources: [], status: {} };
  }
  const inst = defaulted.value.instance;
  const meta = inst.metadata as PlainObject;
  const kroVersion = options.kroVersion ?? DEFAULT_KRO_VERSION;
  const identity: InstanceIdentity = {
    name: String(meta.name),
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    uid: options.instanceUid ?? (typeof meta.uid === 'string' ? meta.uid : PREVIEW_INSTANCE_UID),
    group: crd.spec.group,
    version: crd.spec.versions[0]!.name,
    kind: crd.spec.names.kind,
    namespaced: crd.spec.scope === 'Namespaced',
  };
  // The API server assigns these on create; expressions such as random.seededString(n, schema.metadata.uid) read them.
  if (typeof meta.uid !== 'string') meta.uid = identity.uid;
  if (typeof meta.generation !== 'number') meta.generation = 1;
  const setId = applySetId({ name: identity.name, namespace: identity.namespace, kind: identity.kind, group: identity.group });
  const schema = crd.spec.versions[0]!.schema.openAPIV3Schema;
  const instanceSchema: OpenApiSchema = { ...schema, properties: { ...schema.properties } };
  delete instanceSchema.properties!.status;
  const context: Record<string, unknown> = { schema: toCelValue(inst, instanceSchema, plan.resolve) };
  const ctx: NodeRenderContext = {
    plan,
    options,
    identity,
    applySetId: setId,
    kroVersion,
    context,
    observedContext: options.observed ? { schema: context.schema } : undefined,
    excluded: new Map(),
  };
  const diagnostics: TaggedDiagnostic[] = [...instanceDiagnostics];
  const resources: RenderedResource[] = [];
  for (const node of plan.nodes) {
    const log = new RenderLog();
    resources.push(renderResourceNode(ctx, node, log));
    diagnostics.push(...log.diagnostics.map(tag('rgd')));
  }
  const conflicts = findConflicts(plan, resources);
  diagnostics.push(...conflicts.diagnostics.map(tag('rgd')));
  // The conflicting resources are in error (kro creates neither); in runtime mode they have nothing to apply.
  for (const [i, r] of resources.entries()) {
    if (conflicts.nodes.has(r.id)) resources[i] = { ...r, state: 'error', objects: options.observed ? [] : r.objects };
  }
  const statusLog = new RenderLog();
  const status = renderStatus(plan, ctx.observedContext ?? context, statusLog);
  diagnostics.push(...statusLog.diagnostics.map(tag('rgd')));
  const children = resources
    .filter((r) => r.state !== 'excluded' && !r.externalRef)
    .flatMap((r) => r.objects)
    .map((o) => {
      const m = (o.metadata ?? {}) as PlainObject;
      return { apiVersion: String(o.apiVersion ?? ''), kind: String(o.kind ?? ''), ...(typeof m.namespace === 'string' ? { namespace: m.namespace } : {}) };
    });
  // kro projects the ApplySet onto the instance only after every node processed without error (data pending is
  // fine) and no two resources target the same object; otherwise the reconcile stops before that.
  const projected = conflicts.nodes.size === 0 && resources.every((r) => r.state !== 'error');
  const parent = parentMetadata({
    applySet: projected,
    applySetId: setId,
    kroVersion,
    rgdName: plan.validation.name ?? '',
    rgdUid: options.rgdUid ?? '',
    instanceNamespace: identity.namespace,
    children,
  });
  return { valid: !hasErrors(diagnostics), diagnostics: sortTagged(diagnostics), instance: inst, resources, status, applySetId: setId, parent };
}

/**
 * kro's `Project` duplicate check: two resolved resources (collection items count as `<id>-<index>`) targeting the
 * same group/version/kind/namespace/name fail the reconcile with `found resources with conflicts: …`.
 */
function findConflicts(plan: RenderPlan, resources: readonly RenderedResource[]): { readonly diagnostics: Diagnostic[]; readonly nodes: ReadonlySet<string> } {
  const seen = new Map<string, { itemId: string; nodeId: string }>();
  const conflicts: { id: string; text: string }[] = [];
  const nodes = new Set<string>();
  for (const r of resources) {
    if (r.state !== 'rendered' || r.externalRef) continue;
    r.objects.forEach((o, i) => {
      const itemId = r.cardinality !== undefined ? `${r.id}-${i}` : r.id;
      const key = identityKey(o);
      const existing = seen.get(key);
      if (existing !== undefined) {
        conflicts.push({ id: r.id, text: `resourceID: ${itemId} conflicts with resourceID: ${existing.itemId}` });
        nodes.add(r.id).add(existing.nodeId);
      }
      seen.set(key, { itemId, nodeId: r.id });
    });
  }
  if (conflicts.length === 0) return { diagnostics: [], nodes };
  const message = `found resources with conflicts: ${conflicts.map((c) => c.text).join(', ')}`;
  const diagnostics = [...new Set(conflicts.map((c) => c.id))].map((id) =>
    createDiagnostic('render/duplicate-object', message, plan.spanOf(id), plan.byId.get(id)?.resource.path ?? '', { resourceId: id }),
  );
  return { diagnostics, nodes };
}

/**
 * The instance status fields kro's `softResolve` writes: each `schema.status` expression evaluated against the
 * schema and the resources it reads; pending ones are left out (the field disappears until its data exists).
 */
function renderStatus(plan: RenderPlan, context: Readonly<Record<string, unknown>>, log: RenderLog): PlainObject {
  const status: PlainObject = {};
  for (const e of plan.status) {
    const out = evaluateToJson(plan, e, context);
    if (out.kind === 'value') {
      if (out.value !== OMIT) upsertFieldPathValue(status, e.occurrence.path, out.value);
    } else if (out.kind === 'error') {
      log.addError(e, `failed to evaluate status field ${quote(e.occurrence.path)} ${quote(e.display)}: ${out.message}`, out);
    }
  }
  removeOmitted(status);
  return status;
}
