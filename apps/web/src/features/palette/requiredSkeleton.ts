import type { RequiredField } from '@kro-designer/contracts';

/** The part of an OpenAPI v3 schema a skeleton reads. */
export interface OpenApiSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly 'x-kubernetes-int-or-string'?: boolean;
}

/** A value of `type` an author will recognise as "fill me in" and that passes the type check. */
function placeholder(type: string | undefined): unknown {
  switch (type) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'change-me';
  }
}

/**
 * The required properties of an object schema, recursively, each set to its default, its first enum value, its
 * minimum, or a typed placeholder: the smallest object the kind's schema accepts.
 */
export function skeletonFromOpenApi(schema: OpenApiSchema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) {
    const prop = schema?.properties?.[name];
    if (!prop) continue;
    if (prop.default !== undefined) out[name] = prop.default;
    else if (prop.enum && prop.enum.length > 0) out[name] = prop.enum[0];
    else if (prop.properties) out[name] = skeletonFromOpenApi(prop);
    else if ((prop.type === 'integer' || prop.type === 'number') && prop.minimum !== undefined) out[name] = prop.minimum;
    else out[name] = placeholder(prop['x-kubernetes-int-or-string'] ? 'string' : prop.type);
  }
  return out;
}

/** The same for a kind another design defines: its required spec fields as dotted paths (see GET /api/kinds). */
export function skeletonFromRequired(fields: readonly RequiredField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const parts = f.path.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      const next = at[p];
      at = (typeof next === 'object' && next !== null && !Array.isArray(next) ? next : (at[p] = {})) as Record<string, unknown>;
    }
    at[parts.at(-1)!] = placeholder(f.type);
  }
  return out;
}
