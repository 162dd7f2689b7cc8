import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { childPath, indexPath } from '../source/fieldPath.js';
import { getValue, type LocatedNode } from '../source/LocatedNode.js';
import { createEvaluator, type Evaluator } from './createEvaluator.js';
import { toCelValue } from './toCelValue.js';

let shared: Evaluator | undefined;

/**
 * The API server's `x-kubernetes-validations` rules on a defaulted instance (SimpleSchema's `validation=` marker):
 * each rule evaluated with `self` bound to the field's value; false → `<path>: Invalid value: "<type>": <message>`.
 * Transition rules (reading `oldSelf`, e.g. `immutable`) need the stored object and are skipped on create.
 * Diagnostics are located at the value in the instance text, or at the closest enclosing node written there.
 */
export function checkValidationRules(value: unknown, schema: OpenApiSchema, path: string, located: LocatedNode | undefined, fallback: Span): Diagnostic[] {
  const out: Diagnostic[] = [];
  walk(value, schema, path, located, fallback, out);
  return out;
}

function walk(value: unknown, schema: OpenApiSchema, path: string, located: LocatedNode | undefined, fallback: Span, out: Diagnostic[]): void {
  if (value === undefined || value === null) return;
  const span = located?.span ?? fallback;
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    if (/\boldSelf\b/.test(rule.rule)) continue;
    shared ??= createEvaluator({ omit: false });
    const result = shared.evaluate(rule.rule, { self: toCelValue(value, schema, (s) => s) });
    const type = jsonType(value);
    if (result.kind === 'value' && result.value === true) continue;
    const why = result.kind === 'value' ? (rule.message ?? `failed rule: ${rule.rule}`) : `${result.message} evaluating rule: ${rule.rule}`;
    out.push(createDiagnostic('instance/invalid-value', `${path}: Invalid value: "${type}": ${why}`, span, path));
  }
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => walk(v, schema.items!, indexPath(path, i), located?.kind === 'seq' ? located.items[i] : undefined, span, out));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (child) walk(v, child, childPath(path, k), getValue(located, k), span, out);
    }
  }
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
