import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { defaultSeverity } from '../diagnostics/codes.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { closestName } from '../suggest/closestName.js';
import { applyMarkers } from './applyMarkers.js';
import { locate, spanOf, type FieldNode, type StructNode } from './parseSchemaTree.js';
import { ATOMIC_TYPE_NAMES, type TypeExpr } from './parseTypeExpression.js';

/** A custom type after it was built (or failed to build). */
export interface ResolvedType {
  /** Undefined when the type could not be built; fields using it are left out without a second diagnostic. */
  readonly schema?: OpenApiSchema;
  /** An alias declared with `required=true`: every field of this type is required in its parent. */
  readonly required: boolean;
  /** The alias has a default kro keeps but that is not valid JSON (counts for `default: {}` bubbling). */
  readonly unrepresentableDefault: boolean;
}

export interface BuildContext {
  /** Custom types built so far (all of them once `schema.types` is loaded). */
  readonly types: ReadonlyMap<string, ResolvedType>;
  /** Every name declared under `schema.types`, built or not. */
  readonly declared: ReadonlySet<string>;
  /** True while building `schema.types`, where unknown names were already reported by the type graph. */
  readonly inTypes: boolean;
  /** Dotted path of `schema.types`, for hints. */
  readonly typesPath: string;
  readonly diagnostics: Diagnostic[];
}

/** A successfully built field. */
export interface BuiltField {
  readonly schema: OpenApiSchema;
  readonly requiredCount: number;
  readonly hasDefault: boolean;
}

/**
 * Builds an object schema as kro's `buildSchema` does (`pkg/simpleschema/transform.go`): `{type: object,
 * properties}`; `required` sorted (byte order, duplicates kept); `default: {}` when no field is required and at least
 * one direct field has a default. Failed fields are left out and do not count. `properties` is omitted when empty,
 * as it is in the serialised CRD kro applies.
 */
export function buildObjectSchema(struct: StructNode, ctx: BuildContext): OpenApiSchema {
  const properties: Record<string, OpenApiSchema> = {};
  const required: string[] = [];
  let childHasDefault = false;
  for (const field of struct.fields) {
    const built = buildField(field, ctx);
    if (!built) continue;
    setOwn(properties, field.name, built.schema);
    for (let i = 0; i < built.requiredCount; i++) required.push(field.name);
    if (built.hasDefault) childHasDefault = true;
  }
  const schema: OpenApiSchema = { type: 'object' };
  if (Object.keys(properties).length > 0) schema.properties = properties;
  if (required.length > 0) schema.required = required.sort(compareGoStrings);
  else if (childHasDefault) schema.default = {};
  return schema;
}

function buildField(field: FieldNode, ctx: BuildContext): BuiltField | undefined {
  switch (field.kind) {
    case 'invalid':
      return undefined;
    case 'struct': {
      const schema = buildObjectSchema(field.struct, ctx);
      return { schema, requiredCount: 0, hasDefault: schema.default !== undefined };
    }
    case 'string':
      return buildStringField(field, ctx);
  }
}

/**
 * kro's `buildFieldFromString`: resolve the type (custom types are deep-copied), add the field to its parent's
 * `required` when it uses an alias declared `required=true`, then apply the markers on top. Any error leaves the
 * field out; warnings do not.
 */
export function buildStringField(field: Extract<FieldNode, { kind: 'string' }>, ctx: BuildContext): BuiltField | undefined {
  const { parsed, scalar, path } = field;
  if (!parsed.type) return undefined;
  const resolved = typeSchema(parsed.type, field, ctx);
  if (!resolved) return undefined;
  const { schema, custom } = resolved;
  const outcome = applyMarkers(schema, parsed.markers, {
    hasUnrepresentableDefault: custom?.unrepresentableDefault === true,
    fieldStart: 0,
    fieldEnd: typeof scalar.value === 'string' ? scalar.value.length : 0,
  });
  let failed = parsed.errors.some((e) => (e.severity ?? defaultSeverity(e.code)) === 'error');
  for (const e of outcome.errors) {
    ctx.diagnostics.push(locate(scalar, e, path));
    if ((e.severity ?? defaultSeverity(e.code)) === 'error') failed = true;
  }
  if (failed) return undefined;
  return { schema, requiredCount: (custom?.required ? 1 : 0) + outcome.requiredCount, hasDefault: outcome.hasDefault };
}

/** The schema of a type expression; reports unknown custom types (outside `schema.types`). */
function typeSchema(
  type: TypeExpr,
  field: Extract<FieldNode, { kind: 'string' }>,
  ctx: BuildContext,
): { schema: OpenApiSchema; custom?: ResolvedType } | undefined {
  switch (type.kind) {
    case 'atomic':
      return { schema: { type: type.name === 'float' ? 'number' : type.name } };
    case 'object':
      return { schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
    case 'slice': {
      const elem = typeSchema(type.elem, field, ctx);
      return elem && { schema: { type: 'array', items: elem.schema } };
    }
    case 'map': {
      const value = typeSchema(type.value, field, ctx);
      return value && { schema: { type: 'object', additionalProperties: value.schema } };
    }
    case 'custom': {
      const resolved = ctx.types.get(type.name);
      if (resolved?.schema) return { schema: deepCopySchema(resolved.schema), custom: resolved };
      if (resolved || ctx.declared.has(type.name) || ctx.inTypes) return undefined;
      const hint = unknownTypeHint(type.name, ctx);
      const span = spanOf(field.scalar, type.start, type.end);
      // A "did you mean X?" hint names a type that fits in place of the unknown one: offer it as a quick fix.
      const replacement = /did you mean ([A-Za-z][\w]*)\??/.exec(hint)?.[1];
      ctx.diagnostics.push(
        createDiagnostic('simpleschema/unknown-type', `unknown type: ${type.name}${hint}`, span, field.path, {
          ...(replacement ? { fixes: [{ title: `Change the type to ${replacement}`, edits: [{ span, newText: replacement }] }] } : {}),
        }),
      );
      return undefined;
    }
  }
}

const NOT_KEYWORDS: Record<string, string> = {
  number: 'SimpleSchema numbers are integer or float',
  int: 'did you mean integer?',
  int32: 'did you mean integer?',
  int64: 'did you mean integer?',
  long: 'did you mean integer?',
  bool: 'did you mean boolean?',
  double: 'did you mean float?',
  float64: 'did you mean float?',
  decimal: 'did you mean float?',
  str: 'did you mean string?',
  text: 'did you mean string?',
  array: 'arrays are written []T, e.g. []string',
  list: 'arrays are written []T, e.g. []string',
  map: 'maps are written map[string]T, e.g. map[string]string',
  dict: 'maps are written map[string]T, e.g. map[string]string',
  any: 'use object for a free-form value',
};

function unknownTypeHint(name: string, ctx: BuildContext): string {
  const fixed = Object.hasOwn(NOT_KEYWORDS, name) ? NOT_KEYWORDS[name] : undefined;
  if (fixed) return ` (${fixed})`;
  const builtins = [...ATOMIC_TYPE_NAMES, 'object'];
  const lower = name.toLowerCase();
  const caseOnly = [...builtins, ...ctx.declared].find((n) => n.toLowerCase() === lower);
  if (caseOnly) return ` (type names are case-sensitive: did you mean ${caseOnly}?)`;
  const near = closestName(name, [...builtins, ...ctx.declared]);
  if (near) return ` (did you mean ${near}?)`;
  return ` (declare it under ${ctx.typesPath} or use string, integer, boolean, float, object, []T or map[string]T)`;
}

/** Go's `sort.Strings` order: byte order of UTF-8, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}

/** The deep copy kro makes of a custom type's schema at every use site (`Resolve` → `DeepCopy`). */
export function deepCopySchema(schema: OpenApiSchema): OpenApiSchema {
  return deepCopy(schema) as OpenApiSchema;
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, deepCopy(v));
    return out;
  }
  return value;
}

/** Assigns an own enumerable property, also for keys such as `__proto__` that plain assignment would not create. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
