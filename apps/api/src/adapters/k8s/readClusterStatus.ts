import type { ClusterStatus } from '@kro-designer/contracts';
import { ClusterError, type KubeObject } from '../../ports/ClusterGateway.js';
import type { KubeHttp } from './KubeHttp.js';
import type { ResourceResolver } from './ResourceResolver.js';

const REACHABILITY_TIMEOUT_MS = 4_000;
const RGD_CRD = 'resourcegraphdefinitions.kro.run';

interface ObjectListBody {
  items?: KubeObject[];
}

/**
 * Reachability, versions and kro's capabilities of one cluster. Never rejects: an unreachable cluster is a status
 * (`reachable: false` with the reason), not an error.
 */
export async function readClusterStatus(id: string, http: KubeHttp, resolver: ResourceResolver, now: () => Date): Promise<ClusterStatus> {
  const base = { id, kroInstalled: false, capabilities: { graphRevisions: false, clusterScopedInstances: false } };
  let kubernetesVersion: string | undefined;
  try {
    const v = await http.request<{ gitVersion?: string }>({ method: 'GET', path: '/version', timeoutMs: REACHABILITY_TIMEOUT_MS });
    kubernetesVersion = v?.gitVersion;
  } catch (err) {
    const e = err instanceof ClusterError ? err : undefined;
    // 401/403 on /version still means the server answered; anything else means it did not.
    if (!e || (e.code !== 401 && e.code !== 403)) {
      return { ...base, reachable: false, error: e?.message ?? 'the API server cannot be reached', checkedAt: now().toISOString() };
    }
  }
  try {
    const kro = await resolver.groupVersion('kro.run/v1alpha1', true);
    const kroInstalled = kro.some((r) => r.resource === 'resourcegraphdefinitions');
    const graphRevisions = kroInstalled && (await resolver.groupVersion('internal.kro.run/v1alpha1', true)).some((r) => r.resource === 'graphrevisions');
    const rgdCrd = kroInstalled ? await getOrUndefined(http, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${RGD_CRD}`) : undefined;
    const kroVersion = kroInstalled ? await findKroVersion(http, rgdCrd) : undefined;
    return {
      ...base,
      reachable: true,
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      ...(kroVersion ? { kroVersion } : {}),
      kroInstalled,
      capabilities: { graphRevisions, clusterScopedInstances: rgdCrd ? rgdSchemaHasScope(rgdCrd) : false },
      checkedAt: now().toISOString(),
    };
  } catch (err) {
    const message = err instanceof ClusterError ? err.message : 'discovery failed';
    return { ...base, reachable: true, ...(kubernetesVersion ? { kubernetesVersion } : {}), error: message, checkedAt: now().toISOString() };
  }
}

async function getOrUndefined(http: KubeHttp, path: string): Promise<KubeObject | undefined> {
  try {
    return await http.request<KubeObject>({ method: 'GET', path, timeoutMs: REACHABILITY_TIMEOUT_MS });
  } catch (err) {
    if (err instanceof ClusterError && (err.code === 404 || err.code === 403)) return undefined;
    throw err;
  }
}

/** kro v0.9.3's RGD CRD has `spec.schema.scope` (Namespaced|Cluster); older releases do not. */
function rgdSchemaHasScope(crd: KubeObject): boolean {
  const versions = (crd.spec as { versions?: { schema?: { openAPIV3Schema?: Schema } }[] } | undefined)?.versions ?? [];
  return versions.some((v) => v.schema?.openAPIV3Schema?.properties?.spec?.properties?.schema?.properties?.scope !== undefined);
}

interface Schema {
  properties?: Record<string, Schema>;
}

const VERSION_LABELS = ['app.kubernetes.io/version', 'helm.sh/chart'];
const TAG = /:(v?\d+\.\d+\.\d+[\w.-]*)$/;

/**
 * kro's version, from the first source that has it: the controller Deployment's image tag (Helm installs), the RGD
 * CRD's version labels, or the `kro.run/kro-version` label kro stamps on every CRD it generates.
 */
async function findKroVersion(http: KubeHttp, rgdCrd: KubeObject | undefined): Promise<string | undefined> {
  const deployments = await listOrEmpty(http, '/apis/apps/v1/deployments', 'app.kubernetes.io/name=kro');
  for (const d of deployments) {
    const containers = (d.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec?.containers ?? [];
    for (const c of containers) {
      const tag = c.image?.match(TAG)?.[1];
      if (tag) return tag.startsWith('v') ? tag : `v${tag}`;
    }
  }
  for (const label of VERSION_LABELS) {
    const value = rgdCrd?.metadata.labels?.[label];
    const version = value?.match(/(\d+\.\d+\.\d+[\w.-]*)$/)?.[1];
    if (version) return `v${version.replace(/^v/, '')}`;
  }
  const generated = await listOrEmpty(http, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', 'kro.run/owned=true');
  for (const crd of generated) {
    const v = crd.metadata.labels?.['kro.run/kro-version'];
    if (v) return v;
  }
  return undefined;
}

async function listOrEmpty(http: KubeHttp, path: string, labelSelector: string): Promise<KubeObject[]> {
  try {
    const list = await http.request<ObjectListBody>({ method: 'GET', path, query: { labelSelector, limit: 20 }, timeoutMs: REACHABILITY_TIMEOUT_MS });
    return list.items ?? [];
  } catch (err) {
    // Without permission to list, the version is simply unknown.
    if (err instanceof ClusterError && (err.code === 403 || err.code === 404)) return [];
    throw err;
  }
}
