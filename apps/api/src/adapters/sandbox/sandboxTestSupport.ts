import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { KubeObject } from '../../ports/ClusterGateway.js';
import { createSandboxCluster, type SandboxCluster } from './createSandboxCluster.js';
import { FakeScheduler } from './SandboxScheduler.js';

/** The shared kro example corpus (`../shared/corpus` beside the repository). */
const CORPUS = fileURLToPath(new URL('../../../../../../shared/corpus/kro-examples/', import.meta.url));

export function corpusObject(path: string): KubeObject {
  return parse(readFileSync(`${CORPUS}${path}`, 'utf8')) as KubeObject;
}

export function yamlObject(text: string): KubeObject {
  return parse(text) as KubeObject;
}

/** A sandbox on manual time: requeue 300 ms and workloads ready after 1 s, so tests step through reconciles. */
export function fakeSandbox(options: { readonly watchHistory?: number } = {}): { sandbox: SandboxCluster; clock: FakeScheduler } {
  const clock = new FakeScheduler();
  const sandbox = createSandboxCluster({ scheduler: clock, requeueMs: 300, readyAfterMs: 1000, ...options });
  return { sandbox, clock };
}

/** Lets promise callbacks run, then moves fake time forward. */
export async function advance(clock: FakeScheduler, ms: number, step = 50): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await Promise.resolve();
    clock.advance(Math.min(step, ms - t));
  }
  await Promise.resolve();
}

export const RGD = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition' } as const;

export interface ConditionLike {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly observedGeneration?: number;
}

export function conditionsOf(object: KubeObject | undefined): ConditionLike[] {
  const status = object?.['status'] as { conditions?: ConditionLike[] } | undefined;
  return status?.conditions ?? [];
}

export function condition(object: KubeObject | undefined, type: string): ConditionLike | undefined {
  return conditionsOf(object).find((c) => c.type === type);
}

export function stateOf(object: KubeObject | undefined): unknown {
  return (object?.['status'] as { state?: unknown } | undefined)?.state;
}
