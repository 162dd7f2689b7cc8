import type { CelFeature } from './CelFunctionDef.js';
import { KRO_LIBRARIES } from './kroLibraries.js';
import { isEnabled } from './registerLibraries.js';

/**
 * Qualified function names (`random.seededString`, `base64.encode`, `optional.of`, `cel.bind`): calls that look
 * like a method on a variable but are functions. kro's AST inspector skips the receiver of such calls when it
 * collects references, and cel-go resolves the qualified name before any variable of the same name.
 */

/** Functions cel-js itself provides under a namespace. */
const CEL_JS_NAMESPACED = ['optional.of', 'optional.none', 'cel.bind'];

function collect(features: ReadonlySet<CelFeature>): Set<string> {
  const names = new Set(CEL_JS_NAMESPACED);
  for (const lib of KRO_LIBRARIES) {
    for (const def of lib.functions) {
      if (!isEnabled(def, features)) continue;
      if (def.name.includes('.')) names.add(def.name);
      else if (def.overloads.some((o) => o.receiver === 'OptionalNamespace')) names.add(`optional.${def.name}`);
    }
  }
  return names;
}

const ALL = collect(new Set<CelFeature>(['omit', 'runtime', 'deepMerge']));

/** Every namespace that has functions: `base64`, `cel`, `hash`, `ip`, `json`, `lists`, `optional`, `random`, `strings`. */
export const KRO_FUNCTION_NAMESPACES: ReadonlySet<string> = new Set([...ALL].map((n) => n.slice(0, n.lastIndexOf('.'))));

/** Every qualified function name. */
export const KRO_NAMESPACED_FUNCTIONS: ReadonlySet<string> = ALL;

/**
 * True when `namespace.name(...)` calls a library function rather than a method on a variable called `namespace`.
 * `runtime` is not a namespace: it is a variable (declared only for `status.conditions`).
 */
export function isNamespacedFunction(namespace: string, name: string): boolean {
  return ALL.has(`${namespace}.${name}`);
}
