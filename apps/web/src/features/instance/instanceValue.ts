import type { OpenApiSchema } from '@kro-designer/core';

/** An instance spec (or any JSON object) as plain data. */
export type PlainObject = { [key: string]: unknown };

/** A path segment: an object key or an array index. */
export type PathSegment = string | number;

/** What the form needs of a diagnostic: the dotted path it is located at (`spec.ports[0].number`) and the text. */
export interface InstanceFieldDiagnostic {
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
}

export const isPlainObject = (v: unknown): v is PlainObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The form's key of a field: segments joined with dots (`ports.0.number`), relative to `spec`. */
export const fieldKey = (path: readonly PathSegment[]): string => path.join('.');

/**
 * Turns a diagnostic path (`spec.ports[0].number`, `spec.tags.env`, `spec`) into the form's field key relative to
 * spec; undefined for paths outside spec (metadata, the root).
 */
export function specFieldKey(path: string): string | undefined {
  const normal = path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
  if (normal === 'spec') return '';
  if (!normal.startsWith('spec.')) return undefined;
  return normal.slice('spec.'.length);
}

/** Diagnostics grouped by the spec field they name; `outside` holds those the form has no field for. */
export function groupDiagnostics(diagnostics: readonly InstanceFieldDiagnostic[], knownKeys: ReadonlySet<string>): {
  readonly byField: ReadonlyMap<string, readonly InstanceFieldDiagnostic[]>;
  readonly outside: readonly InstanceFieldDiagnostic[];
} {
  const byField = new Map<string, InstanceFieldDiagnostic[]>();
  const outside: InstanceFieldDiagnostic[] = [];
  for (const d of diagnostics) {
    const key = specFieldKey(d.path);
    if (key === undefined || key === '' || !knownKeys.has(key)) {
      outside.push(d);
      continue;
    }
    byField.set(key, [...(byField.get(key) ?? []), d]);
  }
  return { byField, outside };
}

/** A copy of `root` with `value` at `path` (undefined removes the key or array item); missing parents are created. */
export function setAt(root: unknown, path: readonly PathSegment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...(root as unknown[])] : [];
    const next = setAt(list[head], rest, value);
    if (next === undefined && rest.length === 0) list.splice(head, 1);
    else list[head] = next;
    return list;
  }
  const obj: PlainObject = isPlainObject(root) ? { ...root } : {};
  const next = setAt(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj;
}

export function getAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? (cur as unknown[])[seg] : undefined;
    else cur = isPlainObject(cur) ? cur[seg] : undefined;
  }
  return cur;
}

/** The kind of input a schema gets in the form. */
export type FieldShape = 'object' | 'map' | 'array' | 'enum' | 'boolean' | 'integer' | 'number' | 'string' | 'any';

export function fieldShape(schema: OpenApiSchema): FieldShape {
  if (schema.enum && schema.enum.length > 0) return 'enum';
  switch (schema.type) {
    case 'object':
      if (schema.properties && Object.keys(schema.properties).length > 0) return 'object';
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return 'map';
      return 'any';
    case 'array':
      return 'array';
    case 'boolean':
    case 'integer':
    case 'number':
    case 'string':
      return schema.type;
    default:
      return 'any';
  }
}

/** A plausible value for a required string the schema gives no default for (names of common fields). */
function sampleString(name: string): string {
  if (/image/i.test(name)) return 'nginx:1.27';
  if (/host|domain/i.test(name)) return 'example.local';
  if (/url|endpoint/i.test(name)) return 'https://example.local';
  return 'example';
}

/**
 * A value for a new field of `schema`: its default, else the first enum value, else the minimum (or 0), else an
 * object with its required fields filled the same way. Used for required fields of a new instance and for rows the
 * user adds.
 */
export function sampleValue(schema: OpenApiSchema, name: string): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (fieldShape(schema)) {
    case 'object':
      return requiredSample(schema);
    case 'map':
    case 'any':
      return {};
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    default:
      return sampleString(name);
  }
}

/** The required fields of an object schema, filled with sample values (defaulted fields stay out: defaulting fills them). */
export function requiredSample(schema: OpenApiSchema | undefined): PlainObject {
  const out: PlainObject = {};
  if (!schema?.properties) return out;
  for (const name of schema.required ?? []) {
    const prop = schema.properties[name];
    if (prop) out[name] = sampleValue(prop, name);
  }
  return out;
}

/** Every field key the form draws for `value` under `schema` (for placing diagnostics). */
export function collectFieldKeys(schema: OpenApiSchema | undefined, value: unknown, path: readonly PathSegment[] = [], out = new Set<string>()): Set<string> {
  if (!schema) return out;
  if (path.length > 0) out.add(fieldKey(path));
  switch (fieldShape(schema)) {
    case 'object':
      for (const [name, prop] of Object.entries(schema.properties ?? {})) collectFieldKeys(prop, isPlainObject(value) ? value[name] : undefined, [...path, name], out);
      break;
    case 'map':
      if (isPlainObject(value)) for (const k of Object.keys(value)) collectFieldKeys(schema.additionalProperties as OpenApiSchema, value[k], [...path, k], out);
      break;
    case 'array':
      if (Array.isArray(value) && schema.items) value.forEach((v, i) => collectFieldKeys(schema.items, v, [...path, i], out));
      break;
    default:
  }
  return out;
}

/** The text shown for a default value: `3`, `"nginx"` strings bare, objects as compact JSON. */
export function defaultText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
