import { Environment, ParseError, type ErrorLocation } from '@marcbachmann/cel-js';

/**
 * The parts of `@marcbachmann/cel-js` 8.0.0 that its public typings do not describe but that its own macros use:
 * AST nodes (`clone`, `meta`, `setMeta`), the checker/evaluator objects handed to macros, scope contexts and the
 * per-call overload candidates. Everything that touches them lives behind these interfaces, and
 * {@link assertCelJsInternals} fails loudly at start-up if a cel-js upgrade changes them.
 */

/** A cel-js type declaration (`TypeDeclaration` in `lib/registry.js`). */
export interface CelTypeDecl {
  readonly kind: 'primitive' | 'list' | 'map' | 'message' | 'enum' | 'dyn' | 'optional' | 'param';
  readonly name: string;
  readonly type: string;
  readonly keyType?: CelTypeDecl;
  readonly valueType?: CelTypeDecl;
  readonly hasDynType: boolean;
  readonly hasPlaceholderType: boolean;
  isDynOrBool(): boolean;
  matches(other: CelTypeDecl): boolean;
}

/** The registry reachable from a checker (`Registry` in `lib/registry.js`). */
export interface CelRegistry {
  getType(name: string): CelTypeDecl;
  getListType(t: CelTypeDecl): CelTypeDecl;
  getMapType(k: CelTypeDecl, v: CelTypeDecl): CelTypeDecl;
  getOptionalType(t: CelTypeDecl): CelTypeDecl;
}

/** An operator implementation as `ASTNode.clone` expects it (`OPERATORS[op]` in `lib/operators.js`). */
export interface AstOp {
  readonly name: string;
  readonly check: unknown;
  readonly evaluate: unknown;
}

/** A parsed node (`ASTNode` in `lib/parser.js`). */
export interface AstNode {
  readonly op: string;
  readonly args: unknown;
  readonly input: string;
  readonly pos: number;
  readonly start: number;
  readonly end: number;
  readonly meta: { readonly check: unknown; readonly evaluate: unknown };
  checkedType?: CelTypeDecl;
  candidates?: CelCandidates;
  clone(op: AstOp, args: unknown): AstNode;
  setMeta(key: string, value: unknown): AstNode;
}

/** A scope during checking or evaluation (`RootContext` / `OverlayContext`). */
export interface CelScope {
  forkWithVariable(name: string, type: CelTypeDecl): CelOverlayScope;
}

/** A scope that binds one variable; cel-js re-parents and reuses it for every evaluation. */
export interface CelOverlayScope extends CelScope {
  reuse(parent: CelScope): CelOverlayScope;
  setIterValue(value: unknown, evaluator: CelEvaluator): CelOverlayScope;
}

/** The type checker handed to macros. */
export interface CelChecker {
  readonly registry: CelRegistry;
  check(ast: AstNode, scope: CelScope): CelTypeDecl;
  createError(code: string, message: string, ast?: AstNode): Error;
  getType(name: string): CelTypeDecl;
  formatType(t: CelTypeDecl): string;
}

/** The evaluator handed to macros. */
export interface CelEvaluator {
  run(ast: AstNode, scope: CelScope): unknown;
  tryEval(ast: AstNode, scope: CelScope): unknown;
  debugType(value: unknown): CelTypeDecl;
  createError(code: string, message: string, ast?: AstNode): Error;
}

/** What a macro expander receives (`#expandMacro` in `lib/parser.js`). */
export interface MacroInput {
  readonly ast: AstNode;
  readonly args: readonly AstNode[];
  readonly receiver: AstNode | null;
  readonly methodName: string;
}

/** A macro that type-checks and evaluates itself. `async: false` keeps cel-js on its synchronous fast path. */
export interface SelfMacro {
  readonly async: false;
  typeCheck(checker: CelChecker, macro: SelfMacro, scope: CelScope): CelTypeDecl;
  evaluate(evaluator: CelEvaluator, macro: SelfMacro, scope: CelScope): unknown;
}

/** A macro result: either a rewritten node (`callAst`) or a self-checking macro. */
export type MacroResult = { readonly callAst: AstNode } | SelfMacro;

/** A registered overload (`FunctionDeclaration`); frozen by cel-js. */
export interface CelFunctionDecl {
  readonly signature: string;
  readonly handler: (...args: never[]) => unknown;
}

/** The overloads cel-js considers for one `name/arity/receiver?` partition (`Candidates`). */
export interface CelCandidates {
  declarations: CelFunctionDecl[];
  returnType: CelTypeDecl | null;
  /** What the parser expands calls of this partition with; cel-js sets it for declarations with `ast` params. */
  macro: false | { readonly handler: (input: MacroInput) => MacroResult };
}

function opOf(expression: string, expected: string): AstOp {
  const ast = new Environment().parse(expression).ast as unknown as AstNode;
  if (ast.op !== expected) throw new Error(`cel-js internals changed: '${expression}' parsed as '${ast.op}'`);
  return { name: expected, check: ast.meta.check, evaluate: ast.meta.evaluate };
}

/** Operator objects for building nodes, taken from nodes cel-js itself parsed. */
export const AST_OPS = {
  call: opOf('f()', 'call'),
  rcall: opOf('a.f()', 'rcall'),
  value: opOf('"x"', 'value'),
  id: opOf('a', 'id'),
  map: opOf('{"a": 1}', 'map'),
  list: opOf('[1]', 'list'),
} as const;

/** Views a public `ParseResult.ast` through the internal node interface. */
export function asAstNode(ast: unknown): AstNode {
  return ast as AstNode;
}

/** An operator overload (`OperatorDeclaration`); frozen by cel-js. */
export interface CelOperatorDecl {
  readonly signature: string;
  readonly handler: (...args: never[]) => unknown;
}

/** The overloads of one operator (`Candidates` for operators). */
export interface CelOperatorCandidates {
  declarations: CelOperatorDecl[];
  findBinaryOverload(left: CelTypeDecl, right: CelTypeDecl): unknown;
  checkBinaryOverload(left: CelTypeDecl, right: CelTypeDecl): unknown;
}

/** The overload tables of one environment (`Registry`): both lookups are public methods of cel-js's registry. */
export interface CelRegistryTables {
  functionCandidates(receiver: boolean, name: string, arity: number): CelCandidates;
  operatorCandidates(op: string): CelOperatorCandidates;
}

/**
 * The overload tables of `env`. cel-js keeps its registry private to the Environment, but every call node it
 * type-checks records its candidates, and candidates know their registry.
 */
export function registryOf(env: Environment): CelRegistryTables {
  const parsed = env.parse('dyn(0)');
  parsed.check();
  const registry = (asAstNode(parsed.ast).candidates as { registry?: CelRegistryTables } | undefined)?.registry;
  if (!registry || typeof registry.functionCandidates !== 'function' || typeof registry.operatorCandidates !== 'function') {
    throw new Error('cel-js internals changed: no registry behind the overload candidates');
  }
  return registry;
}

/** Fails at start-up, with a clear message, when the cel-js internals used here are not what they were in 8.0.0. */
export function assertCelJsInternals(): void {
  const ast = asAstNode(new Environment().parse('a.f(1)').ast);
  if (typeof ast.clone !== 'function' || typeof ast.setMeta !== 'function') {
    throw new Error('cel-js internals changed: AST nodes lack clone/setMeta (kro-designer needs @marcbachmann/cel-js 8.0.x)');
  }
}

/** A parse-time error of a macro, located at `node` (what cel-go's macro errors report). */
export function macroParseError(node: AstNode, message: string): ParseError {
  return new ParseError({ code: 'invalid_macro_argument', message, node: node as unknown as ErrorLocation });
}
