import { createSchemaRegistry, parseApiVersion, RGD_CRD_SCHEMA, type RegisteredKind, type SchemaRegistry } from '@kro-designer/core';
import type { ApiResource, KubeObject } from '../../ports/ClusterGateway.js';

/** The kro CRD every sandbox starts with: kro's ResourceGraphDefinition, cluster-scoped, with a status subresource. */
export const RGD_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'resourcegraphdefinitions.kro.run', labels: { 'app.kubernetes.io/name': 'kro', 'app.kubernetes.io/version': 'v0.9.3' } },
  spec: {
    group: 'kro.run',
    names: { kind: 'ResourceGraphDefinition', listKind: 'ResourceGraphDefinitionList', plural: 'resourcegraphdefinitions', singular: 'resourcegraphdefinition', shortNames: ['rgd'], categories: ['kro'] },
    scope: 'Cluster',
    versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: RGD_CRD_SCHEMA }, subresources: { status: {} } }],
  },
};

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * What the sandbox's API server serves: the bundled Kubernetes 1.35 kinds plus the CRDs stored in it, through the
 * core's schema registry (so RGD validation and object validation see the same schemas). Rebuilt whenever a CRD
 * changes; building it is cheap (milliseconds).
 */
export class SandboxKinds {
  private registryValue: SchemaRegistry;
  private crdKinds = new Set<string>();

  constructor() {
    this.registryValue = createSchemaRegistry().value;
  }

  /** The registry, including served versions of every stored CRD (for validateRgd and the type checker). */
  get registry(): SchemaRegistry {
    return this.registryValue;
  }

  /** Replaces the CRD set; returns problems of CRDs the registry could not read (they serve no kind). */
  setCrds(crds: readonly KubeObject[]): string[] {
    const result = createSchemaRegistry({ crds: crds.map((c) => ({ path: c.metadata.name ?? 'crd', text: JSON.stringify(c) })) });
    this.registryValue = result.value;
    this.crdKinds = new Set(
      result.value
        .kinds()
        .filter((k) => k.source.origin === 'crd')
        .map((k) => `${k.group}/${k.kind}`),
    );
    return result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  }

  lookup(apiVersion: string, kind: string): RegisteredKind | undefined {
    return this.registryValue.lookup(apiVersion, kind);
  }

  /** True when the kind comes from a CRD (custom resources: the sandbox simulates no status for them). */
  isCustom(kind: RegisteredKind): boolean {
    return this.crdKinds.has(`${kind.group}/${kind.kind}`);
  }

  /** The group of an apiVersion (`''` for the core group). */
  static groupOf(apiVersion: string): string {
    return parseApiVersion(apiVersion)?.group ?? '';
  }

  discover(): ApiResource[] {
    return this.registryValue.kinds().map((k) => ({ apiVersion: k.apiVersion, kind: k.kind, resource: k.plural, namespaced: k.namespaced, verbs: VERBS }));
  }
}
