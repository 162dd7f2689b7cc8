import { isMap } from './objectPaths.js';

/** kro's condition shape (`api/v1alpha1/conditions.go`). */
export interface KroCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime: string;
  observedGeneration: number;
}

export type ConditionInput = Pick<KroCondition, 'type' | 'status'> & { readonly reason?: string; readonly message?: string };

/** Conditions read back from an object's status (malformed entries dropped). */
export function readConditions(status: unknown): KroCondition[] {
  const list = isMap(status) && Array.isArray(status['conditions']) ? status['conditions'] : [];
  return list.filter((c): c is KroCondition => isMap(c) && typeof c['type'] === 'string' && typeof c['status'] === 'string');
}

/**
 * kro's condition set: dependents plus the root `Ready`. A dependent keeps its lastTransitionTime while its status is
 * unchanged; dependents never set read Unknown `AwaitingReconciliation`. Ready is True when every dependent is True
 * at the current generation, else it mirrors the most unhealthy dependent (False before Unknown, newest first).
 * On the wire the root comes last and the others are ordered by lastTransitionTime.
 */
export class ConditionSet {
  private readonly current = new Map<string, KroCondition>();

  constructor(
    private readonly dependents: readonly string[],
    previous: readonly KroCondition[],
    private readonly generation: number,
    private readonly now: string,
  ) {
    for (const c of previous) this.current.set(c.type, c);
    for (const type of dependents) {
      if (!this.current.has(type)) this.set({ type, status: 'Unknown', reason: 'AwaitingReconciliation' });
    }
  }

  set(input: ConditionInput): void {
    const before = this.current.get(input.type);
    const lastTransitionTime = before && before.status === input.status ? before.lastTransitionTime : this.now;
    this.current.set(input.type, {
      type: input.type,
      status: input.status,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.message ? { message: input.message } : {}),
      lastTransitionTime,
      observedGeneration: this.generation,
    });
  }

  get(type: string): KroCondition | undefined {
    return this.current.get(type);
  }

  /** The conditions to write, the root `Ready` computed and last. */
  toList(): KroCondition[] {
    const deps = this.dependents.map((t) => this.current.get(t)!).filter(Boolean);
    const unhealthy = deps
      .filter((c) => c.status !== 'True' || c.observedGeneration !== this.generation)
      .sort((a, b) => rank(a) - rank(b) || b.lastTransitionTime.localeCompare(a.lastTransitionTime));
    const worst = unhealthy[0];
    this.set(worst ? { type: 'Ready', status: worst.status === 'True' ? 'Unknown' : worst.status, ...(worst.reason ? { reason: worst.reason } : {}), ...(worst.message ? { message: worst.message } : {}) } : { type: 'Ready', status: 'True', reason: 'Ready' });
    const others = deps.slice().sort((a, b) => a.lastTransitionTime.localeCompare(b.lastTransitionTime));
    return [...others, this.current.get('Ready')!];
  }
}

function rank(c: KroCondition): number {
  return c.status === 'False' ? 0 : 1;
}
