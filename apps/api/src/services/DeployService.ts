import type { DeployPlan, DeployRequest, Deployment, RgdOnCluster, SchemaChange } from '@kro-designer/contracts';
import { createSchemaRegistry, validateSource, type RgdValidation, type SchemaLookup } from '@kro-designer/core';
import { stringify } from 'yaml';
import type { AuditLog } from '../ports/AuditLog.js';
import type { Clock } from '../ports/Clock.js';
import { ClusterError, type ClusterConnection, type KubeObject } from '../ports/ClusterGateway.js';
import type { DeploymentRecord, DeploymentRepository } from '../ports/DeploymentRepository.js';
import type { DesignRepository } from '../ports/DesignRepository.js';
import { checkKroRbac } from './checkKroRbac.js';
import { clusterFailure, requireClusterRole } from './clusterAccess.js';
import type { ClusterService } from './ClusterService.js';
import { compareCrds } from './crdChanges.js';
import { locateClusterError, locateKroMessage, sharedOwnershipWarning } from './locateInSource.js';
import { parseObjectText, type ObjectText } from './parseObjectText.js';
import type { Principal } from './Principal.js';
import { advanceSteps, conditionsOf, pendingSteps } from './rgdProgress.js';
import { notFound, ServiceError } from './ServiceError.js';

/** The field manager of every write kro-designer makes, so `managedFields` shows who set what. */
export const FIELD_MANAGER = 'kro-designer';
const RGD_KIND = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' } as const;
const CRD_KIND = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' } as const;
/** After an apply that kept the generation, how long an older False condition is not taken as kro's answer. */
const STALE_GRACE_MS = 5_000;

export interface DeployServiceDeps {
  readonly clusters: ClusterService;
  readonly deployments: DeploymentRepository;
  readonly designs: DesignRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly newId: () => string;
  /** How often kro's progress is read while following a deploy (ms). */
  readonly pollMs?: number;
  /** When a deploy that kro has not finished is given up as failed (ms). */
  readonly timeoutMs?: number;
}

/** The cluster's CRDs and the core's schema registry over them (bundled Kubernetes kinds + those CRDs). */
interface ClusterSchemas {
  readonly crds: readonly KubeObject[];
  readonly registry: SchemaLookup;
}

interface ParsedRgd extends ObjectText {
  readonly name: string;
  readonly validation: RgdValidation | undefined;
}

/**
 * Plans and performs deploys of an RGD to a cluster: server-side dry-run, the generated CRD compared with the
 * cluster's (kro's breaking-change classes), kro's RBAC; then server-side apply and kro's progress, recorded per
 * cluster for drift and audited.
 */
export class DeployService {
  private readonly following = new Set<{ readonly id: string; stopped: boolean }>();

  constructor(private readonly deps: DeployServiceDeps) {}

  async plan(p: Principal, cluster: string, yaml: string): Promise<DeployPlan> {
    requireClusterRole(p, 'deployer', 'planning a deploy');
    const conn = this.deps.clusters.connect(cluster);
    const schemas = await this.clusterCrds(cluster);
    const rgd = this.parse(yaml, schemas);
    try {
      const existing = await conn.get({ ...RGD_KIND, name: rgd.name });
      let dryRun: DeployPlan['dryRun'] = { ok: true, diagnostics: [] };
      let result: KubeObject | undefined;
      try {
        result = await conn.apply(rgd.object, { fieldManager: FIELD_MANAGER, force: true, dryRun: true });
      } catch (err) {
        if (!(err instanceof ClusterError) || (err.code !== 422 && err.code !== 400)) throw err;
        dryRun = { ok: false, diagnostics: locateClusterError(err, rgd.root, rgd.lines, rgd.validation?.model) };
      }
      const action = !existing ? 'create' : result && canonical(existing['spec']) === canonical(result['spec']) ? 'unchanged' : 'update';
      const crdChanges = this.crdChanges(rgd, schemas);
      const rbac = await checkKroRbac(conn, rgd.object);
      return { cluster, rgdName: rgd.name, action, dryRun, crdChanges, breaking: crdChanges.some((c) => c.breaking), rbac };
    } catch (err) {
      throw clusterFailure(err);
    }
  }

  async deploy(p: Principal, cluster: string, req: DeployRequest): Promise<Deployment> {
    let workspace: string | undefined;
    if (req.designId !== undefined) {
      const design = await this.deps.designs.getHead(req.designId);
      if (!design) throw notFound(`design ${req.designId}`);
      workspace = design.workspace;
    }
    requireClusterRole(p, 'deployer', 'deploying', workspace);
    const conn = this.deps.clusters.connect(cluster);
    const schemas = await this.clusterCrds(cluster);
    const rgd = this.parse(req.yaml, schemas);
    const object = req.allowBreakingChanges
      ? { ...rgd.object, metadata: { ...rgd.object.metadata, annotations: { ...rgd.object.metadata.annotations, 'kro.run/allow-breaking-changes': 'true' } } }
      : rgd.object;
    const now = this.deps.clock.now();
    let record: DeploymentRecord = {
      id: this.deps.newId(),
      cluster,
      rgdName: rgd.name,
      ...(req.designId !== undefined ? { designId: req.designId } : {}),
      ...(req.revision !== undefined ? { revision: req.revision } : {}),
      ...(workspace !== undefined ? { workspace } : {}),
      yaml: req.yaml,
      state: 'in-progress',
      steps: pendingSteps(),
      diagnostics: [],
      startedAt: now,
      updatedAt: now,
      by: p.username,
    };
    await this.deps.deployments.insert(record);
    await this.deps.audit.append({
      at: now,
      actor: p.username,
      action: 'rgd.deploy',
      workspace: workspace ?? null,
      designId: req.designId ?? null,
      revision: req.revision ?? null,
      details: { cluster, rgd: rgd.name, deployment: record.id, allowBreakingChanges: req.allowBreakingChanges },
    });

    let applied: KubeObject;
    let before: KubeObject | undefined;
    try {
      before = await conn.get({ ...RGD_KIND, name: rgd.name });
      applied = await conn.apply(object, { fieldManager: FIELD_MANAGER, force: true });
    } catch (err) {
      if (!(err instanceof ClusterError)) throw err;
      const at = this.deps.clock.now();
      const steps = record.steps.map((s) => (s.step === 'applied' ? { ...s, status: 'failed' as const, at: at.toISOString(), message: err.message } : s));
      const diagnostics = err.code === 422 || err.code === 400 ? locateClusterError(err, rgd.root, rgd.lines, rgd.validation?.model) : [];
      record = { ...record, state: 'failed', steps, diagnostics, updatedAt: at };
      await this.deps.deployments.update(record.id, record);
      if (diagnostics.length === 0) throw clusterFailure(err);
      return toDeployment(record);
    }
    const at = this.deps.clock.now();
    const steps = record.steps.map((s) => (s.step === 'applied' ? { ...s, status: 'done' as const, at: at.toISOString() } : s));
    const shared = sharedOwnershipWarning(applied, FIELD_MANAGER, rgd.root, rgd.lines);
    record = { ...record, steps, appliedSpec: applied['spec'], diagnostics: shared ? [shared] : [], updatedAt: at };
    await this.deps.deployments.update(record.id, { ...record, appliedSpec: applied['spec'] });
    const specChanged = before?.metadata.generation !== applied.metadata.generation;
    this.follow(conn, record, rgd, { generation: applied.metadata.generation, specChanged, crdName: rgd.validation?.crd?.metadata.name });
    return toDeployment(record);
  }

  async get(p: Principal, cluster: string, id: string): Promise<Deployment> {
    requireClusterRole(p, 'viewer', 'reading a deploy');
    const record = await this.deps.deployments.get(id);
    if (!record || record.cluster !== cluster) throw notFound(`deployment ${id} on cluster ${cluster}`);
    // Another server (several replicas on one PostgreSQL) may be following it: only a deploy quiet for longer than
    // any follower waits is abandoned.
    const quietMs = this.deps.clock.now().getTime() - record.updatedAt.getTime();
    const followed = [...this.following].some((f) => f.id === id);
    if (record.state === 'in-progress' && !followed && quietMs > (this.deps.timeoutMs ?? 120_000) + 10_000) return toDeployment(await this.abandon(record));
    return toDeployment(record);
  }

  async listRgds(p: Principal, cluster: string): Promise<RgdOnCluster[]> {
    requireClusterRole(p, 'viewer', 'reading a cluster');
    const conn = this.deps.clusters.connect(cluster);
    try {
      const list = await conn.list(RGD_KIND);
      return Promise.all(list.items.map((o) => this.rgdOnCluster(cluster, o)));
    } catch (err) {
      throw clusterFailure(err);
    }
  }

  async getRgd(p: Principal, cluster: string, name: string): Promise<RgdOnCluster> {
    requireClusterRole(p, 'viewer', 'reading a cluster');
    const conn = this.deps.clusters.connect(cluster);
    let o: KubeObject | undefined;
    try {
      o = await conn.get({ ...RGD_KIND, name });
    } catch (err) {
      throw clusterFailure(err);
    }
    if (!o) throw notFound(`ResourceGraphDefinition ${name} on cluster ${cluster}`);
    return this.rgdOnCluster(cluster, o);
  }

  /** A deploy nobody follows any more (the server restarted before kro finished): failed, with the reason. */
  private async abandon(record: DeploymentRecord): Promise<DeploymentRecord> {
    const now = this.deps.clock.now();
    const message = `kro-designer stopped following this deploy before kro finished (a server restart); the RGD's current state is at /api/clusters/${record.cluster}/rgds/${record.rgdName}`;
    const firstPending = record.steps.findIndex((s) => s.status === 'pending');
    const steps = record.steps.map((s, i) => (i === firstPending ? { ...s, status: 'failed' as const, at: now.toISOString(), message } : s));
    const failed: DeploymentRecord = { ...record, state: 'failed', steps, updatedAt: now };
    await this.deps.deployments.update(record.id, failed);
    return failed;
  }

  /** Stops following deploys in progress (shutdown, tests); their records keep their last state. */
  close(): void {
    for (const f of this.following) f.stopped = true;
    this.following.clear();
  }

  private async rgdOnCluster(cluster: string, o: KubeObject): Promise<RgdOnCluster> {
    const name = o.metadata.name ?? '';
    const schema = ((o['spec'] as { schema?: { kind?: string; apiVersion?: string; group?: string } } | undefined)?.schema) ?? {};
    const latest = await this.deps.deployments.latestApplied(cluster, name);
    const { managedFields: _managed, ...metadata } = o.metadata;
    return {
      name,
      ...(schema.kind ? { kind: schema.kind } : {}),
      ...(schema.apiVersion ? { apiVersion: `${schema.group ?? 'kro.run'}/${schema.apiVersion}` } : {}),
      ...(typeof (o['status'] as { state?: unknown } | undefined)?.state === 'string' ? { state: (o['status'] as { state: string }).state } : {}),
      conditions: conditionsOf(o).map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) })),
      ...(latest
        ? { deployed: { ...(latest.designId ? { designId: latest.designId } : {}), ...(latest.revision !== undefined ? { revision: latest.revision } : {}), drift: canonical(o['spec']) !== canonical(latest.appliedSpec) } }
        : {}),
      yaml: stringify({ apiVersion: o.apiVersion, kind: o.kind, metadata, spec: o['spec'] }),
    };
  }

  private async clusterCrds(cluster: string): Promise<ClusterSchemas> {
    try {
      return await this.deps.clusters.fromCrds(cluster, 'deploy-schemas', (crds) => ({
        crds,
        registry: createSchemaRegistry({ crds: crds.map((c) => ({ path: c.metadata.name ?? 'crd', text: JSON.stringify(c) })) }).value,
      }));
    } catch (err) {
      throw clusterFailure(err);
    }
  }

  /** The RGD of the text, validated by the core against the cluster's CRDs (for the generated CRD and model). */
  private parse(yaml: string, schemas: ClusterSchemas): ParsedRgd {
    const text = parseObjectText(yaml, 'RGD');
    const { object } = text;
    if (object.apiVersion !== RGD_KIND.apiVersion || object.kind !== RGD_KIND.kind || !object.metadata.name) {
      const message = `the text must be one ResourceGraphDefinition (apiVersion ${RGD_KIND.apiVersion}, kind ${RGD_KIND.kind}) with metadata.name`;
      throw new ServiceError('unprocessable', message, { diagnostics: [{ code: 'document/not-rgd', severity: 'error', message, span: text.root.span, range: { start: text.lines.positionAt(text.root.span.start), end: text.lines.positionAt(text.root.span.start) }, path: '' }] });
    }
    const validation = validateSource(yaml, { registry: schemas.registry }).rgds[0];
    return { ...text, name: object.metadata.name, validation };
  }

  /** The generated CRD against the cluster's, classified like kro's gate; plus kro's ownership refusals. */
  private crdChanges(rgd: ParsedRgd, { crds }: ClusterSchemas): SchemaChange[] {
    const generated = rgd.validation?.crd;
    if (!generated) return [];
    const existing = crds.find((c) => c.metadata.name === generated.metadata.name);
    if (!existing) return [];
    const labels = existing.metadata.labels ?? {};
    if (labels['kro.run/owned'] !== 'true') {
      return [{ path: '', kind: 'other', breaking: true, message: `CRD ${generated.metadata.name} already exists and is not owned by kro; kro will refuse to take it over` }];
    }
    const owner = labels['kro.run/resource-graph-definition-name'];
    if (owner && owner !== rgd.name) {
      return [{ path: '', kind: 'other', breaking: true, message: `CRD ${generated.metadata.name} belongs to ResourceGraphDefinition ${owner}; kro will refuse to give it to ${rgd.name}` }];
    }
    return compareCrds(existing, generated).map((c) => ({ path: c.path, kind: c.kind, breaking: c.breaking, message: c.message }));
  }

  /** Reads kro's progress until the RGD is Active, kro rejects it, or the time is up; each change is stored. */
  private follow(conn: ClusterConnection, start: DeploymentRecord, rgd: ParsedRgd, applied: { generation?: number; specChanged: boolean; crdName?: string }): void {
    const { generation, crdName } = applied;
    // Conditions carry whole seconds, so a verdict from the apply's own second may predate it: within the grace period
    // such a False is not taken as the answer (after it, a False that has not changed since is).
    const staleBefore = new Date(Math.floor(start.startedAt.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const graceUntil = this.deps.clock.now().getTime() + STALE_GRACE_MS;
    const handle = { id: start.id, stopped: false };
    this.following.add(handle);
    const pollMs = this.deps.pollMs ?? 250;
    const deadline = this.deps.clock.now().getTime() + (this.deps.timeoutMs ?? 120_000);
    let record = start;
    const tick = async (): Promise<void> => {
      const o = await conn.get({ ...RGD_KIND, name: rgd.name });
      const crd = crdName ? await conn.get({ ...CRD_KIND, name: crdName }) : undefined;
      const established = crd ? conditionsOf(crd).some((c) => c.type === 'Established' && c.status === 'True') : undefined;
      const now = this.deps.clock.now();
      const stale = !applied.specChanged && now.getTime() < graceUntil ? staleBefore : undefined;
      const progress = advanceSteps(record.steps, o, generation, established, now.toISOString(), stale);
      let next: DeploymentRecord = { ...record, steps: progress.steps, state: progress.state };
      if (progress.failure !== undefined && rgd.validation) next = { ...next, diagnostics: [...record.diagnostics, locateKroMessage(progress.failure, rgd.validation.model, rgd.lines)] };
      await save(next, now);
    };
    const save = async (next: DeploymentRecord, now: Date) => {
      if (JSON.stringify(next.steps) === JSON.stringify(record.steps) && next.state === record.state) return;
      const saved = { ...next, updatedAt: now };
      // Stored first: if the write fails, the next tick sees the change again and retries it.
      await this.deps.deployments.update(saved.id, saved);
      record = saved;
    };
    const giveUp = async (reason: string) => {
      const now = this.deps.clock.now();
      const firstPending = record.steps.findIndex((s) => s.status === 'pending');
      const steps = record.steps.map((s, i) => (i === firstPending ? { ...s, status: 'failed' as const, at: now.toISOString(), message: reason } : s));
      await save({ ...record, state: 'failed', steps }, now);
    };
    const limit = `${Math.round((this.deps.timeoutMs ?? 120_000) / 1000)} s`;
    const loop = async () => {
      while (!handle.stopped && record.state === 'in-progress') {
        let lastError: string | undefined;
        try {
          await tick();
        } catch (err) {
          // A failed read (API server restarting) is retried on the next tick until the deadline.
          lastError = err instanceof Error ? err.message : String(err);
        }
        if (record.state === 'in-progress' && this.deps.clock.now().getTime() > deadline) {
          const reason = lastError ? `the cluster could not be read for ${limit}: ${lastError}` : `kro did not report the next step within ${limit}; is the kro controller running?`;
          // If even this write fails the record stays in progress; get() reports such a record as abandoned.
          await giveUp(reason).catch(() => undefined);
          break;
        }
        if (record.state === 'in-progress') await new Promise((r) => setTimeout(r, pollMs));
      }
      this.following.delete(handle);
    };
    void loop();
  }
}

function toDeployment(r: DeploymentRecord): Deployment {
  return {
    id: r.id,
    cluster: r.cluster,
    rgdName: r.rgdName,
    ...(r.designId !== undefined ? { designId: r.designId } : {}),
    ...(r.revision !== undefined ? { revision: r.revision } : {}),
    steps: r.steps,
    diagnostics: r.diagnostics,
    state: r.state,
    startedAt: r.startedAt.toISOString(),
    by: r.by,
  };
}

/** JSON with sorted keys, so two specs compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
