import type { OpenApiSchema, SchemaRegistry } from '@kro-designer/core';

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);
/** Enough for a picker; a Pod's status alone has dozens of nested fields nobody wires. */
const MAX_FIELDS = 60;

/**
 * The fields a wire can read from a resource of a kind: scalar `spec.*` and `status.*` fields and their scalar
 * children, from the kind's OpenAPI schema (runs in the validation worker, where the schemas are).
 */
export function wireFields(registry: Pick<SchemaRegistry, 'resolve'>, kindSchema: OpenApiSchema): string[] {
  const out: string[] = [];
  const root = registry.resolve(kindSchema);
  for (const top of ['status', 'spec'] as const) {
    const section = root.properties?.[top];
    if (!section) continue;
    const props = registry.resolve(section).properties ?? {};
    for (const [name, raw] of Object.entries(props)) {
      const prop = registry.resolve(raw);
      if (prop.type !== undefined && SCALARS.has(String(prop.type))) out.push(`${top}.${name}`);
      else if (prop.properties) {
        for (const [child, rawChild] of Object.entries(prop.properties)) {
          const c = registry.resolve(rawChild);
          if (c.type !== undefined && SCALARS.has(String(c.type))) out.push(`${top}.${name}.${child}`);
        }
      }
    }
  }
  return out.slice(0, MAX_FIELDS);
}
