import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/**
 * The API server's structural defaulting of a custom resource (apiextensions `structuraldefaulting.Default`), in
 * place: top-down, a missing property with a `default` gets a copy of it, then its content is defaulted in turn — so
 * an object defaulted to `{}` receives its children's defaults. Nulls of non-nullable fields are pruned first, as the
 * server does, so they default too. Array items and `additionalProperties` values are defaulted element by element.
 */
export function applyDefaults(value: unknown, schema: OpenApiSchema | undefined): unknown {
  if (!schema || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (schema.items) for (let i = 0; i < value.length; i++) value[i] = applyDefaults(value[i], schema.items);
    return value;
  }
  const obj = value as Record<string, unknown>;
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (obj[key] === null && prop.nullable !== true) delete obj[key];
    if (!(key in obj) && prop.default !== undefined) obj[key] = structuredCopy(prop.default);
  }
  for (const key of Object.keys(obj)) {
    const prop = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (prop) obj[key] = applyDefaults(obj[key], prop);
  }
  return obj;
}

function structuredCopy(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
}
