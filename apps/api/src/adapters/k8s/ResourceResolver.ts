import { ClusterError, type ApiResource, type KindRef, type ObjectRef } from '../../ports/ClusterGateway.js';
import type { KubeHttp } from './KubeHttp.js';

interface ApiResourceList {
  groupVersion?: string;
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface ApiGroupList {
  groups?: { name: string; versions?: { groupVersion: string }[] }[];
}

/** How long a group-version's resource list is trusted before it is read again (new CRDs appear at any time). */
const TTL_MS = 30_000;

/** `apps/v1` → `/apis/apps/v1`, `v1` → `/api/v1`. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/**
 * Discovery for one cluster: maps kinds to resource paths, with a short cache per group-version that is refreshed
 * once when a kind is not found (a CRD established a moment ago).
 */
export class ResourceResolver {
  private readonly cache = new Map<string, { at: number; resources: ApiResource[] }>();

  constructor(private readonly http: KubeHttp) {}

  /** The resources of one group-version; `[]` when the cluster does not serve it. */
  async groupVersion(apiVersion: string, fresh = false): Promise<ApiResource[]> {
    const hit = this.cache.get(apiVersion);
    if (hit && !fresh && Date.now() - hit.at < TTL_MS) return hit.resources;
    let list: ApiResourceList;
    try {
      list = await this.http.request<ApiResourceList>({ method: 'GET', path: groupVersionPath(apiVersion), timeoutMs: 10_000 });
    } catch (err) {
      if (err instanceof ClusterError && err.code === 404) {
        this.cache.set(apiVersion, { at: Date.now(), resources: [] });
        return [];
      }
      throw err;
    }
    const resources = (list.resources ?? [])
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({ apiVersion, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] }));
    this.cache.set(apiVersion, { at: Date.now(), resources });
    return resources;
  }

  /** The resource serving a kind; `ClusterError` 404 when the cluster has no such kind. */
  async resolve(kind: KindRef): Promise<ApiResource> {
    const find = (list: ApiResource[]) => list.find((r) => r.kind === kind.kind);
    const found = find(await this.groupVersion(kind.apiVersion)) ?? find(await this.groupVersion(kind.apiVersion, true));
    if (!found) throw new ClusterError(`the cluster does not serve kind ${kind.kind} in ${kind.apiVersion}`, 404, 'NotFound');
    return found;
  }

  /** Collection path of a kind, in a namespace or across all of them. */
  async collectionPath(kind: KindRef, namespace?: string): Promise<{ path: string; resource: ApiResource }> {
    const resource = await this.resolve(kind);
    const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return { path: `${groupVersionPath(kind.apiVersion)}${ns}/${resource.resource}`, resource };
  }

  /** Path of one object. A namespaced kind without a namespace is refused rather than guessed. */
  async objectPath(ref: ObjectRef): Promise<string> {
    const resource = await this.resolve(ref);
    if (resource.namespaced && !ref.namespace) {
      throw new ClusterError(`${ref.kind} ${ref.name} needs metadata.namespace: ${ref.kind} is a namespaced kind`, 422, 'Invalid', [
        { field: 'metadata.namespace', message: 'Required value: namespaced kind', reason: 'FieldValueRequired' },
      ]);
    }
    const ns = resource.namespaced ? `/namespaces/${encodeURIComponent(ref.namespace ?? '')}` : '';
    return `${groupVersionPath(ref.apiVersion)}${ns}/${resource.resource}/${encodeURIComponent(ref.name)}`;
  }

  /** Every resource the cluster serves, all group-versions. */
  async discoverAll(): Promise<ApiResource[]> {
    const groups = await this.http.request<ApiGroupList>({ method: 'GET', path: '/apis', timeoutMs: 10_000 });
    const versions = ['v1', ...(groups.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion))];
    const lists = await Promise.all(versions.map((v) => this.groupVersion(v)));
    return lists.flat();
  }
}
