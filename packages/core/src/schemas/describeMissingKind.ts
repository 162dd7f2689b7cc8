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
 * Edit distance between kind names (optimal string alignment: insertions, deletions, substitutions and adjacent
 * transpositions), ignoring case; a difference in case alone counts as a half edit so `deployment` still finds
 * `Deployment`. Returns early with `limit + 1` once the distance is certainly above `limit`.
 */
export function nameDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0.5;
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[y.length]!;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
