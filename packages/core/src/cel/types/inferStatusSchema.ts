import type { OpenApiSchema } from '../../schemas/OpenApiSchema.js';
import { formatCelType, type CelType } from './CelType.js';
import type { DeclType } from './DeclType.js';
import { parseFieldPath } from './parseFieldPath.js';
import type { TypeUniverse } from './TypeUniverse.js';

/** One status field: its path below `status` (kro format) and the checked output type of its expression. */
export interface StatusFieldType {
  readonly path: string;
  /** Undefined when the expression did not check; the field then accepts any value. */
  readonly type: CelType | undefined;
}

/** Finds the declaration type behind a kro type name (kro's `FindDeclType`). */
export type DeclTypeFinder = Pick<TypeUniverse, 'findDeclType'>;

/** Struct expansion stops here; only recursive schemas get this deep, and kro would reject them as cyclic. */
const MAX_DEPTH = 32;

const PRESERVE: OpenApiSchema = { 'x-kubernetes-preserve-unknown-fields': true };

/**
 * Builds the user part of the instance status schema from the output types of the status expressions, as kro's
 * `GenerateSchemaFromCELTypes` does: each type becomes a schema (structs expanded field by field from the schemas
 * they came from, with CEL-escaped names; no `required`), and paths are merged into one tree (`a.b` nests objects,
 * `items[0]` makes an array whose items are the last leaf written there). Fields are merged in the given order.
 * kro's injected `state` and `conditions` are added by CRD generation, not here.
 */
export function inferStatusSchema(fields: readonly StatusFieldType[], finder: DeclTypeFinder): OpenApiSchema {
  const root: OpenApiSchema = { type: 'object', properties: {} };
  for (const field of fields) {
    const segments = parseFieldPath(field.path);
    if (!segments || segments.length === 0) continue;
    const leaf = field.type ? schemaOfCelType(field.type, finder) : { ...PRESERVE };
    let current = root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      if ('index' in seg) {
        current.type = 'array';
        current.items ??= {};
        if (last) {
          current.items = { ...leaf };
          break;
        }
        ensureObject(current.items);
        current = current.items;
        continue;
      }
      ensureObject(current);
      if (last) {
        current.properties![seg.name] = { ...leaf };
        break;
      }
      const child = (current.properties![seg.name] ??= {});
      ensureObject(child);
      current = child;
    }
  }
  return dropEmptyProperties(root);
}

function ensureObject(s: OpenApiSchema): void {
  s.type ??= 'object';
  s.properties ??= {};
}

/** kro serialises empty property maps away (`omitempty`). */
function dropEmptyProperties(s: OpenApiSchema): OpenApiSchema {
  if (s.properties) {
    if (Object.keys(s.properties).length === 0) delete s.properties;
    else for (const child of Object.values(s.properties)) dropEmptyProperties(child);
  }
  if (s.items) dropEmptyProperties(s.items);
  if (typeof s.additionalProperties === 'object') dropEmptyProperties(s.additionalProperties);
  return s;
}

/** kro's `primitiveTypeToSchema`, keyed by cel-go's type name. */
function primitiveSchema(typeName: string): OpenApiSchema | undefined {
  switch (typeName) {
    case 'bool':
      return { type: 'boolean' };
    case 'int':
    case 'uint':
      return { type: 'integer' };
    case 'double':
      return { type: 'number' };
    case 'string':
      return { type: 'string' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    case 'null_type':
      return { description: 'null type - any value allowed', 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return undefined;
  }
}

/** The OpenAPI schema kro infers for a CEL output type (`inferSchemaFromCELType`). */
export function schemaOfCelType(t: CelType, finder: DeclTypeFinder): OpenApiSchema {
  const name = formatCelType(t);
  const primitive = primitiveSchema(name);
  if (primitive) return primitive;
  switch (t.kind) {
    case 'list':
      return { type: 'array', items: schemaOfCelType(t.elem, finder) };
    case 'map':
      return { type: 'object', additionalProperties: schemaOfCelType(t.value, finder) };
    case 'object': {
      const decl = finder.findDeclType(t.name);
      return decl ? schemaOfDecl(decl, 0) : { type: 'object', additionalProperties: true };
    }
    case 'dyn':
      return { ...PRESERVE };
    case 'timestamp':
      return { description: 'Timestamp representing a creation time', type: 'string', format: 'date-time' };
    default:
      return { description: `unknown CEL type: ${name}`, 'x-kubernetes-preserve-unknown-fields': true };
  }
}

/** The full structure of a declaration type (`extractSchemaFromDeclTypeWithCycleDetection`). */
function schemaOfDecl(decl: DeclType, depth: number): OpenApiSchema {
  if (depth > MAX_DEPTH) return { ...PRESERVE };
  switch (decl.kind) {
    case 'list':
      return { type: 'array', items: schemaOfDecl(decl.elem, depth + 1) };
    case 'map':
      return { type: 'object', additionalProperties: schemaOfDecl(decl.value, depth + 1) };
    case 'object': {
      const properties: Record<string, OpenApiSchema> = {};
      for (const f of decl.fields().values()) properties[f.name] = schemaOfDecl(f.type, depth + 1);
      return Object.keys(properties).length > 0 ? { type: 'object', properties } : { type: 'object' };
    }
    default:
      // Timestamps, durations and int-or-string are not cel-go primitives, so kro leaves them open inside structs.
      return primitiveSchema(decl.kind) ?? { ...PRESERVE };
  }
}
