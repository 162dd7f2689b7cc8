import { z } from 'zod';
import { Timestamp, YamlText } from './common.js';
import { Diagnostic } from './diagnostics.js';

/** `sandbox`, or a kubeconfig context name, or `in-cluster`. */
export const ClusterId = z.string().min(1).max(253);

export const ClusterSummary = z
  .object({
    id: ClusterId,
    /** What the UI shows: the context name, or "Sandbox (simulated)". */
    name: z.string(),
    source: z.enum(['sandbox', 'kubeconfig', 'in-cluster']),
    /** True for the sandbox: nothing runs, workloads become ready by simulation. */
    simulated: z.boolean(),
    /** API server URL (never credentials). */
    server: z.string().optional(),
    namespace: z.string().optional(),
    current: z.boolean().default(false),
  })
  .meta({ id: 'ClusterSummary' });
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const ClusterList = z.object({ items: z.array(ClusterSummary) }).meta({ id: 'ClusterList' });

export const ClusterStatus = z
  .object({
    id: ClusterId,
    reachable: z.boolean(),
    /** Why it is not reachable, in words. */
    error: z.string().optional(),
    kubernetesVersion: z.string().optional(),
    /** kro's version, from its deployment or its CRDs' labels, when found. */
    kroVersion: z.string().optional(),
    kroInstalled: z.boolean(),
    capabilities: z.object({
      graphRevisions: z.boolean(),
      clusterScopedInstances: z.boolean(),
    }),
    checkedAt: Timestamp,
  })
  .meta({ id: 'ClusterStatus' });
export type ClusterStatus = z.infer<typeof ClusterStatus>;

/** A change to the generated CRD that kro classifies as breaking (it refuses it without `kro.run/allow-breaking-changes`). */
export const SchemaChange = z.object({
  path: z.string(),
  kind: z.enum(['field-removed', 'type-changed', 'required-added', 'enum-restricted', 'other']),
  breaking: z.boolean(),
  message: z.string(),
});
export type SchemaChange = z.infer<typeof SchemaChange>;

export const DeployPlanRequest = z
  .object({ yaml: YamlText })
  .strict()
  .meta({ id: 'DeployPlanRequest' });

export const DeployPlan = z
  .object({
    cluster: ClusterId,
    rgdName: z.string(),
    /** `create` when the RGD is not in the cluster yet. */
    action: z.enum(['create', 'update', 'unchanged']),
    /** Server-side dry-run outcome; its errors are located in the RGD text. */
    dryRun: z.object({ ok: z.boolean(), diagnostics: z.array(Diagnostic) }),
    crdChanges: z.array(SchemaChange),
    breaking: z.boolean(),
    /** Kinds kro would have to manage that its ServiceAccount may not (empty when allowed or not checkable). */
    rbac: z.object({ checked: z.boolean(), missing: z.array(z.object({ group: z.string(), resource: z.string(), verbs: z.array(z.string()) })) }),
  })
  .meta({ id: 'DeployPlan' });
export type DeployPlan = z.infer<typeof DeployPlan>;

export const DeployRequest = z
  .object({
    yaml: YamlText,
    /** The design revision deployed, recorded per cluster. */
    designId: z.string().optional(),
    revision: z.number().int().optional(),
    allowBreakingChanges: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'DeployRequest' });
export type DeployRequest = z.infer<typeof DeployRequest>;

/** One step of a deploy's progress: applied → GraphAccepted → CRD established → Active. */
export const DeployStep = z.object({
  step: z.enum(['applied', 'graph-accepted', 'crd-established', 'active']),
  status: z.enum(['pending', 'done', 'failed']),
  at: Timestamp.optional(),
  message: z.string().optional(),
});

export const Deployment = z
  .object({
    id: z.string(),
    cluster: ClusterId,
    rgdName: z.string(),
    designId: z.string().optional(),
    revision: z.number().int().optional(),
    steps: z.array(DeployStep),
    /** kro's rejection mapped onto the RGD text. */
    diagnostics: z.array(Diagnostic),
    state: z.enum(['in-progress', 'active', 'failed']),
    startedAt: Timestamp,
    by: z.string(),
  })
  .meta({ id: 'Deployment' });
export type Deployment = z.infer<typeof Deployment>;

export const RgdOnCluster = z
  .object({
    name: z.string(),
    kind: z.string().optional(),
    apiVersion: z.string().optional(),
    state: z.string().optional(),
    conditions: z.array(z.object({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() })),
    /** The design revision last deployed here, and whether the cluster copy still equals it. */
    deployed: z.object({ designId: z.string().optional(), revision: z.number().int().optional(), drift: z.boolean() }).optional(),
    yaml: z.string(),
  })
  .meta({ id: 'RgdOnCluster' });
export type RgdOnCluster = z.infer<typeof RgdOnCluster>;

export const InstanceSummary = z
  .object({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string(),
    /** kro's `status.state`: ACTIVE, IN_PROGRESS, ERROR, DELETING. */
    state: z.string().optional(),
    ready: z.enum(['True', 'False', 'Unknown']),
    readyMessage: z.string().optional(),
    createdAt: Timestamp,
    deleting: z.boolean(),
    /** The instance's `spec` as the cluster stores it, so an edit starts from it (the web form). */
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'InstanceSummary' });
export type InstanceSummary = z.infer<typeof InstanceSummary>;

export const InstanceRequest = z
  .object({ yaml: YamlText })
  .strict()
  .meta({ id: 'InstanceRequest' });

/** A CustomResourceDefinition the cluster serves, with its YAML for the web type checker and palette. */
export const ClusterCrd = z
  .object({
    name: z.string(),
    group: z.string(),
    kind: z.string(),
    plural: z.string(),
    scope: z.enum(['Namespaced', 'Cluster']),
    /** Served versions, storage version first. */
    versions: z.array(z.string()),
    /** Whether kro generated it (label `kro.run/owned=true`). */
    kroOwned: z.boolean(),
    yaml: z.string(),
  })
  .meta({ id: 'ClusterCrd' });
export type ClusterCrd = z.infer<typeof ClusterCrd>;

export const ClusterCrdList = z
  .object({ cluster: ClusterId, items: z.array(ClusterCrd), resourceVersion: z.string() })
  .meta({ id: 'ClusterCrdList' });
export type ClusterCrdList = z.infer<typeof ClusterCrdList>;

export const RgdOnClusterList = z.object({ items: z.array(RgdOnCluster) }).meta({ id: 'RgdOnClusterList' });
export const InstanceList = z.object({ items: z.array(InstanceSummary) }).meta({ id: 'InstanceList' });
