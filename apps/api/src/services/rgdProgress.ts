import type { Deployment } from '@kro-designer/contracts';
import type { KubeObject } from '../ports/ClusterGateway.js';

type Steps = Deployment['steps'];
type StepName = Steps[number]['step'];

export const DEPLOY_STEPS: readonly StepName[] = ['applied', 'graph-accepted', 'crd-established', 'active'];

export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly observedGeneration?: number;
  readonly lastTransitionTime?: string;
}

export interface Progress {
  readonly steps: Steps;
  readonly state: Deployment['state'];
  /** kro's message when it rejected the RGD (the failed step's message). */
  readonly failure?: string;
}

export function pendingSteps(): Steps {
  return DEPLOY_STEPS.map((step) => ({ step, status: 'pending' as const }));
}

export function conditionsOf(o: KubeObject | undefined): Condition[] {
  const list = (o?.['status'] as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(list) ? list.filter((c): c is Condition => typeof c === 'object' && c !== null && typeof (c as Condition).type === 'string') : [];
}

/**
 * Advances a deploy's timeline from the RGD kro reports: GraphAccepted → graph-accepted, KindReady (and the CRD's
 * own Established condition when known) → crd-established, `state: Active` with Ready=True → active. Conditions of
 * an older generation are ignored, so a re-deploy does not finish on the previous revision's status. A step that
 * kro reports False fails the deploy with kro's message. Earlier steps are completed when a later one is.
 * `staleBefore` (RFC 3339, whole seconds as conditions carry) ignores False conditions that changed at or before it: used
 * for a while after an apply that left
 * the generation unchanged (an annotation such as `kro.run/allow-breaking-changes`), until kro has had time to react.
 */
export function advanceSteps(
  steps: Steps,
  rgd: KubeObject | undefined,
  appliedGeneration: number | undefined,
  crdEstablished: boolean | undefined,
  at: string,
  staleBefore?: string,
): Progress {
  const current = conditionsOf(rgd)
    .filter((c) => appliedGeneration === undefined || c.observedGeneration === undefined || c.observedGeneration >= appliedGeneration)
    // A re-apply that changed only metadata keeps the generation: a False verdict from before it is not the answer yet.
    .filter((c) => !(staleBefore !== undefined && c.status === 'False' && c.lastTransitionTime !== undefined && c.lastTransitionTime <= staleBefore));
  const cond = (type: string) => current.find((c) => c.type === type);
  const state = (rgd?.['status'] as { state?: string } | undefined)?.state;
  const ready = cond('Ready');
  const observedCurrent = current.length > 0;

  const verdict = new Map<StepName, { status: 'done' | 'failed'; message?: string }>();
  const judge = (step: StepName, c: Condition | undefined, extraOk = true) => {
    if (c?.status === 'True' && extraOk) verdict.set(step, { status: 'done', ...(c.message ? { message: c.message } : {}) });
    else if (c?.status === 'False') verdict.set(step, { status: 'failed', message: c.message ?? c.reason ?? `${c.type} is False` });
  };
  judge('graph-accepted', cond('GraphAccepted'));
  judge('crd-established', cond('KindReady'), crdEstablished !== false);
  const controller = cond('ControllerReady');
  if (controller?.status === 'False') verdict.set('active', { status: 'failed', message: controller.message ?? 'kro could not start the instance controller' });
  else if (observedCurrent && state === 'Active' && ready?.status === 'True') verdict.set('active', { status: 'done', ...(ready.message ? { message: ready.message } : {}) });

  // A later step done means the earlier ones are too (kro may set several conditions in one status write).
  const lastDone = Math.max(...DEPLOY_STEPS.map((s, i) => (verdict.get(s)?.status === 'done' ? i : -1)));
  let failure: string | undefined;
  const out = steps.map((s, i) => {
    if (s.status !== 'pending') return s;
    const v = verdict.get(s.step);
    if (v?.status === 'failed' && failure === undefined) {
      failure = v.message;
      return { ...s, status: 'failed' as const, at, ...(v.message ? { message: v.message } : {}) };
    }
    if (failure === undefined && (v?.status === 'done' || i <= lastDone)) return { ...s, status: 'done' as const, at, ...(v?.message ? { message: v.message } : {}) };
    return s;
  });
  const finalState: Deployment['state'] = failure !== undefined ? 'failed' : out.every((s) => s.status === 'done') ? 'active' : 'in-progress';
  return { steps: out, state: finalState, ...(failure !== undefined ? { failure } : {}) };
}
