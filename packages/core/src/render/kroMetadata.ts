import type { ParentMetadata, PlainObject } from './RenderTypes.js';

/** Identity of the instance the children belong to (labels `kro.run/instance-*`). */
export interface InstanceIdentity {
  readonly name: string;
  /** Empty for a cluster-scoped instance. */
  readonly namespace: string;
  readonly uid: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** kro's label value for its version: `+` is not allowed in label values (pkg/metadata `safeVersion`). */
export function safeKroVersion(version: string): string {
  return version.replace(/\+/g, '-');
}

/**
 * The labels kro v0.9.3 puts on every child it applies (`applyDecoratorLabels` + the ApplySet's `part-of`):
 * instance labeler, `app.kubernetes.io/managed-by: kro`, `kro.run/owned`, `kro.run/kro-version`, `kro.run/node-id`,
 * collection index and size for forEach items. The template's own labels stay; kro's keys win on a clash.
 */
export function childLabels(
  instance: InstanceIdentity,
  options: { readonly nodeId: string; readonly kroVersion: string; readonly applySetId: string; readonly collection?: { readonly index: number; readonly size: number } },
): Record<string, string> {
  const labels: Record<string, string> = {
    'kro.run/instance-id': instance.uid,
    'kro.run/instance-name': instance.name,
    'kro.run/instance-group': instance.group,
    'kro.run/instance-version': instance.version,
    'kro.run/instance-kind': instance.kind,
  };
  if (instance.namespaced) labels['kro.run/instance-namespace'] = instance.namespace;
  labels['app.kubernetes.io/managed-by'] = 'kro';
  labels['kro.run/owned'] = 'true';
  labels['kro.run/kro-version'] = safeKroVersion(options.kroVersion);
  labels['kro.run/node-id'] = options.nodeId;
  if (options.collection) {
    labels['kro.run/collection-index'] = String(options.collection.index);
    labels['kro.run/collection-size'] = String(options.collection.size);
  }
  labels['applyset.kubernetes.io/part-of'] = options.applySetId;
  return labels;
}

/** Merges kro's labels (and annotations) into an object's metadata, in place; kro's keys override the template's. */
export function decorateObject(object: PlainObject, labels: Record<string, string>, annotations: Record<string, string> = {}): void {
  const metadata = (isPlainMap(object.metadata) ? object.metadata : (object.metadata = {})) as PlainObject;
  metadata.labels = { ...(isPlainMap(metadata.labels) ? metadata.labels : {}), ...labels };
  if (Object.keys(annotations).length > 0) metadata.annotations = { ...(isPlainMap(metadata.annotations) ? metadata.annotations : {}), ...annotations };
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The instance's metadata additions: the "ensure managed" patch (`kro.run/owned`, `kro.run/kro-version`,
 * `kro.run/resource-graph-definition-id|name`, finalizer `kro.run/finalizer`) and the ApplySet parent metadata
 * (label `applyset.kubernetes.io/id`; annotations tooling `kro/<version>`, `contains-group-kinds` as sorted
 * `Kind.group` (core kinds bare), `additional-namespaces` sorted, the instance's own namespace excluded).
 */
export function parentMetadata(input: {
  /** False when kro stops before projecting the ApplySet (a node error or a duplicate object): managed labels only. */
  readonly applySet: boolean;
  readonly applySetId: string;
  readonly kroVersion: string;
  readonly rgdName: string;
  readonly rgdUid: string;
  readonly instanceNamespace: string;
  readonly children: readonly { readonly apiVersion: string; readonly kind: string; readonly namespace?: string }[];
}): ParentMetadata {
  const groupKinds = new Set<string>();
  const namespaces = new Set<string>();
  for (const c of input.children) {
    const slash = c.apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : c.apiVersion.slice(0, slash);
    groupKinds.add(group === '' ? c.kind : `${c.kind}.${group}`);
    if (c.namespace !== undefined && c.namespace !== '' && c.namespace !== input.instanceNamespace) namespaces.add(c.namespace);
  }
  const labels: Record<string, string> = {
    'kro.run/owned': 'true',
    'kro.run/kro-version': safeKroVersion(input.kroVersion),
    'kro.run/resource-graph-definition-id': input.rgdUid,
    'kro.run/resource-graph-definition-name': input.rgdName,
  };
  if (!input.applySet) return { labels, annotations: {}, finalizers: ['kro.run/finalizer'] };
  labels['applyset.kubernetes.io/id'] = input.applySetId;
  return {
    labels,
    annotations: {
      'applyset.kubernetes.io/tooling': `kro/${input.kroVersion}`,
      'applyset.kubernetes.io/contains-group-kinds': [...groupKinds].sort().join(','),
      'applyset.kubernetes.io/additional-namespaces': [...namespaces].sort().join(','),
    },
    finalizers: ['kro.run/finalizer'],
  };
}

/** `<group>/<version>/<kind>/<namespace>/<name>` as kro's `identityKey` prints it (before namespace inheritance). */
export function identityKey(o: PlainObject): string {
  const apiVersion = String(o.apiVersion ?? '');
  const slash = apiVersion.lastIndexOf('/');
  const meta = (o.metadata ?? {}) as PlainObject;
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return `${group}/${version}/${String(o.kind ?? '')}/${String(meta.namespace ?? '')}/${String(meta.name ?? '')}`;
}
