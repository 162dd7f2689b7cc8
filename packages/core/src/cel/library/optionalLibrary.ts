import { Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { type AstNode, type CelOverlayScope, type MacroInput, type MacroResult, macroParseError } from './celJsInternals.js';
import { fn, overload, type CelLibrary, type CelMacroDef } from './CelFunctionDef.js';
import { celEquals, celError, goValueText, isCelList, isCelMap, listItems, mapEntries } from './celValues.js';

/**
 * The parts of cel-go's optional library (`cel.OptionalTypes()`, latest version in v0.27.0) that cel-js lacks:
 * `optional.ofNonZeroValue`, `optional.unwrap` / `unwrapOpt`, `first` / `last`, and the `optMap` / `optFlatMap`
 * macros. `optional.of/none`, `hasValue`, `value`, `or`, `orValue`, `.?field` and `[?index]` come from cel-js.
 * Optional entries in literals (`{?k: v}`, `[?x]`) are not supported by cel-js's parser.
 */

function isZeroValue(v: unknown): boolean {
  if (v === null || v === false || v === 0n || v === '') return true;
  if (typeof v === 'number') return v === 0;
  if (v instanceof UnsignedInt) return v.valueOf() === 0n;
  if (v instanceof Uint8Array) return v.length === 0;
  if (isCelList(v)) return listItems(v).length === 0;
  if (isCelMap(v)) return mapEntries(v).length === 0;
  if (v instanceof Duration) return v.seconds === 0n && v.nanos === 0;
  if (v instanceof Date) return v.getTime() === Date.UTC(1970, 0, 1);
  return false;
}

function unwrap(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of listItems(list)) {
    if (!(v instanceof Optional)) throw celError(`value ${goValueText(v)} is not optional`);
    if (v.hasValue()) out.push(v.value());
  }
  return out;
}

/** `opt.optMap(v, expr)` / `opt.optFlatMap(v, expr)`. */
function optionalMapMacro(name: 'optMap' | 'optFlatMap'): CelMacroDef {
  const flat = name === 'optFlatMap';
  return {
    name,
    library: 'optional',
    description: flat
      ? 'If the optional has a value, the optional that the expression yields for it; otherwise optional.none().'
      : 'If the optional has a value, optional.of(the expression applied to it); otherwise optional.none().',
    example: flat ? `{"a": {"b": 1}}.?a.optFlatMap(x, x[?"b"]) // optional.of(1)` : `optional.of(2).optMap(x, x * 10) // optional.of(20)`,
    receiver: 'optional<T>',
    forms: [{ params: [['var', 'ident'], ['expr', flat ? 'optional<U>' : 'U']], returns: 'optional<U>' }],
    expand: ({ ast, args, receiver }: MacroInput): MacroResult => {
      const [varAst, exprAst] = args as [AstNode, AstNode];
      if (varAst.op !== 'id') {
        throw macroParseError(varAst, `${name}() variable name must be a simple identifier`);
      }
      let scopeWithVar: CelOverlayScope | undefined;
      return {
        async: false,
        typeCheck(checker, _m, scope) {
          const rt = checker.check(receiver!, scope);
          if (rt.kind !== 'optional' && rt.kind !== 'dyn') {
            throw checker.createError('no_matching_overload', `found no matching overload for '${checker.formatType(rt)}.hasValue()'`, ast);
          }
          scopeWithVar = scope.forkWithVariable(varAst.args as string, rt.kind === 'optional' ? rt.valueType! : rt);
          const et = checker.check(exprAst, scopeWithVar);
          if (!flat) return checker.registry.getOptionalType(et);
          if (et.kind === 'optional' || et.kind === 'dyn') return et.kind === 'dyn' ? checker.getType('optional<dyn>') : et;
          throw checker.createError('no_matching_overload', `${name}() expression must return an optional, got '${checker.formatType(et)}'`, exprAst);
        },
        evaluate(evaluator, _m, scope) {
          const opt = evaluator.run(receiver!, scope);
          if (!(opt instanceof Optional)) throw evaluator.createError('no_matching_overload', `found no matching overload for 'hasValue'`, ast);
          if (!opt.hasValue()) return Optional.none();
          const result = evaluator.run(exprAst, scopeWithVar!.reuse(scope).setIterValue(opt.value(), evaluator));
          return flat ? result : Optional.of(result);
        },
      };
    },
  };
}

const L = 'optional' as const;

/** Additions to cel-js's optional support. */
export const optionalLibrary: CelLibrary = {
  functions: [
    fn('ofNonZeroValue', L, 'optional.of(value) unless the value is its type\'s zero value (0, "", [], {}, false, null), then optional.none().', `optional.ofNonZeroValue("") // optional.none()`, [
      overload('OptionalNamespace', [['value', 'V']], 'optional<V>', (_ns: unknown, v: unknown) => (isZeroValue(v) ? Optional.none() : Optional.of(v))),
    ]),
    fn('unwrap', L, 'The values of the optionals in a list that have one.', `optional.unwrap([optional.of(1), optional.none()]) // [1]`, [
      overload('OptionalNamespace', [['list', 'list<optional<V>>']], 'list<V>', (_ns: unknown, l: unknown[]) => unwrap(l)),
    ]),
    fn('unwrapOpt', L, 'The values of the optionals in a list that have one.', `[optional.of(1), optional.none()].unwrapOpt() // [1]`, [
      overload('list<optional<V>>', [], 'list<V>', (l: unknown[]) => unwrap(l)),
    ]),
    fn('first', L, 'The first element as an optional; optional.none() for an empty list.', `[1, 2, 3].first() // optional.of(1)`, [
      overload('list<T>', [], 'optional<T>', (l: unknown[]) => {
        const items = listItems(l);
        return items.length === 0 ? Optional.none() : Optional.of(items[0]);
      }),
    ]),
    fn('last', L, 'The last element as an optional; optional.none() for an empty list.', `[1, 2, 3].last() // optional.of(3)`, [
      overload('list<T>', [], 'optional<T>', (l: unknown[]) => {
        const items = listItems(l);
        return items.length === 0 ? Optional.none() : Optional.of(items[items.length - 1]);
      }),
    ]),
  ],
  macros: [optionalMapMacro('optMap'), optionalMapMacro('optFlatMap')],
  operators: [{ signature: 'optional<A> == optional<A>', handler: (a: Optional, b: Optional) => celEquals(a, b) }],
};
