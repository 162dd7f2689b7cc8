import { goQuote } from '../../simpleschema/goStrconv.js';
import { BOOL_TYPE, celTypeOfDecl, formatCelType, optionalType, type CelType } from './CelType.js';
import type { DeclType } from './DeclType.js';
import type { ResolvedDecl, TypeUniverse } from './TypeUniverse.js';

/** Resolves kro type names for the struct rules (kro's `resolveDeclTypeFromPath`). */
export type CompatResolver = Pick<TypeUniverse, 'resolveForCompat'>;

/** cel-go's kind of a type; optional types and library opaque types share `opaque`. */
function kindOf(t: CelType): string {
  switch (t.kind) {
    case 'optional':
    case 'opaque':
      return 'opaque';
    case 'object':
      return 'struct';
    default:
      return t.kind;
  }
}

/** cel-go's type name: what `Type.TypeName()` returns (parameters excluded). */
function typeNameOf(t: CelType): string {
  switch (t.kind) {
    case 'optional':
      return 'optional_type';
    case 'object':
    case 'opaque':
      return t.name;
    default:
      return t.kind;
  }
}

function paramsOf(t: CelType): readonly CelType[] {
  switch (t.kind) {
    case 'list':
      return [t.elem];
    case 'map':
      return [t.key, t.value];
    case 'optional':
      return [t.value];
    default:
      return [];
  }
}

/**
 * cel-go's `expected.IsAssignableType(output)`: `dyn` accepts everything; otherwise kind, type name and parameter
 * count must agree and every parameter be assignable. Nothing else is: a `dyn` output is not assignable to `bool`,
 * which is why kro rejects `dyn` where it needs a bool or a list.
 */
export function isAssignableType(expected: CelType, output: CelType): boolean {
  if (expected === output || expected.kind === 'dyn') return true;
  if (kindOf(expected) !== kindOf(output) || typeNameOf(expected) !== typeNameOf(output)) return false;
  const ep = paramsOf(expected);
  const op = paramsOf(output);
  return ep.length === op.length && ep.every((p, i) => isAssignableType(p, op[i]!));
}

/** kro's check for includeWhen/readyWhen results: exactly `bool` or `optional_type(bool)`. */
export function isBoolOrOptionalBool(t: CelType): boolean {
  return isAssignableType(BOOL_TYPE, t) || isAssignableType(optionalType(BOOL_TYPE), t);
}

/** kro's `ListElementType`: the element type of a list type, or undefined for anything else (`dyn` included). */
export function listElementType(t: CelType): CelType | undefined {
  return t.kind === 'list' ? t.elem : undefined;
}

/**
 * kro's structural compatibility (`AreTypesStructurallyCompatible`, pkg/cel/compatibility.go), quirks included:
 * `dyn` on either side passes; an optional output is unwrapped; lists and maps compare their parameters (a map
 * output against a list compares its key type); a struct output must be a subset of the expected struct; a map
 * output into a struct needs string keys and a value type compatible with *every* expected field; a struct output
 * into a map needs every field compatible with the value type; anything else must be of the same kind. Struct
 * fields are found by resolving type names as kro does, and whatever cannot be resolved is accepted.
 *
 * Returns undefined when compatible, else kro's explanation.
 */
export function structuralIncompatibility(output: CelType, expected: CelType, resolver: CompatResolver): string | undefined {
  if (expected.kind === 'dyn' || output.kind === 'dyn') return undefined;
  if (output.kind === 'optional') return structuralIncompatibility(output.value, expected, resolver);
  if (expected.kind === 'object' && output.kind === 'map') return mapIntoStruct(output, expected, resolver);
  if (expected.kind === 'map' && output.kind === 'object') return structIntoMap(output, expected, resolver);
  if (expected.kind === 'list') return parameters(output, expected, 1, 'list', resolver);
  if (expected.kind === 'map') return parameters(output, expected, 2, 'map', resolver);
  if (expected.kind === 'object') return structIntoStruct(output, expected, resolver);
  if (kindOf(output) !== kindOf(expected)) {
    return `type kind mismatch: got ${goQuote(formatCelType(output))}, expected ${goQuote(formatCelType(expected))}`;
  }
  return undefined;
}

function parameters(output: CelType, expected: CelType, count: 1 | 2, what: 'list' | 'map', resolver: CompatResolver): string | undefined {
  const op = paramsOf(output);
  const ep = paramsOf(expected);
  if (op.length < count || ep.length < count) {
    return op.length !== ep.length ? `${what} parameter count mismatch: got ${op.length}, expected ${ep.length}` : undefined;
  }
  if (what === 'list') {
    const err = structuralIncompatibility(op[0]!, ep[0]!, resolver);
    return err === undefined ? undefined : `list element type incompatible: ${err}`;
  }
  const keyErr = structuralIncompatibility(op[0]!, ep[0]!, resolver);
  if (keyErr !== undefined) return `map key type incompatible: ${keyErr}`;
  const valueErr = structuralIncompatibility(op[1]!, ep[1]!, resolver);
  return valueErr === undefined ? undefined : `map value type incompatible: ${valueErr}`;
}

interface Named {
  readonly resolved: ResolvedDecl;
  readonly name: string;
}

function resolveNamed(t: CelType, resolver: CompatResolver): Named | undefined {
  const name = formatCelType(t);
  const resolved = resolver.resolveForCompat(name);
  return resolved ? { resolved, name } : undefined;
}

function declOf(n: Named): DeclType | undefined {
  return 'decl' in n.resolved ? n.resolved.decl : undefined;
}

/** Declared fields with the kro names of their types; undefined when the type has no field table (kro's nil Fields). */
function fieldsOf(n: Named): Array<[string, CelType]> | undefined {
  const decl = declOf(n);
  if (decl?.kind !== 'object') return undefined;
  return [...decl.fields().values()].map((f) => [f.name, celTypeOfDecl(f.type, `${n.name}.${f.name}`)]);
}

function preservesUnknown(n: Named): boolean {
  const decl = declOf(n);
  return (decl?.kind === 'object' || decl?.kind === 'map') && decl.preserveUnknown;
}

function structIntoStruct(output: CelType, expected: CelType, resolver: CompatResolver): string | undefined {
  const e = resolveNamed(expected, resolver);
  const o = resolveNamed(output, resolver);
  if (!e || !o) return undefined;
  if (preservesUnknown(e)) return undefined;
  const outputFields = fieldsOf(o);
  if (!outputFields) return undefined;
  const expectedFields = fieldsOf(e);
  if (!expectedFields) return outputFields.length > 0 ? 'output has fields but expected type has none' : undefined;
  const byName = new Map(expectedFields);
  for (const [name, type] of outputFields) {
    const want = byName.get(name);
    if (!want) return `field ${goQuote(name)} exists in output but not in expected type`;
    const err = structuralIncompatibility(type, want, resolver);
    if (err !== undefined) return `field ${goQuote(name)} has incompatible type: ${err}`;
  }
  return undefined;
}

function mapIntoStruct(output: Extract<CelType, { kind: 'map' }>, expected: CelType, resolver: CompatResolver): string | undefined {
  const e = resolveNamed(expected, resolver);
  const fields = e && fieldsOf(e);
  if (!fields) return undefined;
  if (output.key.kind !== 'string') return 'map keys must be strings to assign to struct';
  for (const [name, type] of fields) {
    const err = structuralIncompatibility(output.value, type, resolver);
    if (err !== undefined) return `map value incompatible with struct field ${goQuote(name)}: ${err}`;
  }
  return undefined;
}

function structIntoMap(output: CelType, expected: Extract<CelType, { kind: 'map' }>, resolver: CompatResolver): string | undefined {
  const o = resolveNamed(output, resolver);
  const fields = o && fieldsOf(o);
  if (!fields) return undefined;
  if (expected.key.kind !== 'string') return 'map key type must be string when assigning struct → map';
  for (const [name, type] of fields) {
    const err = structuralIncompatibility(type, expected.value, resolver);
    if (err !== undefined) return `struct field ${goQuote(name)} incompatible with map value type: ${err}`;
  }
  return undefined;
}

/**
 * The template rule of kro's `validateExpressionType`: assignable, or structurally compatible. Returns undefined
 * when the output fits, else the detail kro appends to its type-mismatch message (empty when it has none).
 */
export function typeMismatch(output: CelType, expected: CelType, resolver: CompatResolver): string | undefined {
  if (isAssignableType(expected, output)) return undefined;
  return structuralIncompatibility(output, expected, resolver);
}
