import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { macroParseError, type AstNode, type CelEvaluator, type CelScope, type MacroInput, type MacroResult } from './celJsInternals.js';
import { celError } from './celValues.js';
import type { BuiltinPatch } from './registerLibraries.js';

/**
 * cel-go's arithmetic and presence semantics where cel-js differs: int/uint overflow is checked for every operator
 * (cel-js misses `-MinInt64`, `MinInt64 / -1`, `MinInt64 % -1`) with cel-go's error texts; mixed numeric
 * comparisons (`1 < 2.5`) are compile errors unless an operand is `dyn`; `has()` accepts any selection, not only
 * ones rooted at a variable.
 */

const MIN_INT = -(1n << 63n);
const MAX_INT = (1n << 63n) - 1n;
const MAX_UINT = (1n << 64n) - 1n;

const intOverflow = (): never => {
  throw celError('integer overflow');
};
const checkedInt = (v: bigint): bigint => (v < MIN_INT || v > MAX_INT ? intOverflow() : v);
const checkedUint = (v: bigint): UnsignedInt => {
  if (v < 0n || v > MAX_UINT) throw celError('unsigned integer overflow');
  return new UnsignedInt(v);
};

function intDivide(a: bigint, b: bigint): bigint {
  if (b === 0n) throw celError('division by zero');
  if (a === MIN_INT && b === -1n) intOverflow();
  return a / b;
}

function intModulo(a: bigint, b: bigint): bigint {
  if (b === 0n) throw celError('modulus by zero');
  if (a === MIN_INT && b === -1n) intOverflow();
  return a % b;
}

const u = (x: UnsignedInt): bigint => x.valueOf();

function op(opName: string, signature: string, handler: (...args: never[]) => unknown): BuiltinPatch {
  return { kind: 'operator', op: opName, signature, handler };
}

/** `has(x.f)`: presence of the last field; the operand is evaluated normally (missing intermediates are errors). */
function expandHas({ ast, args }: MacroInput): MacroResult {
  const select = args[0]!;
  if (select.op !== '.' && select.op !== '.?') throw macroParseError(select, 'invalid argument to has() macro');
  const [operand, field] = select.args as [AstNode, string];
  return {
    async: false,
    typeCheck(checker, _m, scope: CelScope) {
      checker.check(select, scope);
      return checker.getType('bool');
    },
    evaluate(evaluator: CelEvaluator, _m, scope: CelScope) {
      const value = evaluator.run(operand, scope);
      if (value === null || typeof value !== 'object') {
        throw evaluator.createError('no_such_overload', `no such overload: has() on ${evaluator.debugType(value).name}`, ast);
      }
      if (value instanceof Map) return value.has(field);
      const type = evaluator.debugType(value) as unknown as { fieldLazy?: (o: unknown, k: string, n: AstNode, e: CelEvaluator) => unknown };
      if (type.fieldLazy) return type.fieldLazy(value, field, select, evaluator) !== undefined;
      return Object.hasOwn(value, field);
    },
  };
}

/** The patches. */
export const STANDARD_OPERATOR_PATCHES: readonly BuiltinPatch[] = [
  op('+', 'int + int: int', (a: bigint, b: bigint) => checkedInt(a + b)),
  op('-', 'int - int: int', (a: bigint, b: bigint) => checkedInt(a - b)),
  op('*', 'int * int: int', (a: bigint, b: bigint) => checkedInt(a * b)),
  op('/', 'int / int: int', (a: bigint, b: bigint) => intDivide(a, b)),
  op('%', 'int % int: int', (a: bigint, b: bigint) => intModulo(a, b)),
  op('-_', '-_int: int', (a: bigint) => checkedInt(-a)),
  op('+', 'uint + uint: uint', (a: UnsignedInt, b: UnsignedInt) => checkedUint(u(a) + u(b))),
  op('-', 'uint - uint: uint', (a: UnsignedInt, b: UnsignedInt) => checkedUint(u(a) - u(b))),
  op('*', 'uint * uint: uint', (a: UnsignedInt, b: UnsignedInt) => checkedUint(u(a) * u(b))),
  op('/', 'uint / uint: uint', (a: UnsignedInt, b: UnsignedInt) => {
    if (u(b) === 0n) throw celError('division by zero');
    return new UnsignedInt(u(a) / u(b));
  }),
  op('%', 'uint % uint: uint', (a: UnsignedInt, b: UnsignedInt) => {
    if (u(b) === 0n) throw celError('modulus by zero');
    return new UnsignedInt(u(a) % u(b));
  }),
  ...['<', '<=', '>', '>='].map((o): BuiltinPatch => ({ kind: 'no-mixed-numeric', op: o })),
  { kind: 'macro', name: 'has', arity: 1, receiver: false, expand: expandHas },
];
