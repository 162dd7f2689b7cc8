import { describe, expect, it } from 'vitest';
import { ClusterError, type KubeObject } from '../../ports/ClusterGateway.js';
import { EventRecorder } from './kubeEvents.js';
import { ObjectStore } from './ObjectStore.js';
import { SandboxKinds } from './SandboxKinds.js';
import { FakeScheduler } from './SandboxScheduler.js';

function newStore() {
  const store = new ObjectStore(new SandboxKinds(), new FakeScheduler());
  for (const name of ['default', 'kube-system']) store.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: 'test' });
  return store;
}

const cm = (name: string, data: Record<string, string>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...extra }, data });
const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' };

function rejection(fn: () => unknown): ClusterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ClusterError) return err;
    throw err;
  }
  throw new Error('expected a ClusterError');
}

describe('ObjectStore', () => {
  it('assigns uid, creationTimestamp, generation 1 and a global resourceVersion on create', () => {
    const store = newStore();
    const before = store.resourceVersion;
    const created = store.apply(cm('a', { k: 'v' }), { fieldManager: 'me' });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(created.metadata.resourceVersion).toBe(String(before + 1));
    expect(created.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'me', operation: 'Apply', fieldsV1: { 'f:data': { 'f:k': {} }, 'f:metadata': { 'f:name': {}, 'f:namespace': {} } } })]);
  });

  it('bumps generation only on spec changes, and a no-op apply keeps the resourceVersion', () => {
    const store = newStore();
    const d = (replicas: number, labels: Record<string, string> = {}): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels },
      spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const first = store.apply(d(1), { fieldManager: 'me' });
    const same = store.apply(d(1), { fieldManager: 'me' });
    expect(same.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const relabelled = store.apply(d(1, { team: 'a' }), { fieldManager: 'me' });
    expect(relabelled.metadata.generation).toBe(1);
    expect(Number(relabelled.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    expect(store.apply(d(2, { team: 'a' }), { fieldManager: 'me' }).metadata.generation).toBe(2);
  });

  it('refuses a missing namespace with 404 NotFound, like the API server (no auto-create)', () => {
    const store = newStore();
    const err = rejection(() => store.apply({ ...cm('a', {}), metadata: { name: 'a', namespace: 'nope' } }, { fieldManager: 'me' }));
    expect([err.code, err.reason, err.message]).toEqual([404, 'NotFound', 'namespaces "nope" not found']);
  });

  it('validates against the kind schema: 422 Invalid with field causes', () => {
    const store = newStore();
    const err = rejection(() =>
      store.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'default' }, spec: { replicas: 'two', selector: {}, template: {} } }, { fieldManager: 'me' }),
    );
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
    expect(err.causes).toContainEqual(expect.objectContaining({ field: 'spec.replicas', reason: 'FieldValueTypeInvalid' }));
    expect(rejection(() => store.apply(cm('Bad_Name', {}), { fieldManager: 'me' })).causes[0]?.field).toBe('metadata.name');
  });

  it('server-side apply: removes fields a manager stops applying, keeps other managers\' fields, conflicts unless forced', () => {
    const store = newStore();
    store.apply(cm('a', { x: '1', y: '2' }), { fieldManager: 'one' });
    store.apply(cm('a', { z: '3' }), { fieldManager: 'two' });
    expect(store.get(ref)?.['data']).toEqual({ x: '1', y: '2', z: '3' });
    store.apply(cm('a', { x: '1' }), { fieldManager: 'one' });
    expect(store.get(ref)?.['data']).toEqual({ x: '1', z: '3' });
    const conflict = rejection(() => store.apply(cm('a', { z: '4' }), { fieldManager: 'one' }));
    expect([conflict.code, conflict.reason]).toEqual([409, 'Conflict']);
    expect(conflict.message).toContain('conflict with "two": .data.z');
    store.apply(cm('a', { x: '1', z: '4' }), { fieldManager: 'one', force: true });
    expect(store.get(ref)?.['data']).toEqual({ x: '1', z: '4' });
    expect((store.get(ref)?.metadata.managedFields as { manager: string }[]).map((m) => m.manager)).toEqual(['one', 'two']);
  });

  it('dry-run validates and returns the result without storing it', () => {
    const store = newStore();
    const rv = store.resourceVersion;
    const result = store.apply(cm('a', { k: 'v' }), { fieldManager: 'me', dryRun: true });
    expect(result['data']).toEqual({ k: 'v' });
    expect(store.get(ref)).toBeUndefined();
    expect(store.resourceVersion).toBe(rv);
  });

  it('ignores status on apply; updateStatus replaces only status and checks the resourceVersion', () => {
    const store = newStore();
    const created = store.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound' } }, { fieldManager: 'me' });
    expect(created['status']).toBeUndefined();
    const updated = store.updateStatus({ ...created, spec: { changed: true }, status: { phase: 'Bound' } });
    expect(updated['status']).toEqual({ phase: 'Bound' });
    expect(updated['spec']).toEqual(created['spec']);
    expect(rejection(() => store.updateStatus({ ...created, status: { phase: 'Lost' } })).code).toBe(409);
  });

  it('delete with finalizers marks terminating; removing the last finalizer removes the object', () => {
    const store = newStore();
    const seen: string[] = [];
    store.onChange((e) => seen.push(e.type));
    store.apply(cm('a', {}, { finalizers: ['example.com/keep'] }), { fieldManager: 'me' });
    store.delete(ref);
    const terminating = store.get(ref)!;
    expect(terminating.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00.000Z');
    store.update({ ...terminating, metadata: { ...terminating.metadata, finalizers: [] } });
    expect(store.get(ref)).toBeUndefined();
    expect(seen).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(() => store.delete(ref)).not.toThrow();
  });

  it('deleting a namespace deletes its content, then the namespace', () => {
    const store = newStore();
    store.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, { fieldManager: 'me' });
    store.apply({ ...cm('a', {}), metadata: { name: 'a', namespace: 'team' } }, { fieldManager: 'me' });
    store.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    expect(store.get({ ...ref, namespace: 'team' })).toBeUndefined();
    expect(store.get({ apiVersion: 'v1', kind: 'Namespace', name: 'team' })).toBeUndefined();
  });

  it('lists with namespace and label selectors (equality and set-based)', () => {
    const store = newStore();
    store.apply(cm('a', {}, { labels: { tier: 'web', env: 'prod' } }), { fieldManager: 'me' });
    store.apply(cm('b', {}, { labels: { tier: 'db' } }), { fieldManager: 'me' });
    store.apply({ ...cm('c', {}, { labels: { tier: 'web' } }), metadata: { name: 'c', namespace: 'kube-system', labels: { tier: 'web' } } }, { fieldManager: 'me' });
    const names = (selector: string, namespace?: string) => store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: selector, ...(namespace ? { namespace } : {}) }).items.map((o) => o.metadata.name);
    expect(names('tier=web')).toEqual(['a', 'c']);
    expect(names('tier=web', 'default')).toEqual(['a']);
    expect(names('tier in (web,db),!env')).toEqual(['b', 'c']);
    expect(names('tier notin (web)')).toEqual(['b']);
    expect(names('env')).toEqual(['a']);
    expect(rejection(() => names('tier in (web')).code).toBe(400);
  });

  it('answers 404 for an unknown kind', () => {
    expect(rejection(() => newStore().get({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' })).code).toBe(404);
  });

  it('merges metadata.finalizers as a set: each manager adds and removes only its own items', () => {
    const store = newStore();
    store.apply(cm('a', {}, { finalizers: ['user.example.com/keep'] }), { fieldManager: 'user' });
    store.apply({ ...cm('a', {}), metadata: { name: 'a', namespace: 'default', finalizers: ['kro.run/finalizer'] } }, { fieldManager: 'kro' });
    expect(store.get(ref)?.metadata.finalizers).toEqual(['user.example.com/keep', 'kro.run/finalizer']);
    store.apply({ ...cm('a', {}), metadata: { name: 'a', namespace: 'default' } }, { fieldManager: 'user' });
    expect(store.get(ref)?.metadata.finalizers).toEqual(['kro.run/finalizer']);
  });

  it('records Events (count bumps on repeats) and drops them, without failing, when the namespace is terminating', () => {
    const clock = new FakeScheduler();
    const store = new ObjectStore(new SandboxKinds(), clock);
    store.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, { fieldManager: 'test' });
    const events = new EventRecorder(store, clock);
    const object = store.apply({ ...cm('a', {}, { finalizers: ['x/keep'] }), metadata: { name: 'a', namespace: 'team', finalizers: ['x/keep'] } }, { fieldManager: 'me' });
    expect(events.record(object, 'Normal', 'Hello', 'hi', 'test')).toBe(true);
    clock.advance(1000);
    expect(events.record(object, 'Normal', 'Hello', 'hi', 'test')).toBe(true);
    const recorded = events.eventsFor({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'a' });
    expect(recorded.map((e) => [e['reason'], e['count'], e['firstTimestamp'], e['lastTimestamp']])).toEqual([['Hello', 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z']]);
    store.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    expect(events.record(object, 'Warning', 'Late', 'too late', 'test')).toBe(false);
  });
});
