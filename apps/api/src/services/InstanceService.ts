import type { InstanceSummary } from '@kro-designer/contracts';
import { ClusterError, type ClusterConnection, type KindRef, type KubeObject } from '../ports/ClusterGateway.js';
import { clusterFailure, requireClusterRole } from './clusterAccess.js';
import type { ClusterService } from './ClusterService.js';
import { FIELD_MANAGER } from './DeployService.js';
import { locateClusterError } from './locateInSource.js';
import { parseObjectText } from './parseObjectText.js';
import type { Principal } from './Principal.js';
import { conditionsOf } from './rgdProgress.js';
import { notFound, ServiceError } from './ServiceError.js';

const RGD_KIND = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' } as const;
/** The namespace segment of a cluster-scoped instance's path. */
export const CLUSTER_SCOPE = '_';

interface InstanceKind extends KindRef {
  readonly scope: 'Namespaced' | 'Cluster';
}

/** Instances of an RGD deployed to a cluster: listed with kro's state, created or updated by server-side apply, deleted. */
export class InstanceService {
  constructor(private readonly clusters: ClusterService) {}

  async list(p: Principal, cluster: string, rgdName: string): Promise<InstanceSummary[]> {
    requireClusterRole(p, 'viewer', 'reading instances');
    const conn = this.clusters.connect(cluster);
    try {
      const kind = await this.instanceKind(conn, cluster, rgdName);
      const list = await conn.list(kind);
      return list.items.map(summarize).sort((a, b) => `${a.namespace ?? ''}/${a.name}`.localeCompare(`${b.namespace ?? ''}/${b.name}`));
    } catch (err) {
      throw clusterFailure(err);
    }
  }

  /** Creates or updates an instance from its YAML; the path names it, the text may leave apiVersion, kind, name out. */
  async apply(p: Principal, cluster: string, rgdName: string, namespace: string, name: string, yaml: string): Promise<InstanceSummary> {
    requireClusterRole(p, 'deployer', 'writing instances');
    const conn = this.clusters.connect(cluster);
    const text = parseObjectText(yaml, 'instance');
    let kind: InstanceKind;
    try {
      kind = await this.instanceKind(conn, cluster, rgdName);
    } catch (err) {
      throw clusterFailure(err);
    }
    const ns = namespaceOf(kind, namespace);
    const given = text.object;
    const mismatch = [
      given.apiVersion && given.apiVersion !== kind.apiVersion ? `apiVersion ${given.apiVersion} is not ${kind.apiVersion}` : undefined,
      given.kind && given.kind !== kind.kind ? `kind ${given.kind} is not ${kind.kind}` : undefined,
      given.metadata.name && given.metadata.name !== name ? `metadata.name ${given.metadata.name} is not ${name} (from the URL)` : undefined,
      given.metadata.namespace && ns && given.metadata.namespace !== ns ? `metadata.namespace ${given.metadata.namespace} is not ${ns} (from the URL)` : undefined,
    ].filter((m): m is string => m !== undefined);
    if (mismatch.length > 0) throw new ServiceError('unprocessable', `the instance does not match its URL: ${mismatch.join('; ')}`);
    const object: KubeObject = { ...given, apiVersion: kind.apiVersion, kind: kind.kind, metadata: { ...given.metadata, name, ...(ns ? { namespace: ns } : {}) } };
    delete object['status'];
    try {
      return summarize(await conn.apply(object, { fieldManager: FIELD_MANAGER, force: true }));
    } catch (err) {
      if (err instanceof ClusterError && (err.code === 422 || err.code === 400)) {
        throw clusterFailure(err, { diagnostics: locateClusterError(err, text.root, text.lines) });
      }
      throw clusterFailure(err);
    }
  }

  async delete(p: Principal, cluster: string, rgdName: string, namespace: string, name: string): Promise<void> {
    requireClusterRole(p, 'deployer', 'deleting instances');
    const conn = this.clusters.connect(cluster);
    try {
      const kind = await this.instanceKind(conn, cluster, rgdName);
      const ns = namespaceOf(kind, namespace);
      const ref = { apiVersion: kind.apiVersion, kind: kind.kind, name, ...(ns ? { namespace: ns } : {}) };
      if (!(await conn.get(ref))) throw notFound(`instance ${ns ? `${ns}/` : ''}${name} of ${rgdName}`);
      await conn.delete(ref);
    } catch (err) {
      throw clusterFailure(err);
    }
  }

  /** The instance kind an RGD on the cluster generates (group, version, kind, scope from its schema). */
  private async instanceKind(conn: ClusterConnection, cluster: string, rgdName: string): Promise<InstanceKind> {
    const rgd = await conn.get({ ...RGD_KIND, name: rgdName });
    if (!rgd) throw notFound(`ResourceGraphDefinition ${rgdName} on cluster ${cluster}`);
    const schema = (rgd['spec'] as { schema?: { kind?: string; apiVersion?: string; group?: string; scope?: string } } | undefined)?.schema ?? {};
    if (!schema.kind || !schema.apiVersion) throw new ServiceError('unprocessable', `ResourceGraphDefinition ${rgdName} has no spec.schema kind and apiVersion`);
    return { apiVersion: `${schema.group || 'kro.run'}/${schema.apiVersion}`, kind: schema.kind, scope: schema.scope === 'Cluster' ? 'Cluster' : 'Namespaced' };
  }
}

function namespaceOf(kind: InstanceKind, segment: string): string | undefined {
  if (kind.scope === 'Cluster') {
    if (segment !== CLUSTER_SCOPE) throw new ServiceError('unprocessable', `${kind.kind} is cluster-scoped: use ${CLUSTER_SCOPE} as the namespace segment`);
    return undefined;
  }
  if (segment === CLUSTER_SCOPE) throw new ServiceError('unprocessable', `${kind.kind} is namespaced: name a namespace in the path`);
  return segment;
}

function summarize(o: KubeObject): InstanceSummary {
  const status = (o['status'] ?? {}) as { state?: unknown };
  const ready = conditionsOf(o).find((c) => c.type === 'Ready');
  const resources = conditionsOf(o).find((c) => c.type === 'ResourcesReady');
  const readyStatus = ready?.status === 'True' || ready?.status === 'False' ? ready.status : 'Unknown';
  const message = resources?.message ?? ready?.message;
  const spec = o['spec'];
  return {
    name: o.metadata.name ?? '',
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    uid: o.metadata.uid ?? '',
    ...(typeof status.state === 'string' ? { state: status.state } : {}),
    ready: readyStatus,
    ...(message ? { readyMessage: message } : {}),
    createdAt: o.metadata.creationTimestamp ?? new Date(0).toISOString(),
    deleting: o.metadata.deletionTimestamp !== undefined,
    // The stored spec (with the CRD's defaults applied), so an edit form starts from what the cluster holds.
    ...(spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? { spec: spec as Record<string, unknown> } : {}),
  };
}
