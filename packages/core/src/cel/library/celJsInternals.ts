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

/** A call partition: cel-js groups overloads by name, arity and whether there is a receiver. */
export interface CallPartition {
  readonly name: string;
  readonly arity: number;
  readonly receiver: boolean;
}

function probeText(p: CallPartition): string {
  const args = Array.from({ length: p.arity }, () => 'dyn(0)').join(', ');
  return p.receiver ? `dyn(0).${p.name}(${args})` : `${p.name}(${args})`;
}

function recorded(node: AstNode | undefined, p: CallPartition): CelCandidates {
  const candidates = node?.candidates;
  if (!candidates || !Array.isArray(candidates.declarations)) {
    throw new Error(`cel-js internals changed: no overload candidates recorded for '${p.name}'`);
  }
  return candidates;
}

/**
 * The candidates cel-js considers for each partition in `env`, found by type-checking probe calls with `dyn`
 * arguments: cel-js records the candidates on a call node before it picks an overload. One list literal probes
 * them all at once; every partition must type-check with `dyn` arguments (have an overload) for that.
 */
export function candidatesOf(env: Environment, partitions: readonly CallPartition[]): CelCandidates[] {
  const parsed = env.parse(`[${partitions.map(probeText).join(', ')}]`);
  const result = parsed.check();
  if (!result.valid) throw new Error(`cel-js internals changed: overload probe failed: ${result.error?.message ?? ''}`);
  const items = asAstNode(parsed.ast).args as AstNode[];
  return partitions.map((p, i) => recorded(items[i], p));
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
