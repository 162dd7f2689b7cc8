import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../ports/ClusterGateway.js';
import { advanceSteps, pendingSteps } from './rgdProgress.js';

const at = '2026-11-25T01:00:00.000Z';
const applied = pendingSteps().map((s) => (s.step === 'applied' ? { ...s, status: 'done' as const, at } : s));
const rgd = (state: string | undefined, conditions: { type: string; status: string; message?: string; observedGeneration?: number }[]): KubeObject => ({
  apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', metadata: { name: 'x', generation: 2 }, status: { ...(state ? { state } : {}), conditions },
});

describe('advanceSteps', () => {
  it('stays in progress while kro has not reported on the applied generation', () => {
    const old = rgd('Active', [{ type: 'GraphAccepted', status: 'True', observedGeneration: 1 }, { type: 'Ready', status: 'True', observedGeneration: 1 }]);
    const p = advanceSteps(applied, old, 2, undefined, at);
    expect(p.state).toBe('in-progress');
    expect(p.steps.map((s) => s.status)).toEqual(['done', 'pending', 'pending', 'pending']);
  });

  it('completes steps in order and carries kro\'s messages', () => {
    const accepted = rgd(undefined, [{ type: 'GraphAccepted', status: 'True', message: 'resource graph and schema are valid', observedGeneration: 2 }]);
    const p1 = advanceSteps(applied, accepted, 2, undefined, at);
    expect(p1.steps.map((s) => s.status)).toEqual(['done', 'done', 'pending', 'pending']);
    expect(p1.steps[1]?.message).toBe('resource graph and schema are valid');
    const active = rgd('Active', [
      { type: 'GraphAccepted', status: 'True', observedGeneration: 2 }, { type: 'KindReady', status: 'True', observedGeneration: 2 },
      { type: 'ControllerReady', status: 'True', observedGeneration: 2 }, { type: 'Ready', status: 'True', observedGeneration: 2 },
    ]);
    const p2 = advanceSteps(p1.steps, active, 2, true, '2026-11-25T01:00:01.000Z');
    expect(p2.state).toBe('active');
    expect(p2.steps[1]?.at).toBe(at);
    expect(p2.steps[3]?.at).toBe('2026-11-25T01:00:01.000Z');
  });

  it('waits for the CRD to be Established even when KindReady is True', () => {
    const kindReady = rgd(undefined, [{ type: 'GraphAccepted', status: 'True' }, { type: 'KindReady', status: 'True' }]);
    expect(advanceSteps(applied, kindReady, 2, false, at).steps.map((s) => s.status)).toEqual(['done', 'done', 'pending', 'pending']);
  });

  it('fails on the step kro reports False, with its message', () => {
    const rejected = rgd('Inactive', [{ type: 'GraphAccepted', status: 'False', message: 'failed to build resource "a": boom', observedGeneration: 2 }]);
    const p = advanceSteps(applied, rejected, 2, undefined, at);
    expect(p.state).toBe('failed');
    expect(p.failure).toBe('failed to build resource "a": boom');
    expect(p.steps.map((s) => s.status)).toEqual(['done', 'failed', 'pending', 'pending']);
    const breaking = rgd('Inactive', [{ type: 'GraphAccepted', status: 'True' }, { type: 'KindReady', status: 'False', message: 'cannot update CRD: breaking changes detected' }]);
    expect(advanceSteps(applied, breaking, 2, true, at).steps.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'pending']);
  });

  it('ignores a False verdict older than the apply while staleBefore is given', () => {
    const before = rgd('Inactive', [{ type: 'GraphAccepted', status: 'True' }, { type: 'KindReady', status: 'False', message: 'breaking', lastTransitionTime: '2026-11-25T00:59:59Z' } as never]);
    expect(advanceSteps(applied, before, 2, true, at, '2026-11-25T01:00:00Z').state).toBe('in-progress');
    expect(advanceSteps(applied, before, 2, true, at).state).toBe('failed');
    // The same second counts as before: condition times have no fractions.
    expect(advanceSteps(applied, before, 2, true, at, '2026-11-25T00:59:59Z').state).toBe('in-progress');
  });
});
