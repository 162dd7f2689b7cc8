import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { escapeFieldName } from './escapeFieldName.js';

/**
 * The CEL type of a value described by an OpenAPI schema, as kro derives it (`SchemaDeclTypeWithMetadata`, a port of
 * Kubernetes' `SchemaDeclType`). Types carry no names: a name depends on where a type is reached from
 * (`__type_deploy.spec.template`), so walkers compute it from the path.
 *
 * Names: fields append `.<field>`, list elements `.@idx`, map values `.@elem`.
 *
 * Object fields are computed on first use: Kubernetes schemas are large and some are recursive, and a check only
 * ever touches the few types its expressions reach.
 */
export type DeclType = ScalarDeclType | ListDeclType | MapDeclType | ObjectDeclType;

/** `dyn` here is `x-kubernetes-int-or-string`; timestamps are `date`/`date-time` strings, bytes `format: byte`. */
export interface ScalarDeclType {
  readonly kind: 'bool' | 'int' | 'double' | 'string' | 'bytes' | 'timestamp' | 'duration' | 'dyn';
}

export interface ListDeclType {
  readonly kind: 'list';
  readonly elem: DeclType;
}

/** An object with `additionalProperties`: keys are strings. */
export interface MapDeclType {
  readonly kind: 'map';
  readonly value: DeclType;
  readonly preserveUnknown: boolean;
}

export interface ObjectDeclType {
  readonly kind: 'object';
  /** `x-kubernetes-preserve-unknown-fields`: fields the schema does not declare are `dyn`. */
  readonly preserveUnknown: boolean;
  /** Declared fields by CEL (escaped) name. Properties CEL cannot expose are absent. */
  fields(): ReadonlyMap<string, DeclField>;
}

export interface DeclField {
  /** CEL field name (escaped: `__namespace__`, `foo__dash__bar`). */
  readonly name: string;
  /** The JSON property name. */
  readonly property: string;
  readonly type: DeclType;
}

/** Dereferences `$ref`s (the schema registry's `resolve`). */
export type SchemaResolve = (schema: OpenApiSchema) => OpenApiSchema;

const SCALARS = {
  bool: { kind: 'bool' },
  int: { kind: 'int' },
  double: { kind: 'double' },
  string: { kind: 'string' },
  bytes: { kind: 'bytes' },
  timestamp: { kind: 'timestamp' },
  duration: { kind: 'duration' },
  dyn: { kind: 'dyn' },
} as const satisfies Record<ScalarDeclType['kind'], ScalarDeclType>;

const STRING_SCHEMA: OpenApiSchema = { type: 'string' };
const MINIMAL_METADATA: OpenApiSchema = { type: 'object', properties: { name: STRING_SCHEMA, generateName: STRING_SCHEMA } };

/**
 * Memo per resolver, then per schema object (plain and as a resource root). Schema objects of the bundled kinds and
 * of parsed CRDs are stable, so every resource of a kind, and every later validation with the same registry,
 * shares one conversion.
 */
const memo = new WeakMap<SchemaResolve, { plain: WeakMap<OpenApiSchema, DeclType | null>; root: WeakMap<OpenApiSchema, DeclType | null> }>();

/**
 * Converts an OpenAPI schema to its CEL declaration type, or undefined when CEL does not expose it (no type, an
 * array whose items are not exposed). `resourceRoot` marks the root of an embedded resource, which always gets
 * `apiVersion`, `kind` and `metadata.name`/`generateName` (Kubernetes' `WithTypeAndObjectMeta`).
 */
export function declTypeOf(schema: OpenApiSchema, resolve: SchemaResolve, resourceRoot = false): DeclType | undefined {
  let perResolver = memo.get(resolve);
  if (!perResolver) memo.set(resolve, (perResolver = { plain: new WeakMap(), root: new WeakMap() }));
  const cache = resourceRoot ? perResolver.root : perResolver.plain;
  const cached = cache.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  const result = convert(resolve(schema), resolve, resourceRoot) ?? null;
  cache.set(schema, result);
  return result ?? undefined;
}

function convert(s: OpenApiSchema, resolve: SchemaResolve, resourceRoot: boolean): DeclType | undefined {
  if (s['x-kubernetes-int-or-string'] === true) return SCALARS.dyn;
  if (resourceRoot) s = withTypeAndObjectMeta(s, resolve);
  switch (s.type) {
    case 'array': {
      if (!s.items) return undefined;
      const elem = declTypeOf(s.items, resolve, resolve(s.items)['x-kubernetes-embedded-resource'] === true);
      return elem ? { kind: 'list', elem } : undefined;
    }
    case 'object': {
      const preserveUnknown = s['x-kubernetes-preserve-unknown-fields'] === true;
      if (typeof s.additionalProperties === 'object') {
        const additional = s.additionalProperties;
        const value = declTypeOf(additional, resolve, resolve(additional)['x-kubernetes-embedded-resource'] === true) ?? SCALARS.dyn;
        return { kind: 'map', value, preserveUnknown };
      }
      return objectType(s, resolve, preserveUnknown);
    }
    case 'string':
      switch (s.format) {
        case 'byte':
          return SCALARS.bytes;
        case 'duration':
          return SCALARS.duration;
        case 'date':
        case 'date-time':
          return SCALARS.timestamp;
        default:
          return SCALARS.string;
      }
    case 'boolean':
      return SCALARS.bool;
    case 'number':
      return SCALARS.double;
    case 'integer':
      return SCALARS.int;
    default:
      return undefined;
  }
}

function objectType(s: OpenApiSchema, resolve: SchemaResolve, preserveUnknown: boolean): ObjectDeclType {
  let fields: Map<string, DeclField> | undefined;
  return {
    kind: 'object',
    preserveUnknown,
    fields() {
      if (fields) return fields;
      fields = new Map();
      for (const [property, child] of Object.entries(s.properties ?? {})) {
        const name = escapeFieldName(property);
        if (name === undefined) continue;
        const type = declTypeOf(child, resolve, resolve(child)['x-kubernetes-embedded-resource'] === true);
        if (type) fields.set(name, { name, property, type });
      }
      return fields;
    },
  };
}

/** Adds `apiVersion`, `kind` and a minimal `metadata` unless the schema already declares them as strings. */
function withTypeAndObjectMeta(s: OpenApiSchema, resolve: SchemaResolve): OpenApiSchema {
  const p = s.properties;
  const typeOf = (child: OpenApiSchema | undefined) => (child ? resolve(child).type : undefined);
  const metadata = p?.metadata ? resolve(p.metadata) : undefined;
  const complete =
    typeOf(p?.kind) === 'string' &&
    typeOf(p?.apiVersion) === 'string' &&
    metadata?.type === 'object' &&
    typeOf(metadata.properties?.name) === 'string' &&
    typeOf(metadata.properties?.generateName) === 'string';
  if (complete) return s;
  return { ...s, properties: { ...p, kind: STRING_SCHEMA, apiVersion: STRING_SCHEMA, metadata: MINIMAL_METADATA } };
}

/** Marks a list element in a type name. */
export const LIST_ELEMENT_SEGMENT = '@idx';
/** Marks a map value in a type name. */
export const MAP_VALUE_SEGMENT = '@elem';

/**
 * The type reached by one segment of a kro type name from `type`: a field name on an object (a reserved word also
 * finds its escaped field), `@idx` on a list, `@elem` on a map. Undefined when the segment leads nowhere.
 */
export function stepDeclType(type: DeclType, segment: string): DeclType | undefined {
  if (segment === LIST_ELEMENT_SEGMENT) return type.kind === 'list' ? type.elem : undefined;
  if (segment === MAP_VALUE_SEGMENT) return type.kind === 'map' ? type.value : undefined;
  if (type.kind !== 'object') return undefined;
  return type.fields().get(segment)?.type;
}
