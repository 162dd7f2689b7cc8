import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { checkRe2Pattern } from './checkRe2Pattern.js';
import { checkDefaultValue } from './checkDefaultValue.js';
import { goQuote, goTrimSpace, parseGoBool, parseGoFloat, parseGoInt } from './goStrconv.js';
import { markerValueOffset, type Marker } from './parseMarkers.js';
import { schemaError, type SimpleSchemaError } from './SimpleSchemaError.js';

/** What applying a field's markers did, beyond changing the schema. */
export interface MarkerOutcome {
  /** How many times the field joins its parent's `required` list (kro appends once per `required=true`). */
  readonly requiredCount: number;
  /**
   * Whether kro's schema has a `default` (kro's `Default != nil`): true also when the default text is not valid JSON,
   * which we leave out of the output schema but which still makes the parent object get `default: {}`.
   */
  readonly hasDefault: boolean;
  readonly errors: readonly SimpleSchemaError[];
}

export interface ApplyMarkersOptions {
  /** Inherited from an alias type whose default could not be represented. */
  readonly hasUnrepresentableDefault?: boolean;
  /** Index range of the whole field string, for problems no single marker caused (listMapKey inherited from a type). */
  readonly fieldStart?: number;
  readonly fieldEnd?: number;
}

type ListType = 'atomic' | 'set' | 'map';

/**
 * Applies a field's markers to its (already resolved, mutable) schema in order, as kro's `applyMarkers` does
 * (`pkg/simpleschema/markers.go`), then runs kro's listMapKey post-check. Each marker is checked in kro's order
 * (for example `uniqueItems` parses its value before checking the type, `minItems` the other way round), so the
 * message is the one kro would give. Unlike kro, a failing marker does not stop the others; it is skipped.
 * Unknown markers (already reported by the tokenizer) are ignored.
 *
 * Error indices point into the string the markers were parsed from.
 */
export function applyMarkers(schema: OpenApiSchema, markers: readonly Marker[], options: ApplyMarkersOptions = {}): MarkerOutcome {
  const errors: SimpleSchemaError[] = [];
  let requiredCount = 0;
  let unrepresentableDefault = options.hasUnrepresentableDefault === true;
  let listTypeFailed = false;

  for (const m of markers) {
    if (!m.known) continue;
    const whole = (code: SimpleSchemaError['code'], message: string): SimpleSchemaError => schemaError(code, message, m.keyStart, m.rawEnd);
    // An empty value has no extent of its own: point at the whole `key=`.
    const value = (code: SimpleSchemaError['code'], message: string): SimpleSchemaError =>
      m.rawEnd > m.rawStart ? schemaError(code, message, m.rawStart, m.rawEnd) : whole(code, message);
    const warn = (message: string, code: SimpleSchemaError['code'] = 'simpleschema/invalid-json-value'): SimpleSchemaError =>
      value(code, message);
    const type = schema.type ?? '';
    switch (m.key) {
      case 'required': {
        const b = parseGoBool(m.value);
        if (!b.ok) errors.push(value('simpleschema/marker-value', `failed to parse required marker value: ${b.error}`));
        else if (b.value) requiredCount++;
        break;
      }
      case 'default': {
        const result = applyDefault(schema, m.value);
        if (result.error) errors.push(value('simpleschema/invalid-default', result.error));
        else {
          for (const w of result.warnings) errors.push(warn(w.message, w.code));
          unrepresentableDefault = result.unrepresentable;
        }
        break;
      }
      case 'description':
        // An empty description is Go's zero value, which the CRD's JSON omits.
        if (m.value === '') delete schema.description;
        else schema.description = m.value;
        break;
      case 'minimum':
      case 'maximum': {
        const f = parseGoFloat(m.value);
        // kro's message says "enum" for both bounds (sic, markers.go).
        if (!f.ok) errors.push(value('simpleschema/marker-value', `failed to parse ${m.key} enum value: ${f.error}`));
        else if (!Number.isFinite(f.value)) {
          errors.push(warn(`${m.key} ${m.value} is accepted by kro but cannot be written as JSON, so kro cannot create the CRD`));
        } else schema[m.key] = f.value;
        break;
      }
      case 'validation':
        if (goTrimSpace(m.value) === '') errors.push(whole('simpleschema/marker-value', 'validation failed (the validation marker needs a CEL rule)'));
        else (schema['x-kubernetes-validations'] ??= []).push({ rule: m.value, message: 'validation failed' });
        break;
      case 'immutable': {
        const b = parseGoBool(m.value);
        if (!b.ok) errors.push(value('simpleschema/marker-value', `failed to parse immutable marker value: ${b.error}`));
        else if (b.value) (schema['x-kubernetes-validations'] ??= []).push({ rule: 'self == oldSelf', message: 'field is immutable' });
        break;
      }
      case 'enum':
        errors.push(...applyEnum(schema, m));
        break;
      case 'pattern': {
        if (m.value === '') errors.push(value('simpleschema/marker-value', 'pattern marker value cannot be empty'));
        else if (type !== 'string') {
          errors.push(whole('simpleschema/marker-not-applicable', `pattern marker is only valid for string types, got type: ${type}`));
        } else {
          const re = checkRe2Pattern(m.value);
          if (re) {
            errors.push(
              schemaError(
                'simpleschema/invalid-pattern',
                `invalid pattern regex: ${re.message}${re2Hint(re.expr)}`,
                markerValueOffset(m, re.start),
                markerValueOffset(m, Math.max(re.end, re.start + 1)),
              ),
            );
          } else schema.pattern = m.value;
        }
        break;
      }
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'maxItems': {
        const wanted = m.key === 'minLength' || m.key === 'maxLength' ? 'string' : 'array';
        if (type !== wanted) {
          errors.push(whole('simpleschema/marker-not-applicable', `${m.key} marker is only valid for ${wanted} types, got type: ${type}`));
          break;
        }
        const n = parseGoInt(m.value);
        if (!n.ok) errors.push(value('simpleschema/marker-value', `failed to parse ${m.key} value: ${n.error}`));
        else schema[m.key] = Number(n.value);
        break;
      }
      case 'uniqueItems': {
        const b = parseGoBool(m.value);
        if (!b.ok) errors.push(value('simpleschema/marker-value', `failed to parse uniqueItems marker value: ${b.error}`));
        else if (type !== 'array') {
          errors.push(whole('simpleschema/marker-not-applicable', `uniqueItems marker is only valid for array types, got type: ${type}`));
        } else if (b.value) {
          const current = schema['x-kubernetes-list-type'];
          if (current !== undefined && current !== 'set') {
            errors.push(whole('simpleschema/list-type', `cannot set unique when listType is set to ${current}`));
          } else schema['x-kubernetes-list-type'] = 'set';
        }
        break;
      }
      case 'listType': {
        const current = schema['x-kubernetes-list-type'];
        if (type !== 'array') {
          errors.push(whole('simpleschema/marker-not-applicable', 'listType marker only applies to array types'));
          listTypeFailed = true;
        } else if (m.value !== 'atomic' && m.value !== 'set' && m.value !== 'map') {
          errors.push(value('simpleschema/marker-value', `unsupported value for listType ${m.value}, needs to be one of atomic, set, or map`));
          listTypeFailed = true;
        } else if (current !== undefined && current !== m.value) {
          errors.push(
            whole(
              'simpleschema/list-type',
              `listType attempting to overwrite set type of ${current}, this can happen if you set contradictory markers like unique=true | listType=map`,
            ),
          );
          listTypeFailed = true;
        } else schema['x-kubernetes-list-type'] = m.value as ListType;
        break;
      }
      case 'listMapKey': {
        const keys = schema['x-kubernetes-list-map-keys'];
        if (type !== 'array') errors.push(whole('simpleschema/marker-not-applicable', 'listMapKey marker only applies to array types'));
        else if (keys?.includes(m.value)) errors.push(value('simpleschema/list-type', `duplicate listMapKey marker, value ${m.value}`));
        else (schema['x-kubernetes-list-map-keys'] ??= []).push(m.value);
        break;
      }
    }
  }

  // kro's fieldLevelValidation. Skipped after a failed listType marker, whose error already explains the state.
  const keys = schema['x-kubernetes-list-map-keys'];
  if (keys && keys.length > 0 && !listTypeFailed) {
    const listType = schema['x-kubernetes-list-type'];
    const at = markers.find((m) => m.known && m.key === 'listMapKey');
    const start = at?.keyStart ?? options.fieldStart ?? 0;
    const end = at?.rawEnd ?? options.fieldEnd ?? 0;
    if (listType === undefined) {
      errors.push(schemaError('simpleschema/list-type', 'listMapKey set while listType is unset, listType must be set to map', start, end));
    } else if (listType !== 'map') {
      errors.push(
        schemaError('simpleschema/list-type', `listMapKey set while listType is set to ${listType}, listType must be set to map`, start, end),
      );
    }
  }

  return { requiredCount, hasDefault: schema.default !== undefined || unrepresentableDefault, errors };
}

interface DefaultResult {
  readonly error?: string;
  readonly warnings: readonly { message: string; code: SimpleSchemaError['code'] }[];
  /** kro set a default we could not put into the output (invalid JSON). */
  readonly unrepresentable: boolean;
}

/**
 * kro's `applyDefaultMarker`: strings are wrapped in quotes without escaping, numbers and booleans are checked with
 * strconv and kept as written, everything else is used as raw JSON unchecked. kro accepts a default that is not valid
 * JSON, but the CRD cannot then be serialised; we keep kro's verdict and warn.
 */
function applyDefault(schema: OpenApiSchema, v: string): DefaultResult {
  let raw: string;
  switch (schema.type) {
    case 'string':
      raw = `"${v}"`;
      break;
    case 'integer':
      if (!parseGoInt(v).ok) return { error: `default value must be a valid integer, got: ${v}`, warnings: [], unrepresentable: false };
      raw = v;
      break;
    case 'number':
      if (!parseGoFloat(v).ok) return { error: `default value must be a valid number, got: ${v}`, warnings: [], unrepresentable: false };
      raw = v;
      break;
    case 'boolean':
      if (!parseGoBool(v).ok) return { error: `default value must be a valid boolean, got: ${v}`, warnings: [], unrepresentable: false };
      raw = v;
      break;
    default:
      raw = v;
  }
  if (raw === '') {
    // kro stores an empty raw default, which Go's JSON encoding writes as null (extv1.JSON.MarshalJSON) and the API
    // server reads back as no default. It still counts as a default for kro's `default: {}` bubbling.
    schema.default = null;
    return { warnings: [], unrepresentable: false };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Tested fallback: invalid JSON is a warning, not an error, because kro's builder accepts it.
    delete schema.default;
    return {
      warnings: [
        {
          code: 'simpleschema/invalid-default-json',
          message: `default ${raw} is not valid JSON: kro accepts the RGD but cannot create its CRD${jsonHint(schema.type, v)}`,
        },
      ],
      unrepresentable: true,
    };
  }
  schema.default = parsed;
  const mismatch = checkDefaultValue(parsed, schema);
  return {
    warnings: mismatch ? [{ code: 'simpleschema/default-type-mismatch', message: mismatch }] : [],
    unrepresentable: false,
  };
}

function jsonHint(type: OpenApiSchema['type'], v: string): string {
  if (type === 'string') return ' (kro does not escape quotes or backslashes in string defaults)';
  if (type === 'boolean') return ` (write true or false, not ${v})`;
  if (type === 'integer' || type === 'number') return ' (write the number in plain JSON form)';
  return '';
}

/** kro's `applyEnumMarker`: comma-separated, trimmed, no empty entries; strings quoted with Go's %q, integers checked. */
function applyEnum(schema: OpenApiSchema, m: Marker): SimpleSchemaError[] {
  const errors: SimpleSchemaError[] = [];
  const values: unknown[] = [];
  let offset = 0;
  for (const part of m.value.split(',')) {
    const partStart = offset;
    offset += part.length + 1;
    const val = goTrimSpace(part);
    const at = (code: SimpleSchemaError['code'], message: string): SimpleSchemaError =>
      schemaError(code, message, markerValueOffset(m, partStart), markerValueOffset(m, partStart + part.length));
    if (val === '') {
      // Point at the commas around the empty entry (or the whole marker when the value is empty).
      const from = markerValueOffset(m, Math.max(0, partStart - 1));
      const to = markerValueOffset(m, Math.min(m.value.length, partStart + part.length + 1));
      return [schemaError('simpleschema/marker-value', 'empty enum values are not allowed', to > from ? from : m.keyStart, to > from ? to : m.rawEnd)];
    }
    if (schema.type === 'string') {
      const raw = goQuote(val);
      try {
        values.push(JSON.parse(raw));
      } catch {
        // Tested fallback: Go's %q escapes (\x01, \a, \U…) are not JSON; kro's CRD then cannot be serialised.
        errors.push(at('simpleschema/invalid-json-value', `enum value ${raw} is not valid JSON: kro accepts the RGD but cannot create its CRD`));
        values.push(val);
      }
    } else if (schema.type === 'integer') {
      const n = parseGoInt(val);
      if (!n.ok) return [at('simpleschema/marker-value', `failed to parse integer enum value: ${n.error}`)];
      if (!/^-?(0|[1-9][0-9]*)$/.test(val)) {
        errors.push(at('simpleschema/invalid-json-value', `enum value ${val} is not valid JSON: kro accepts the RGD but cannot create its CRD`));
      }
      values.push(Number(n.value));
    } else {
      return [schemaError('simpleschema/marker-not-applicable', `enum values only supported for string and integer types, got type: ${schema.type ?? ''}`, m.keyStart, m.rawEnd)];
    }
  }
  if (values.length > 0) schema.enum = values;
  return errors;
}

/** Explains the RE2 errors JavaScript and PCRE users meet most: lookaround and backreferences. */
function re2Hint(expr: string): string {
  if (/^\(\?(=|!|<=|<!)/.test(expr)) return ' (RE2, the syntax Go and the API server use, has no lookahead or lookbehind)';
  if (/^\\[1-9]/.test(expr)) return ' (RE2, the syntax Go and the API server use, has no backreferences)';
  return '';
}
