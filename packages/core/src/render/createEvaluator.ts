import type { Environment } from '@marcbachmann/cel-js';
import { createKroEnvironment, KRO_ENVIRONMENT_OPTIONS } from '../cel/library/createKroEnvironment.js';
import { celGoErrorMessage } from '../cel/library/celGoErrorMessage.js';
import { isCelMap, mapGet } from '../cel/library/celValues.js';
import { isNamespacedFunction } from '../cel/library/namespacedFunctions.js';
import { inspectExpression, type Reference } from '../graph/inspectExpression.js';
import { aliasOf, aliasShadowedIdentifiers } from '../cel/types/aliasShadowedIdentifiers.js';

const NONE: ReadonlySet<string> = new Set();

/** The result of evaluating one expression for an instance. */
export type Outcome =
  | { readonly kind: 'value'; readonly value: unknown }
  /** kro's "data pending": the expression read something that is not there yet (kro-spec §3.7). */
  | { readonly kind: 'pending'; readonly waitsFor: string; readonly message: string; readonly references: readonly Reference[] }
  | { readonly kind: 'error'; readonly message: string; readonly start?: number; readonly end?: number };

/** cel-go's texts for errors that mean "the data is not there yet" (kro's `celDataPendingPatterns`). */
const PENDING = ['no such key', 'no such field', 'no such attribute', 'index out of bounds'];

export function isDataPending(message: string): boolean {
  return PENDING.some((p) => message.includes(p));
}

export interface Evaluator {
  evaluate(celSource: string, context: Readonly<Record<string, unknown>>): Outcome;
  /** The variables an expression reads, with their static field paths. */
  references(celSource: string): readonly Reference[];
}

interface Compiled {
  readonly run?: (ctx: Record<string, unknown>) => unknown;
  readonly parseError?: { readonly message: string; readonly start?: number; readonly end?: number };
  readonly references: readonly Reference[];
}

/**
 * Evaluates kro expressions in kro's CEL environment (variables are `dyn`, as kro's runtime declares them), caching
 * each compiled expression. Errors are classified as kro does: pending when cel-go's message says data is missing,
 * with `waitsFor` naming the first static reference whose value is absent; every other failure is an error.
 */
export function createEvaluator(options: { readonly omit: boolean }): Evaluator {
  const env: Environment = createKroEnvironment({ omit: options.omit }).clone({ ...KRO_ENVIRONMENT_OPTIONS, unlistedVariablesAreDyn: true });
  const cache = new Map<string, Compiled>();
  const compile = (source: string, shadowed: ReadonlySet<string> = NONE): Compiled => {
    const key = shadowed.size === 0 ? source : `${[...shadowed].join(',')}\n${source}`;
    let c = cache.get(key);
    if (c) return c;
    const references = inspectExpression(source, { isNamespacedFunction }).references;
    try {
      let fn = env.parse(source);
      const aliased = shadowed.size > 0 ? aliasShadowedIdentifiers(source, fn.ast, shadowed, isNamespacedFunction) : undefined;
      if (aliased !== undefined) fn = env.parse(aliased);
      c = { run: (ctx) => fn(ctx) as unknown, references };
    } catch (err) {
      c = { parseError: { message: celGoErrorMessage(err), ...rangeOf(err) }, references };
    }
    cache.set(key, c);
    return c;
  };
  // A context variable named like one of cel-js's constants (a resource with id `string`) is read through its alias.
  const shadowedIn = (context: Readonly<Record<string, unknown>>): ReadonlySet<string> => {
    let shadowed: Set<string> | undefined;
    for (const name of Object.keys(context)) if (env.hasVariable(name)) (shadowed ??= new Set()).add(name);
    return shadowed ?? NONE;
  };
  return {
    references: (source) => compile(source).references,
    evaluate(source, context) {
      const shadowed = shadowedIn(context);
      const c = compile(source, shadowed);
      if (!c.run) return { kind: 'error', ...c.parseError! };
      let ctx = context as Record<string, unknown>;
      if (shadowed.size > 0) {
        ctx = { ...ctx };
        for (const name of shadowed) ctx[aliasOf(name)] = ctx[name];
      }
      try {
        return { kind: 'value', value: c.run(ctx) };
      } catch (err) {
        const message = celGoErrorMessage(err);
        if (isDataPending(message)) return { kind: 'pending', waitsFor: missingReference(c.references, context) ?? message, message, references: c.references };
        return { kind: 'error', message, ...rangeOf(err) };
      }
    },
  };
}

function rangeOf(err: unknown): { start?: number; end?: number } {
  const e = err as { range?: { start: number; end: number }; node?: { start?: number; end?: number } };
  if (e.range) return { start: e.range.start, end: e.range.end };
  if (e.node && typeof e.node.start === 'number') return { start: e.node.start, end: e.node.end ?? e.node.start };
  return {};
}

/**
 * The first reference whose value is absent from the context (`deployment.status.availableReplicas`): the variable
 * itself, or a field along its static path. Lists (collections) end the walk: which item is missing is dynamic.
 */
export function missingReference(references: readonly Reference[], context: Readonly<Record<string, unknown>>): string | undefined {
  for (const ref of references) {
    const full = [ref.name, ...ref.path].join('.');
    if (!(ref.name in context)) return full;
    let value: unknown = context[ref.name];
    for (const key of ref.path) {
      if (!isCelMap(value)) break;
      const next = mapGet(value, key);
      if (next === undefined) return full;
      value = next;
    }
  }
  return undefined;
}
