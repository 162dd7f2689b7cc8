import { type AstNode, type CelChecker, type CelEvaluator, type CelOverlayScope, type CelScope, type CelTypeDecl, type MacroInput, type MacroResult, macroParseError } from './celJsInternals.js';
import type { CelMacroDef } from './CelFunctionDef.js';
import { celEquals, celError, goValueText, isCelList, isCelMap, listItems, makeCelMap, mapEntries } from './celValues.js';

/**
 * cel-go `ext.TwoVarComprehensions()`: `all`, `exists`, `existsOne` / `exists_one` with (index|key, value)
 * variables, and `transformList`, `transformMap`, `transformMapEntry` with an optional filter.
 */

type Kind = 'all' | 'exists' | 'existsOne' | 'transformList' | 'transformMap' | 'transformMapEntry';

interface Bound {
  keyScope?: CelOverlayScope;
  valueScope?: CelOverlayScope;
}

function iterVar(node: AstNode): string {
  if (node.op !== 'id') throw macroParseError(node, 'argument must be a simple name');
  return node.args as string;
}

function bindTypes(checker: CelChecker, ast: AstNode, range: AstNode, scope: CelScope, k: string, v: string, bound: Bound): CelTypeDecl {
  const rt = checker.check(range, scope);
  let kt: CelTypeDecl;
  let vt: CelTypeDecl;
  if (rt.kind === 'list') [kt, vt] = [checker.getType('int'), rt.valueType!];
  else if (rt.kind === 'map') [kt, vt] = [rt.keyType!, rt.valueType!];
  else if (rt.kind === 'dyn') [kt, vt] = [rt, rt];
  else {
    throw checker.createError(
      'invalid_comprehension_range',
      `Expression of type '${checker.formatType(rt)}' cannot be range of a comprehension (must be list, map, or dynamic).`,
      ast,
    );
  }
  bound.keyScope = scope.forkWithVariable(k, kt);
  bound.valueScope = bound.keyScope.forkWithVariable(v, vt);
  return rt.kind === 'list' ? checker.getType('int') : kt;
}

function requireBool(checker: CelChecker, node: AstNode, scope: CelScope, what: string): void {
  const t = checker.check(node, scope);
  if (!t.isDynOrBool()) throw checker.createError('invalid_condition_type', `${what} must be bool, got '${checker.formatType(t)}'`, node);
}

function entriesOf(evaluator: CelEvaluator, ast: AstNode, range: unknown): Array<[unknown, unknown]> {
  if (isCelList(range)) return listItems(range).map((v, i) => [BigInt(i), v]);
  if (isCelMap(range)) return mapEntries(range);
  throw evaluator.createError('invalid_comprehension_range', 'Expression cannot be range of a comprehension (must be list, map, or dynamic).', ast);
}

function asBool(evaluator: CelEvaluator, v: unknown, node: AstNode): boolean | Error {
  if (v instanceof Error || typeof v === 'boolean') return v;
  return evaluator.createError('no_such_overload', 'no such overload', node);
}

function insertEntry(entries: Array<[unknown, unknown]>, k: unknown, v: unknown): void {
  if (entries.some(([e]) => celEquals(e, k))) throw celError(`insert failed: key ${goValueText(k)} already exists`);
  entries.push([k, v]);
}

function expander(kind: Kind) {
  return ({ ast, args, receiver }: MacroInput): MacroResult => {
    const k = iterVar(args[0]!);
    const v = iterVar(args[1]!);
    if (k === v) throw macroParseError(args[1]!, `duplicate variable name: ${k}`);
    const hasFilter = args.length === 4;
    const filter = hasFilter ? args[2]! : undefined;
    const body = args[args.length - 1]!;
    const range = receiver!;
    const bound: Bound = {};
    return {
      async: false,
      typeCheck(checker, _m, scope) {
        const keyType = bindTypes(checker, ast, range, scope, k, v, bound);
        const s = bound.valueScope!;
        if (filter) requireBool(checker, filter, s, `${kind}() filter`);
        if (kind === 'all' || kind === 'exists' || kind === 'existsOne') {
          requireBool(checker, body, s, `${kind}() predicate`);
          return checker.getType('bool');
        }
        const bt = checker.check(body, s);
        if (kind === 'transformList') return checker.registry.getListType(bt);
        if (kind === 'transformMap') return checker.registry.getMapType(keyType, bt);
        if (bt.kind === 'map') return bt;
        if (bt.kind === 'dyn') return checker.getType('map<dyn, dyn>');
        throw checker.createError('no_matching_overload', `transformMapEntry() expression must return a map, got '${checker.formatType(bt)}'`, body);
      },
      evaluate(evaluator, _m, scope) {
        const entries = entriesOf(evaluator, ast, evaluator.run(range, scope));
        const ks = bound.keyScope!.reuse(scope);
        const vs = bound.valueScope!.reuse(ks);
        const bind = (key: unknown, value: unknown): CelScope => (ks.setIterValue(key, evaluator), vs.setIterValue(value, evaluator));
        if (kind === 'all' || kind === 'exists') {
          const decisive = kind === 'exists';
          let error: Error | undefined;
          for (const [key, value] of entries) {
            const r = asBool(evaluator, evaluator.tryEval(body, bind(key, value)), body);
            if (r === decisive) return decisive;
            if (r instanceof Error) error ??= r;
          }
          if (error) throw error;
          return !decisive;
        }
        if (kind === 'existsOne') {
          let count = 0;
          for (const [key, value] of entries) {
            const r = asBool(evaluator, evaluator.run(body, bind(key, value)), body);
            if (r instanceof Error) throw r;
            if (r) count++;
          }
          return count === 1;
        }
        const list: unknown[] = [];
        const out: Array<[unknown, unknown]> = [];
        for (const [key, value] of entries) {
          const s = bind(key, value);
          if (filter) {
            const f = asBool(evaluator, evaluator.run(filter, s), filter);
            if (f instanceof Error) throw f;
            if (!f) continue;
          }
          const result = evaluator.run(body, s);
          if (kind === 'transformList') list.push(result);
          else if (kind === 'transformMap') insertEntry(out, key, result);
          else {
            if (!isCelMap(result)) throw evaluator.createError('no_such_overload', 'no such overload', body);
            for (const [ek, ev] of mapEntries(result)) insertEntry(out, ek, ev);
          }
        }
        return kind === 'transformList' ? list : makeCelMap(out);
      },
    };
  };
}

const QUANTIFIER_FORM = [{ params: [['index|key', 'ident'], ['value', 'ident'], ['predicate', 'bool']] as const, returns: 'bool' }];

function transformForms(returns: string) {
  return [
    { params: [['index|key', 'ident'], ['value', 'ident'], ['transform', 'U']] as const, returns },
    { params: [['index|key', 'ident'], ['value', 'ident'], ['filter', 'bool'], ['transform', 'U']] as const, returns },
  ];
}

function macro(name: string, kind: Kind, description: string, example: string, forms: CelMacroDef['forms']): CelMacroDef {
  return { name, library: 'ext.comprehensions', description, example, receiver: 'dyn', forms, expand: expander(kind) };
}

/** The two-variable comprehension macros. */
export const comprehensionMacros: readonly CelMacroDef[] = [
  macro('all', 'all', 'Whether the predicate holds for every (index, value) of a list or (key, value) of a map.', `{"a": 1, "b": 2}.all(k, v, v > 0) // true`, QUANTIFIER_FORM),
  macro('exists', 'exists', 'Whether the predicate holds for some (index, value) or (key, value).', `[1, 2, 3].exists(i, v, i == 1 && v == 2) // true`, QUANTIFIER_FORM),
  macro('existsOne', 'existsOne', 'Whether the predicate holds for exactly one (index, value) or (key, value).', `[1, 2, 1].existsOne(i, v, v == 2) // true`, QUANTIFIER_FORM),
  macro('exists_one', 'existsOne', 'Same as existsOne.', `[1, 2, 1].exists_one(i, v, v == 1) // false`, QUANTIFIER_FORM),
  macro('transformList', 'transformList', 'A list of the transform applied to each (index|key, value), optionally filtered.', `[1, 2, 3].transformList(i, v, i * v) // [0, 2, 6]`, transformForms('list<U>')),
  macro('transformMap', 'transformMap', 'A map from each index/key to the transform of its value, optionally filtered.', `{"a": 1}.transformMap(k, v, v + 1) // {"a": 2}`, transformForms('map<K, U>')),
  macro(
    'transformMapEntry',
    'transformMapEntry',
    'A map built from the single-entry maps the transform returns; duplicate keys are an error.',
    `{"a": "x"}.transformMapEntry(k, v, {v: k}) // {"x": "a"}`,
    transformForms('map<K2, V2>'),
  ),
];
