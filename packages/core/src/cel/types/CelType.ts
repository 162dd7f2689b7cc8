import { LIST_ELEMENT_SEGMENT, MAP_VALUE_SEGMENT, type DeclType } from './DeclType.js';

/**
 * A CEL type as the checker reports it for an expression: the output type of every checked site. Object types are
 * named the way kro (cel-go) names them: `__type_<resource id>` followed by the path, `@idx` for list elements and
 * `@elem` for map values (`__type_deploy.spec.template.spec.containers.@idx`); `__type_schema` is the instance.
 */
export type CelType =
  | { readonly kind: PrimitiveKind }
  | { readonly kind: 'list'; readonly elem: CelType }
  | { readonly kind: 'map'; readonly key: CelType; readonly value: CelType }
  | { readonly kind: 'optional'; readonly value: CelType }
  | { readonly kind: 'object'; readonly name: string }
  /** Library types cel-go declares opaque (`kubernetes.Quantity`, `net.IP`, ...). */
  | { readonly kind: 'opaque'; readonly name: string };

export type PrimitiveKind = 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'null' | 'timestamp' | 'duration' | 'dyn' | 'type';

const PRIMITIVES = new Map<PrimitiveKind, CelType>(
  (['bool', 'int', 'uint', 'double', 'string', 'bytes', 'null', 'timestamp', 'duration', 'dyn', 'type'] as const).map((k) => [k, { kind: k }]),
);

/** The shared instance of a primitive type. */
export function primitiveType(kind: PrimitiveKind): CelType {
  return PRIMITIVES.get(kind)!;
}

export const DYN_TYPE: CelType = primitiveType('dyn');
export const BOOL_TYPE: CelType = primitiveType('bool');
export const STRING_TYPE: CelType = primitiveType('string');

export function listType(elem: CelType): CelType {
  return { kind: 'list', elem };
}

export function mapType(key: CelType, value: CelType): CelType {
  return { kind: 'map', key, value };
}

export function optionalType(value: CelType): CelType {
  return { kind: 'optional', value };
}

/** A type as cel-go prints it (`Type.String()`), which is what kro's messages quote: `list(int)`, `map(string, dyn)`, `optional_type(bool)`. */
export function formatCelType(t: CelType): string {
  switch (t.kind) {
    case 'list':
      return `list(${formatCelType(t.elem)})`;
    case 'map':
      return `map(${formatCelType(t.key)}, ${formatCelType(t.value)})`;
    case 'optional':
      return `optional_type(${formatCelType(t.value)})`;
    case 'object':
    case 'opaque':
      return t.name;
    case 'null':
      return 'null_type';
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'duration':
      return 'google.protobuf.Duration';
    default:
      return t.kind;
  }
}

/**
 * The CEL type of a declaration type reached under the kro type name `name` (objects take the name, list elements
 * and map values extend it).
 */
export function celTypeOfDecl(decl: DeclType, name: string): CelType {
  switch (decl.kind) {
    case 'list':
      return listType(celTypeOfDecl(decl.elem, `${name}.${LIST_ELEMENT_SEGMENT}`));
    case 'map':
      return mapType(STRING_TYPE, celTypeOfDecl(decl.value, `${name}.${MAP_VALUE_SEGMENT}`));
    case 'object':
      return { kind: 'object', name };
    case 'bool':
    case 'int':
    case 'double':
    case 'string':
    case 'bytes':
    case 'timestamp':
    case 'duration':
    case 'dyn':
      return primitiveType(decl.kind);
  }
}

/** Structural equality of two types. */
export function sameCelType(a: CelType, b: CelType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
      return sameCelType(a.elem, (b as typeof a).elem);
    case 'map':
      return sameCelType(a.key, (b as typeof a).key) && sameCelType(a.value, (b as typeof a).value);
    case 'optional':
      return sameCelType(a.value, (b as typeof a).value);
    case 'object':
    case 'opaque':
      return a.name === (b as typeof a).name;
    default:
      return true;
  }
}
