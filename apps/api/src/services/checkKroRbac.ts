import type { DeployPlan } from '@kro-designer/contracts';
import { ClusterError, type ClusterConnection, type KubeObject } from '../ports/ClusterGateway.js';

/** What kro's controller does with the children of an instance (its Helm chart grants these per child GVR). */
export const KRO_CHILD_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
/** What kro needs on an externalRef: read it and follow it. */
const EXTERNAL_VERBS = ['get', 'list', 'watch'] as const;

type Rbac = DeployPlan['rbac'];

interface KroServiceAccount {
  readonly serviceAccount: string;
  readonly namespace: string;
}

/**
 * kro's service account, from the controller Deployment a Helm install creates (`app.kubernetes.io/name=kro`).
 * Undefined when kro does not run as such a Deployment (e.g. started by hand with admin credentials).
 */
async function findKroServiceAccount(conn: ClusterConnection): Promise<KroServiceAccount | undefined> {
  let list;
  try {
    list = await conn.list({ apiVersion: 'apps/v1', kind: 'Deployment' }, { labelSelector: 'app.kubernetes.io/name=kro' });
  } catch (err) {
    if (err instanceof ClusterError && (err.code === 403 || err.code === 404)) return undefined;
    throw err;
  }
  const d = list.items[0];
  if (!d?.metadata.namespace) return undefined;
  const sa = (d['spec'] as { template?: { spec?: { serviceAccountName?: string } } } | undefined)?.template?.spec?.serviceAccountName;
  return { serviceAccount: sa || 'default', namespace: d.metadata.namespace };
}

/** apiVersion and kind of each resource (template or externalRef) of an RGD object, without expressions. */
function childKinds(rgd: KubeObject): { apiVersion: string; kind: string; external: boolean }[] {
  const resources = (rgd['spec'] as { resources?: unknown } | undefined)?.resources;
  if (!Array.isArray(resources)) return [];
  const out: { apiVersion: string; kind: string; external: boolean }[] = [];
  for (const r of resources) {
    const body = (r as { template?: unknown; externalRef?: unknown })?.template ?? (r as { externalRef?: unknown })?.externalRef;
    const { apiVersion, kind } = (body ?? {}) as { apiVersion?: unknown; kind?: unknown };
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || apiVersion.includes('${') || kind.includes('${')) continue;
    out.push({ apiVersion, kind, external: (r as { template?: unknown }).template === undefined });
  }
  return out;
}

/**
 * Whether kro's service account may manage every kind the RGD uses (SubjectAccessReview per verb). `checked: false`
 * when the cluster cannot say: kro's service account is unknown, or the caller may not ask about other subjects.
 */
export async function checkKroRbac(conn: ClusterConnection, rgd: KubeObject): Promise<Rbac> {
  const sa = await findKroServiceAccount(conn);
  if (!sa) return { checked: false, missing: [] };
  const resources = await conn.discover();
  const wanted = new Map<string, { group: string; resource: string; verbs: Set<string> }>();
  for (const k of childKinds(rgd)) {
    const found = resources.find((r) => r.apiVersion === k.apiVersion && r.kind === k.kind);
    // A kind the cluster does not serve yet is reported by the dry-run and by kro, not here.
    if (!found) continue;
    const group = k.apiVersion.includes('/') ? k.apiVersion.slice(0, k.apiVersion.indexOf('/')) : '';
    const key = `${group}/${found.resource}`;
    const entry = wanted.get(key) ?? { group, resource: found.resource, verbs: new Set<string>() };
    for (const v of k.external ? EXTERNAL_VERBS : KRO_CHILD_VERBS) entry.verbs.add(v);
    wanted.set(key, entry);
  }
  const checks = [...wanted.values()].flatMap((w) => [...w.verbs].map((verb) => ({ group: w.group, resource: w.resource, verb })));
  if (checks.length === 0) return { checked: true, missing: [] };
  const allowed = await conn.canI(checks, sa);
  if (!allowed) return { checked: false, missing: [] };
  const missing = new Map<string, { group: string; resource: string; verbs: string[] }>();
  checks.forEach((c, i) => {
    if (allowed[i]) return;
    const key = `${c.group}/${c.resource}`;
    const m = missing.get(key) ?? { group: c.group, resource: c.resource, verbs: [] };
    m.verbs.push(c.verb);
    missing.set(key, m);
  });
  return { checked: true, missing: [...missing.values()] };
}
