import { Environment, type EnvironmentOptions, type Limits } from '@marcbachmann/cel-js';
import { applyBuiltinPatches, CEL_JS_EXTRAS } from './applyBuiltinPatches.js';
import { assertCelJsInternals } from './celJsInternals.js';
import type { CelFeature } from './CelFunctionDef.js';
import { KRO_LIBRARIES } from './kroLibraries.js';
import { registerLibraries, type BuiltinPatch } from './registerLibraries.js';
import { STANDARD_OPERATOR_PATCHES } from './standardOperators.js';

/** What a kro CEL environment offers beyond the base declarations every expression sees. */
export interface KroEnvironmentOptions {
  /**
   * Declare the `runtime` variable and `runtime.newCondition` / `runtime.condition`. kro declares them everywhere and
   * its builder rejects `runtime` outside `status.conditions`; turn this on for those expressions only.
   */
  readonly runtime?: boolean;
  /**
   * `omit()`, behind kro's `CELOmitFunction` feature gate (off by default). When off, `omit()` is an unknown
   * function; kro's builder reports `omit() requires the CELOmitFunction feature gate to be enabled`.
   */
  readonly omit?: boolean;
  /** `deepMerge`, which kro added after v0.9.3; off by default so expressions fail as in v0.9.3. */
  readonly deepMerge?: boolean;
  /** Structural limits; the defaults follow cel-go (no literal size limits, nesting depth 250). */
  readonly limits?: Partial<Limits>;
}

/**
 * The cel-js options of every kro environment: optional types on, and mixed list/map literals typed like cel-go
 * (`[1, "a"]` is `list(dyn)`, `{"a": 1, "b": "x"}` is `map(string, dyn)`). Pass them when cloning.
 */
export const KRO_ENVIRONMENT_OPTIONS: EnvironmentOptions = Object.freeze({
  enableOptionalTypes: true,
  homogeneousAggregateLiterals: false,
  unlistedVariablesAreDyn: false,
});

const DEFAULT_LIMITS: Limits = Object.freeze({
  maxAstNodes: 100_000,
  maxDepth: 250,
  maxListElements: 100_000,
  maxMapEntries: 100_000,
  maxCallArguments: 1_000,
});

type EnvironmentConstructor = new (options?: EnvironmentOptions, parent?: Environment) => Environment;

/** cel-js's constructor takes the parent of a clone as a second argument its typings do not declare. */
const EnvironmentWithParent = Environment as unknown as EnvironmentConstructor;

interface KroState {
  readonly patches: readonly BuiltinPatch[];
  /** How many clones away from `createKroEnvironment` (names the table-owning registration uniquely per lineage). */
  readonly depth: number;
}

const STATE = new WeakMap<Environment, KroState>();

/**
 * A cel-js Environment whose clones keep kro's corrections of cel-js built-ins (see `applyBuiltinPatches`).
 * Use it like any Environment: register variables and types, clone it per context.
 */
class KroEnvironment extends EnvironmentWithParent {
  override clone(options?: EnvironmentOptions): Environment {
    const state = STATE.get(this) ?? { patches: [], depth: 0 };
    const child = new KroEnvironment(options, this);
    // The first registration after a clone rebuilds cel-js's overload tables from the originals; do it now so the
    // patches applied below survive later registrations (variables, types).
    // A type (which adds a function) and an operator, named per clone depth, rebuild both kinds of tables.
    const depth = state.depth + 1;
    const marker = `kro.Clone${depth}`;
    child.registerType(marker, class CloneMarker {});
    (child.registerOperator as (s: string, h: unknown, o: { async: boolean }) => Environment).call(child, `${marker} == ${marker}`, () => false, { async: false });
    applyBuiltinPatches(child, state.patches);
    STATE.set(child, { patches: state.patches, depth });
    return child;
  }
}

/**
 * Creates a cel-js Environment configured like kro v0.9.3's CEL base declarations: cel-go's strings, lists,
 * encoders, bindings, two-variable comprehensions and optionals; the Kubernetes lists, URL, regex, quantity, IP,
 * CIDR and semver libraries; kro's random, hash, json, maps, lists (plus omit and runtime when enabled). Every
 * function is declared with its signature, so `env.check()` reports unknown functions and wrong argument types,
 * and evaluation follows cel-go (RE2 regexes, code-point string indices, Go number and JSON text).
 *
 * Declare variables on the result (or on a clone) with `registerVariable`; clone with {@link KRO_ENVIRONMENT_OPTIONS}.
 * Names reserved by the library: the constants cel-js predefines (`cel`, `optional`, `google`, type names) and
 * `runtime` when `options.runtime` is set. Namespaces such as `random` or `json` are not variables, so a resource
 * may still be called `json`; `json.marshal(x)` then calls the function, as in kro.
 */
export function createKroEnvironment(options: KroEnvironmentOptions = {}): Environment {
  assertCelJsInternals();
  const features = new Set<CelFeature>((['omit', 'runtime', 'deepMerge'] as const).filter((f) => options[f] === true));
  const env = new KroEnvironment({ ...KRO_ENVIRONMENT_OPTIONS, limits: { ...DEFAULT_LIMITS, ...options.limits } });
  const patches = [...registerLibraries(env, KRO_LIBRARIES, features), ...CEL_JS_EXTRAS, ...STANDARD_OPERATOR_PATCHES];
  applyBuiltinPatches(env, patches);
  STATE.set(env, { patches, depth: 0 });
  return env;
}
