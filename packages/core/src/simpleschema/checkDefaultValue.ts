import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/**
 * Checks that a parsed `default` has the JSON type its schema declares, recursively through `items`, `properties`
 * and `additionalProperties`. kro never looks at default values of objects, arrays and maps (and accepts `1` or `0`
 * as a boolean default), but the API server validates defaults against the schema and rejects the CRD, so the
 * designer warns. Returns a message, or undefined when the value fits. Only types are checked, not enum, pattern
 * or bounds. `null` is not checked: the API server decodes a null default as no default at all.
 */
export function checkDefaultValue(value: unknown, schema: OpenApiSchema): string | undefined {
  const problem = firstMismatch(value, schema, '');
  if (!problem) return undefined;
  const where = problem.path === '' ? '' : ` at ${problem.path}`;
  return `default ${JSON.stringify(problem.value)}${where} is not ${article(problem.expected)}: the API server will reject the CRD`;
}

interface Mismatch {
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
}

function firstMismatch(value: unknown, schema: OpenApiSchema, path: string): Mismatch | undefined {
  const type = schema.type;
  // A null default is dropped by the API server (it decodes to no default), so it cannot be rejected.
  if (type === undefined || value === null) return undefined;
  if (!matchesType(value, type)) return { path, value, expected: type };
  if (type === 'array' && Array.isArray(value) && schema.items) {
    for (let i = 0; i < value.length; i++) {
      const m = firstMismatch(value[i], schema.items, `${path}[${i}]`);
      if (m) return m;
    }
  }
  if (type === 'object' && isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const own = schema.properties && Object.hasOwn(schema.properties, k) ? schema.properties[k] : undefined;
      const child = own ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!child) continue;
      const m = firstMismatch(v, child, path === '' ? k : `${path}.${k}`);
      if (m) return m;
    }
  }
  return undefined;
}

function matchesType(value: unknown, type: NonNullable<OpenApiSchema['type']>): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
