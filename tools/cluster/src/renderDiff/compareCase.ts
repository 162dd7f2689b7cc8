import type { Difference } from './allowList.js';
import { deepEqual, diffRendered, formatPath, objectLeaves, type PathSegment } from './diffRendered.js';
import type { KroRun } from './runOnKro.js';

type Obj = Record<string, unknown>;

/** The parts of the core's RenderResult this comparison reads (structurally the same type). */
export interface RenderOutcome {
  readonly valid: boolean;
  readonly diagnostics: readonly { readonly message: string; readonly code?: string; readonly severity?: string; readonly document?: string }[];
  readonly instance?: Obj;
  readonly resources: readonly {
    readonly id: string;
    /** `rendered`, `excluded`, `pending`, or `error` (a runtime error kro would report on the instance). */
    readonly state: string;
    readonly objects: readonly Obj[];
    readonly pending: readonly { readonly path: string; readonly waitsFor: string }[];
  }[];
  readonly status: Obj;
  readonly parent?: { readonly labels: Readonly<Record<string, string>>; readonly annotations: Readonly<Record<string, string>>; readonly finalizers: readonly string[] };
}

export interface CaseComparison {
  /** Children compared field by field (present on both sides). */
  readonly objectsCompared: number;
  readonly differences: readonly Difference[];
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const metaOf = (o: Obj) => (isObj(o.metadata) ? o.metadata : {}) as Obj;

/** `apps/v1/Deployment/<namespace>/<name>` (`-` for cluster-scoped). */
export function objectKey(o: Obj): string {
  const m = metaOf(o);
  const ns = typeof m.namespace === 'string' && m.namespace !== '' ? m.namespace : '-';
  return `${String(o.apiVersion)}/${String(o.kind)}/${ns}/${String(m.name)}`;
}

/** Leaf-by-leaf differences of two plain values (both directions), for instance spec and status. */
export function diffPlain(kro: unknown, ours: unknown, prefix: readonly PathSegment[]): { path: string; kro: unknown; ours: unknown }[] {
  const at = (root: unknown, path: readonly PathSegment[]) => path.reduce<unknown>((v, s) => (v as Record<string | number, unknown> | undefined)?.[s], root);
  const paths = new Map<string, readonly PathSegment[]>();
  for (const l of [...objectLeaves(kro), ...objectLeaves(ours)]) paths.set(formatPath(l.path), l.path);
  const out: { path: string; kro: unknown; ours: unknown }[] = [];
  for (const path of paths.values()) {
    const a = at(kro, path);
    const b = at(ours, path);
    if (!deepEqual(a, b)) out.push({ path: formatPath([...prefix, ...path]), kro: a, ours: b });
  }
  return out;
}

/** Whether kro's condition message reports the runtime error `ours`: same `node "<id>"`, same final cause. */
export function sameRuntimeError(kroSays: string, ours: string): boolean {
  if (kroSays.includes(ours)) return true;
  const node = /node "[^"]+"/.exec(ours)?.[0];
  const cause = ours.split('": ').pop() ?? ours;
  return node !== undefined && kroSays.includes(node) && kroSays.includes(cause);
}

/** The field path an instance diagnostic is about: its message starts with it (`spec.port in body …`, `unknown field "spec.x"`). */
function fieldOf(message: string): string {
  return /(spec(?:\.[\w-]+|\[\d+\])*)/.exec(message)?.[1] ?? message;
}

function omitKeys(o: unknown, keys: readonly string[]): Obj {
  return Object.fromEntries(Object.entries(isObj(o) ? o : {}).filter(([k]) => !keys.includes(k)));
}

/**
 * Everything that differs between what kro did with a case and what our render says it does:
 * - the RGD verdict (kro accepts or rejects it; our render is valid or has RGD errors);
 * - whether kro got the instance to ACTIVE (the render assumed every observed node ready);
 * - the instance after defaulting (`spec`), its status fields (kro's `state`/`conditions` are not ours to render),
 *   and the labels, annotations and finalizers kro writes on it;
 * - the set of children (identity apiVersion/kind/namespace/name), and every field of each child kro applied
 *   (see diffRendered).
 */
export function compareCase(caseName: string, run: KroRun, ours: RenderOutcome): CaseComparison {
  const differences: Difference[] = [];
  const add = (object: string, path: string, kro: unknown, our: unknown) => differences.push({ case: caseName, object, path, kro, ours: our });
  const errors = ours.diagnostics.filter((d) => (d.severity ?? 'error') === 'error');
  // Three kinds of error, matching three places kro (or the API server in front of it) reports them.
  const instanceErrors = errors.filter((d) => d.document === 'instance');
  const runtimeErrors = errors.filter((d) => d.document !== 'instance' && d.code?.startsWith('render/') === true);
  const buildErrors = errors.filter((d) => d.document !== 'instance' && d.code?.startsWith('render/') !== true);
  if (!run.rgd.accepted || buildErrors.length > 0) {
    if (run.rgd.accepted) add('rgd', 'verdict', 'accepted', buildErrors.map((d) => d.message));
    else if (buildErrors.length === 0) add('rgd', 'verdict', run.rgd.message, 'accepted');
    return { objectsCompared: 0, differences }; // both reject: they agree, and there is nothing to render
  }
  if (run.instanceRejected || instanceErrors.length > 0) {
    // The API server validates the instance against the generated CRD; compare which fields each side refuses.
    const refused = new Set(run.instanceRejected?.fields ?? []);
    const ourFields = new Set(instanceErrors.map((d) => fieldOf(d.message)));
    if (!run.instanceRejected) add('instance', 'verdict', 'accepted', instanceErrors.map((d) => d.message));
    else if (instanceErrors.length === 0) add('instance', 'verdict', run.instanceRejected.message, 'accepted');
    else {
      for (const f of refused) if (!ourFields.has(f)) add('instance', f, 'rejected', 'accepted');
      for (const d of instanceErrors) if (!refused.has(fieldOf(d.message))) add('instance', fieldOf(d.message), 'accepted (not an error for the API server)', d.message);
    }
    if (run.instanceRejected) return { objectsCompared: 0, differences };
  }
  const pendingNodes = ours.resources.filter((r) => r.state === 'pending');
  const kroSays = run.notActiveReason ?? 'ACTIVE';
  if (run.active) {
    if (runtimeErrors.length > 0) add('instance', 'status.state', 'ACTIVE', runtimeErrors.map((d) => d.message));
  } else if (runtimeErrors.length > 0) {
    // kro stops at the first fatal error and reports it in the instance's conditions; ours reports every one, so one
    // of ours must be kro's: the same node and the same cause (the expression may be introduced in other words).
    if (!runtimeErrors.some((d) => sameRuntimeError(kroSays, d.message))) add('instance', 'status.conditions', kroSays, runtimeErrors.map((d) => d.message));
  } else if (pendingNodes.length > 0) {
    // kro is waiting for data (`… node "<id>": … (data pending)`, `waiting for external reference "<id>"`); ours must
    // wait on the same nodes.
    // A node may also wait because what it reads is missing (an externalRef not found): kro names that one.
    const named = (r: (typeof pendingNodes)[number]) => [r.id, ...r.pending.map((p) => p.waitsFor.split('.')[0] ?? '')].some((id) => kroSays.includes(`"${id}"`));
    for (const r of pendingNodes) if (!named(r)) add(`node ${r.id}`, '(state)', kroSays, `pending: ${r.pending.map((p) => p.waitsFor).join(', ')}`);
  } else {
    add('instance', 'status.state', kroSays, 'ACTIVE (the render assumed every node ready)');
  }

  const live = run.instance ?? {};
  for (const d of diffPlain(live.spec, ours.instance?.spec, ['spec'])) add('instance', d.path, d.kro, d.ours);
  for (const d of diffPlain(omitKeys(live.status, ['state', 'conditions']), ours.status, ['status'])) add('instance', d.path, d.kro, d.ours);
  if (ours.parent) {
    const liveMeta = metaOf(live);
    const ownMeta = metaOf(ours.instance ?? {});
    const expectLabels = { ...(ownMeta.labels as Obj | undefined), ...ours.parent.labels };
    const expectAnnotations = { ...(ownMeta.annotations as Obj | undefined), ...ours.parent.annotations };
    for (const d of diffPlain(liveMeta.labels ?? {}, expectLabels, ['metadata', 'labels'])) add('instance', d.path, d.kro, d.ours);
    for (const d of diffPlain(liveMeta.annotations ?? {}, expectAnnotations, ['metadata', 'annotations'])) add('instance', d.path, d.kro, d.ours);
    if (!deepEqual(liveMeta.finalizers ?? [], ours.parent.finalizers)) add('instance', 'metadata.finalizers', liveMeta.finalizers, ours.parent.finalizers);
  }

  const kroChildren = new Map(run.children.map((o) => [objectKey(o), o]));
  const ourChildren = new Map<string, Obj>();
  for (const r of ours.resources) {
    if (r.state === 'rendered') for (const o of r.objects) ourChildren.set(objectKey(o), o);
    // A node ours leaves pending must be one kro did not create either.
    const created = run.children.some((o) => (metaOf(o).labels as Record<string, string> | undefined)?.['kro.run/node-id'] === r.id);
    if (r.state === 'pending' && created) for (const p of r.pending) add(`node ${r.id}`, p.path, 'created', `pending: waits for ${p.waitsFor}`);
  }
  let objectsCompared = 0;
  for (const [key, live] of kroChildren) {
    const mine = ourChildren.get(key);
    if (!mine) {
      add(key, '(object)', 'created', 'not rendered');
      continue;
    }
    objectsCompared++;
    for (const d of diffRendered(live, mine)) add(key, d.path, d.kro, d.ours);
  }
  for (const key of ourChildren.keys()) if (!kroChildren.has(key)) add(key, '(object)', 'not created', 'rendered');
  return { objectsCompared, differences };
}
