import type { ClusterCrd, ClusterCrdList, ClusterStatus, ClusterSummary } from '@kro-designer/contracts';
import { stringify } from 'yaml';
import type { Clock } from '../ports/Clock.js';
import type { ClusterConnection, ClusterGateway, KubeObject, WatchHandle } from '../ports/ClusterGateway.js';
import { clusterFailure, requireClusterRole } from './clusterAccess.js';
import type { Principal } from './Principal.js';

/** How long a cluster's status is reused: the UI polls it, and a status costs several requests. */
const STATUS_TTL_MS = 5_000;
const CRD_KIND = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' } as const;

interface CrdCache {
  readonly items: Map<string, KubeObject>;
  resourceVersion: string;
  /** False once the watch ended: the next read lists again. */
  valid: boolean;
  watch?: WatchHandle;
}

/**
 * The clusters the server can reach (`GET /api/clusters`), their status (cached briefly) and their CRDs (listed
 * once, then kept current by a watch on CRDs; a watch that ends makes the next read list again).
 */
export class ClusterService {
  private readonly statusCache = new Map<string, { at: number; value: Promise<ClusterStatus> }>();
  private readonly crdCache = new Map<string, CrdCache>();
  private readonly crdLoads = new Map<string, Promise<CrdCache>>();
  private readonly derived = new Map<string, { cache: CrdCache; resourceVersion: string; value: unknown }>();

  constructor(
    private readonly gateway: ClusterGateway,
    private readonly clock: Clock,
  ) {}

  async list(p: Principal): Promise<ClusterSummary[]> {
    requireClusterRole(p, 'viewer', 'listing clusters');
    return [...(await this.gateway.list())];
  }

  /** The connection for `id`; an unknown id is 404. */
  connect(id: string): ClusterConnection {
    try {
      return this.gateway.connect(id);
    } catch (err) {
      throw clusterFailure(err);
    }
  }

  async status(p: Principal, id: string): Promise<ClusterStatus> {
    requireClusterRole(p, 'viewer', 'reading a cluster');
    const conn = this.connect(id);
    const now = this.clock.now().getTime();
    const hit = this.statusCache.get(id);
    if (hit && now - hit.at < STATUS_TTL_MS) return hit.value;
    const value = conn.status().catch((err: unknown) => {
      this.statusCache.delete(id);
      throw clusterFailure(err);
    });
    this.statusCache.set(id, { at: now, value });
    return value;
  }

  async crds(p: Principal, id: string): Promise<ClusterCrdList> {
    requireClusterRole(p, 'viewer', 'reading a cluster');
    const cache = await this.loadCrds(id);
    const items = [...cache.items.values()].map(toClusterCrd).sort((a, b) => a.name.localeCompare(b.name));
    return { cluster: id, items, resourceVersion: cache.resourceVersion };
  }

  /**
   * A value derived from the cluster's CRDs (the core's schema registry), rebuilt only when they changed: building
   * it from hundreds of CRD schemas is too slow to repeat for every plan.
   */
  async fromCrds<T>(id: string, key: string, build: (crds: readonly KubeObject[]) => T): Promise<T> {
    const cache = await this.loadCrds(id);
    const hit = this.derived.get(`${id}\u0000${key}`);
    if (hit && hit.cache === cache && hit.resourceVersion === cache.resourceVersion) return hit.value as T;
    const value = build([...cache.items.values()]);
    this.derived.set(`${id}\u0000${key}`, { cache, resourceVersion: cache.resourceVersion, value });
    return value;
  }

  /** Stops the CRD watches (server shutdown, tests). */
  close(): void {
    for (const c of this.crdCache.values()) c.watch?.stop();
    this.crdCache.clear();
    this.derived.clear();
  }

  private loadCrds(id: string): Promise<CrdCache> {
    const cached = this.crdCache.get(id);
    if (cached?.valid) return Promise.resolve(cached);
    const inFlight = this.crdLoads.get(id);
    if (inFlight) return inFlight;
    const load = this.listAndWatch(id).finally(() => this.crdLoads.delete(id));
    this.crdLoads.set(id, load);
    return load;
  }

  private async listAndWatch(id: string): Promise<CrdCache> {
    const conn = this.connect(id);
    this.crdCache.get(id)?.watch?.stop();
    let list;
    try {
      list = await conn.list(CRD_KIND);
    } catch (err) {
      throw clusterFailure(err);
    }
    const cache: CrdCache = { items: new Map(list.items.map((o) => [o.metadata.name ?? '', o])), resourceVersion: list.resourceVersion, valid: true };
    cache.watch = conn.watch(CRD_KIND, { resourceVersion: list.resourceVersion }, {
      onEvent: (e) => {
        if (e.object.metadata.resourceVersion) cache.resourceVersion = e.object.metadata.resourceVersion;
        if (e.type === 'BOOKMARK') return;
        const name = e.object.metadata.name ?? '';
        if (e.type === 'DELETED') cache.items.delete(name);
        else cache.items.set(name, e.object);
      },
      // Any end (timeout, 410, network) leaves the cache possibly stale: list again on the next read.
      onEnd: () => {
        cache.valid = false;
      },
    });
    this.crdCache.set(id, cache);
    return cache;
  }
}

function toClusterCrd(o: KubeObject): ClusterCrd {
  const spec = (o['spec'] ?? {}) as { group?: string; scope?: string; names?: { kind?: string; plural?: string }; versions?: { name: string; served?: boolean; storage?: boolean }[] };
  const versions = (spec.versions ?? []).filter((v) => v.served !== false).sort((a, b) => Number(b.storage === true) - Number(a.storage === true));
  const { managedFields: _managed, ...metadata } = o.metadata;
  return {
    name: o.metadata.name ?? '',
    group: spec.group ?? '',
    kind: spec.names?.kind ?? '',
    plural: spec.names?.plural ?? '',
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions: versions.map((v) => v.name),
    kroOwned: o.metadata.labels?.['kro.run/owned'] === 'true',
    yaml: stringify({ apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o['spec'] }),
  };
}
