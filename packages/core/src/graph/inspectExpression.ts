import { Environment, type ASTNode } from '@marcbachmann/cel-js';

/** A variable reference found in an expression: `deployment.status.readyReplicas` → name + path. */
export interface Reference {
  readonly name: string;
  /** Field names selected below the variable, as far as they are static (`['status', 'readyReplicas']`). */
  readonly path: readonly string[];
  /** Offsets in the CEL source. */
  readonly start: number;
  readonly end: number;
}

export interface FunctionUse {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface Inspection {
  /** Identifiers that are not comprehension variables, with their selected paths, in source order. */
  readonly references: readonly Reference[];
  /** Global function calls, for unknown-function checks. */
  readonly functions: readonly FunctionUse[];
  /** Method calls (`x.f()`), whose names must also be declared somewhere in the library. */
  readonly methods: readonly FunctionUse[];
  /** Parse failure, with its offsets in the CEL source. */
  readonly parseError?: { readonly message: string; readonly start: number; readonly end: number };
}

/** What the inspector must know about the function library to tell functions from variables. */
export interface InspectorLibrary {
  /** True when `namespace.name(...)` is a library function (`random.seededString`, `base64.encode`), not a call on a variable. */
  isNamespacedFunction(namespace: string, name: string): boolean;
}

/** Macros that bind iteration variables: name → how many leading identifier arguments they may bind. */
const BINDING_MACROS: Record<string, number> = {
  all: 2, exists: 2, exists_one: 2, existsOne: 2, map: 2, filter: 2, transformList: 2, transformMap: 2, transformMapEntry: 2, sortBy: 1,
};

const parser = new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });

/**
 * Parses an expression and lists the variables it references (ignoring comprehension and `cel.bind` variables) and
 * the global functions it calls — what kro's AST inspector (pkg/cel/ast/inspector.go) derives dependencies from.
 * Never throws: a parse error is returned with its location.
 */
export function inspectExpression(source: string, library: InspectorLibrary): Inspection {
  let ast: ASTNode;
  try {
    ast = parser.parse(source).ast;
  } catch (err) {
    const e = err as { message?: string; node?: { start?: number; end?: number }; range?: { start: number; end: number } };
    const range = e.range ?? (e.node && typeof e.node.start === 'number' ? { start: e.node.start, end: e.node.end ?? e.node.start } : { start: 0, end: source.length });
    return { references: [], functions: [], methods: [], parseError: { message: firstLine(e.message ?? String(err)), start: range.start, end: Math.max(range.end, range.start + 1) } };
  }
  const references: Reference[] = [];
  const functions: FunctionUse[] = [];
  const methods: FunctionUse[] = [];
  visit(ast, new Set(), references, functions, library, methods);
  return { references, functions, methods };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

function visit(node: ASTNode, bound: ReadonlySet<string>, refs: Reference[], fns: FunctionUse[], lib: InspectorLibrary, methods: FunctionUse[] = []): void {
  switch (node.op) {
    case 'value':
      return;
    case 'id':
      if (!bound.has(node.args)) refs.push({ name: node.args, path: [], start: node.start, end: node.end });
      return;
    case '.':
    case '.?': {
      const chain = selectionChain(node);
      if (chain && !bound.has(chain.root.args)) {
        refs.push({ name: chain.root.args, path: chain.path, start: chain.root.start, end: node.end });
        return;
      }
      visit(node.args[0], bound, refs, fns, lib, methods);
      return;
    }
    case 'call': {
      const [name, args] = node.args;
      fns.push({ name, start: node.start, end: node.start + name.length });
      for (const a of args) visit(a, bound, refs, fns, lib, methods);
      return;
    }
    case 'rcall': {
      const [name, target, args] = node.args;
      if (target.op === 'id' && !bound.has(target.args) && lib.isNamespacedFunction(target.args, name)) {
        if (target.args === 'cel' && name === 'bind' && args[0]?.op === 'id') {
          visit(args[1]!, bound, refs, fns, lib, methods);
          visit(args[2]!, new Set([...bound, args[0].args]), refs, fns, lib, methods);
          return;
        }
        for (const a of args) visit(a, bound, refs, fns, lib, methods);
        return;
      }
      visit(target, bound, refs, fns, lib, methods);
      // The method name follows the target and its dot.
      const nameStart = Math.max(target.end + 1, node.start);
      methods.push({ name, start: nameStart, end: nameStart + name.length });
      const maxVars = BINDING_MACROS[name];
      if (maxVars !== undefined && args.length >= 2) {
        const vars: string[] = [];
        for (let i = 0; i < Math.min(maxVars, args.length - 1); i++) {
          const a = args[i]!;
          if (a.op !== 'id') break;
          vars.push(a.args);
        }
        const inner = new Set([...bound, ...vars]);
        for (let i = vars.length; i < args.length; i++) visit(args[i]!, inner, refs, fns, lib, methods);
        return;
      }
      for (const a of args) visit(a, bound, refs, fns, lib, methods);
      return;
    }
    case 'list':
      for (const a of node.args) visit(a, bound, refs, fns, lib, methods);
      return;
    case 'map':
      for (const [k, v] of node.args) {
        visit(k, bound, refs, fns, lib, methods);
        visit(v, bound, refs, fns, lib, methods);
      }
      return;
    case '?:':
      for (const a of node.args) visit(a, bound, refs, fns, lib, methods);
      return;
    case '!_':
    case '-_':
      visit(node.args, bound, refs, fns, lib, methods);
      return;
    default:
      for (const a of node.args as ASTNode[]) visit(a, bound, refs, fns, lib, methods);
  }
}

/** For `a.b.c` (with `.` or `.?` steps) returns the root identifier and the selected field names. */
function selectionChain(node: ASTNode): { root: Extract<ASTNode, { op: 'id' }>; path: string[] } | undefined {
  const path: string[] = [];
  let cur: ASTNode = node;
  while (cur.op === '.' || cur.op === '.?') {
    path.unshift(cur.args[1]);
    cur = cur.args[0];
  }
  return cur.op === 'id' ? { root: cur, path } : undefined;
}
