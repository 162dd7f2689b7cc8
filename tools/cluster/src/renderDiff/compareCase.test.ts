import { describe, expect, it } from 'vitest';
import { compareCase, diffPlain, objectKey, sameRuntimeError, type RenderOutcome } from './compareCase.js';
import type { KroRun } from './runOnKro.js';

const applied = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name,
    namespace: 'ns',
    uid: `uid-${name}`,
    labels: { 'kro.run/node-id': name },
    managedFields: [
      {
        manager: 'kro.run/applyset',
        operation: 'Apply',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:kro.run/node-id': {} } },
          'f:data': Object.fromEntries(Object.keys(data).map((k) => [`f:${k}`, {}])),
        },
      },
    ],
  },
  data,
});
const rendered = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', labels: { 'kro.run/node-id': name } }, data });

const run: KroRun = {
  rgd: { accepted: true, uid: 'rgd-uid' },
  instance: { metadata: { name: 'i', namespace: 'ns', labels: { own: 'x' } }, spec: { a: 1 }, status: { state: 'ACTIVE', conditions: [], url: 'u' } },
  children: [applied('a', { k: 'v' })],
  active: true,
  rgdMs: 1,
  instanceMs: 1,
};
const ours: RenderOutcome = {
  valid: true,
  diagnostics: [],
  instance: { metadata: { name: 'i', namespace: 'ns', labels: { own: 'x' } }, spec: { a: 1 } },
  resources: [{ id: 'a', state: 'rendered', objects: [rendered('a', { k: 'v' })], pending: [] }],
  status: { url: 'u' },
};

describe('compareCase', () => {
  it('finds nothing when kro and the render agree, ignoring kro-only state and conditions', () => {
    expect(compareCase('c', run, ours)).toEqual({ objectsCompared: 1, differences: [] });
  });

  it('reports a changed field, a missing object, an extra object and a status field', () => {
    const mine: RenderOutcome = {
      ...ours,
      resources: [
        { id: 'a', state: 'rendered', objects: [rendered('a', { k: 'w' })], pending: [] },
        { id: 'b', state: 'rendered', objects: [rendered('b', {})], pending: [] },
      ],
      status: {},
    };
    const got = compareCase('c', { ...run, children: [...run.children, applied('c', {})] }, mine).differences.map((d) => `${d.object} ${d.path}`);
    expect(got).toEqual(
      expect.arrayContaining(['instance status.url', 'v1/ConfigMap/ns/a data.k', 'v1/ConfigMap/ns/c (object)', 'v1/ConfigMap/ns/b (object)']),
    );
  });

  it('agrees when both reject the RGD, and disagrees when only one does', () => {
    const rejected: KroRun = { ...run, rgd: { accepted: false, message: 'bad' } };
    const ourError: RenderOutcome = { ...ours, valid: false, diagnostics: [{ message: 'bad', code: 'cel/x', severity: 'error', document: 'rgd' }] };
    expect(compareCase('c', rejected, ourError).differences).toEqual([]);
    expect(compareCase('c', rejected, ours).differences.map((d) => d.path)).toEqual(['verdict']);
    expect(compareCase('c', run, ourError).differences.map((d) => d.path)).toEqual(['verdict']);
  });

  it('accepts a pending node of ours when kro waits on the same node', () => {
    const waiting: KroRun = { ...run, active: false, children: [], notActiveReason: 'state IN_PROGRESS: node "a": no such key: x (data pending)' };
    const pending: RenderOutcome = { ...ours, resources: [{ id: 'a', state: 'pending', objects: [], pending: [{ path: 'data.k', waitsFor: 'schema.spec.x' }] }] };
    expect(compareCase('c', waiting, pending).differences).toEqual([]);
    expect(compareCase('c', { ...waiting, notActiveReason: 'state IN_PROGRESS: node "b": …' }, pending).differences.map((d) => d.object)).toEqual(['node a']);
  });
});

describe('sameRuntimeError', () => {
  it('matches the same node and cause in other words', () => {
    const kro = 'state ERROR: node "math": eval "string(1 / x)": division by zero';
    expect(sameRuntimeError(kro, 'node "math": failed to evaluate "string(1 / x)": division by zero')).toBe(true);
    expect(sameRuntimeError(kro, 'node "other": failed to evaluate "string(1 / x)": division by zero')).toBe(false);
    expect(sameRuntimeError(kro, 'node "math": failed to evaluate "y": no such key: y')).toBe(false);
  });
});

describe('helpers', () => {
  it('keys objects by apiVersion, kind, namespace and name', () => {
    expect(objectKey({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } })).toBe('v1/Namespace/-/n');
  });
  it('diffs plain values in both directions', () => {
    expect(diffPlain({ a: 1, b: [1] }, { a: 2, c: true }, ['status']).map((d) => d.path)).toEqual(['status.a', 'status.b[0]', 'status.c']);
  });
});
