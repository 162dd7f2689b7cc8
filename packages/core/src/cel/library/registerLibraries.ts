import type { Environment, RegisteredFunctionHandler } from '@marcbachmann/cel-js';
import { AST_OPS, type MacroInput, type MacroResult } from './celJsInternals.js';
import type { CelFeature, CelFunctionDef, CelLibrary, CelMacroDef } from './CelFunctionDef.js';

/** The cel-js type that namespace macros are declared on; no value ever has it. */
const NAMESPACE_TYPE = 'kro.FunctionNamespace';

/**
 * A change to cel-js's overload tables that its registration API cannot make: a new implementation for a built-in
 * (`override`), removal of a cel-js extra (`remove`), or a macro on a method without arguments (`macro`; cel-js only
 * recognises macros with `ast` parameters, so those are installed on the call's candidate table directly).
 */
export type BuiltinPatch =
  | {
      readonly kind: 'override' | 'remove';
      readonly name: string;
      readonly arity: number;
      readonly receiver: boolean;
      /** cel-js's signature text of the declaration, e.g. `string.indexOf(string, int): int`. */
      readonly signature: string;
      readonly handler?: RegisteredFunctionHandler;
    }
  | {
      readonly kind: 'macro';
      readonly name: string;
      readonly arity: number;
      readonly receiver: boolean;
      readonly expand: (input: MacroInput) => MacroResult;
    }
  | {
      /** A new implementation for an operator overload, by cel-js's signature text (`int + int: int`, `-_int: int`). */
      readonly kind: 'operator';
      readonly op: string;
      readonly signature: string;
      readonly handler: (...args: never[]) => unknown;
    }
  | {
      /** Statically typed operands of different numeric types have no such operator (cel-go's checker). */
      readonly kind: 'no-mixed-numeric';
      readonly op: string;
    };

/** True when a definition is part of an environment with these features. */
export function isEnabled(def: { readonly feature?: CelFeature }, features: ReadonlySet<CelFeature>): boolean {
  return def.feature === undefined || features.has(def.feature);
}

function signatureOf(def: CelFunctionDef, o: CelFunctionDef['overloads'][number]): string {
  const params = o.params.map(([, t]) => t).join(', ');
  return `${o.receiver ? `${o.receiver}.` : ''}${def.name}(${params}): ${o.returns}`;
}

function registerFunction(env: Environment, def: CelFunctionDef, patches: BuiltinPatch[]): void {
  for (const o of def.overloads) {
    const handler = o.handler as unknown as RegisteredFunctionHandler;
    if (def.builtin === 'override') {
      patches.push({ kind: 'override', name: def.name, arity: o.params.length, receiver: o.receiver !== undefined, signature: signatureOf(def, o), handler });
      continue;
    }
    env.registerFunction({
      name: def.name,
      ...(o.receiver === undefined ? {} : { receiverType: o.receiver }),
      returnType: o.returns,
      params: o.params.map(([name, type]) => ({ name, type })),
      handler,
      description: def.description,
      async: false,
    });
  }
}

function registerMacro(env: Environment, def: CelMacroDef, patches: BuiltinPatch[]): void {
  for (const form of def.forms) {
    if (form.params.length === 0) {
      patches.push({ kind: 'macro', name: def.name, arity: 0, receiver: true, expand: def.expand });
      continue;
    }
    // A macro checks its own result type; the declared one only documents it, so keep it parseable.
    env.registerFunction({
      name: def.name,
      receiverType: def.receiver,
      returnType: 'dyn',
      params: form.params.map(([name]) => ({ name, type: 'ast' })),
      handler: def.expand as unknown as RegisteredFunctionHandler,
      description: def.description,
      async: false,
    });
  }
}

/**
 * A macro for every `method/arity` that some namespace provides: `ns.method(args)` becomes a call of the global
 * function named `ns.method` when the receiver is the bare identifier `ns` (as cel-go's checker resolves qualified
 * names before variables); any other receiver has no such method.
 */
function namespaceExpander(
  namespaces: ReadonlySet<string>,
  method: string,
  custom: ReadonlyMap<string, (input: MacroInput) => MacroResult>,
): (input: MacroInput) => MacroResult {
  return (input) => {
    const { ast, args, receiver } = input;
    if (receiver && receiver.op === 'id' && namespaces.has(receiver.args as string)) {
      const qualified = `${receiver.args as string}.${method}`;
      return custom.get(qualified)?.(input) ?? { callAst: ast.clone(AST_OPS.call, [qualified, args]) };
    }
    return {
      async: false,
      typeCheck(checker, _macro, scope) {
        const receiverType = receiver ? checker.check(receiver, scope) : undefined;
        const argTypes = args.map((a) => checker.formatType(checker.check(a, scope)));
        const target = receiverType ? `${checker.formatType(receiverType)}.` : '';
        throw checker.createError('no_matching_overload', `found no matching overload for '${target}${method}(${argTypes.join(', ')})'`, ast);
      },
      evaluate(evaluator) {
        throw evaluator.createError('no_matching_overload', `found no matching overload for '${method}'`, ast);
      },
    };
  };
}

/**
 * Registers the libraries' functions and macros on `env` and returns the patches for cel-js built-ins whose
 * evaluation differs from cel-go (to be applied with `applyBuiltinPatches`).
 */
export function registerLibraries(env: Environment, libraries: readonly CelLibrary[], features: ReadonlySet<CelFeature>): BuiltinPatch[] {
  const patches: BuiltinPatch[] = [];
  const namespaced = new Map<string, Set<string>>();
  const custom = new Map<string, (input: MacroInput) => MacroResult>();
  env.registerType(NAMESPACE_TYPE, class FunctionNamespace {});
  for (const lib of libraries) {
    for (const t of lib.types ?? []) {
      if (!isEnabled(t, features)) continue;
      const ctor = t.ctor as unknown as new () => object;
      env.registerType(t.name, t.fields ? { ctor, fields: { ...t.fields } } : ctor);
    }
    for (const c of lib.constants ?? []) {
      if (isEnabled(c, features)) env.registerConstant({ name: c.name, type: c.type, value: c.value, description: c.description });
    }
  }
  for (const lib of libraries) {
    for (const op of lib.operators ?? []) {
      if (!isEnabled(op, features)) continue;
      // cel-js takes an options argument its typings omit; `async: false` keeps evaluation synchronous.
      (env.registerOperator as (s: string, h: unknown, o: { async: boolean }) => Environment).call(env, op.signature, op.handler, { async: false });
    }
    for (const def of lib.functions) {
      if (!isEnabled(def, features)) continue;
      registerFunction(env, def, patches);
      const dot = def.name.lastIndexOf('.');
      if (dot < 0) continue;
      if (def.expand) custom.set(def.name, def.expand);
      for (const o of def.overloads) {
        const key = `${def.name.slice(dot + 1)}/${o.params.length}`;
        const set = namespaced.get(key) ?? new Set<string>();
        set.add(def.name.slice(0, dot));
        namespaced.set(key, set);
      }
    }
    for (const macro of lib.macros ?? []) if (isEnabled(macro, features)) registerMacro(env, macro, patches);
  }
  for (const [key, namespaces] of namespaced) {
    const [method, arity] = key.split('/') as [string, string];
    env.registerFunction({
      name: method,
      receiverType: NAMESPACE_TYPE,
      returnType: 'dyn',
      params: Array.from({ length: Number(arity) }, (_, i) => ({ name: `arg${i}`, type: 'ast' })),
      handler: namespaceExpander(namespaces, method, custom) as unknown as RegisteredFunctionHandler,
      async: false,
    });
  }
  return patches;
}
