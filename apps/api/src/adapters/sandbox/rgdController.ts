import { fromPlain, validateRgd, type LocatedMap, type RgdValidation } from '@kro-designer/core';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import { compareCrds, describeBreakingChanges } from '../../services/crdChanges.js';
import { issueGraphRevision } from './graphRevisions.js';
import { ConditionSet, readConditions } from './kroConditions.js';
import type { EventRecorder } from './kubeEvents.js';
import { clone, deepEqual, isMap } from './objectPaths.js';
import type { ObjectStore, StoreEvent } from './ObjectStore.js';
import { ReconcileQueue } from './ReconcileQueue.js';
import type { SandboxScheduler } from './SandboxScheduler.js';

export const RGD_REF = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' } as const;
const CRD_REF = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' } as const;
const FINALIZER = 'kro.run/finalizer';
const RGD_CONDITIONS = ['GraphAccepted', 'GraphRevisionsResolved', 'KindReady', 'ControllerReady'];

/** An accepted RGD as the instance controller needs it. */
export interface ServedGraph {
  readonly rgdName: string;
  readonly rgdUid: string;
  readonly validation: RgdValidation;
  readonly apiVersion: string;
  readonly kind: string;
  readonly revision: number;
}

/** Where the RGD controller starts and stops instance controllers (kro's dynamic controller). */
export interface InstanceControllerRegistry {
  serve(graph: ServedGraph): void;
  stop(rgdName: string): void;
}

/**
 * kro's ResourceGraphDefinition controller (§5.10): validates the RGD with the core (kro's verdict, against the
 * sandbox's own kinds and CRDs), issues a revision when the spec changes, creates or updates the generated CRD —
 * refusing breaking changes unless `kro.run/allow-breaking-changes: "true"` — waits for it to be Established, starts
 * the instance controller and writes kro's conditions and state. An invalid update leaves the last good graph serving
 * instances, as kro's GraphRevisions do.
 */
export class RgdController {
  private readonly queue: ReconcileQueue;
  private readonly revisions = new Map<string, { hash: string; revision: number }>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: SandboxScheduler,
    private readonly events: EventRecorder,
    private readonly instances: InstanceControllerRegistry,
    private readonly kroVersion: string,
  ) {
    this.queue = new ReconcileQueue(scheduler, (name) => this.reconcile(name), (name, error) => this.reportFailure(name, error));
    this.unsubscribe = store.onChange((e) => this.onChange(e));
  }

  stop(): void {
    this.unsubscribe();
    this.queue.stop();
  }

  private onChange(event: StoreEvent): void {
    if (event.kindKey === 'kro.run/ResourceGraphDefinition') {
      // Our own status writes do not need another pass; spec, metadata and deletion changes do.
      const before = event.previous;
      if (event.type === 'MODIFIED' && before && deepEqual({ ...before, status: undefined, metadata: { ...before.metadata, resourceVersion: undefined, managedFields: undefined } }, { ...event.object, status: undefined, metadata: { ...event.object.metadata, resourceVersion: undefined, managedFields: undefined } })) return;
      this.queue.enqueue(event.object.metadata.name ?? '');
    } else if (event.kindKey === 'apiextensions.k8s.io/CustomResourceDefinition') {
      const owner = event.object.metadata.labels?.['kro.run/resource-graph-definition-name'];
      if (owner) this.queue.enqueue(owner);
    }
  }

  private reconcile(name: string): void {
    const rgd = this.store.get({ ...RGD_REF, name });
    if (!rgd) {
      this.instances.stop(name);
      this.revisions.delete(name);
      return;
    }
    if (rgd.metadata.deletionTimestamp !== undefined) {
      // The generated CRD stays (kro deletes it only with --allow-crd-deletion), and with it the instances.
      this.instances.stop(name);
      this.store.update({ ...rgd, metadata: { ...rgd.metadata, finalizers: (rgd.metadata.finalizers ?? []).filter((f) => f !== FINALIZER) } });
      return;
    }
    const current = (rgd.metadata.finalizers ?? []).includes(FINALIZER) ? rgd : this.store.update({ ...rgd, metadata: { ...rgd.metadata, finalizers: [...(rgd.metadata.finalizers ?? []), FINALIZER] } });
    const generation = current.metadata.generation ?? 1;
    const conditions = new ConditionSet(RGD_CONDITIONS, readConditions(current['status']), generation, this.now());
    const status: Record<string, unknown> = isMap(current['status']) ? clone(current['status']) : {};

    const validation = validateRgd(fromPlain(current) as LocatedMap, { registry: this.store.kinds.registry });
    const firstError = validation.diagnostics.find((d) => d.severity === 'error');
    if (!validation.valid || !validation.crd || firstError) {
      conditions.set({ type: 'GraphAccepted', status: 'False', reason: 'InvalidResourceGraph', message: firstError?.message ?? 'the resource graph could not be built' });
      this.writeStatus(current, { ...status, state: 'Inactive', conditions: conditions.toList() });
      return;
    }
    conditions.set({ type: 'GraphAccepted', status: 'True', reason: 'Valid', message: 'resource graph and schema are valid' });
    const revision = this.issueRevision(current, validation);
    conditions.set({ type: 'GraphRevisionsResolved', status: 'True', reason: 'Resolved', message: `revision ${revision} compiled and active` });
    const order = validation.topologicalOrder;
    Object.assign(status, {
      topologicalOrder: [...order],
      resources: order.filter((id) => (validation.graph.dependencies.get(id) ?? []).length > 0).map((id) => ({ id, dependencies: (validation.graph.dependencies.get(id) ?? []).map((d) => ({ id: d })) })),
      lastIssuedRevision: revision,
    });

    const kindReady = this.ensureCrd(current, validation);
    // kro waits for the CRD to be established inside the same reconcile; the CRD's status event brings us back.
    if (kindReady === 'waiting') return;
    conditions.set(kindReady);
    if (kindReady.status === 'True') {
      const crd = validation.crd;
      const apiVersion = `${crd.spec.group}/${crd.spec.versions[0]?.name ?? 'v1alpha1'}`;
      this.instances.serve({ rgdName: name, rgdUid: current.metadata.uid ?? '', validation, apiVersion, kind: crd.spec.names.kind, revision });
      conditions.set({ type: 'ControllerReady', status: 'True', reason: 'Running', message: 'controller is running' });
    }
    const list = conditions.toList();
    const active = ['GraphAccepted', 'KindReady', 'ControllerReady'].every((t) => conditions.get(t)?.status === 'True');
    this.writeStatus(current, { ...status, state: active ? 'Active' : 'Inactive', conditions: list });
  }

  /** Creates or updates the instance CRD; the KindReady condition says how it went. */
  private ensureCrd(rgd: KubeObject, validation: RgdValidation): { type: string; status: 'True' | 'False'; reason: string; message: string } | 'waiting' {
    const crd = clone(validation.crd!) as unknown as KubeObject;
    const name = crd.metadata.name ?? '';
    crd.metadata.labels = { ...crd.metadata.labels, 'kro.run/resource-graph-definition-id': rgd.metadata.uid ?? '', 'kro.run/kro-version': this.kroVersion.replace(/\s.*$/, '') };
    const existing = this.store.get({ ...CRD_REF, name });
    const failed = (message: string) => ({ type: 'KindReady', status: 'False' as const, reason: 'Failed', message });
    if (existing) {
      const labels = existing.metadata.labels ?? {};
      if (labels['kro.run/owned'] !== 'true') return failed(`failed to update CRD ${name}: CRD already exists and is not owned by KRO`);
      const owner = labels['kro.run/resource-graph-definition-name'];
      if (owner !== rgd.metadata.name) return failed(`failed to update CRD ${name}: CRD is owned by another ResourceGraphDefinition ${owner ?? ''}`);
      const changes = compareCrds(existing, crd);
      const allowed = rgd.metadata.annotations?.['kro.run/allow-breaking-changes'] === 'true';
      if (!allowed && changes.some((c) => c.breaking)) return failed(`cannot update CRD ${name}: breaking changes detected: ${describeBreakingChanges(changes)}`);
    }
    const applied = this.store.apply(crd, { fieldManager: 'kro.run/rgd-controller', force: true });
    const established = readConditions(applied['status']).some((c) => c.type === 'Established' && c.status === 'True');
    if (!established) return 'waiting';
    return { type: 'KindReady', status: 'True', reason: 'Ready', message: `kind ${validation.crd!.spec.names.kind} has been accepted and ready` };
  }

  /** A new revision when the spec changed (kro hashes the spec), recorded as a GraphRevision. */
  private issueRevision(rgd: KubeObject, validation: RgdValidation): number {
    const name = rgd.metadata.name ?? '';
    const hash = JSON.stringify(rgd['spec']);
    const previous = this.revisions.get(name);
    if (previous?.hash === hash) return previous.revision;
    const revision = (previous?.revision ?? 0) + 1;
    this.revisions.set(name, { hash, revision });
    issueGraphRevision(this.store, rgd, revision, validation, this.now());
    return revision;
  }

  private writeStatus(rgd: KubeObject, status: Record<string, unknown>): void {
    const before = isMap(rgd['status']) ? rgd['status'] : {};
    if (deepEqual(before, status)) return;
    if (before['state'] !== status['state']) {
      const ready = readConditions(status).find((c) => c.type === 'Ready');
      this.events.record(rgd, status['state'] === 'Active' ? 'Normal' : 'Warning', status['state'] === 'Active' ? 'Active' : 'Inactive', ready?.message ?? String(status['state']), 'kro');
    }
    this.store.updateStatus({ ...rgd, metadata: { ...rgd.metadata, resourceVersion: undefined }, status });
  }

  private reportFailure(name: string, error: unknown): void {
    const rgd = this.store.get({ ...RGD_REF, name });
    if (rgd) this.events.record(rgd, 'Warning', 'ReconcileError', error instanceof Error ? error.message : String(error), 'kro');
  }

  private now(): string {
    return this.scheduler.now().toISOString().replace(/\.\d+Z$/, 'Z');
  }
}
