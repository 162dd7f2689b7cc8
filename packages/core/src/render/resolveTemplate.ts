import type { PlannedExpression, PlannedNode, RenderPlan } from './compileRenderPlan.js';
import type { Outcome } from './createEvaluator.js';
import { deleteFieldPathValue, setFieldPathValue } from './fieldPathValue.js';
import type { PlainObject } from './RenderTypes.js';
import type { RenderLog } from './RenderLog.js';
import { removeOmitted, toJsonValue, UnconvertibleValueError } from './toJsonValue.js';

/** Evaluates one expression, turning a value that cannot be written into an error outcome. */
export function evaluateToJson(plan: RenderPlan, e: PlannedExpression, context: Readonly<Record<string, unknown>>): Outcome {
  const out = plan.evaluator.evaluate(e.celSource, context);
  if (out.kind !== 'value') return out;
  try {
    return { kind: 'value', value: toJsonValue(out.value) };
  } catch (err) {
    if (err instanceof UnconvertibleValueError) return { kind: 'error', message: err.message };
    throw err;
  }
}

export interface ResolvedTemplate {
  /** The object as kro would apply it; unresolved fields keep their `${...}` text so the preview shows them. */
  readonly object: PlainObject;
  /** Field paths whose value is unresolved (pending or failed); dependents must not read them. */
  readonly unresolved: readonly string[];
}

/**
 * Writes every expression's value into a copy of the node's template (kro's resolver), strips `omit()` fields, and
 * records pending reads and errors in `log`. Unresolved fields keep the original string.
 */
export function resolveTemplate(plan: RenderPlan, node: PlannedNode, context: Readonly<Record<string, unknown>>, log: RenderLog): ResolvedTemplate {
  const object = clonePlain(node.template);
  const unresolved: string[] = [];
  for (const e of node.fields) {
    const out = evaluateToJson(plan, e, context);
    if (out.kind === 'value') {
      setFieldPathValue(object, e.occurrence.path, out.value);
    } else {
      unresolved.push(e.occurrence.path);
      if (out.kind === 'pending') {
        log.addPending(e.occurrence.path, out.waitsFor, e.display);
        if (out.waitsFor.startsWith('schema.')) {
          log.addError(e, `${quote(e.display)} reads ${out.waitsFor}, which this instance does not set and has no default: kro waits for it forever (${out.message})`, undefined, 'render/unset-field');
        }
      } else log.addError(e, `node "${node.id}": failed to evaluate ${quote(e.display)}: ${out.message}`, out);
    }
  }
  removeOmitted(object);
  return { object, unresolved };
}

/** A copy of a resolved object without its unresolved fields: what dependents may read from it. */
export function readableCopy(resolved: ResolvedTemplate): PlainObject {
  if (resolved.unresolved.length === 0) return resolved.object;
  const copy = clonePlain(resolved.object);
  for (const path of resolved.unresolved) deleteFieldPathValue(copy, path);
  return copy;
}

export function quote(s: string): string {
  return JSON.stringify(s);
}

/** Deep copy of JSON data (templates and rendered objects hold nothing else). */
export function clonePlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
