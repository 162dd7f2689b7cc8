import type { Environment } from '@marcbachmann/cel-js';
import { candidatesOf, type CelFunctionDecl } from './celJsInternals.js';
import type { BuiltinPatch } from './registerLibraries.js';

/**
 * Declarations cel-js adds that cel-go (and so kro) does not have. Removing them makes expressions using them fail
 * type checking, as they fail in kro.
 */
export const CEL_JS_EXTRAS: readonly BuiltinPatch[] = [
  { kind: 'remove', name: 'json', arity: 0, receiver: true, signature: 'bytes.json(): map<dyn, dyn>' },
  { kind: 'remove', name: 'hex', arity: 0, receiver: true, signature: 'bytes.hex(): string' },
  { kind: 'remove', name: 'string', arity: 0, receiver: true, signature: 'bytes.string(): string' },
  { kind: 'remove', name: 'base64', arity: 0, receiver: true, signature: 'bytes.base64(): string' },
  { kind: 'remove', name: 'at', arity: 1, receiver: true, signature: 'bytes.at(int): int' },
];

/**
 * Applies {@link BuiltinPatch}es to `env`'s overload tables: new implementations for cel-js built-ins whose results
 * differ from cel-go (ASCII-only case mapping, code-point indices, RE2 regexes, Go's number text, ...), removal of
 * cel-js extras, and macros on methods without arguments.
 *
 * cel-js offers no API for this: its registry refuses a second declaration with the same signature and only
 * recognises macros with `ast` parameters. The candidate tables it keeps per `name/arity` are plain objects that
 * type checking, dispatch and macro lookup read, though; a patched entry inherits everything from the original
 * declaration except `handler`. A patch holds for `env` only while cel-js does not rebuild those tables, which it
 * does once, on the first registration after an environment is cloned; kro environments therefore force that
 * rebuild when cloned and patch the clone (see `createKroEnvironment`). Apply patches once per environment.
 */
export function applyBuiltinPatches(env: Environment, patches: readonly BuiltinPatch[]): void {
  const byPartition = new Map<string, BuiltinPatch[]>();
  for (const p of patches) {
    const key = `${p.receiver ? 'r' : 'g'}:${p.name}:${p.arity}`;
    const list = byPartition.get(key) ?? [];
    list.push(p);
    byPartition.set(key, list);
  }
  const groups = [...byPartition.values()];
  const tables = candidatesOf(env, groups.map((g) => g[0]!));
  groups.forEach((list, g) => {
    const candidates = tables[g]!;
    for (const p of list) {
      if (p.kind === 'macro') {
        candidates.macro = { handler: p.expand };
        continue;
      }
      const index = candidates.declarations.findIndex((d) => d.signature === p.signature);
      if (index < 0) {
        if (p.kind === 'remove') continue;
        throw new Error(`cel-js has no built-in '${p.signature}' to override`);
      }
      if (p.kind === 'remove') {
        candidates.declarations.splice(index, 1);
        continue;
      }
      const original = candidates.declarations[index]!;
      candidates.declarations[index] = Object.create(original, { handler: { value: p.handler, enumerable: true } }) as CelFunctionDecl;
    }
    // With no overload left, a call on a dyn receiver must not type-check to the removed overload's result.
    if (candidates.declarations.length === 0) candidates.returnType = null;
  });
}
