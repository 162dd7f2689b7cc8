/**
 * Compares an object the real kro controller created with the object our render engine produced for the same RGD and
 * instance, field by field.
 *
 * Which fields count: exactly the ones kro sent. kro applies every child with server-side apply under the field
 * manager `kro.run/applyset`, so the child's `metadata.managedFields` entry of that manager lists the fields kro's
 * apply configuration contained — and nothing the API server added. Comparing against that set (rather than against
 * the whole live object) drops, without a hand-kept list, everything that is not kro's:
 * - identity and bookkeeping the server sets: uid, resourceVersion, generation, creationTimestamp, managedFields;
 * - `status` (kro never applies status; here it is written by markWorkloadReady or by the API server);
 * - API-server defaults: Service clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy/sessionAffinity/internalTrafficPolicy,
 *   port protocol and targetPort, Deployment strategy/revisionHistoryLimit/progressDeadlineSeconds, pod
 *   dnsPolicy/restartPolicy/schedulerName/securityContext/terminationGracePeriodSeconds, container
 *   terminationMessagePath/terminationMessagePolicy/imagePullPolicy, Job completions/parallelism/backoffLimit, …
 * apiVersion, kind, metadata.name and metadata.namespace are not in managed fields; they are the identity objects are
 * matched by. Values are read from the live object. The one value the API server rewrites is a resource quantity,
 * which it stores in canonical form (`0.5` → `500m`, `1024Mi` → `1Gi`); at quantity fields (`resources.limits.*`,
 * `requests.*`, `capacity.*`, `hard.*`, `sizeLimit`, …) values are compared as quantities. Anything else the server
 * changed shows up as a difference to be judged, not silently accepted. An empty map or list in the render
 * (`annotations: {}`, `args: []`) that the live object lacks altogether is not one: built-in kinds are stored from Go
 * structs whose empty maps and lists are omitted, so kro's apply of them leaves no stored value (at most an owner).
 */

/** A path segment: a field name or a list index. */
export type PathSegment = string | number;

export interface FieldDifference {
  /** `spec.template.spec.containers[0].image`, `metadata.labels["kro.run/owned"]`. */
  readonly path: string;
  /** What kro applied (read from the live object); `undefined` when kro did not apply the field. */
  readonly kro: unknown;
  /** What our render produced; `undefined` when we did not render the field. */
  readonly ours: unknown;
}

export const KRO_FIELD_MANAGER = 'kro.run/applyset';

type Json = unknown;
type FieldSet = { [key: string]: FieldSet };

interface Leaf {
  readonly path: readonly PathSegment[];
  readonly value: Json;
}

/** `a.b[0]["kro.run/owned"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${String(s)}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function valueAt(root: Json, path: readonly PathSegment[]): Json {
  let cur = root;
  for (const s of path) {
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined;
    else cur = isRecord(cur) ? cur[s] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * The leaves of a `fieldsV1` set, as index paths into the live object. Keys: `f:<field>`, `k:<json of key fields>`
 * (an item of a keyed list), `v:<json value>` (an item of a set), `i:<n>` (a list index), `.` (the item itself).
 * An empty set below a key marks a leaf; a leaf whose live value is an object or list is atomic.
 */
export function managedLeaves(fields: FieldSet, live: Json, path: readonly PathSegment[] = []): Leaf[] {
  const out: Leaf[] = [];
  for (const [key, sub] of Object.entries(fields)) {
    if (key === '.') continue;
    const kind = key.slice(0, 2);
    const rest = key.slice(2);
    const here = valueAt(live, path);
    let seg: PathSegment | undefined;
    if (kind === 'f:') seg = rest;
    else if (kind === 'i:') seg = Number(rest);
    else if (kind === 'k:' || kind === 'v:') {
      const wanted = JSON.parse(rest) as Json;
      const items: Json[] = Array.isArray(here) ? here : [];
      const index =
        kind === 'v:'
          ? items.findIndex((item) => deepEqual(item, wanted))
          : items.findIndex((item) => isRecord(item) && isRecord(wanted) && Object.entries(wanted).every(([k, v]) => deepEqual(item[k], v)));
      seg = index >= 0 ? index : `<missing ${key}>`;
    }
    if (seg === undefined) throw new Error(`unknown managedFields key ${JSON.stringify(key)} at ${formatPath(path)}`);
    const childPath = [...path, seg];
    const children = Object.keys(sub).filter((k) => k !== '.');
    if (children.length === 0) out.push({ path: childPath, value: valueAt(live, childPath) });
    else out.push(...managedLeaves(sub, live, childPath));
  }
  return out;
}

/** Leaves of a plain object: scalars, null, and empty objects or lists. */
export function objectLeaves(value: Json, path: readonly PathSegment[] = []): Leaf[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [{ path, value }] : value.flatMap((v, i) => objectLeaves(v, [...path, i]));
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [{ path, value }] : entries.flatMap(([k, v]) => objectLeaves(v, [...path, k]));
  }
  return [{ path, value }];
}

/** The fields kro's apply configuration held, from the `kro.run/applyset` managedFields entry (main resource). */
export function kroFieldSet(live: Record<string, Json>): FieldSet | undefined {
  const entries = (isRecord(live.metadata) ? live.metadata.managedFields : undefined) as
    | { manager?: string; operation?: string; subresource?: string; fieldsV1?: FieldSet }[]
    | undefined;
  const entry = entries?.find((e) => e.manager === KRO_FIELD_MANAGER && e.operation === 'Apply' && !e.subresource);
  return entry?.fieldsV1;
}

/** A Kubernetes quantity as an exact fraction `num / den`, or undefined if `v` is not one. */
export function parseQuantity(v: unknown): { num: bigint; den: bigint } | undefined {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  const m = text === undefined ? null : /^([+-]?)(\d+)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = '', suffix, exp] = m;
  let num = BigInt(`${whole ?? '0'}${frac}`) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const binary: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  const power = suffix !== undefined ? decimal[suffix] : exp !== undefined ? Number(exp) : 0;
  if (suffix !== undefined && binary[suffix] !== undefined) num *= binary[suffix];
  else if (power !== undefined && power > 0) num *= 10n ** BigInt(power);
  else if (power !== undefined && power < 0) den *= 10n ** BigInt(-power);
  return { num, den };
}

function sameQuantity(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && x.num * y.den === y.num * x.den;
}

const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);

/** Quantity maps: container/pod resources, PVC/PV capacity, quotas, limit ranges, emptyDir sizeLimit. */
function isQuantityField(path: readonly PathSegment[]): boolean {
  const names = path.filter((s): s is string => typeof s === 'string');
  const parent = names[names.length - 2];
  const last = names[names.length - 1];
  if (last === 'sizeLimit') return true;
  return ['limits', 'requests', 'capacity', 'allocatable', 'hard', 'used', 'overhead', 'max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'].includes(parent ?? '');
}

const isEmptyContainer = (v: Json) => (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);

const isPrefix = (p: readonly PathSegment[], of: readonly PathSegment[]) => p.length <= of.length && p.every((s, i) => s === of[i]);

/**
 * Every difference between the fields kro applied to `live` and the fields of `ours`, plus the full label and
 * annotation maps (kro's keys and the template's). Throws if `live` has no `kro.run/applyset` entry (not kro's).
 */
export function diffRendered(live: Record<string, Json>, ours: Record<string, Json>): FieldDifference[] {
  const fields = kroFieldSet(live);
  if (!fields) throw new Error('the live object has no managedFields entry of kro.run/applyset');
  const kroLeaves = managedLeaves(fields, live);
  const ourLeaves = objectLeaves(ours).filter((l) => !IDENTITY.has(formatPath(l.path)));
  const diffs = new Map<string, FieldDifference>();
  const add = (path: readonly PathSegment[], kro: Json, our: Json) => {
    const key = formatPath(path);
    if (diffs.has(key) || deepEqual(kro, our)) return;
    if (kro === undefined && isEmptyContainer(our)) return;
    if (isQuantityField(path) && sameQuantity(kro, our)) return;
    diffs.set(key, { path: key, kro, ours: our });
  };
  const matchedKro = new Set<Leaf>();
  for (const leaf of ourLeaves) {
    // kro applied exactly this field, or an atomic value above it, or fields below our empty {} / [].
    const covering = kroLeaves.filter((k) => isPrefix(k.path, leaf.path) || isPrefix(leaf.path, k.path));
    if (covering.length === 0) {
      add(leaf.path, undefined, leaf.value);
      continue;
    }
    for (const k of covering) {
      matchedKro.add(k);
      const at = k.path.length < leaf.path.length ? k.path : leaf.path;
      add(at, valueAt(live, at), valueAt(ours, at));
    }
  }
  for (const k of kroLeaves) if (!matchedKro.has(k)) add(k.path, k.value, undefined);
  // Label and annotation sets compared whole: a key another manager added would show here too.
  for (const map of ['labels', 'annotations'] as const) {
    const liveMap = (isRecord(live.metadata) && isRecord(live.metadata[map]) ? live.metadata[map] : {}) as Record<string, Json>;
    const ourMap = (isRecord(ours.metadata) && isRecord(ours.metadata[map]) ? ours.metadata[map] : {}) as Record<string, Json>;
    for (const key of new Set([...Object.keys(liveMap), ...Object.keys(ourMap)])) add(['metadata', map, key], liveMap[key], ourMap[key]);
  }
  return [...diffs.values()].sort((a, b) => a.path.localeCompare(b.path));
}
