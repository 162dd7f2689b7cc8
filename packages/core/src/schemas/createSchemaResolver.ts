import { COMPONENT_REF_PREFIX } from './KubernetesSchemaBundle.js';
import type { OpenApiSchema } from './OpenApiSchema.js';
import { UNKNOWN_FIELD_SCHEMA, type SchemaRegistry } from './SchemaRegistry.js';

/** The dereferencing half of a {@link SchemaRegistry}. */
export type SchemaResolver = Pick<SchemaRegistry, 'resolve' | 'resolvePath'>;

/** Chains of references longer than this are malformed data (real ones are one or two links long). */
const MAX_REF_CHAIN = 32;

/**
 * Builds the resolver over a set of component definitions (`#/components/schemas/<name>`).
 * Resolution is lazy and memoised per schema object, so walking a recursive schema costs only what is visited.
 */
export function createSchemaResolver(definitions: Readonly<Record<string, OpenApiSchema>>): SchemaResolver {
  const cache = new WeakMap<OpenApiSchema, OpenApiSchema>();

  function target(ref: string): OpenApiSchema | undefined {
    if (!ref.startsWith(COMPONENT_REF_PREFIX)) return undefined;
    const name = ref.slice(COMPONENT_REF_PREFIX.length);
    return Object.hasOwn(definitions, name) ? definitions[name] : undefined;
  }

  function resolve(schema: OpenApiSchema): OpenApiSchema {
    const cached = cache.get(schema);
    if (cached) return cached;
    let result = schema;
    let current = schema;
    // Each step folds one wrapper into the accumulated fields; outer fields win (they describe the field).
    let outer: OpenApiSchema = {};
    for (let step = 0; step < MAX_REF_CHAIN; step++) {
      const ref = referenceOf(current);
      if (ref === undefined) {
        result = step === 0 ? current : { ...current, ...outer };
        break;
      }
      outer = { ...withoutReference(current), ...outer };
      const next = target(ref);
      if (next === undefined) {
        result = outer;
        break;
      }
      current = next;
      result = { ...current, ...outer };
    }
    cache.set(schema, result);
    return result;
  }

  function resolvePath(schema: OpenApiSchema, path: readonly (string | number)[]): OpenApiSchema | undefined {
    let current: OpenApiSchema | undefined = resolve(schema);
    for (const segment of path) {
      if (current === undefined) return undefined;
      current = child(current, segment);
      if (current !== undefined) current = resolve(current);
    }
    return current;
  }

  return { resolve, resolvePath };
}

function child(schema: OpenApiSchema, segment: string | number): OpenApiSchema | undefined {
  if (typeof segment === 'number') return schema.items;
  const declared = schema.properties && Object.hasOwn(schema.properties, segment) ? schema.properties[segment] : undefined;
  if (declared) return declared;
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  if (schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true) return UNKNOWN_FIELD_SCHEMA;
  return undefined;
}

/** The reference a schema stands for: its own `$ref`, or the single `$ref` in an `allOf` wrapper. */
function referenceOf(schema: OpenApiSchema): string | undefined {
  if (typeof schema.$ref === 'string') return schema.$ref;
  const only = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
  if (only && typeof only.$ref === 'string' && Object.keys(only).length === 1) return only.$ref;
  return undefined;
}

function withoutReference(schema: OpenApiSchema): OpenApiSchema {
  const { $ref: _ref, ...rest } = schema;
  if (typeof schema.$ref === 'string') return rest;
  const { allOf: _allOf, ...others } = rest;
  return others;
}
