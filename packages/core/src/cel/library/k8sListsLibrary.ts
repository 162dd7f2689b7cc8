import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { fn, overload, type CelLibrary } from './CelFunctionDef.js';
import { celCompare, celEquals, celError, isCelComparable, listItems } from './celValues.js';
import { COMPARABLE_ELEMENTS, elementFamilyMacro } from './listMacros.js';

/** Kubernetes `library.Lists()` (k8s.io/apiserver v0.35): `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`. */

const NO_OVERLOAD = 'no such overload';
const MAX_INT = 9223372036854775807n;
const MIN_INT = -9223372036854775808n;
const MAX_UINT = 18446744073709551615n;

/** cel-go's `+` for the summable types, with its overflow checks. */
function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    const r = a + b;
    if (r > MAX_INT || r < MIN_INT) throw celError('integer overflow');
    return r;
  }
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a instanceof UnsignedInt && b instanceof UnsignedInt) {
    const r = a.valueOf() + b.valueOf();
    if (r > MAX_UINT) throw celError('unsigned integer overflow');
    return new UnsignedInt(r);
  }
  if (a instanceof Duration && b instanceof Duration) return a.addDuration(b);
  throw celError(NO_OVERLOAD);
}

const ZERO: Record<string, () => unknown> = {
  int: () => 0n,
  uint: () => new UnsignedInt(0n),
  double: () => 0,
  'google.protobuf.Duration': () => new Duration(0n, 0),
};

function sum(items: readonly unknown[], element: string | undefined): unknown {
  // Without a static element type cel-go picks the overload at run time from the list's elements (the int one for
  // an empty list).
  const first = items[0];
  const dynamic = typeof first === 'number' ? 'double' : first instanceof UnsignedInt ? 'uint' : first instanceof Duration ? 'google.protobuf.Duration' : 'int';
  let acc = ZERO[element ?? dynamic]!();
  for (const v of items) acc = add(acc, v);
  return acc;
}

function extreme(items: readonly unknown[], name: 'min' | 'max'): unknown {
  const prefer = name === 'min' ? 1 : -1;
  let result: unknown;
  let has = false;
  for (const v of items) {
    if (!isCelComparable(v)) throw celError(NO_OVERLOAD);
    if (!has) {
      result = v;
      has = true;
    } else if (celCompare(result, v) === prefer) result = v;
  }
  if (!has) throw celError(`${name} called on empty list`);
  return result;
}

function isSorted(items: readonly unknown[]): boolean {
  let prev: unknown;
  let has = false;
  for (const v of items) {
    if (!isCelComparable(v)) throw celError(NO_OVERLOAD);
    if (has && celCompare(prev, v) === 1) return false;
    prev = v;
    has = true;
  }
  return true;
}

const L = 'k8s.lists' as const;

/** `min()` / `max()`: the element type in, the element type out. */
function extremeMacro(name: 'min' | 'max', description: string, example: string) {
  return elementFamilyMacro({
    name,
    library: L,
    description,
    example,
    elements: COMPARABLE_ELEMENTS,
    result: (element) => element,
    dynResult: 'dyn',
    displayReturns: 'T',
    evaluate: (items) => extreme(items, name),
  });
}

/** The Kubernetes lists library. */
export const k8sListsLibrary: CelLibrary = {
  functions: [
    fn('indexOf', L, 'Index of the first element equal to the value, or -1.', `[1, 2, 2, 3].indexOf(2) // 1`, [
      overload('list<A>', [['value', 'A']], 'int', (l: unknown[], v: unknown) => BigInt(listItems(l).findIndex((x) => celEquals(x, v)))),
    ]),
    fn('lastIndexOf', L, 'Index of the last element equal to the value, or -1.', `[1, 2, 2, 3].lastIndexOf(2) // 2`, [
      overload('list<A>', [['value', 'A']], 'int', (l: unknown[], v: unknown) => BigInt(listItems(l).findLastIndex((x) => celEquals(x, v)))),
    ]),
  ],
  macros: [
    elementFamilyMacro({
      name: 'isSorted',
      library: L,
      description: 'Whether the list is in ascending order.',
      example: `[1, 2, 3].isSorted() // true`,
      elements: COMPARABLE_ELEMENTS,
      result: (_e, checker) => checker.getType('bool'),
      dynResult: 'bool',
      displayReturns: 'bool',
      evaluate: (items) => isSorted(items),
    }),
    elementFamilyMacro({
      name: 'sum',
      library: L,
      description: 'The sum of a list of ints, uints, doubles or durations (0 for an empty list).',
      example: `[1, 2, 3].sum() // 6`,
      elements: ['int', 'uint', 'double', 'google.protobuf.Duration'],
      result: (element) => element,
      dynResult: 'dyn',
      displayReturns: 'T',
      evaluate: (items, element) => sum(items, element),
    }),
    extremeMacro('min', 'The smallest element; an error for an empty list.', `[3, 1, 2].min() // 1`),
    extremeMacro('max', 'The largest element; an error for an empty list.', `[3, 1, 2].max() // 3`),
  ],
};
