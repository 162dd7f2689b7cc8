import type { Environment } from '@marcbachmann/cel-js';
import { registryOf, type CelFunctionDecl, type CelOperatorDecl, type CelTypeDecl } from './celJsInternals.js';
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

const NUMERIC = new Set(['int', 'uint', 'double']);

/** cel-go declares `<`, `<=`, `>`, `>=` only for equal numeric types; with `dyn` it still compares across them at run time. */
function isStaticCrossNumeric(left: CelTypeDecl, right: CelTypeDecl): boolean {
  return left.kind !== 'dyn' && right.kind !== 'dyn' && NUMERIC.has(left.name) && NUMERIC.has(right.name) && left.name !== right.name;
}

/**
 * Applies {@link BuiltinPatch}es to `env`'s overload tables: new implementations for cel-js built-ins whose results
 * differ from cel-go (ASCII-only case mapping, code-point indices, RE2 regexes, Go's number text, overflow checks),
 * removal of cel-js extras, macros cel-js cannot declare (on methods without arguments, or replacing one of its
 * own), and cel-go's static rejection of mixed numeric comparisons.
 *
 * cel-js offers no API for this: its registry refuses a second declaration with the same signature and only
 * recognises macros with `ast` parameters. The candidate tables it keeps per `name/arity` (and per operator) are
 * plain objects that type checking, dispatch and macro lookup read, though; a patched entry inherits everything
 * from the original declaration except `handler`. A patch holds for `env` only while cel-js does not rebuild those
 * tables, which it does once, on the first registration after an environment is cloned; kro environments therefore
 * force that rebuild when cloned and patch the clone (see `createKroEnvironment`). Apply patches once per environment.
 */
export function applyBuiltinPatches(env: Environment, patches: readonly BuiltinPatch[]): void {
  const registry = registryOf(env);
  for (const p of patches) {
    switch (p.kind) {
      case 'macro':
        registry.functionCandidates(p.receiver, p.name, p.arity).macro = { handler: p.expand };
        break;
      case 'override':
      case 'remove': {
        const candidates = registry.functionCandidates(p.receiver, p.name, p.arity);
        const index = candidates.declarations.findIndex((d) => d.signature === p.signature);
        if (index < 0) {
          if (p.kind === 'remove') break;
          throw new Error(`cel-js has no built-in '${p.signature}' to override`);
        }
        if (p.kind === 'remove') {
          candidates.declarations.splice(index, 1);
          // With no overload left, a call on a dyn receiver must not type-check to the removed overload's result.
          if (candidates.declarations.length === 0) candidates.returnType = null;
        } else {
          const original = candidates.declarations[index]!;
          candidates.declarations[index] = Object.create(original, { handler: { value: p.handler, enumerable: true } }) as CelFunctionDecl;
        }
        break;
      }
      case 'operator': {
        const candidates = registry.operatorCandidates(p.op);
        const index = candidates.declarations.findIndex((d) => d.signature === p.signature);
        if (index < 0) throw new Error(`cel-js has no operator '${p.signature}' to override`);
        const original = candidates.declarations[index]!;
        candidates.declarations[index] = Object.create(original, { handler: { value: p.handler, enumerable: true } }) as CelOperatorDecl;
        break;
      }
      case 'no-mixed-numeric': {
        const candidates = registry.operatorCandidates(p.op);
        const find = candidates.findBinaryOverload.bind(candidates);
        const check = candidates.checkBinaryOverload.bind(candidates);
        candidates.findBinaryOverload = (l, r) => (isStaticCrossNumeric(l, r) ? false : find(l, r));
        candidates.checkBinaryOverload = (l, r) => (isStaticCrossNumeric(l, r) ? false : check(l, r));
        break;
      }
    }
  }
}
