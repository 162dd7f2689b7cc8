import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/** A short CEL-style type name for an OpenAPI schema (`string`, `int`, `list<string>`, `map<string, int>`, `object`). */
export function schemaTypeName(schema: OpenApiSchema | undefined, resolve: (s: OpenApiSchema) => OpenApiSchema, depth = 0): string {
  if (!schema) return 'dyn';
  const s = resolve(schema);
  if (s['x-kubernetes-int-or-string']) return 'int | string';
  if (depth > 3) return s.type ?? 'dyn';
  switch (s.type) {
    case 'string':
      return s.format === 'byte' ? 'bytes' : s.format === 'date-time' || s.format === 'date' ? 'timestamp' : s.format === 'duration' ? 'duration' : 'string';
    case 'integer':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'array':
      return `list<${schemaTypeName(s.items, resolve, depth + 1)}>`;
    case 'object':
      if (typeof s.additionalProperties === 'object') return `map<string, ${schemaTypeName(s.additionalProperties, resolve, depth + 1)}>`;
      return s.properties ? 'object' : 'dyn';
    default:
      return s['x-kubernetes-preserve-unknown-fields'] ? 'dyn' : s.type ?? 'dyn';
  }
}
