import { editDistance } from '../suggest/closestName.js';
import { formatApiVersion, parseApiVersion } from './parseApiVersion.js';
import type { RegisteredKind } from './SchemaRegistry.js';

/** A CRD version that exists in a supplied file but is not served, so kro cannot see it. */
export interface UnservedVersion {
  readonly path: string;
  readonly crdName: string;
}

export interface MissingKindContext {
  /** Every registered kind, in registry order. */
  readonly known: readonly RegisteredKind[];
  /** Release of the bundled built-ins, undefined when they are not included. */
  readonly kubernetesVersion: string | undefined;
  /** The CRD that declares this exact version without serving it, if any. */
  readonly unserved?: UnservedVersion;
  readonly supplyHint?: string;
}

export const DEFAULT_SUPPLY_HINT = 'supply its CustomResourceDefinition with --crd <file|dir>';

/**
 * The message for a kind without a schema. It starts with kro's words ("schema not found", from
 * `cannot resolve group version kind …: schema not found`), then says what was searched, suggests the right
 * apiVersion (same kind elsewhere) or a near spelling, and ends with how to supply a CRD.
 */
export function describeMissingKind(apiVersion: string, kind: string, context: MissingKindContext): string {
  const hint = `If it is a custom resource, ${context.supplyHint ?? DEFAULT_SUPPLY_HINT}.`;
  const gv = parseApiVersion(apiVersion);
  if (gv === undefined) {
    return `schema not found for kind "${kind}": "${apiVersion}" is not a valid apiVersion (expected "group/version", or "v1" for the core group). ${hint}`;
  }
  const searched =
    context.kubernetesVersion === undefined
      ? 'no supplied CRD defines it'
      : `it is not a Kubernetes ${context.kubernetesVersion} built-in kind and no supplied CRD defines it`;
  const parts = [`schema not found for kind "${kind}" in apiVersion "${apiVersion}": ${searched}.`];
  if (context.unserved) {
    parts.push(`The CRD "${context.unserved.crdName}" in ${context.unserved.path} declares version ${gv.version} but does not serve it (served: false).`);
  }
  const suggestion = suggest(gv.group, gv.version, kind, context.known);
  if (suggestion) parts.push(suggestion);
  parts.push(hint);
  return parts.join(' ');
}

function suggest(group: string, version: string, kind: string, known: readonly RegisteredKind[]): string | undefined {
  const sameKind = known.filter((k) => k.kind === kind);
  if (sameKind.length > 0) {
    const ranked = [...sameKind].sort(
      (a, b) => Number(b.group === group) - Number(a.group === group) || compareVersions(a.version, b.version) || compare(a.group, b.group),
    );
    const list = ranked.slice(0, 4).map((k) => k.apiVersion);
    const more = ranked.length > list.length ? ` and ${ranked.length - list.length} more` : '';
    return `Did you mean apiVersion "${ranked[0]!.apiVersion}"? Kind "${kind}" is known in ${list.join(', ')}${more}.`;
  }
  const apiVersion = formatApiVersion(group, version);
  const limit = Math.min(3, Math.max(1, Math.floor(kind.length / 3)));
  let best: { k: RegisteredKind; d: number } | undefined;
  for (const k of known) {
    const d = nameDistance(kind, k.kind, limit);
    if (d > limit) continue;
    if (best === undefined || d < best.d || (d === best.d && preferred(k, best.k, group, apiVersion) < 0)) best = { k, d };
  }
  if (!best) return undefined;
  const where = best.k.apiVersion === apiVersion ? '' : ` (apiVersion "${best.k.apiVersion}")`;
  return `Did you mean "${best.k.kind}"${where}?`;
}

/** Negative when `a` is the better suggestion: same apiVersion, then same group, then the more stable version. */
function preferred(a: RegisteredKind, b: RegisteredKind, group: string, apiVersion: string): number {
  return (
    Number(b.apiVersion === apiVersion) - Number(a.apiVersion === apiVersion) ||
    Number(b.group === group) - Number(a.group === group) ||
    compareVersions(a.version, b.version) ||
    compare(a.kind, b.kind) ||
    compare(a.group, b.group)
  );
}

/**
 * Kubernetes' version priority, as a comparator that puts the preferred version first: GA before beta before
 * alpha, higher major first, then higher minor (`v2` < `v1` < `v1beta2` < `v1beta1` < `v1alpha1`); other names last.
 */
export function compareVersions(a: string, b: string): number {
  const pa = versionPriority(a);
  const pb = versionPriority(b);
  return pb.stage - pa.stage || pb.major - pa.major || pb.minor - pa.minor || compare(a, b);
}

function versionPriority(v: string): { stage: number; major: number; minor: number } {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return { stage: -1, major: 0, minor: 0 };
  const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return { stage, major: Number(m[1]), minor: Number(m[3] ?? 0) };
}

/**
 * Edit distance between kind names, ignoring case, except that a difference in case alone counts as a half edit
 * so `deployment` still finds `Deployment` ahead of any real typo. Above `limit` it returns `limit + 1`.
 */
export function nameDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y ? 0.5 : editDistance(x, y, limit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
