import type { MacroInput, MacroResult } from './celJsInternals.js';

/** Which library a function comes from, as kro's `BaseDeclarations` composes them. */
export type CelLibraryId =
  | 'standard'
  | 'optional'
  | 'ext.strings'
  | 'ext.lists'
  | 'ext.encoders'
  | 'ext.bindings'
  | 'ext.comprehensions'
  | 'k8s.lists'
  | 'k8s.urls'
  | 'k8s.regex'
  | 'k8s.quantity'
  | 'k8s.ip'
  | 'k8s.cidr'
  | 'k8s.semver'
  | 'kro.random'
  | 'kro.maps'
  | 'kro.json'
  | 'kro.hash'
  | 'kro.lists'
  | 'kro.omit'
  | 'kro.runtime';

/** Library functions that only exist when an environment option turns them on. */
export type CelFeature = 'omit' | 'runtime' | 'deepMerge';

/**
 * A function implementation as cel-js calls it: the receiver first (for methods), then the arguments, as cel-js
 * runtime values. Parameters are typed by each implementation; `never[]` accepts all of them.
 */
export type CelHandler = (...args: never[]) => unknown;

/** One overload. Types use cel-js notation: `int`, `list<T>`, `map<string, V>`, `optional<T>`, `kubernetes.Quantity`. */
export interface CelOverloadDef {
  readonly receiver?: string;
  readonly params: ReadonlyArray<readonly [name: string, type: string]>;
  readonly returns: string;
  readonly handler: CelHandler;
}

/**
 * A documented function with its overloads. A dotted `name` (`random.seededString`) is a namespaced function,
 * called as `random.seededString(...)` although `random` is no variable.
 */
export interface CelFunctionDef {
  readonly name: string;
  readonly library: CelLibraryId;
  readonly description: string;
  readonly example: string;
  readonly overloads: readonly CelOverloadDef[];
  /**
   * `override`: cel-js already declares overloads with these signatures but evaluates them unlike cel-go; the
   * declarations stay (so type checking is unchanged) and evaluation uses `handler`.
   */
  readonly builtin?: 'override';
  readonly feature?: CelFeature;
  /**
   * For a namespaced function: replaces the plain call when the function needs the argument's static type (the
   * overloads still document and type the function for listings).
   */
  readonly expand?: (input: MacroInput) => MacroResult;
}

/** A macro: rewrites or checks its call itself (comprehensions, `sortBy`, `optMap`, `runtime.newCondition`, ...). */
export interface CelMacroDef {
  readonly name: string;
  readonly library: CelLibraryId;
  readonly description: string;
  readonly example: string;
  /** Receiver type the macro is declared on (cel-js finds macros by name and arity, whatever the receiver). */
  readonly receiver: string;
  /** Display signatures, one per arity. */
  readonly forms: ReadonlyArray<{
    readonly params: ReadonlyArray<readonly [name: string, type: string]>;
    readonly returns: string;
  }>;
  readonly expand: (input: MacroInput) => MacroResult;
  readonly feature?: CelFeature;
}

/** A function cel-js provides itself and kro keeps as is; listed for completion and hover only. */
export interface CelBuiltinDoc {
  readonly name: string;
  readonly library: CelLibraryId;
  readonly description: string;
  readonly example: string;
  readonly kind: 'function' | 'method' | 'macro';
  readonly forms: ReadonlyArray<{
    readonly receiver?: string;
    readonly params: ReadonlyArray<readonly [name: string, type: string]>;
    readonly returns: string;
  }>;
}

/** An opaque object type a library introduces (`kubernetes.Quantity`, `net.IP`, ...), with its runtime class. */
export interface CelTypeDef {
  readonly name: string;
  readonly ctor: abstract new (...args: never[]) => object;
  /** Field types for `.field` access (cel-js notation); opaque types have none. */
  readonly fields?: Readonly<Record<string, string>>;
  readonly feature?: CelFeature;
}

/** A named value every expression sees (`runtime`). */
export interface CelConstantDef {
  readonly name: string;
  readonly type: string;
  readonly value: object;
  readonly description: string;
  readonly feature?: CelFeature;
}

/** An operator overload, e.g. `bytes < bytes` or `net.IP == net.IP`. */
export interface CelOperatorDef {
  readonly signature: string;
  readonly handler: (left: never, right: never) => unknown;
  readonly feature?: CelFeature;
}

/** Everything one library contributes. */
export interface CelLibrary {
  readonly functions: readonly CelFunctionDef[];
  readonly macros?: readonly CelMacroDef[];
  readonly docs?: readonly CelBuiltinDoc[];
  readonly types?: readonly CelTypeDef[];
  readonly operators?: readonly CelOperatorDef[];
  readonly constants?: readonly CelConstantDef[];
}

/** Shorthand for a single-overload function. */
export function fn(
  name: string,
  library: CelLibraryId,
  description: string,
  example: string,
  overloads: readonly CelOverloadDef[],
  extra: Pick<CelFunctionDef, 'builtin' | 'feature' | 'expand'> = {},
): CelFunctionDef {
  return { name, library, description, example, overloads, ...extra };
}

/** Shorthand for an overload. */
export function overload(
  receiver: string | undefined,
  params: ReadonlyArray<readonly [string, string]>,
  returns: string,
  handler: CelHandler,
): CelOverloadDef {
  return receiver === undefined ? { params, returns, handler } : { receiver, params, returns, handler };
}
