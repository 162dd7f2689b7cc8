import { type CelOverlayScope, type CelTypeDecl, macroParseError } from './celJsInternals.js';
import { fn, overload, type CelLibrary, type CelMacroDef } from './CelFunctionDef.js';
import { celCompare, celEquals, celError, celTypeName, isCelComparable, isCelList, listItems } from './celValues.js';
import { COMPARABLE_ELEMENTS, elementFamilyMacro } from './listMacros.js';

/** cel-go `ext.Lists()` at its latest version in cel-go v0.27.0 (no `first`/`last` here: those are optional-library functions). */

function slice(list: unknown[], start: bigint, end: bigint): unknown[] {
  if (start < 0n || end < 0n) throw celError(`cannot slice(${start}, ${end}), negative indexes not supported`);
  if (start > end) throw celError(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
  if (BigInt(list.length) < end) throw celError(`cannot slice(${start}, ${end}), list is length ${list.length}`);
  return list.slice(Number(start), Number(end));
}

function flatten(list: readonly unknown[], depth: bigint): unknown[] {
  if (depth < 0n) throw celError('level must be non-negative');
  const out: unknown[] = [];
  for (const v of list) {
    if (isCelList(v) && depth > 0n) out.push(...flatten(listItems(v), depth - 1n));
    else out.push(v);
  }
  return out;
}

const SORTABLE = new Set<string>(['int', 'uint', 'double', 'bool', 'google.protobuf.Duration', 'google.protobuf.Timestamp', 'string', 'bytes']);

/**
 * cel-go's `sortListByAssociatedKeys`: orders `list` by `keys`, which must all have the first key's (comparable)
 * type. Go's `sort.Slice` is not stable beyond 12 elements; a stable sort is used here, so equal keys in longer
 * lists may come out in a different order than in kro.
 */
export function sortByKeys(list: readonly unknown[], keys: readonly unknown[]): unknown[] {
  if (list.length !== keys.length) {
    throw celError(
      `@sortByAssociatedKeys() expected a list of the same size as the associated keys list, but got ${list.length} and ${keys.length} elements respectively`,
    );
  }
  if (list.length === 0) return [...list];
  const first = keys[0];
  if (!SORTABLE.has(celTypeName(first)) || !isCelComparable(first)) throw celError('list elements must be comparable');
  if (list.length > 1) {
    const t = celTypeName(first);
    if (keys.some((k) => celTypeName(k) !== t)) throw celError('list elements must have the same type');
  }
  const order = keys.map((_, i) => i);
  order.sort((a, b) => celCompare(keys[a], keys[b]) ?? 0);
  return order.map((i) => list[i]);
}

function distinct(list: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of list) if (!out.some((u) => celEquals(v, u))) out.push(v);
  return out;
}

/** Guards the designer against lists kro would try (and fail) to allocate. */
const MAX_RANGE = 1n << 24n;

function range(n: bigint): bigint[] {
  if (n > MAX_RANGE) throw celError(`lists.range(${n}) is too large to evaluate here`);
  const out: bigint[] = [];
  for (let i = 0n; i < n; i++) out.push(i);
  return out;
}

/** `list.sortBy(var, keyExpr)`: cel-go's macro, which sorts by the keys `keyExpr` yields for each element. */
const sortByMacro: CelMacroDef = {
  name: 'sortBy',
  library: 'ext.lists',
  description: 'Sorts a list by a key computed for each element; keys must be comparable and of one type.',
  example: `[{"n": "b", "s": 2}, {"n": "a", "s": 1}].sortBy(e, e.s).map(e, e.n) // ["a", "b"]`,
  receiver: 'list<T>',
  forms: [{ params: [['var', 'ident'], ['key', 'U']], returns: 'list<T>' }],
  expand: ({ ast, args, receiver }) => {
    const [varAst, keyAst] = args as [typeof ast, typeof ast];
    if (varAst.op !== 'id') throw macroParseError(varAst, 'argument is not an identifier');
    if (receiver && (receiver.op === 'value' || receiver.op === 'map')) {
      throw macroParseError(receiver, 'sortBy can only be applied to a list, identifier, comprehension, call or select expression');
    }
    const varName = varAst.args as string;
    let varScope: CelOverlayScope | undefined;
    return {
      async: false,
      typeCheck(checker, _m, scope) {
        const rt = checker.check(receiver!, scope);
        let element: CelTypeDecl;
        if (rt.kind === 'list') element = rt.valueType!;
        else if (rt.kind === 'dyn') element = checker.getType('dyn');
        else throw checker.createError('no_matching_overload', `found no matching overload for '${checker.formatType(rt)}.sortBy()'`, ast);
        varScope = scope.forkWithVariable(varName, element);
        const kt = checker.check(keyAst, varScope);
        if (kt.kind !== 'dyn' && kt.kind !== 'param' && !SORTABLE.has(kt.name)) {
          throw checker.createError(
            'no_matching_overload',
            `found no matching overload for '${checker.formatType(rt)}.@sortByAssociatedKeys(list<${checker.formatType(kt)}>)'`,
            ast,
          );
        }
        return rt.kind === 'list' ? rt : checker.getType('dyn');
      },
      evaluate(evaluator, _m, scope) {
        const value = evaluator.run(receiver!, scope);
        if (!isCelList(value)) throw evaluator.createError('no_matching_overload', `found no matching overload for 'sortBy'`, ast);
        const items = listItems(value);
        const bound = varScope!.reuse(scope);
        const keys = items.map((item) => evaluator.run(keyAst, bound.setIterValue(item, evaluator)));
        return sortByKeys(items, keys);
      },
    };
  },
};

const L = 'ext.lists' as const;

/** cel-go's lists extension library. */
export const listsExtLibrary: CelLibrary = {
  functions: [
    fn('slice', L, 'The elements from start (inclusive) to end (exclusive).', `[1, 2, 3, 4].slice(1, 3) // [2, 3]`, [
      overload('list<T>', [['start', 'int'], ['end', 'int']], 'list<T>', (l: unknown[], a: bigint, b: bigint) => slice(listItems(l) as unknown[], a, b)),
    ]),
    fn('flatten', L, 'Flattens nested lists one level, or `depth` levels.', `[1, [2, [3, 4]]].flatten() // [1, 2, [3, 4]]`, [
      overload('list<list<T>>', [], 'list<T>', (l: unknown[]) => flatten(listItems(l), 1n)),
      overload('list<dyn>', [['depth', 'int']], 'list<dyn>', (l: unknown[], d: bigint) => flatten(listItems(l), d)),
    ]),
    fn('distinct', L, 'The list without repeated elements (first occurrence kept; CEL equality).', `[1, 2, 2, 3, 3, 3].distinct() // [1, 2, 3]`, [
      overload('list<T>', [], 'list<T>', (l: unknown[]) => distinct(listItems(l))),
    ]),
    fn('reverse', L, 'The list in reverse order.', `[5, 3, 1, 2].reverse() // [2, 1, 3, 5]`, [
      overload('list<T>', [], 'list<T>', (l: unknown[]) => [...listItems(l)].reverse()),
    ]),
    fn('lists.range', L, 'The integers 0 to n-1.', `lists.range(4) // [0, 1, 2, 3]`, [overload(undefined, [['n', 'int']], 'list<int>', (n: bigint) => range(n))]),
  ],
  macros: [
    elementFamilyMacro({
      name: 'sort',
      library: L,
      description: 'Sorts a list of comparable values (int, uint, double, bool, string, bytes, duration, timestamp).',
      example: `["b", "c", "a"].sort() // ["a", "b", "c"]`,
      elements: COMPARABLE_ELEMENTS,
      result: (element, checker) => checker.registry.getListType(element),
      dynResult: 'dyn',
      displayReturns: 'list<T>',
      evaluate: (items) => sortByKeys(items, items),
    }),
    sortByMacro,
  ],
};
