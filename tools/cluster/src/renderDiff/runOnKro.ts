import { ApiException, ApiextensionsV1Api, CustomObjectsApi, KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { eventually } from '../eventually.js';
import { markWorkloadReady, type WorkloadKind } from '../markWorkloadReady.js';
import { collectionPath, getRawJson, objectPath } from './rawJson.js';
import type { RenderCase } from './renderCases.js';

type Obj = Record<string, unknown>;

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** What the real kro controller made of one case. */
export interface KroRun {
  /** kro's verdict on the RGD: Active, or the message of the condition that rejected it. */
  readonly rgd: { readonly accepted: true; readonly uid: string } | { readonly accepted: false; readonly message: string };
  /**
   * The API server refused the instance: its message and the fields it names. The instance is sent with
   * `fieldValidation=Strict`, as kubectl sends it by default, so unknown fields are refused rather than pruned.
   */
  readonly instanceRejected?: { readonly message: string; readonly fields: readonly string[] };
  /** The instance as stored at the end (status included). */
  readonly instance?: Obj;
  /** The case's prerequisites as the cluster holds them (what an externalRef reads), with apiVersion and kind set. */
  readonly externals?: readonly Obj[];
  /** Every object labelled `kro.run/instance-id=<uid>`, with apiVersion and kind set. */
  readonly children: readonly Obj[];
  /** Whether the instance reached state ACTIVE with Ready=True. */
  readonly active: boolean;
  /** Why not, when it did not: the instance's ResourcesReady/Ready message. */
  readonly notActiveReason?: string;
  readonly rgdMs: number;
  readonly instanceMs: number;
  /** False when the children or the instance still changed 20 s after ACTIVE (kro flapping); compared anyway. */
  readonly quiet?: boolean;
}

const WORKLOADS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const meta = (o: Obj) => (isObj(o.metadata) ? o.metadata : {}) as Obj & { name?: string; namespace?: string; uid?: string; generation?: number; resourceVersion?: string };
const conditions = (o: Obj) => ((isObj(o.status) && Array.isArray(o.status.conditions) ? o.status.conditions : []) as Condition[]);

/** The literal apiVersion/kind of every resource template (kro requires them literal). */
function templateKinds(rgd: Obj): { apiVersion: string; kind: string }[] {
  const resources = isObj(rgd.spec) && Array.isArray(rgd.spec.resources) ? (rgd.spec.resources as unknown[]) : [];
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of resources.filter(isObj)) {
    const t = isObj(r.template) ? r.template : {};
    if (typeof t.apiVersion === 'string' && typeof t.kind === 'string') seen.set(`${t.apiVersion}/${t.kind}`, { apiVersion: t.apiVersion, kind: t.kind });
  }
  return [...seen.values()];
}

/** Lists the instance's children of every template kind, in all namespaces, as raw JSON. */
export async function listChildren(kc: KubeConfig, rgd: Obj, instanceUid: string): Promise<Obj[]> {
  const selector = encodeURIComponent(`kro.run/instance-id=${instanceUid}`);
  const lists = await Promise.all(
    templateKinds(rgd).map(async ({ apiVersion, kind }) => {
      const list = (await getRawJson(kc, `${await collectionPath(kc, apiVersion, kind)}?labelSelector=${selector}`)) as { items: Obj[] };
      // List items come without apiVersion/kind.
      return list.items.map((item) => ({ ...item, apiVersion, kind }));
    }),
  );
  return lists.flat();
}

/**
 * Waits until neither the children nor the instance change for a while. kro can report ACTIVE before a workload
 * without readyWhen has the status we wrote (it counts as ready once it exists) and then rewrites the instance's
 * status fields on the next event; comparing before that would pair a stale instance with fresh children.
 */
async function quiesce(
  children: () => Promise<Obj[]>,
  instance: () => Promise<Obj>,
  quietMs = 3_500,
  maxMs = 20_000,
): Promise<{ instance: Obj; quiet: boolean }> {
  let signature = '';
  const started = Date.now();
  let since = started;
  for (;;) {
    const [objs, inst] = await Promise.all([children(), instance()]);
    const now = JSON.stringify([objs.map((o) => meta(o).resourceVersion as unknown).sort(), meta(inst).resourceVersion]);
    if (now !== signature) {
      signature = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return { instance: inst, quiet: true };
    // Something keeps changing (kro flapping between two states): compare what is there, and say so.
    if (Date.now() - started >= maxMs) return { instance: inst, quiet: false };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Applies the case's RGD, waits for kro to accept it (or reject it), creates the instance, and keeps marking the
 * workloads kro creates as ready (the control plane has no controllers that would) until the instance is ACTIVE and
 * Ready, or `timeoutMs` passes. The case's namespace must exist.
 */
export async function runOnKro(kc: KubeConfig, c: RenderCase, options: { readonly timeoutMs?: number; readonly settleMs?: number } = {}): Promise<KroRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const custom = kc.makeApiClient(CustomObjectsApi);
  const rgdName = String(meta(c.rgd).name);
  const started = Date.now();
  await custom.createClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', body: c.rgd });
  const settled = await eventually(
    async () => {
      const o = (await custom.getClusterCustomObject({ group: 'kro.run', version: 'v1alpha1', plural: 'resourcegraphdefinitions', name: rgdName })) as Obj;
      const status = isObj(o.status) ? o.status : {};
      if (status.state === 'Active' && conditions(o).some((x) => x.type === 'Ready' && x.status === 'True')) return o;
      const rejected = conditions(o).find((x) => x.type === 'GraphAccepted' && x.status === 'False');
      return rejected ? { ...o, rejected } : undefined;
    },
    { timeoutMs, intervalMs: 200, description: `RGD ${rgdName} to be Active or rejected` },
  );
  const rgdMs = Date.now() - started;
  if ('rejected' in settled) {
    return { rgd: { accepted: false, message: (settled.rejected as Condition).message ?? '' }, children: [], active: false, rgdMs, instanceMs: 0 };
  }
  const rgdUid = String(meta(settled).uid);

  const schema = (isObj(c.rgd.spec) && isObj(c.rgd.spec.schema) ? c.rgd.spec.schema : {}) as Obj;
  const group = typeof schema.group === 'string' && schema.group ? schema.group : 'kro.run';
  const version = String(schema.apiVersion);
  const crds = await kc.makeApiClient(ApiextensionsV1Api).listCustomResourceDefinition();
  const crd = crds.items.find((x) => x.spec.group === group && x.spec.names.kind === schema.kind);
  if (!crd) throw new Error(`kro reports ${rgdName} Active but no CRD for ${String(schema.kind)}.${group} exists`);
  const plural = crd.spec.names.plural;
  const clusterScoped = crd.spec.scope === 'Cluster';
  const namespace = String(meta(c.instance).namespace);
  const name = String(meta(c.instance).name);
  const body = clusterScoped ? { ...c.instance, metadata: { ...meta(c.instance), namespace: undefined } } : c.instance;
  const create = (fieldValidation: 'Strict' | 'Ignore', dryRun?: 'All') =>
    clusterScoped
      ? custom.createClusterCustomObject({ group, version, plural, body, fieldValidation, ...(dryRun ? { dryRun } : {}) })
      : custom.createNamespacedCustomObject({ group, version, namespace, plural, body, fieldValidation, ...(dryRun ? { dryRun } : {}) });
  /** The API server's objections to the instance, or undefined when it accepts it. */
  const objections = async (fieldValidation: 'Strict' | 'Ignore') => {
    try {
      await create(fieldValidation, 'All');
      return undefined;
    } catch (err) {
      if (!(err instanceof ApiException) || (err.code !== 422 && err.code !== 400)) throw err;
      const status = (typeof err.body === 'string' ? JSON.parse(err.body) : err.body) as { message?: string; details?: { causes?: { field?: string }[] } };
      // 422: schema validation, one cause per field; 400: strict decoding (`unknown field "spec.x"`), in the message.
      const unknown = [...(status.message ?? '').matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1] ?? '');
      const fields = [...(status.details?.causes ?? []).map((cause) => cause.field ?? ''), ...unknown].filter((f) => f !== '');
      return { message: status.message ?? '', fields };
    }
  };
  const read = () =>
    clusterScoped ? custom.getClusterCustomObject({ group, version, plural, name }) : custom.getNamespacedCustomObject({ group, version, namespace, plural, name });

  const objects = KubernetesObjectApi.makeApiClient(kc);
  for (const p of c.prerequisites ?? []) await objects.create(p as unknown as KubernetesObject);
  const instanceStarted = Date.now();
  // kubectl (>= 1.27) sends fieldValidation=Strict: unknown fields are refused, not pruned. The API server reports
  // strict-decoding errors alone, before schema validation, so both are asked for (as dry runs) to get every field.
  const rejected = [await objections('Strict'), await objections('Ignore')].filter((o) => o !== undefined);
  if (rejected.length > 0) {
    const instanceRejected = { message: rejected.map((r) => r.message).join('; '), fields: [...new Set(rejected.flatMap((r) => r.fields))] };
    return { rgd: { accepted: true, uid: rgdUid }, instanceRejected, children: [], active: false, rgdMs, instanceMs: 0 };
  }
  const created = (await create('Strict')) as Obj;
  const uid = String(meta(created).uid);
  const marked = new Set<string>();
  let last: Obj = created;
  let active = false;
  // A case kro cannot finish (a runtime error, data that never arrives) is recognised by its conditions staying the
  // same while there is nothing left to mark ready; then waiting longer only costs time.
  let settledSince = Date.now();
  let quiet = true;
  let lastSignature = '';
  try {
    const outcome = await eventually(
      async (): Promise<'active' | 'settled' | undefined> => {
        let markedNow = false;
        for (const child of await listChildren(kc, c.rgd, uid)) {
          const m = meta(child);
          const key = `${String(m.uid)}@${String(m.generation)}`;
          if (!WORKLOADS.has(String(child.kind)) || marked.has(key)) continue;
          await markWorkloadReady(kc, { kind: child.kind as WorkloadKind, namespace: String(m.namespace), name: String(m.name) });
          marked.add(key);
          markedNow = true;
        }
        last = (await read()) as Obj;
        const ready = conditions(last).some((x) => x.type === 'Ready' && x.status === 'True');
        if (isObj(last.status) && last.status.state === 'ACTIVE' && ready) return 'active';
        const signature = JSON.stringify([isObj(last.status) ? last.status.state : undefined, conditions(last).map((x) => [x.type, x.status, x.message])]);
        if (markedNow || signature !== lastSignature || !isObj(last.status) || !last.status.state) {
          lastSignature = signature;
          settledSince = Date.now();
        } else if (Date.now() - settledSince > (options.settleMs ?? 10_000)) {
          return 'settled';
        }
        return undefined;
      },
      { timeoutMs, intervalMs: 300, description: `instance ${namespace}/${name} to be ACTIVE` },
    );
    active = outcome === 'active';
    if (active) {
      const q = await quiesce(() => listChildren(kc, c.rgd, uid), async () => (await read()) as Obj);
      last = q.instance;
      quiet = q.quiet;
    }
  } catch {
    // Timed out while kro was still changing things: reported below with kro's own words; the children it did create
    // are still compared.
  }
  const notReady = conditions(last).find((x) => x.type === 'ResourcesReady' && x.status !== 'True') ?? conditions(last).find((x) => x.type === 'Ready');
  const externals = await Promise.all(
    (c.prerequisites ?? []).map(async (p) => {
      const m = meta(p);
      const raw = (await getRawJson(kc, await objectPath(kc, String(p.apiVersion), String(p.kind), m.namespace, String(m.name)))) as Obj;
      return { ...raw, apiVersion: p.apiVersion, kind: p.kind };
    }),
  );
  return {
    rgd: { accepted: true, uid: rgdUid },
    ...(externals.length > 0 ? { externals } : {}),
    instance: last,
    children: await listChildren(kc, c.rgd, uid),
    active,
    ...(active ? {} : { notActiveReason: `state ${String(isObj(last.status) ? last.status.state : '?')}: ${notReady?.message ?? 'no conditions'}` }),
    rgdMs,
    instanceMs: Date.now() - instanceStarted,
    quiet,
  };
}
