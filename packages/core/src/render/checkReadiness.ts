import type { RenderPlan } from './compileRenderPlan.js';
import { quote } from './resolveTemplate.js';
import type { PlainObject } from './RenderTypes.js';
import { toCelValue } from './toCelValue.js';

/** kro's `CheckReadiness` verdict for a node's observed objects. */
export type Readiness =
  | { readonly ready: true }
  /** Not ready yet: a readyWhen is false, null or reads a field that is not there (kro's WAITING_FOR_READINESS). */
  | { readonly ready: false; readonly reason: string }
  /** A readyWhen failed for another reason (kro's node state ERROR). */
  | { readonly ready: false; readonly error: string };

/**
 * Evaluates a node's readyWhen over observed objects as kro does: every expression true for the object (for a
 * collection: for every item, bound to `each`; an external selector ref binds its id). A node without readyWhen is
 * ready as soon as it is observed; `desired` (collections) must equal the number observed.
 */
export function checkReadiness(plan: RenderPlan, id: string, objects: readonly PlainObject[], desired?: number): Readiness {
  const node = plan.byId.get(id);
  if (!node) return { ready: false, error: `unknown node ${quote(id)}` };
  if (node.collection && !node.external && desired !== undefined && desired !== objects.length) {
    return { ready: false, reason: `collection not ready: observed ${objects.length} but desired ${desired}` };
  }
  if (!node.collection && objects.length === 0) return { ready: false, reason: `node ${quote(id)} not observed yet` };
  const items = node.collection && !node.external ? objects : objects.slice(0, 1);
  for (const object of items) {
    const value = toCelValue(object, node.kind?.schema, plan.resolve);
    const context = node.collection && !node.external ? { each: value } : { [id]: value };
    for (const e of node.readyWhen) {
      const out = plan.evaluator.evaluate(e.celSource, context);
      if (out.kind === 'error') return { ready: false, error: `readyWhen ${quote(e.display)}: ${out.message}` };
      if (out.kind === 'pending' || out.value !== true) {
        if (out.kind === 'value' && out.value !== null && typeof out.value !== 'boolean') {
          return { ready: false, error: `readyWhen ${quote(e.display)}: expression ${quote(e.display)} did not return bool` };
        }
        return { ready: false, reason: `readyWhen condition evaluated to false: ${quote(e.display)} (waiting for readiness)` };
      }
    }
  }
  return { ready: true };
}
