import type { Environment, EnvironmentOptions } from '@marcbachmann/cel-js';
import { createKroEnvironment, KRO_ENVIRONMENT_OPTIONS } from '../library/index.js';

/** What the base environment must offer. */
export interface BaseEnvironmentOptions {
  /** Declare the `runtime` variable and its functions (only `status.conditions` expressions use it). */
  readonly runtime: boolean;
}

/**
 * Options every typed environment is cloned with (kro's: optional types on, mixed literals typed like cel-go, so
 * `{"a": 1, "b": "x"}` is `map(string, dyn)`, which kro's map-to-struct rule depends on).
 */
export const TYPED_ENVIRONMENT_OPTIONS: EnvironmentOptions = KRO_ENVIRONMENT_OPTIONS;

/** True once the base environment carries kro's function library (tests of library-dependent examples wait for it). */
export const KRO_LIBRARY_LOADED = true;

const cache = new Map<boolean, Environment>();

/**
 * The environment every typed environment is cloned from: kro's function library (`../library/`) and nothing else.
 * It is built once per option set and never changed afterwards (cel-js locks an environment once it is cloned).
 *
 * `omit()` is always declared: kro registers it in every environment, and its builder, not the type checker,
 * enforces the `CELOmitFunction` gate and the template-only rule (the graph stage reports those).
 */
export function createBaseEnvironment(options: BaseEnvironmentOptions): Environment {
  let env = cache.get(options.runtime);
  if (!env) {
    env = createKroEnvironment({ runtime: options.runtime, omit: true });
    cache.set(options.runtime, env);
  }
  return env;
}
