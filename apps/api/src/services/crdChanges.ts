import type { SchemaChange } from '@kro-designer/contracts';
import type { OpenApiSchema } from '@kro-designer/core';

/**
 * kro's change types (`pkg/graph/crd/compat`): the breaking ones make kro refuse a CRD update unless the RGD carries
 * `kro.run/allow-breaking-changes: "true"`.
 */
export type KroChangeType =
  | 'PROPERTY_REMOVED'
  | 'PROPERTY_ADDED'
  | 'TYPE_CHANGED'
  | 'REQUIRED_ADDED'
  | 'REQUIRED_REMOVED'
  | 'REQUIRED_DEFAULT_REMOVED'
  | 'ENUM_RESTRICTED'
  | 'ENUM_EXPANDED'
  | 'PATTERN_ADDED'
  | 'PATTERN_CHANGED'
  | 'PATTERN_REMOVED'
  | 'DESCRIPTION_CHANGED'
  | 'DEFAULT_CHANGED'
  | `${'MINIMUM' | 'MAXIMUM' | 'MIN_LENGTH' | 'MAX_LENGTH' | 'MIN_ITEMS' | 'MAX_ITEMS'}_${'ADDED' | 'REMOVED' | 'INCREASED' | 'DECREASED'}`;

/** One difference between two CRD schemas, in the contract's shape plus kro's own classification. */
export interface CrdSchemaChange extends SchemaChange {
  readonly changeType: KroChangeType;
  /** kro's schema path (`.properties.spec.properties.port.type`), as it appears in kro's reports. */
  readonly schemaPath: string;
}

/** kro cuts its "breaking changes detected" summary after this many changes. */
const SUMMARY_LIMIT = 3;

/**
 * Compares two `openAPIV3Schema`s the way kro does before it updates an instance CRD: removed properties, type
 * changes, newly required fields (a new property that is required without a default, or an existing one becoming
 * required), restricted enums, added or changed patterns, removed defaults of required fields and tightened
 * numeric/length/item bounds are breaking; the rest is not. Properties are walked in sorted order so the output is
 * deterministic (kro walks Go maps, whose order is random).
 */
export function compareCrdSchemas(oldSchema: OpenApiSchema | undefined, newSchema: OpenApiSchema | undefined): CrdSchemaChange[] {
  const out: CrdSchemaChange[] = [];
  compare('', oldSchema, newSchema, out);
  return out;
}

/** Compares the first version's schema of two CRD objects (kro's instance CRDs have exactly one version). */
export function compareCrds(oldCrd: unknown, newCrd: unknown): CrdSchemaChange[] {
  return compareCrdSchemas(firstVersionSchema(oldCrd), firstVersionSchema(newCrd));
}

/** kro's `Report.String()`: the first three breaking changes, then "and N more changes". */
export function describeBreakingChanges(changes: readonly CrdSchemaChange[]): string {
  const breaking = changes.filter((c) => c.breaking);
  if (breaking.length === 0) return 'no breaking changes';
  const parts = breaking.slice(0, SUMMARY_LIMIT).map((c) => c.message);
  if (breaking.length > SUMMARY_LIMIT) parts.push(`and ${breaking.length - SUMMARY_LIMIT} more changes`);
  return parts.join('; ');
}

function firstVersionSchema(crd: unknown): OpenApiSchema | undefined {
  const spec = isRecord(crd) ? crd['spec'] : undefined;
  const versions = isRecord(spec) ? spec['versions'] : undefined;
  const first: unknown = Array.isArray(versions) ? versions[0] : undefined;
  const schema = isRecord(first) && isRecord(first['schema']) ? first['schema']['openAPIV3Schema'] : undefined;
  return isRecord(schema) ? (schema as OpenApiSchema) : undefined;
}

function compare(path: string, oldS: OpenApiSchema | undefined, newS: OpenApiSchema | undefined, out: CrdSchemaChange[]): void {
  if (oldS === undefined && newS === undefined) return;
  if (oldS === undefined) return add(out, path, 'PROPERTY_ADDED', '', '');
  if (newS === undefined) return add(out, path, 'PROPERTY_REMOVED', '', '');
  if ((oldS.description ?? '') !== (newS.description ?? '')) add(out, `${path}.description`, 'DESCRIPTION_CHANGED', oldS.description ?? '', newS.description ?? '');
  if (json(oldS.default) !== json(newS.default)) add(out, `${path}.default`, 'DEFAULT_CHANGED', json(oldS.default) ?? '', json(newS.default) ?? '');
  if ((oldS.type ?? '') !== (newS.type ?? '')) {
    // kro stops comparing a property once its type changed: everything below is moot.
    return add(out, `${path}.type`, 'TYPE_CHANGED', oldS.type ?? '', newS.type ?? '');
  }
  const oldPattern = oldS.pattern ?? '';
  const newPattern = newS.pattern ?? '';
  if (oldPattern !== newPattern) {
    if (oldPattern === '') add(out, `${path}.pattern`, 'PATTERN_ADDED', '', newPattern);
    else if (newPattern === '') add(out, `${path}.pattern`, 'PATTERN_REMOVED', oldPattern, '');
    else add(out, `${path}.pattern`, 'PATTERN_CHANGED', oldPattern, newPattern);
  }
  bound(out, path, 'minimum', 'MINIMUM', oldS.minimum, newS.minimum, true);
  bound(out, path, 'maximum', 'MAXIMUM', oldS.maximum, newS.maximum, false);
  bound(out, path, 'minLength', 'MIN_LENGTH', oldS.minLength, newS.minLength, true);
  bound(out, path, 'maxLength', 'MAX_LENGTH', oldS.maxLength, newS.maxLength, false);
  bound(out, path, 'minItems', 'MIN_ITEMS', oldS.minItems, newS.minItems, true);
  bound(out, path, 'maxItems', 'MAX_ITEMS', oldS.maxItems, newS.maxItems, false);

  const oldProps = oldS.properties ?? {};
  const newProps = newS.properties ?? {};
  const newRequired = new Set(newS.required ?? []);
  const oldRequired = new Set(oldS.required ?? []);
  for (const name of Object.keys(oldProps).sort()) {
    const p = `${path}.properties.${name}`;
    if (!(name in newProps)) add(out, p, 'PROPERTY_REMOVED', '', '');
    else compare(p, oldProps[name], newProps[name], out);
  }
  for (const name of Object.keys(newProps).sort()) {
    if (name in oldProps) continue;
    const required = newRequired.has(name) && newProps[name]?.default === undefined;
    add(out, `${path}.properties.${name}`, 'PROPERTY_ADDED', required ? 'required=false' : '', required ? 'required=true' : '', required);
  }
  for (const req of [...newRequired].sort()) {
    if (req in oldProps && !oldRequired.has(req)) add(out, `${path}.required`, 'REQUIRED_ADDED', '', req);
  }
  for (const req of [...oldRequired].sort()) {
    if (!newRequired.has(req)) add(out, `${path}.required`, 'REQUIRED_REMOVED', req, '');
  }
  for (const req of [...newRequired].sort()) {
    if (!(req in oldProps) || !oldRequired.has(req)) continue;
    if (oldProps[req]?.default !== undefined && newProps[req]?.default === undefined) add(out, `${path}.required`, 'REQUIRED_DEFAULT_REMOVED', req, '');
  }
  if ((oldS.enum?.length ?? 0) > 0 && (newS.enum?.length ?? 0) > 0) {
    const oldEnum = (oldS.enum ?? []).map((v) => json(v) ?? 'null');
    const newEnum = (newS.enum ?? []).map((v) => json(v) ?? 'null');
    for (const v of oldEnum) if (!newEnum.includes(v)) add(out, `${path}.enum`, 'ENUM_RESTRICTED', v, '');
    for (const v of newEnum) if (!oldEnum.includes(v)) add(out, `${path}.enum`, 'ENUM_EXPANDED', '', v);
  }
  if (oldS.type === 'array') {
    if (oldS.items && newS.items) compare(`${path}.items`, oldS.items, newS.items, out);
    else if (oldS.items) add(out, `${path}.items`, 'PROPERTY_REMOVED', '', '');
    else if (newS.items) add(out, `${path}.items`, 'PROPERTY_ADDED', '', '');
  }
}

type BoundName = 'MINIMUM' | 'MAXIMUM' | 'MIN_LENGTH' | 'MAX_LENGTH' | 'MIN_ITEMS' | 'MAX_ITEMS';

function bound(out: CrdSchemaChange[], path: string, field: string, name: BoundName, oldV: number | undefined, newV: number | undefined, lower: boolean): void {
  if (oldV === newV) return;
  const p = `${path}.${field}`;
  if (oldV === undefined) return add(out, p, `${name}_ADDED`, '', String(newV));
  if (newV === undefined) return add(out, p, `${name}_REMOVED`, String(oldV), '');
  const tightened = lower ? newV > oldV : newV < oldV;
  add(out, p, `${name}_${newV > oldV ? 'INCREASED' : 'DECREASED'}`, String(oldV), String(newV), tightened);
}

const ALWAYS_BREAKING = new Set<KroChangeType>(['PROPERTY_REMOVED', 'TYPE_CHANGED', 'REQUIRED_ADDED', 'REQUIRED_DEFAULT_REMOVED', 'ENUM_RESTRICTED', 'PATTERN_ADDED', 'PATTERN_CHANGED']);

function add(out: CrdSchemaChange[], schemaPath: string, changeType: KroChangeType, oldValue: string, newValue: string, breakingOverride?: boolean): void {
  const breaking = breakingOverride ?? (ALWAYS_BREAKING.has(changeType) || (/_ADDED$/.test(changeType) && changeType !== 'PROPERTY_ADDED'));
  out.push({ path: fieldPath(schemaPath), kind: contractKind(changeType, breaking), breaking, message: describe(schemaPath, changeType, oldValue, newValue), changeType, schemaPath });
}

function contractKind(t: KroChangeType, breaking: boolean): SchemaChange['kind'] {
  if (t === 'PROPERTY_REMOVED') return 'field-removed';
  if (t === 'TYPE_CHANGED') return 'type-changed';
  if (t === 'REQUIRED_ADDED' || (t === 'PROPERTY_ADDED' && breaking) || t === 'REQUIRED_DEFAULT_REMOVED') return 'required-added';
  if (t === 'ENUM_RESTRICTED') return 'enum-restricted';
  return 'other';
}

/** `.properties.spec.properties.ports.items.properties.name.type` → `spec.ports[].name`. */
function fieldPath(schemaPath: string): string {
  const segments = schemaPath.split('.').slice(1);
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === 'properties' && i + 1 < segments.length) out += (out === '' ? '' : '.') + segments[++i]!;
    else if (s === 'items') out += '[]';
  }
  return out;
}

/** kro's `Change.Description()` wording. */
function describe(path: string, t: KroChangeType, oldV: string, newV: string): string {
  const prop = path.slice(path.lastIndexOf('.') + 1);
  switch (t) {
    case 'PROPERTY_REMOVED': return `Property ${prop} was removed`;
    case 'PROPERTY_ADDED': return newV === 'required=true' ? `Required property ${prop} was added` : `Optional property ${prop} was added`;
    case 'TYPE_CHANGED': return `Type changed from ${oldV} to ${newV}`;
    case 'REQUIRED_ADDED': return `Field ${newV} is newly required`;
    case 'REQUIRED_REMOVED': return `Field ${oldV} is no longer required`;
    case 'ENUM_RESTRICTED': return `Enum value ${oldV} was removed`;
    case 'ENUM_EXPANDED': return `Enum value ${newV} was added`;
    case 'PATTERN_CHANGED': return `Validation pattern changed from ${oldV} to ${newV}`;
    case 'PATTERN_ADDED': return `Validation pattern ${newV} was added`;
    case 'PATTERN_REMOVED': return `Validation pattern ${oldV} was removed`;
    case 'REQUIRED_DEFAULT_REMOVED': return `Default value removed from required field ${oldV}`;
    case 'DESCRIPTION_CHANGED': return `Description field was changed from ${oldV} to ${newV}`;
    case 'DEFAULT_CHANGED': return `Default value was changed from ${oldV} to ${newV}`;
    default: {
      const [name, verb] = splitConstraint(t);
      if (verb === 'ADDED') return `${name} constraint ${newV} was added`;
      if (verb === 'REMOVED') return `${name} constraint ${oldV} was removed`;
      return `${name} was ${verb.toLowerCase()} from ${oldV} to ${newV}`;
    }
  }
}

function splitConstraint(t: string): [string, string] {
  const i = t.lastIndexOf('_');
  const names: Record<string, string> = { MINIMUM: 'Minimum', MAXIMUM: 'Maximum', MIN_LENGTH: 'MinLength', MAX_LENGTH: 'MaxLength', MIN_ITEMS: 'MinItems', MAX_ITEMS: 'MaxItems' };
  return [names[t.slice(0, i)] ?? t.slice(0, i), t.slice(i + 1)];
}

function json(v: unknown): string | undefined {
  return v === undefined ? undefined : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
