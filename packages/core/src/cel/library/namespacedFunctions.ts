import { CEL_JS_EXTRAS } from './applyBuiltinPatches.js';
import type { CelFeature } from './CelFunctionDef.js';
import { createKroEnvironment } from './createKroEnvironment.js';
import { listCelFunctions } from './listCelFunctions.js';
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

const known = new Map<string, ReadonlySet<string>>();

/**
 * Whether `name` is declared as a function, method or macro in an environment with these options — what kro's AST
 * inspector asks before it reports `uses unknown functions: [{name}]` for a global call. Like cel-go's function
 * table, member functions count (`lowerAscii(x)` is a known name that then fails type checking), and qualified
 * names (`random.seededString`) are known as such.
 */
export function isKnownFunction(name: string, options: { readonly omit?: boolean; readonly runtime?: boolean; readonly deepMerge?: boolean } = {}): boolean {
  const key = `${options.omit === true}/${options.runtime === true}/${options.deepMerge === true}`;
  let names = known.get(key);
  if (!names) {
    const env = createKroEnvironment(options);
    const all = new Set<string>();
    // getDefinitions still lists the cel-js extras the environment removed from its overload tables.
    const removed = new Set(CEL_JS_EXTRAS.map((p) => ('signature' in p ? p.signature : '')));
    for (const f of env.getDefinitions().functions) {
      // The namespace macros (receiver kro.FunctionNamespace) only stand for qualified names.
      if (!f.name.startsWith('@') && !removed.has(f.signature) && f.receiverType !== 'kro.FunctionNamespace' && !/^type\(kro\./.test(f.signature)) all.add(f.name);
    }
    // Namespaced functions are known by their qualified name only; runtime's are methods of the runtime variable.
    for (const f of listCelFunctions(options)) all.add(f.namespace && f.namespace !== 'runtime' ? f.qualifiedName : f.name);
    known.set(key, (names = all));
  }
  return names.has(name);
}
