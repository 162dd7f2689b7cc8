import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/** What a diff compares about one field of an instance schema. */
export interface FieldShape {
  /** `string`, `integer`, `boolean`, `object`, `[]string`, `map[string]integer`, … (SimpleSchema's spelling). */
  readonly type: string;
  readonly required: boolean;
  /** Markers and other constraints (`default`, `enum`, `minimum`, `pattern`, `description`…), when set. */
  readonly constraints: Readonly<Record<string, unknown>>;
}

const CONSTRAINT_KEYS = [
  'default', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'pattern', 'format', 'description', 'nullable', 'x-kubernetes-validations',
  'x-kubernetes-preserve-unknown-fields',
] as const satisfies readonly (keyof OpenApiSchema)[];

/**
 * Flattens an instance spec schema into `path → FieldShape`. Paths are dotted from the spec root (`ingress.host`);
 * array items add `[]` and map values `{}` (`ports[].name`, `labels{}`), so a field nested in a list keeps one path.
 */
export function describeSchemaFields(schema: OpenApiSchema | undefined): Map<string, FieldShape> {
  const out = new Map<string, FieldShape>();
  if (schema) walk(schema, '', false, out, 0);
  return out;
}

// Schemas are trees built from text, but a depth bound keeps a hostile one from recursing without end.
const MAX_DEPTH = 64;

function walk(schema: OpenApiSchema, path: string, required: boolean, out: Map<string, FieldShape>, depth: number): void {
  if (path !== '') out.set(path, { type: typeName(schema), required, constraints: constraintsOf(schema) });
  if (depth >= MAX_DEPTH) return;
  const req = new Set(schema.required ?? []);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    walk(child, path === '' ? name : `${path}.${name}`, req.has(name), out, depth + 1);
  }
  if (schema.items) walkContainer(schema.items, `${path}[]`, out, depth);
  if (typeof schema.additionalProperties === 'object') walkContainer(schema.additionalProperties, `${path}{}`, out, depth);
}

/** Element schemas of lists and maps: their own type is part of the container's, only their fields are listed. */
function walkContainer(schema: OpenApiSchema, path: string, out: Map<string, FieldShape>, depth: number): void {
  if (depth >= MAX_DEPTH) return;
  const req = new Set(schema.required ?? []);
  for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${path}.${name}`, req.has(name), out, depth + 1);
  if (schema.items) walkContainer(schema.items, `${path}[]`, out, depth + 1);
  if (typeof schema.additionalProperties === 'object') walkContainer(schema.additionalProperties, `${path}{}`, out, depth + 1);
}

function typeName(schema: OpenApiSchema, depth = 0): string {
  if (depth > MAX_DEPTH) return 'object';
  if (schema['x-kubernetes-int-or-string']) return 'int-or-string';
  if (schema.type === 'array') return `[]${schema.items ? typeName(schema.items, depth + 1) : 'object'}`;
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return `map[string]${typeName(schema.additionalProperties, depth + 1)}`;
  }
  if (schema.type === 'number') return 'float';
  return schema.type ?? (schema['x-kubernetes-preserve-unknown-fields'] ? 'object' : 'any');
}

function constraintsOf(schema: OpenApiSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of CONSTRAINT_KEYS) {
    const value = schema[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
