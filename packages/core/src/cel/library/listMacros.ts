import type { AstNode, CelChecker, CelEvaluator, CelScope, CelTypeDecl, MacroInput, MacroResult } from './celJsInternals.js';
import type { CelLibraryId, CelMacroDef } from './CelFunctionDef.js';
import { isCelList, listItems } from './celValues.js';

/**
 * Macros for list methods whose cel-go declarations are families of typed overloads (`sort`, `isSorted`, `sum`,
 * `min`, `max` over comparable or summable element types). cel-js would pick the first overload that matches a
 * `list<dyn>` and type the result by it; cel-go types it `dyn` and rejects element types outside the family at
 * check time. A macro reproduces both.
 */

export interface ElementFamilyMacro {
  readonly name: string;
  readonly library: CelLibraryId;
  readonly description: string;
  readonly example: string;
  /** cel-js names of the element types cel-go declares overloads for. */
  readonly elements: readonly string[];
  /** Result type for a concrete element type; `dynResult` when the element type is not known statically. */
  readonly result: (element: CelTypeDecl, checker: CelChecker) => CelTypeDecl;
  readonly dynResult: 'dyn' | 'bool';
  readonly displayReturns: string;
  readonly evaluate: (items: readonly unknown[], staticElement: string | undefined) => unknown;
}

function noOverload(checker: CelChecker, ast: AstNode, receiver: CelTypeDecl, name: string): Error {
  return checker.createError('no_matching_overload', `found no matching overload for '${checker.formatType(receiver)}.${name}()'`, ast);
}

/** Builds the macro definition for an element-typed family of zero-argument list methods. */
export function elementFamilyMacro(spec: ElementFamilyMacro): CelMacroDef {
  return {
    name: spec.name,
    library: spec.library,
    description: spec.description,
    example: spec.example,
    receiver: 'list<T>',
    forms: [{ params: [], returns: spec.displayReturns }],
    expand: ({ ast, receiver }: MacroInput): MacroResult => {
      let staticElement: string | undefined;
      return {
        async: false,
        typeCheck(checker: CelChecker, _m, scope: CelScope): CelTypeDecl {
          const rt = checker.check(receiver!, scope);
          if (rt.kind === 'dyn') return checker.getType(spec.dynResult);
          if (rt.kind !== 'list') throw noOverload(checker, ast, rt, spec.name);
          const element = rt.valueType!;
          if (element.kind === 'dyn' || element.kind === 'param') return checker.getType(spec.dynResult);
          if (!spec.elements.includes(element.name)) throw noOverload(checker, ast, rt, spec.name);
          staticElement = element.name;
          return spec.result(element, checker);
        },
        evaluate(evaluator: CelEvaluator, _m, scope: CelScope): unknown {
          const list = evaluator.run(receiver!, scope);
          if (!isCelList(list)) throw evaluator.createError('no_matching_overload', `found no matching overload for '${spec.name}'`, ast);
          return spec.evaluate(listItems(list), staticElement);
        },
      };
    },
  };
}

/** The element type names cel-go's `comparableTypes` cover (k8s lists and `sort`). */
export const COMPARABLE_ELEMENTS = [
  'int',
  'uint',
  'double',
  'bool',
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'string',
  'bytes',
] as const;
