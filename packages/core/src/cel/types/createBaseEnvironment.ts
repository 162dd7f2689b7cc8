import { Environment, type EnvironmentOptions } from '@marcbachmann/cel-js';

/** What the base environment must offer. */
export interface BaseEnvironmentOptions {
  /** Declare the `runtime` variable and its functions (only `status.conditions` expressions use it). */
  readonly runtime: boolean;
}

/**
 * Options every typed environment shares. `homogeneousAggregateLiterals: false` gives mixed literals cel-go's types
 * (`{"a": 1, "b": "x"}` is `map(string, dyn)`), which kro's map-to-struct rule depends on.
 */
export const TYPED_ENVIRONMENT_OPTIONS: EnvironmentOptions = { enableOptionalTypes: true, homogeneousAggregateLiterals: false };

/** True once the base environment carries kro's function library (tests of library-dependent examples wait for it). */
export const KRO_LIBRARY_LOADED = false;

const cache = new Map<boolean, Environment>();

/**
 * The environment every typed environment is cloned from: kro's function library and nothing else. It is built
 * once per option set and never changed afterwards (cel-js locks an environment once it has been cloned).
 *
 * This is the single place that picks the function library: until kro's library (`../library/`) is available the
 * base is plain cel-js with optional types.
 */
export function createBaseEnvironment(options: BaseEnvironmentOptions): Environment {
  let env = cache.get(options.runtime);
  if (!env) {
    env = new Environment(TYPED_ENVIRONMENT_OPTIONS);
    cache.set(options.runtime, env);
  }
  return env;
}
