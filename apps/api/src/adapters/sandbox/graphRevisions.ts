import type { RgdValidation } from '@kro-designer/core';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import type { ObjectStore } from './ObjectStore.js';

/** kro v0.9.3's GraphRevision CRD (`internal.kro.run`), reduced to the fields the sandbox writes. */
export const GRAPH_REVISION_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'graphrevisions.internal.kro.run', labels: { 'app.kubernetes.io/name': 'kro', 'app.kubernetes.io/version': 'v0.9.3' } },
  spec: {
    group: 'internal.kro.run',
    names: { kind: 'GraphRevision', listKind: 'GraphRevisionList', plural: 'graphrevisions', singular: 'graphrevision', shortNames: ['gr'] },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['revision', 'snapshot'],
                properties: {
                  revision: { type: 'integer', minimum: 1 },
                  snapshot: {
                    type: 'object',
                    required: ['name', 'spec'],
                    properties: { name: { type: 'string' }, generation: { type: 'integer' }, spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                  },
                },
              },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

const GR = { apiVersion: 'internal.kro.run/v1alpha1', kind: 'GraphRevision' } as const;
/** kro's `--rgd-max-graph-revisions` default. */
const RETAINED = 5;

/**
 * Records an accepted spec as kro does: an immutable GraphRevision `<rgd>-r<NNNNN>` with a snapshot of the spec,
 * verified at once (the sandbox compiles synchronously), keeping the newest five. kro's spec-hash label is not
 * written: the sandbox does not reproduce kro's normalised FNV hash.
 */
export function issueGraphRevision(store: ObjectStore, rgd: KubeObject, revision: number, validation: RgdValidation, now: string): void {
  const rgdName = rgd.metadata.name ?? '';
  const name = `${rgdName}-r${String(revision).padStart(5, '0')}`;
  const created = store.apply(
    {
      ...GR,
      metadata: { name, labels: { 'kro.run/resource-graph-definition-name': rgdName } },
      spec: { revision, snapshot: { name: rgdName, generation: rgd.metadata.generation ?? 1, spec: rgd['spec'] } },
    },
    { fieldManager: 'kro', force: true },
  );
  const condition = (type: string, reason: string) => ({ type, status: 'True', reason, lastTransitionTime: now, observedGeneration: created.metadata.generation ?? 1 });
  store.updateStatus({ ...created, metadata: { ...created.metadata, resourceVersion: undefined }, status: { topologicalOrder: [...validation.topologicalOrder], conditions: [condition('GraphVerified', 'Verified'), condition('Ready', 'Ready')] } });
  const all = store.list(GR, { labelSelector: `kro.run/resource-graph-definition-name=${rgdName}` }).items;
  const old = all.map((o) => ({ o, n: Number((o['spec'] as { revision?: number } | undefined)?.revision ?? 0) })).sort((a, b) => b.n - a.n).slice(RETAINED);
  for (const { o } of old) store.delete({ ...GR, name: o.metadata.name ?? '' });
}
