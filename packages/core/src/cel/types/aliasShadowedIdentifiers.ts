import type { ASTNode } from '@marcbachmann/cel-js';

/**
 * cel-go lets a declared variable shadow a built-in identifier: kro accepts resource ids such as `string`, `int`,
 * `list`, `map`, `type`, `dyn` or `optional` (checked with kro v0.9.3's builder), and `${string.metadata.name}` then
 * reads the resource. cel-js refuses to declare those names and would resolve them to its type constants, so such
 * variables are renamed to a same-length alias — the first letter replaced by `_`, which no kro id, iterator or
 * `schema` can start with — keeping every source offset (and so every diagnostic span) unchanged.
 */
export function aliasOf(name: string): string {
  return `_${name.slice(1)}`;
}

/**
 * Rewrites `source` so that each identifier in `shadowed` that is used as a variable reads its alias. A receiver of
 * a namespaced function (`optional.of(…)`) is a function name in cel-go, not the variable, and is left alone.
 * Returns `undefined` when nothing needs renaming.
 */
export function aliasShadowedIdentifiers(
  source: string,
  ast: ASTNode,
  shadowed: ReadonlySet<string>,
  isNamespacedFunction: (namespace: string, name: string) => boolean,
): string | undefined {
  const starts: number[] = [];
  const visit = (value: unknown, receiverOf?: string): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (!isNode(value)) return;
    if (value.op === 'id') {
      const name = value.args as string;
      if (shadowed.has(name) && !(receiverOf !== undefined && isNamespacedFunction(name, receiverOf))) starts.push(value.start);
      return;
    }
    if (value.op === 'rcall') {
      const [method, receiver, args] = value.args as [string, unknown, unknown];
      visit(receiver, method);
      visit(args);
      return;
    }
    visit(value.args);
  };
  visit(ast);
  if (starts.length === 0) return undefined;
  // Offsets are UTF-16 code units; identifiers are ASCII, so replacing one unit at each start is exact.
  let out = source;
  for (const start of starts) out = `${out.slice(0, start)}_${out.slice(start + 1)}`;
  return out;
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && typeof (value as { op: unknown }).op === 'string';
}
