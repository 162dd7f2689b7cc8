import { goQuote } from '../../simpleschema/goStrconv.js';
import { AST_OPS, macroParseError, type AstNode, type MacroInput, type MacroResult } from './celJsInternals.js';
import { fn, overload, type CelLibrary, type CelMacroDef } from './CelFunctionDef.js';
import { celError, celTypeName, isCelList, isCelMap, listItems, mapEntries, mapGet, type CelMap } from './celValues.js';

/**
 * kro's `runtime` library for custom status conditions (`pkg/cel/library/runtime.go`): the `runtime` variable,
 * `runtime.newCondition({type, status, reason, message})` (a parse-time macro that insists on a map literal with
 * bare identifier keys) and `runtime.condition(obj, type)`.
 */

export const RUNTIME_TYPE = 'kro.run.Runtime';
export const CONDITION_TYPE = 'kro.run.Condition';

/** The value of the `runtime` variable. */
export class KroRuntime {
  readonly celTypeName = RUNTIME_TYPE;
}

/** The single `runtime` value. */
export const KRO_RUNTIME = new KroRuntime();

/** A `kro.run.Condition` value: fields `type`, `status`, `reason`, `message`. */
export class KroCondition {
  readonly celTypeName = CONDITION_TYPE;
  constructor(
    readonly type: string,
    readonly status: string,
    readonly reason: string,
    readonly message: string,
  ) {}

  celEquals(other: unknown): boolean {
    return other instanceof KroCondition && other.type === this.type && other.status === this.status && other.reason === this.reason && other.message === this.message;
  }
}

const KEYS = ['type', 'status', 'reason', 'message'] as const;
const STATUSES = new Set(['True', 'False', 'Unknown']);

function newCondition(_runtime: unknown, map: CelMap): KroCondition {
  const fields: Record<string, string> = { type: '', status: '', reason: '', message: '' };
  for (const [k, v] of mapEntries(map)) {
    if (typeof v !== 'string') throw celError(`runtime.newCondition: ${String(k)} must be a string, got ${celTypeName(v)}`);
    if (k === 'type' && v === '') throw celError('runtime.newCondition: type must not be empty');
    if (k === 'status' && !STATUSES.has(v)) throw celError(`runtime.newCondition: status must be one of True, False, Unknown (got ${goQuote(v)})`);
    if (typeof k === 'string' && k in fields) fields[k] = v;
  }
  return new KroCondition(fields.type!, fields.status!, fields.reason!, fields.message!);
}

function readString(m: CelMap, key: string): string {
  const v = mapGet(m, key);
  return typeof v === 'string' ? v : '';
}

function condition(_runtime: unknown, obj: unknown, wanted: string): KroCondition {
  if (!isCelMap(obj)) throw celError(`runtime.condition: obj must be an object, got ${celTypeName(obj)}`);
  const status = mapGet(obj, 'status');
  if (status === undefined) return new KroCondition('', '', '', '');
  if (!isCelMap(status)) throw celError('runtime.condition: obj.status must be an object');
  const conditions = mapGet(status, 'conditions');
  if (conditions === undefined) return new KroCondition('', '', '', '');
  if (!isCelList(conditions)) throw celError('runtime.condition: obj.status.conditions must be a list');
  const parsed = listItems(conditions).map((c) => {
    if (c instanceof KroCondition) return c;
    if (isCelMap(c)) return new KroCondition(readString(c, 'type'), readString(c, 'status'), readString(c, 'reason'), readString(c, 'message'));
    throw celError(`runtime.condition: unexpected condition element type ${celTypeName(c)}`);
  });
  return parsed.find((c) => c.type === wanted) ?? new KroCondition('', '', '', '');
}

function macroError(node: AstNode, message: string): Error {
  return macroParseError(node, `runtime.newCondition: ${message}`);
}

/** kro's `newConditionMacro`: validates the literal and rewrites bare keys to string keys. */
function expandNewCondition({ ast, args, receiver }: MacroInput): MacroResult {
  let arg = args[0]!;
  if (receiver && receiver.op === 'id' && receiver.args === 'runtime') {
    if (arg.op !== 'map') throw macroError(arg, 'argument must be a map literal');
    const seen = new Set<string>();
    const entries = (arg.args as Array<[AstNode, AstNode]>).map(([key, value]) => {
      if (key.op !== 'id') throw macroError(key, 'keys must be bare identifiers (type, status, reason, message); quoted or computed keys are not allowed');
      const name = key.args as string;
      if (!(KEYS as readonly string[]).includes(name)) throw macroError(key, `unknown key ${goQuote(name)} (allowed: type, status, reason, message)`);
      if (seen.has(name)) throw macroError(key, `duplicate key ${goQuote(name)}`);
      seen.add(name);
      return [key.clone(AST_OPS.value, name), value];
    });
    if (!seen.has('type')) throw macroError(arg, "'type' is required");
    if (!seen.has('status')) throw macroError(arg, "'status' is required");
    arg = arg.clone(AST_OPS.map, entries);
  }
  return { callAst: ast.clone(AST_OPS.rcall, ['@newCondition', receiver, [arg]]) };
}

const newConditionMacro: CelMacroDef = {
  name: 'newCondition',
  library: 'kro.runtime',
  description: 'A custom status condition; a map literal with keys type and status (required), reason, message. status is True, False or Unknown.',
  example: `runtime.newCondition({type: "DatabaseReady", status: db.status.ready ? "True" : "False", reason: "Provisioned"})`,
  receiver: RUNTIME_TYPE,
  forms: [{ params: [['fields', 'map<string, string>']], returns: CONDITION_TYPE }],
  expand: expandNewCondition,
  feature: 'runtime',
};

/** The runtime library (enabled for `status.conditions` expressions). */
export const runtimeLibrary: CelLibrary = {
  functions: [
    fn('@newCondition', 'kro.runtime', 'runtime.newCondition after macro expansion.', '', [
      overload(RUNTIME_TYPE, [['fields', 'map<string, string>']], CONDITION_TYPE, (r: unknown, m: CelMap) => newCondition(r, m)),
    ], { feature: 'runtime' }),
    fn(
      'condition',
      'kro.runtime',
      'The condition of the given type in obj.status.conditions, or an empty condition. Fields: type, status, reason, message.',
      `runtime.condition(database, "Ready").status == "True"`,
      [overload(RUNTIME_TYPE, [['obj', 'dyn'], ['type', 'string']], CONDITION_TYPE, (r: unknown, o: unknown, t: string) => condition(r, o, t))],
      { feature: 'runtime' },
    ),
  ],
  macros: [newConditionMacro],
  types: [
    { name: RUNTIME_TYPE, ctor: KroRuntime, feature: 'runtime' },
    { name: CONDITION_TYPE, ctor: KroCondition, fields: { type: 'string', status: 'string', reason: 'string', message: 'string' }, feature: 'runtime' },
  ],
  constants: [
    { name: 'runtime', type: RUNTIME_TYPE, value: KRO_RUNTIME, description: 'Custom status conditions (status.conditions expressions only).', feature: 'runtime' },
  ],
  operators: [{ signature: `${CONDITION_TYPE} == ${CONDITION_TYPE}`, handler: (a: KroCondition, b: KroCondition) => a.celEquals(b), feature: 'runtime' }],
};
