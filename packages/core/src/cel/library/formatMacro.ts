import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import type { AstNode, CelChecker, CelTypeDecl } from './celJsInternals.js';
import type { CelMacroDef } from './CelFunctionDef.js';
import { celError, celTypeName, compareStrings, isCelList, isCelMap, listItems, mapEntries } from './celValues.js';
import { formatGoExponent, formatGoFixed, formatGoShortestFixed } from './goFloatFormat.js';
import { formatRfc3339Nano } from './goTime.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * `string.format(list)` as cel-go v0.27.0 implements it (strings extension, formatter version 2): clauses `%s %d
 * %f %e %b %x %X %o` with optional `.precision`, `%%` for a percent sign. A constant format string with a list
 * literal is also validated at type-check time, as cel-go's format validator does (kro reports those as compile
 * errors).
 */

type Kind = 'int' | 'uint' | 'double' | 'bool' | 'string' | 'bytes' | 'list' | 'map' | 'timestamp' | 'duration' | 'type' | 'null' | 'other';

/** What one clause needs from its argument: its kind (for checking) and, at run time, its value. */
interface ClauseArg {
  readonly kind: Kind | 'dyn';
  readonly typeName: string;
  readonly value?: unknown;
  /** For `%s` at check time: a literal list/map whose element kinds must be checked too. */
  readonly children?: readonly ClauseArg[];
}

const DEFAULT_PRECISION = 6;

function kindOfValue(v: unknown): Kind {
  if (typeof v === 'bigint') return 'int';
  if (v instanceof UnsignedInt) return 'uint';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof Uint8Array) return 'bytes';
  if (v === null) return 'null';
  if (v instanceof Date) return 'timestamp';
  if (v instanceof Duration) return 'duration';
  if (isCelList(v)) return 'list';
  if (isCelMap(v)) return 'map';
  if (v !== null && typeof v === 'object' && v.constructor?.name === 'Type') return 'type';
  return 'other';
}

/** cel-go's `TypeName()` of a checked type. */
export function celGoTypeNameOfDecl(t: CelTypeDecl): string {
  switch (t.kind) {
    case 'list':
      return 'list';
    case 'map':
      return 'map';
    case 'optional':
      return 'optional_type';
    case 'dyn':
      return 'dyn';
  }
  if (t.name === 'null') return 'null_type';
  return t.name;
}

function kindOfDecl(t: CelTypeDecl): Kind | 'dyn' {
  if (t.kind === 'dyn' || t.kind === 'param') return 'dyn';
  if (t.kind === 'list' || t.kind === 'map') return t.kind;
  switch (t.name) {
    case 'int':
    case 'uint':
    case 'double':
    case 'bool':
    case 'string':
    case 'bytes':
    case 'null':
    case 'type':
      return t.name;
    case 'google.protobuf.Timestamp':
      return 'timestamp';
    case 'google.protobuf.Duration':
      return 'duration';
  }
  return 'other';
}

const specialDouble = (x: number): string | undefined =>
  Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : undefined;

/** `%s`: cel-go's `formatStringV2`. */
function formatAsString(v: unknown): string {
  switch (kindOfValue(v)) {
    case 'bool':
    case 'int':
    case 'string':
      return String(v);
    case 'uint':
      return String((v as UnsignedInt).valueOf());
    case 'double':
      return specialDouble(v as number) ?? formatGoShortestFixed(v as number);
    case 'bytes':
      return decodeUtf8(v as Uint8Array);
    case 'duration': {
      const d = v as Duration;
      return `${formatGoShortestFixed(Number(d.seconds) + d.nanos / 1e9)}s`;
    }
    case 'timestamp':
      return formatRfc3339Nano(v as Date);
    case 'null':
      return 'null';
    case 'type':
      return (v as { name: string }).name;
    case 'list':
      return `[${listItems(v as unknown[]).map(formatAsString).join(', ')}]`;
    case 'map': {
      const entries = mapEntries(v as Record<string, unknown>).map(([k, val]) => [formatAsString(k), formatAsString(val)] as const);
      entries.sort((a, b) => compareStrings(a[0], b[0]));
      return `{${entries.map(([k, val]) => `${k}: ${val}`).join(', ')}}`;
    }
    default:
      throw celError(stringClauseError(celTypeName(v)));
  }
}

const stringClauseError = (t: string): string =>
  `string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given ${t}`;

const CLAUSES: Record<string, { kinds: readonly Kind[]; error: (t: string) => string }> = {
  s: { kinds: ['list', 'map', 'int', 'uint', 'double', 'bool', 'string', 'timestamp', 'bytes', 'duration', 'type', 'null'], error: stringClauseError },
  d: { kinds: ['int', 'uint', 'double'], error: (t) => `decimal clause can only be used on ints, uints, and doubles, was given ${t}` },
  f: { kinds: ['int', 'uint', 'double'], error: (t) => `fixed-point clause can only be used on ints, uints, and doubles, was given ${t}` },
  e: { kinds: ['int', 'uint', 'double'], error: (t) => `scientific clause can only be used on ints, uints, and doubles, was given ${t}` },
  b: { kinds: ['bool', 'int', 'uint'], error: (t) => `only ints, uints, and bools can be formatted as binary, was given ${t}` },
  x: { kinds: ['int', 'uint', 'string', 'bytes'], error: (t) => `only ints, uints, bytes, and strings can be formatted as hex, was given ${t}` },
  o: { kinds: ['int', 'uint'], error: (t) => `octal clause can only be used on ints and uints, was given ${t}` },
};

function toHex(v: unknown, upper: boolean): string {
  let out: string;
  if (typeof v === 'bigint') out = v.toString(16);
  else if (v instanceof UnsignedInt) out = v.valueOf().toString(16);
  else {
    const bytes = typeof v === 'string' ? encodeUtf8(v) : (v as Uint8Array);
    out = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return upper ? out.toUpperCase() : out;
}

function numberOf(v: unknown): number {
  return typeof v === 'number' ? v : Number(v instanceof UnsignedInt ? v.valueOf() : (v as bigint));
}

/** Runs one clause on a run-time value. */
function runClause(verb: string, precision: number, v: unknown): string {
  const clause = CLAUSES[verb.toLowerCase()]!;
  const kind = kindOfValue(v);
  if (!clause.kinds.includes(kind)) throw new FormatError(clause.error(celTypeName(v)), 'error during formatting');
  switch (verb) {
    case 's':
      return formatAsString(v);
    case 'd':
      return kind === 'double' ? (specialDouble(v as number) ?? formatGoShortestFixed(v as number)) : String(kind === 'uint' ? (v as UnsignedInt).valueOf() : v);
    case 'f':
      return (kind === 'double' && specialDouble(v as number)) || formatGoFixed(numberOf(v), precision);
    case 'e':
      return (kind === 'double' && specialDouble(v as number)) || formatGoExponent(numberOf(v), precision);
    case 'b':
      return kind === 'bool' ? (v ? '1' : '0') : (kind === 'uint' ? (v as UnsignedInt).valueOf() : (v as bigint)).toString(2);
    case 'o':
      return (kind === 'uint' ? (v as UnsignedInt).valueOf() : (v as bigint)).toString(8);
    default:
      return toHex(v, verb === 'X');
  }
}

class FormatError extends Error {
  constructor(
    readonly detail: string,
    readonly prefix?: string,
  ) {
    super(prefix ? `${prefix}: ${detail}` : detail);
  }
}

interface FormatArgs {
  size: number;
  arg(index: number): ClauseArg | undefined;
}

/** cel-go's `parseFormatStringV2`, with `clause` doing either the check or the formatting. */
function parseFormat(format: string, args: FormatArgs, clause: (verb: string, precision: number, arg: ClauseArg) => string): { text: string; used: number } {
  let out = '';
  let argIndex = 0;
  let used = 0;
  let i = 0;
  while (i < format.length) {
    if (format[i] !== '%') {
      out += format[i];
      i++;
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const arg = args.arg(argIndex);
    used++;
    if (i + 1 >= format.length) throw new FormatError('unexpected end of string');
    if (argIndex >= args.size || !arg) throw new FormatError(`index ${argIndex} out of range`);
    let j = i + 1;
    let precision = DEFAULT_PRECISION;
    if (format[j] === '.') {
      j++;
      const start = j;
      while (j < format.length && format[j]! >= '0' && format[j]! <= '9') j++;
      if (j >= format.length) throw new FormatError('error while parsing precision: could not find end of precision specifier', 'could not parse formatting clause');
      const digits = format.slice(start, j);
      if (digits === '') {
        throw new FormatError('error while parsing precision: error while converting precision to integer: strconv.Atoi: parsing "": invalid syntax', 'could not parse formatting clause');
      }
      precision = Number(digits);
    }
    const verb = String.fromCodePoint(format.codePointAt(j)!);
    if (!'sdfebxXo'.includes(verb)) throw new FormatError(`unrecognized formatting clause "${verb}"`, 'could not parse formatting clause');
    out += clause(verb, precision, arg);
    i = j + verb.length;
    argIndex++;
  }
  return { text: out, used };
}

/** Formats at run time; errors carry cel-go's messages. */
export function formatString(format: string, list: unknown): string {
  const items = isCelList(list) ? listItems(list) : [];
  const args: FormatArgs = {
    size: items.length,
    arg: (i) => {
      if (i >= items.length) throw new FormatError(`index ${i} out of range`);
      return { kind: kindOfValue(items[i]), typeName: celTypeName(items[i]), value: items[i] };
    },
  };
  try {
    return parseFormat(format, args, (verb, precision, arg) => runClause(verb, precision, arg.value)).text;
  } catch (e) {
    if (e instanceof FormatError) throw celError(e.message);
    throw e;
  }
}

function describe(checker: CelChecker, node: AstNode): ClauseArg {
  const t = node.checkedType!;
  const children = node.op === 'list'
    ? (node.args as AstNode[]).map((n) => describe(checker, n))
    : node.op === 'map'
      ? (node.args as Array<[AstNode, AstNode]>).flatMap(([k, v]) => [describe(checker, k), describe(checker, v)])
      : undefined;
  return { kind: kindOfDecl(t), typeName: celGoTypeNameOfDecl(t), ...(children ? { children } : {}) };
}

function checkClause(verb: string, arg: ClauseArg): string {
  const clause = CLAUSES[verb.toLowerCase()]!;
  const bad = (a: ClauseArg): ClauseArg | undefined => {
    if (a.kind !== 'dyn' && !clause.kinds.includes(a.kind)) return a;
    if (verb === 's') for (const c of a.children ?? []) if (bad(c)) return bad(c);
    return undefined;
  };
  const b = bad(arg);
  if (b) throw new FormatError(clause.error(b.typeName), 'error during formatting');
  return '';
}

/** cel-go's format validator: a literal format string with a list literal is checked when the expression is. */
function validateLiteralFormat(checker: CelChecker, call: AstNode, format: string, list: AstNode): void {
  const elements = (list.args as AstNode[]).map((n) => describe(checker, n));
  try {
    const { used } = parseFormat(format, { size: elements.length, arg: (i) => elements[i] }, (verb, _p, arg) => checkClause(verb, arg));
    if (elements.length > used) {
      throw new FormatError(`too many arguments supplied to string.format (expected ${used}, got ${elements.length})`);
    }
  } catch (e) {
    if (e instanceof FormatError) throw checker.createError('invalid_format', e.message, call);
    throw e;
  }
}

/** The `format` member function as a macro, so literal calls are validated during type checking. */
export const formatMacro: CelMacroDef = {
  name: 'format',
  library: 'ext.strings',
  description: 'Formats values into a string: %s, %d, %f, %e (optional .precision), %b, %x, %X, %o; %% is a percent sign.',
  example: `"%s has %d replicas (%.1f%%)".format(["web", 3, 42.5]) // "web has 3 replicas (42.5%)"`,
  receiver: 'string',
  forms: [{ params: [['args', 'list<dyn>']], returns: 'string' }],
  expand: ({ ast, args, receiver }) => {
    const listAst = args[0]!;
    return {
      async: false,
      typeCheck(checker, _m, scope) {
        const rt = checker.check(receiver!, scope);
        const lt = checker.check(listAst, scope);
        const okReceiver = rt.kind === 'dyn' || rt.name === 'string';
        const okList = lt.kind === 'dyn' || lt.kind === 'list';
        if (!okReceiver || !okList) {
          throw checker.createError('no_matching_overload', `found no matching overload for '${checker.formatType(rt)}.format(${checker.formatType(lt)})'`, ast);
        }
        if (receiver!.op === 'value' && typeof receiver!.args === 'string' && listAst.op === 'list') {
          validateLiteralFormat(checker, ast, receiver!.args, listAst);
        }
        return checker.getType('string');
      },
      evaluate(evaluator, _m, scope) {
        const format = evaluator.run(receiver!, scope);
        const list = evaluator.run(listAst, scope);
        if (typeof format !== 'string' || !isCelList(list)) {
          throw evaluator.createError('no_matching_overload', `found no matching overload for 'format'`, ast);
        }
        return formatString(format, list);
      },
    };
  },
};
