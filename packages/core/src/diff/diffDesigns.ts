import type { RgdValidation } from '../rgd/validateRgd.js';
import type { SchemaLookup } from '../rgd/SchemaLookup.js';
import { validateSource } from '../rgd/validateSource.js';
import type { RgdResource } from '../rgd/RgdModel.js';
import { toPlain, type LocatedNode } from '../source/LocatedNode.js';
import { describeSchemaFields, type FieldShape } from './describeSchemaFields.js';
import { diffLines, type DiffLinesOptions, type LineDiff } from './diffLines.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** The parts of a resource entry a change can touch. */
export type ResourceAspect = 'kind' | 'template' | 'externalRef' | 'readyWhen' | 'includeWhen' | 'forEach';

export interface ResourceChange {
  readonly id: string;
  readonly change: ChangeKind;
  /** `apiVersion/kind` before and after (absent on the side where the resource does not exist). */
  readonly from?: string;
  readonly to?: string;
  /** For `changed`: what changed, in a fixed order. */
  readonly aspects: readonly ResourceAspect[];
}

export interface EdgeChange {
  /** `from` reads fields of `to` (the dependency direction of the core's graph). */
  readonly from: string;
  readonly to: string;
  readonly change: ChangeKind;
  /** For `changed`: field paths the edge now carries, and no longer carries. */
  readonly fieldsAdded: readonly string[];
  readonly fieldsRemoved: readonly string[];
}

export interface FieldChange {
  /** Dotted path from `spec` of the instance (`ingress.host`, `ports[].name`). */
  readonly path: string;
  readonly change: ChangeKind;
  readonly from?: FieldShape;
  readonly to?: FieldShape;
}

export interface StatusFieldChange {
  /** Dotted path from `status` of the instance. */
  readonly path: string;
  readonly change: ChangeKind;
  /** The field's value (usually a `${...}` expression), before and after. */
  readonly from?: string;
  readonly to?: string;
}

export interface RgdDiff {
  /** `metadata.name`, or `#N` (1-based position among unnamed RGDs) when the RGD has none. */
  readonly name: string;
  readonly change: ChangeKind | 'unchanged';
  /** `spec.schema` kind and apiVersion, before and after, when either changed. */
  readonly schemaKind?: { readonly from?: string; readonly to?: string };
  readonly resources: readonly ResourceChange[];
  readonly edges: readonly EdgeChange[];
  readonly schemaFields: readonly FieldChange[];
  readonly statusFields: readonly StatusFieldChange[];
  /** kro's topological order before and after, when it changed. */
  readonly topologicalOrder?: { readonly from: readonly string[]; readonly to: readonly string[] };
}

export interface DesignDiff {
  readonly text: LineDiff;
  readonly rgds: readonly RgdDiff[];
  /** True when any RGD's resources, edges, schema or status changed (formatting and comments do not count). */
  readonly graphChanged: boolean;
}

export interface DiffDesignsOptions {
  readonly registry: SchemaLookup;
  readonly text?: DiffLinesOptions;
}

/**
 * Compares two versions of a design: a line diff of the texts, and for every RGD (paired by `metadata.name`) the
 * resources, dependency edges, instance spec fields (type, required, markers) and status fields that were added,
 * removed or changed. Both texts go through `validateSource`, so broken YAML still diffs as far as it parses.
 */
export function diffDesigns(oldText: string, newText: string, options: DiffDesignsOptions): DesignDiff {
  const text = diffLines(oldText, newText, options.text);
  const before = validateSource(oldText, { registry: options.registry }).rgds;
  const after = validateSource(newText, { registry: options.registry }).rgds;
  const rgds = pairRgds(before, after).map(([name, a, b]) => diffRgd(name, a, b));
  return { text, rgds, graphChanged: rgds.some((r) => r.change !== 'unchanged') };
}

function pairRgds(before: readonly RgdValidation[], after: readonly RgdValidation[]): [string, RgdValidation | undefined, RgdValidation | undefined][] {
  const key = (list: readonly RgdValidation[]) => {
    let unnamed = 0;
    const seen = new Map<string, number>();
    return list.map((r) => {
      if (r.name === undefined) return `#${++unnamed}`;
      const n = (seen.get(r.name) ?? 0) + 1;
      seen.set(r.name, n);
      return n === 1 ? r.name : `${r.name}#${n}`;
    });
  };
  const oldKeys = key(before);
  const newKeys = key(after);
  const pairs: [string, RgdValidation | undefined, RgdValidation | undefined][] = [];
  const newByKey = new Map(newKeys.map((k, i) => [k, after[i]!]));
  oldKeys.forEach((k, i) => pairs.push([k, before[i], newByKey.get(k)]));
  const oldSet = new Set(oldKeys);
  newKeys.forEach((k, i) => {
    if (!oldSet.has(k)) pairs.push([k, undefined, after[i]]);
  });
  return pairs;
}

function diffRgd(name: string, a: RgdValidation | undefined, b: RgdValidation | undefined): RgdDiff {
  const resources = diffResources(a?.model.resources ?? [], b?.model.resources ?? []);
  const edges = diffEdges(a, b);
  const schemaFields = diffMaps(describeSchemaFields(a?.specSchema), describeSchemaFields(b?.specSchema), sameJson).map(
    ([path, change, from, to]) => ({ path, change, ...(from ? { from } : {}), ...(to ? { to } : {}) }),
  );
  const statusFields = diffMaps(statusLeaves(a?.model.schema.status), statusLeaves(b?.model.schema.status), (x, y) => x === y).map(
    ([path, change, from, to]) => ({ path, change, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }),
  );
  const kindOf = (r: RgdValidation | undefined) => (r?.model.schema.kind !== undefined ? `${r.model.schema.apiVersion ?? '?'}/${r.model.schema.kind}` : undefined);
  const oldKind = kindOf(a);
  const newKind = kindOf(b);
  const oldOrder = a?.topologicalOrder ?? [];
  const newOrder = b?.topologicalOrder ?? [];
  const orderChanged = oldOrder.join('\n') !== newOrder.join('\n');
  const changedAny = resources.length + edges.length + schemaFields.length + statusFields.length > 0 || oldKind !== newKind || orderChanged;
  return {
    name,
    change: !a ? 'added' : !b ? 'removed' : changedAny ? 'changed' : 'unchanged',
    ...(oldKind !== newKind ? { schemaKind: { ...(oldKind ? { from: oldKind } : {}), ...(newKind ? { to: newKind } : {}) } } : {}),
    resources,
    edges,
    schemaFields,
    statusFields,
    ...(orderChanged ? { topologicalOrder: { from: oldOrder, to: newOrder } } : {}),
  };
}

function diffResources(before: readonly RgdResource[], after: readonly RgdResource[]): ResourceChange[] {
  const out: ResourceChange[] = [];
  const newById = new Map(after.map((r) => [r.id, r]));
  const oldIds = new Set(before.map((r) => r.id));
  for (const old of before) {
    const next = newById.get(old.id);
    const from = kindOfResource(old);
    if (!next) {
      out.push({ id: old.id, change: 'removed', ...(from ? { from } : {}), aspects: [] });
      continue;
    }
    const to = kindOfResource(next);
    const aspects: ResourceAspect[] = [];
    if (from !== to) aspects.push('kind');
    if (!sameNode(old.template, next.template)) aspects.push('template');
    if (!sameNode(old.externalRef, next.externalRef)) aspects.push('externalRef');
    if (!sameList(old.readyWhen, next.readyWhen)) aspects.push('readyWhen');
    if (!sameList(old.includeWhen, next.includeWhen)) aspects.push('includeWhen');
    const dims = (r: RgdResource) => canonicalJson(r.forEach.map((d) => [d.name, toPlain(d.expression)]));
    if (dims(old) !== dims(next)) aspects.push('forEach');
    if (aspects.length > 0) out.push({ id: old.id, change: 'changed', ...(from ? { from } : {}), ...(to ? { to } : {}), aspects });
  }
  for (const next of after) {
    if (oldIds.has(next.id)) continue;
    const to = kindOfResource(next);
    out.push({ id: next.id, change: 'added', ...(to ? { to } : {}), aspects: [] });
  }
  return out;
}

function diffEdges(a: RgdValidation | undefined, b: RgdValidation | undefined): EdgeChange[] {
  const edgeMap = (r: RgdValidation | undefined) => new Map((r?.graph.edges ?? []).map((e) => [`${e.from}\u0000${e.to}`, e]));
  const before = edgeMap(a);
  const after = edgeMap(b);
  const out: EdgeChange[] = [];
  for (const [key, e] of before) {
    const next = after.get(key);
    if (!next) {
      out.push({ from: e.from, to: e.to, change: 'removed', fieldsAdded: [], fieldsRemoved: [...e.fields] });
      continue;
    }
    const fieldsAdded = next.fields.filter((f) => !e.fields.includes(f));
    const fieldsRemoved = e.fields.filter((f) => !next.fields.includes(f));
    if (fieldsAdded.length + fieldsRemoved.length > 0) out.push({ from: e.from, to: e.to, change: 'changed', fieldsAdded, fieldsRemoved });
  }
  for (const [key, e] of after) {
    if (!before.has(key)) out.push({ from: e.from, to: e.to, change: 'added', fieldsAdded: [...e.fields], fieldsRemoved: [] });
  }
  return out;
}

/** Keys in first-seen order (old keys first); each entry is `[key, change, old, new]`. */
function diffMaps<T>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>, same: (x: T, y: T) => boolean): [string, ChangeKind, T | undefined, T | undefined][] {
  const out: [string, ChangeKind, T | undefined, T | undefined][] = [];
  for (const [k, v] of before) {
    if (!after.has(k)) out.push([k, 'removed', v, undefined]);
    else if (!same(v, after.get(k)!)) out.push([k, 'changed', v, after.get(k)]);
  }
  for (const [k, v] of after) if (!before.has(k)) out.push([k, 'added', undefined, v]);
  return out;
}

function statusLeaves(node: LocatedNode | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path === '' ? k : `${path}.${k}`);
    } else if (path !== '') out.set(path, typeof value === 'string' ? value : canonicalJson(value));
  };
  if (node) walk(toPlain(node), '');
  return out;
}

function kindOfResource(r: RgdResource): string | undefined {
  const body = toPlain(r.template ?? r.externalRef ?? { kind: 'map', span: r.node.span, entries: [] });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { apiVersion, kind } = body as { apiVersion?: unknown; kind?: unknown };
  if (typeof kind !== 'string') return undefined;
  return typeof apiVersion === 'string' ? `${apiVersion}/${kind}` : kind;
}

function sameNode(x: LocatedNode | undefined, y: LocatedNode | undefined): boolean {
  if (!x || !y) return x === y;
  return canonicalJson(toPlain(x)) === canonicalJson(toPlain(y));
}

function sameList(x: readonly LocatedNode[], y: readonly LocatedNode[]): boolean {
  return canonicalJson(x.map(toPlain)) === canonicalJson(y.map(toPlain));
}

function sameJson(x: unknown, y: unknown): boolean {
  return canonicalJson(x) === canonicalJson(y);
}

/** JSON with object keys sorted, so key order and formatting do not count as changes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(typeof value === 'bigint' ? value.toString() : value);
}
