import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { childPath } from '../source/fieldPath.js';
import type { LocatedEntry, LocatedMap, LocatedNode, LocatedScalar } from '../source/LocatedNode.js';
import { parseField, type ParsedField } from './parseField.js';
import { customTypeRefs } from './parseTypeExpression.js';
import type { SimpleSchemaError } from './SimpleSchemaError.js';

/** A schema object (`spec`, a nested map or a struct type) with every field parsed once. */
export interface StructNode {
  readonly fields: readonly FieldNode[];
}

interface FieldBase {
  readonly name: string;
  readonly keySpan: Span;
  /** Dotted path of the field from the RGD root. */
  readonly path: string;
}

/** One field: a nested map, a type string, or something kro rejects (already reported). */
export type FieldNode =
  | (FieldBase & { readonly kind: 'struct'; readonly struct: StructNode })
  | (FieldBase & { readonly kind: 'string'; readonly scalar: LocatedScalar; readonly parsed: ParsedField })
  | (FieldBase & { readonly kind: 'invalid' });

/** A reference to a custom type found in a field string, located in the file. */
export interface TypeRef {
  readonly name: string;
  readonly span: Span;
  readonly path: string;
}

/**
 * Reads a SimpleSchema map into a {@link StructNode}, parsing every field string and reporting syntax problems
 * (type grammar, marker tokenizer, values that are neither strings nor maps) as located diagnostics. When a key
 * repeats, the last entry wins, as a YAML decoder would do (the source stage reports the duplicate).
 */
export function parseSchemaTree(map: LocatedMap, path: string, diagnostics: Diagnostic[]): StructNode {
  return { fields: lastEntries(map).map((e) => parseFieldEntry(e, childPath(path, e.key), diagnostics)) };
}

/** Parses one `name: value` entry of a schema map. */
export function parseFieldEntry(entry: LocatedEntry, path: string, diagnostics: Diagnostic[]): FieldNode {
  const base = { name: entry.key, keySpan: entry.keySpan, path };
  const value = entry.value;
  if (value.kind === 'map') {
    warnIfNotCelName(entry, path, diagnostics);
    return { ...base, kind: 'struct', struct: parseSchemaTree(value, path, diagnostics) };
  }
  if (value.kind === 'scalar' && typeof value.value === 'string') {
    warnIfNotCelName(entry, path, diagnostics);
    const parsed = parseField(value.value);
    for (const e of parsed.errors) diagnostics.push(locate(value, e, path));
    return { ...base, kind: 'string', scalar: value, parsed };
  }
  diagnostics.push(unexpectedType(value, entry.keySpan, path));
  return { ...base, kind: 'invalid' };
}

/** Custom type references of a field tree, in source order. */
export function collectTypeRefs(fields: readonly FieldNode[], out: TypeRef[] = []): TypeRef[] {
  for (const f of fields) {
    if (f.kind === 'struct') collectTypeRefs(f.struct.fields, out);
    else if (f.kind === 'string' && f.parsed.type) {
      for (const ref of customTypeRefs(f.parsed.type)) {
        out.push({ name: ref.name, span: spanOf(f.scalar, ref.start, ref.end), path: f.path });
      }
    }
  }
  return out;
}

/** The entries of a map, keeping only the last occurrence of a repeated key, in source order. */
export function lastEntries(map: LocatedMap): LocatedEntry[] {
  const last = new Map<string, number>();
  map.entries.forEach((e, i) => last.set(e.key, i));
  return map.entries.filter((e, i) => last.get(e.key) === i);
}

/** File span of `[start, end)` inside a string scalar; an empty string maps to the whole scalar (its quotes). */
export function spanOf(scalar: LocatedScalar, start: number, end: number): Span {
  const value = typeof scalar.value === 'string' ? scalar.value : '';
  if (value.length === 0) return scalar.span;
  const s = scalar.offsetOf(start);
  const e = end > start ? scalar.offsetOf(end) : s;
  return { start: s, end: Math.max(s, e) };
}

/** Turns an index-located problem inside a field string into a diagnostic. */
export function locate(scalar: LocatedScalar, e: SimpleSchemaError, path: string): Diagnostic {
  return createDiagnostic(e.code, e.message, spanOf(scalar, e.start, e.end), path, e.severity ? { severity: e.severity } : {});
}

/**
 * kro's `unexpected type: %T` for a field value that is neither a string nor a map. kro reads the schema through
 * JSON (`yaml.UnmarshalStrict` into `map[string]interface{}`), so every number is a `float64`, even `5`.
 */
export function unexpectedType(value: LocatedNode, keySpan: Span, path: string): Diagnostic {
  const span = value.span.end > value.span.start ? value.span : keySpan;
  let goType: string;
  let hint: string;
  if (value.kind === 'seq') {
    goType = '[]interface {}';
    hint = 'a list is declared with a type string such as "[]string"';
  } else if (value.kind === 'map') {
    goType = 'map[string]interface {}';
    hint = '';
  } else if (value.value === null) {
    goType = '<nil>';
    hint = 'give the field a type string such as "string", or nested fields';
  } else if (typeof value.value === 'boolean') {
    goType = 'bool';
    hint = `a field's value is its type: write "boolean | default=${String(value.value)}"`;
  } else {
    goType = 'float64';
    hint = `a field's value is its type: write "${value.float === true || !Number.isInteger(Number(value.value)) ? 'float' : 'integer'} | default=${String(value.value)}"`;
  }
  return createDiagnostic('simpleschema/unexpected-type', `unexpected type: ${goType}${hint ? ` (${hint})` : ''}`, span, path);
}

// Kubernetes' CEL escaping (apiserver/pkg/cel/escaping.go) only maps names of this form; others are left out of the
// CEL type, so `schema.spec.<name>` cannot reach them.
const CEL_ESCAPABLE = /^[A-Za-z_./-][A-Za-z0-9_./-]*$/;

function warnIfNotCelName(entry: LocatedEntry, path: string, diagnostics: Diagnostic[]): void {
  if (CEL_ESCAPABLE.test(entry.key)) return;
  const why = entry.key === '' ? 'it is empty' : /^[0-9]/.test(entry.key) ? 'it starts with a digit' : 'it contains characters other than letters, digits, _ . - /';
  diagnostics.push(
    createDiagnostic(
      'simpleschema/field-name-not-in-cel',
      `field name ${JSON.stringify(entry.key)} cannot be used in CEL expressions because ${why}; kro accepts it, but no \${…} can read it`,
      entry.keySpan,
      path,
    ),
  );
}
