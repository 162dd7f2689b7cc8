import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { decodeBase64 } from '../cel/library/base64.js';

/** Dereferences `$ref` schemas of the bundled Kubernetes definitions. */
export type SchemaResolver = (schema: OpenApiSchema) => OpenApiSchema;

/**
 * Converts JSON data (an instance, a rendered or observed object) to the CEL value kro's `UnstructuredToVal` gives
 * it: with a schema, `integer` → int, `number` → double (also for whole numbers), `format: byte` → bytes,
 * `date-time` → timestamp; without one (schemaless or preserve-unknown-fields), whole numbers are ints and others
 * doubles, as Kubernetes' JSON decoding produces them. Strings that are not valid for their format stay strings.
 */
export function toCelValue(value: unknown, schema: OpenApiSchema | undefined, resolve: SchemaResolver): unknown {
  const s = schema ? resolve(schema) : undefined;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => toCelValue(v, s?.items, resolve));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = s?.properties?.[k] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
      out[k] = toCelValue(v, child, resolve);
    }
    return out;
  }
  if (typeof value === 'number') {
    if (s?.type === 'number') return value;
    if (s?.type === 'integer' || Number.isInteger(value)) return Number.isInteger(value) ? BigInt(value) : value;
    return value;
  }
  if (typeof value === 'bigint') return s?.type === 'number' ? Number(value) : value;
  if (typeof value === 'string' && s?.type === 'string') {
    if (s.format === 'byte') {
      try {
        return decodeBase64(value, true);
      } catch {
        return value; // the API server would have rejected it; keep the text rather than guess
      }
    }
    if (s.format === 'date-time') {
      const d = new Date(value);
      return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(d.getTime()) ? d : value;
    }
  }
  return value;
}
