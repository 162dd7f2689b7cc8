import type { ASTNode, Environment } from '@marcbachmann/cel-js';
import { TYPED_ENVIRONMENT_OPTIONS } from './createBaseEnvironment.js';
import type { CelType } from './CelType.js';
import { aliasOf, aliasShadowedIdentifiers } from './aliasShadowedIdentifiers.js';
import { collectNames, type ExpressionNames } from './collectNames.js';
import { isNamespacedFunction } from '../library/namespacedFunctions.js';
import { CEL_RESERVED_WORDS } from './escapeFieldName.js';
import type { DeclType } from './DeclType.js';
import { parseCelJsType } from './parseCelJsType.js';
import { CANONICAL_NAME_PATTERN, CELJS_LIST_SEGMENT, CELJS_MAP_SEGMENT, type TypeUniverse } from './TypeUniverse.js';

/** A variable of a typed environment. */
export interface EnvVariable {
  readonly name: string;
  /** Its type in cel-js notation with canonical names (`__kro3`, `list<__kro3>`, `__type_schema`, `string`). */
  readonly celJsType: string;
  /** Its type as kro names it, for scope listings. */
  readonly type: CelType;
  /** The declaration type behind it and the canonical name it is reached under, to pre-register what expressions use. */
  readonly guide?: { readonly decl: DeclType; readonly canonicalName: string };
  /** kro's names for the canonical roots its type mentions (`__kro3` → `__type_web`, or `__type_web.@idx` for a collection). */
  readonly display: ReadonlyMap<string, string>;
}

/** The outcome of checking one CEL text. */
export type TypedCheck =
  | {
      readonly ok: true;
      readonly type: CelType;
      /** The same type as cel-js spells it, canonical names included (to declare variables of that type). */
      readonly celJsType: string;
      readonly names: ExpressionNames;
      /** The canonical-to-kro name map used for this expression. */
      readonly display: ReadonlyMap<string, string>;
    }
  | { readonly ok: false; readonly error: CelJsError; readonly names?: ExpressionNames; readonly display: ReadonlyMap<string, string> };

/** The parts of a cel-js error this module reads (its public `ParseError`/`TypeError` fields). */
export interface CelJsError {
  readonly name: string;
  readonly code: string;
  readonly summary: string;
  readonly range?: { readonly start: number; readonly end: number };
  readonly node?: ASTNode;
}

/** One cel-js environment with lazily declared object types; see {@link createTypedEnvironment}. */
export interface TypedEnvironment {
  readonly variables: ReadonlyMap<string, EnvVariable>;
  /** Parses and type-checks a CEL text. Never throws for user input. */
  check(source: string): TypedCheck;
  /** The canonical-name-to-kro-name map for an expression that references these identifiers. */
  displayFor(identifiers: readonly string[]): ReadonlyMap<string, string>;
  /** Field names (and reserved-word aliases) of the object type cel-js calls `celJsTypeName`, for suggestions. */
  fieldNamesOf(celJsTypeName: string): readonly string[];
  /** Whether any overload of function `name` is declared (`startsWith`, `base64.encode`). */
  isFunction(name: string): boolean;
}

const UNDECLARABLE: ReadonlySet<string> = new Set([...CEL_RESERVED_WORDS, '__proto__', 'prototype']);

/** Bounds the declare-and-retry loop; each round declares at least one new type, so real expressions need few. */
const MAX_ROUNDS = 64;

/** All lazily declared types share one constructor: these environments type-check, they never evaluate objects. */
class TypedObject {}

/**
 * Clones `base` and declares `variables`. Object types are declared with cel-js only when an expression reaches
 * them: before checking, the types along the fields the expression selects are declared; if the checker still
 * stops at an undeclared type (or at `==` between two objects, which cel-js only knows per type), that type is
 * declared and the check runs again. Fallback display names (`fallbackDisplay`) apply to canonical roots that no
 * referenced variable names. `openFieldNames` are the field names any expression may select: objects that keep
 * unknown fields get them as `dyn` fields next to their declared ones.
 */
export function createTypedEnvironment(
  base: Environment,
  universe: TypeUniverse,
  variables: readonly EnvVariable[],
  fallbackDisplay: ReadonlyMap<string, string>,
  openFieldNames: ReadonlySet<string> = new Set(),
): TypedEnvironment {
  const env = base.clone(TYPED_ENVIRONMENT_OPTIONS);
  // cel-js refuses reserved words and repeated names as variables; kro's naming rules reject them earlier anyway.
  const byName = new Map<string, EnvVariable>();
  for (const v of variables) if (!UNDECLARABLE.has(v.name) && !byName.has(v.name)) byName.set(v.name, v);
  variables = [...byName.values()];
  const declared = new Set<string>();
  const equality = new Set<string>();
  // Large graphs repeat expressions (`schema.spec.name` in every resource); a result never changes within one environment.
  const memo = new Map<string, TypedCheck>();

  // cel-js only accepts a variable whose type it already knows by name; one holder type makes every root name known
  // without declaring the roots themselves.
  const holder: Record<string, string> = Object.create(null) as Record<string, string>;
  variables.forEach((v, i) => (holder[`v${i}`] = v.celJsType));
  if (variables.length > 0) env.registerType('__kro_holder', { ctor: TypedObject, fields: holder });
  // Names cel-js already holds (its type constants `string`, `int`, `list`…) are declared under an alias; see aliasOf.
  const shadowed = new Set(variables.filter((v) => env.hasVariable(v.name)).map((v) => v.name));
  for (const v of variables) env.registerVariable(shadowed.has(v.name) ? aliasOf(v.name) : v.name, v.celJsType);

  function declare(name: string): boolean {
    if (declared.has(name)) return false;
    const decl = universe.resolveCanonical(name);
    if (decl?.kind !== 'object') return false;
    declared.add(name);
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const f of decl.fields().values()) {
      const type = universe.celJsTypeOf(f.type, `${name}.${f.name}`);
      fields[f.name] = type;
      if (CEL_RESERVED_WORDS.has(f.property)) fields[f.property] = type;
    }
    if (decl.preserveUnknown) {
      // cel-js has no "other fields are dyn": such an object lists every field name the graph's expressions select.
      if (decl.fields().size === 0) {
        env.registerType(name, { ctor: TypedObject });
        return true;
      }
      for (const member of openFieldNames) if (!(member in fields)) fields[member] = 'dyn';
    }
    env.registerType(name, { ctor: TypedObject, fields });
    return true;
  }

  function declareAlong(decl: DeclType, name: string, members: ReadonlySet<string>, depth: number): void {
    switch (decl.kind) {
      case 'list':
        declareAlong(decl.elem, `${name}.${CELJS_LIST_SEGMENT}`, members, depth);
        return;
      case 'map':
        declareAlong(decl.value, `${name}.${CELJS_MAP_SEGMENT}`, members, depth);
        return;
      case 'object':
        declare(name);
        if (depth <= 0) return;
        for (const f of decl.fields().values()) {
          if (members.has(f.name) || members.has(f.property)) declareAlong(f.type, `${name}.${f.name}`, members, depth - 1);
        }
        return;
      default:
    }
  }

  /** Declares what a failed check stopped at; true when anything new was declared. */
  function repair(error: CelJsError): boolean {
    let progress = false;
    for (const match of error.summary.matchAll(CANONICAL_NAME_PATTERN)) progress = declare(match[0]) || progress;
    if (progress) return true;
    const eq = /^no such overload: (\S+) (?:==|!=) (\S+)$/.exec(error.summary);
    if (!eq) return false;
    const [left, right] = [eq[1]!, eq[2]!];
    // cel-go compares any two values of one struct type, and structs, timestamps and durations with null.
    if (left === right && isObjectName(left)) return declareEquality(left, left);
    if (right === 'null' && isNullable(left)) return declareEquality(left, 'null');
    if (left === 'null' && isNullable(right)) return declareEquality(right, 'null');
    return false;
  }

  function isObjectName(name: string): boolean {
    return universe.resolveCanonical(name)?.kind === 'object';
  }

  function isNullable(name: string): boolean {
    return isObjectName(name) || name === 'google.protobuf.Timestamp' || name === 'google.protobuf.Duration';
  }

  function declareEquality(left: string, right: string): boolean {
    const signature = `${left} == ${right}`;
    if (equality.has(signature)) return false;
    equality.add(signature);
    env.registerOperator(signature, (a: unknown, b: unknown) => a === b);
    return true;
  }

  function displayFor(identifiers: readonly string[]): ReadonlyMap<string, string> {
    const display = new Map<string, string>();
    for (const id of identifiers) {
      for (const [canonical, shown] of byName.get(id)?.display ?? []) if (!display.has(canonical)) display.set(canonical, shown);
    }
    for (const [canonical, shown] of fallbackDisplay) if (!display.has(canonical)) display.set(canonical, shown);
    return display;
  }

  function toCelType(celJsType: string, display: ReadonlyMap<string, string>): CelType {
    return parseCelJsType(celJsType, (name) => ({ kind: 'object', name: universe.toKroName(name, display) }));
  }

  let functionNames: Set<string> | undefined;

  return {
    variables: byName,
    displayFor,
    isFunction(name) {
      functionNames ??= new Set(env.getDefinitions().functions.map((f) => f.name));
      return functionNames.has(name);
    },
    fieldNamesOf(celJsTypeName) {
      const decl = universe.resolveCanonical(celJsTypeName);
      if (decl?.kind !== 'object') return [];
      const names: string[] = [];
      for (const f of decl.fields().values()) names.push(f.name, ...(CEL_RESERVED_WORDS.has(f.property) ? [f.property] : []));
      return names;
    },
    check(source) {
      let known = memo.get(source);
      if (!known) memo.set(source, (known = checkOnce(source)));
      return known;
    },
  };

  function checkOnce(source: string): TypedCheck {
    {
      let names: ExpressionNames | undefined;
      let display: ReadonlyMap<string, string> = fallbackDisplay;
      for (let round = 0; ; round++) {
        let parsed: ReturnType<Environment['parse']>;
        let original: ReturnType<Environment['parse']>;
        try {
          parsed = original = env.parse(source);
          const aliased = shadowed.size > 0 ? aliasShadowedIdentifiers(source, parsed.ast, shadowed, isNamespacedFunction) : undefined;
          if (aliased !== undefined) parsed = env.parse(aliased);
        } catch (e) {
          return { ok: false, error: asCelJsError(e), display };
        }
        if (!names) {
          names = collectNames(original.ast);
          display = displayFor(names.identifiers);
          for (const id of names.identifiers) {
            const guide = byName.get(id)?.guide;
            if (guide) declareAlong(guide.decl, guide.canonicalName, names.members, names.selections + 1);
          }
        }
        const result = parsed.check();
        if (result.valid) {
          const celJsType = result.type ?? 'dyn';
          return { ok: true, type: toCelType(celJsType, display), celJsType, names, display };
        }
        const error = asCelJsError(result.error);
        if (round >= MAX_ROUNDS || !repair(error)) return { ok: false, error, names, display };
      }
    }
  }
}

function asCelJsError(e: unknown): CelJsError {
  if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const err = e as Error & { code: string; summary?: string; range?: { start: number; end: number }; node?: ASTNode };
    return {
      name: err.name,
      code: err.code,
      summary: err.summary ?? err.message,
      ...(err.range ? { range: err.range } : {}),
      ...(err.node ? { node: err.node } : {}),
    };
  }
  // Anything else escaping cel-js is a bug in it or in a library function's checker; report it on the whole text.
  return { name: 'Error', code: 'internal', summary: e instanceof Error ? e.message : String(e) };
}
