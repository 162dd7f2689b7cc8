import type { ASTNode } from '@marcbachmann/cel-js';
import { closestName } from '../../suggest/closestName.js';
import { formatCelType } from './CelType.js';
import type { CelJsError } from './createTypedEnvironment.js';
import { parseCelJsType } from './parseCelJsType.js';
import { CANONICAL_NAME_PATTERN } from './TypeUniverse.js';

/** What kind of problem a CEL error is; the stage maps these to diagnostic codes. */
export type CelProblemKind = 'syntax' | 'unknown-identifier' | 'unknown-function' | 'undefined-field' | 'no-matching-overload' | 'type-error';

/** A CEL parse or check error described in cel-go's words, located in the CEL text. */
export interface CelProblem {
  readonly kind: CelProblemKind;
  /** cel-go's message, without location (`undefined field 'replicsa'`). */
  readonly message: string;
  /** The range to underline, in UTF-16 offsets of the CEL text. */
  readonly range: { readonly start: number; readonly end: number };
  /** Where cel-go anchors the error (the `.` of a selection, the operator of a call): gives `<input>:line:column`. */
  readonly anchor: number;
  /** The closest valid name for an undefined field or identifier. */
  readonly suggestion?: string;
  /** The name that was not found (field or identifier). */
  readonly missing?: string;
}

export interface DescribeContext {
  /** Converts a cel-js type name (canonical names included) to kro's name. */
  readonly kroTypeName: (celJsType: string) => string;
  /** Field names of a cel-js object type (for suggestions). */
  readonly fieldNamesOf: (celJsTypeName: string) => readonly string[];
  /** Variables in scope (for suggestions). */
  readonly variableNames: readonly string[];
  /** Whether the environment declares any overload of a function (global, namespaced or receiver style). */
  readonly isFunction: (name: string) => boolean;
}

const BINARY_FUNCTIONS: Readonly<Record<string, string>> = {
  '+': '_+_', '-': '_-_', '*': '_*_', '/': '_/_', '%': '_%_', '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_',
  '==': '_==_', '!=': '_!=_', in: '@in',
};

/** Describes a cel-js error the way cel-go words it, so kro's messages can be reproduced. */
export function describeCelError(error: CelJsError, source: string, ctx: DescribeContext): CelProblem {
  const range = error.range ?? { start: 0, end: source.length };
  if (error.name === 'ParseError') {
    return { kind: 'syntax', message: `Syntax error: ${error.summary}`, range, anchor: range.start };
  }
  const node = error.node;
  const anchor = node ? anchorOf(node, source) : range.start;
  const base = { range, anchor };
  const summary = error.summary;
  let m: RegExpExecArray | null;
  switch (error.code) {
    case 'unknown_variable': {
      const name = summary.replace(/^Unknown variable: /, '');
      const suggestion = closestName(name, ctx.variableNames);
      return { kind: 'unknown-identifier', message: `undeclared reference to '${name}' (in container '')`, ...base, missing: name, ...(suggestion ? { suggestion } : {}) };
    }
    case 'no_such_key': {
      const name = summary.replace(/^No such key: /, '');
      const operandType = node ? checkedTypeName((node.args as unknown[])[0]) : undefined;
      const suggestion = operandType ? closestName(name, ctx.fieldNamesOf(operandType)) : undefined;
      return { kind: 'undefined-field', message: `undefined field '${name}'`, ...base, missing: name, ...(suggestion ? { suggestion } : {}) };
    }
    case 'cannot_index_type':
      if ((m = /^Cannot index type '(.*)'$/.exec(summary))) {
        return { kind: 'type-error', message: `type '${ctx.kroTypeName(m[1]!)}' does not support field selection`, ...base };
      }
      break;
    case 'no_matching_overload':
      if ((m = /^found no matching overload for '(.*)\((.*)\)'$/.exec(summary))) {
        const callee = m[1]!;
        const args = splitTypes(m[2]!).map(ctx.kroTypeName).join(', ');
        const dot = callee.lastIndexOf('.');
        // A receiver call names the receiver type before the dot; a namespaced function (`base64.encode`) does not.
        const receiver = dot > 0 && isTypeName(callee.slice(0, dot)) ? callee.slice(0, dot) : undefined;
        const fn = receiver === undefined ? callee : callee.slice(dot + 1);
        if (!ctx.isFunction(fn)) {
          return { kind: 'unknown-function', message: `undeclared reference to '${fn}' (in container '')`, ...base, missing: fn };
        }
        const applied = receiver === undefined ? `(${args})` : `${ctx.kroTypeName(receiver)}.(${args})`;
        return { kind: 'no-matching-overload', message: `found no matching overload for '${fn}' applied to '${applied}'`, ...base };
      }
      break;
    case 'no_such_overload':
      if ((m = /^no such overload: (\S+) (\S+) (\S+)$/.exec(summary)) && BINARY_FUNCTIONS[m[2]!]) {
        const fn = BINARY_FUNCTIONS[m[2]!]!;
        return { kind: 'no-matching-overload', message: `found no matching overload for '${fn}' applied to '(${ctx.kroTypeName(m[1]!)}, ${ctx.kroTypeName(m[3]!)})'`, ...base };
      }
      if ((m = /^no such overload: ([-!])(\S+)$/.exec(summary))) {
        return { kind: 'no-matching-overload', message: `found no matching overload for '${m[1]}_' applied to '(${ctx.kroTypeName(m[2]!)})'`, ...base };
      }
      break;
  }
  return { kind: 'type-error', message: summary.replace(CANONICAL_NAME_PATTERN, (n) => ctx.kroTypeName(n)), ...base };
}

/** Converts a cel-js type spelling to cel-go's (`list<int>` → `list(int)`), with canonical names made kro's. */
export function kroTypeNameOf(celJsType: string, toKroName: (canonical: string) => string): string {
  return formatCelType(parseCelJsType(celJsType, (name) => ({ kind: 'object', name: toKroName(name) })));
}

const PRIMITIVE_NAMES = new Set(['bool', 'bytes', 'double', 'dyn', 'int', 'null', 'string', 'type', 'uint', 'list', 'map', 'optional']);

/** True when a receiver spelled by cel-js is a type (rather than the namespace of a function like `base64.encode`). */
function isTypeName(s: string): boolean {
  return PRIMITIVE_NAMES.has(s) || /^(list|map|optional|dyn)</.test(s) || /^[A-Z]$/.test(s) || /^(google\.protobuf|kubernetes|net|kro)\./.test(s) || /^(__kro\d+|__type_)/.test(s);
}

/** Splits `a, map<b, c>, d` at top-level commas. */
function splitTypes(s: string): string[] {
  if (s.trim() === '') return [];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') depth++;
    else if (s[i] === '>') depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

function checkedTypeName(node: unknown): string | undefined {
  const t = (node as { checkedType?: { name?: unknown } } | undefined)?.checkedType;
  return typeof t?.name === 'string' ? t.name : undefined;
}

interface Ranged {
  readonly range?: { readonly start: number; readonly end: number };
}

/** The offset cel-go reports an error at: the token that created the failing node. */
function anchorOf(node: ASTNode, source: string): number {
  const start = node.range?.start ?? node.start;
  const args = node.args as unknown;
  const between = (a: unknown, b: unknown, token: string): number | undefined => {
    const from = (a as Ranged | undefined)?.range?.end;
    const to = (b as Ranged | undefined)?.range?.start;
    if (from === undefined || to === undefined) return undefined;
    const i = source.indexOf(token, from);
    return i >= 0 && i < to ? i : undefined;
  };
  switch (node.op) {
    case '.':
    case '.?': {
      const operandEnd = ((args as unknown[])[0] as Ranged).range?.end;
      const dot = operandEnd === undefined ? -1 : source.indexOf('.', operandEnd);
      return dot >= 0 ? dot : start;
    }
    case '[]':
    case '[?]':
      return between((args as unknown[])[0], (args as unknown[])[1], '[') ?? start;
    case 'call':
      return source.indexOf('(', start) >= 0 ? source.indexOf('(', start) : start;
    case 'rcall': {
      const receiverEnd = ((args as unknown[])[1] as Ranged).range?.end ?? start;
      const open = source.indexOf('(', receiverEnd);
      return open >= 0 ? open : start;
    }
    case '?:':
      return between((args as unknown[])[0], (args as unknown[])[1], '?') ?? start;
    case '!_':
    case '-_':
    case 'id':
    case 'value':
    case 'list':
    case 'map':
      return start;
    default:
      return between((args as unknown[])[0], (args as unknown[])[1], node.op) ?? start;
  }
}
