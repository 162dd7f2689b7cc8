import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { childPath, indexPath } from '../source/fieldPath.js';
import { getValue, type LocatedNode } from '../source/LocatedNode.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { closestName } from '../suggest/closestName.js';

/** Which catalog code each kind of structural problem is reported with. */
export interface StructuralCodes {
  readonly unknownField: DiagnosticCode;
  readonly wrongType: DiagnosticCode;
  readonly missingField: DiagnosticCode;
  readonly invalidValue: DiagnosticCode;
  /** Code for an "exactly one of a or b" rule; the rule's own message is used. */
  readonly exactlyOneOf?: (message: string) => DiagnosticCode;
}

export interface StructuralOptions {
  readonly codes: StructuralCodes;
  /** Dereferences `$ref` schemas (bundled Kubernetes definitions); identity when absent. */
  readonly resolve?: (schema: OpenApiSchema) => OpenApiSchema;
  /** Resource id attached to every diagnostic. */
  readonly resourceId?: string;
  /** Deepest level walked; deeper content is assumed valid (the source model already bounds depth). */
  readonly maxDepth?: number;
}

/**
 * Checks a located value against a structural OpenAPI schema as the API server does for a custom resource with
 * strict field validation: types, unknown fields, required fields (after defaults: a required field with a default is
 * satisfied), enums, patterns, lengths and counts, and the "exactly one of" CEL rules kro's CRD declares. Null values
 * of non-nullable fields are treated as absent, as the API server prunes them. Reports every problem found.
 */
export function validateAgainstSchema(
  node: LocatedNode,
  schema: OpenApiSchema,
  path: string,
  options: StructuralOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  walk(node, schema, path, 0, options, out);
  return out;
}

function walk(node: LocatedNode, raw: OpenApiSchema, path: string, depth: number, o: StructuralOptions, out: Diagnostic[]): void {
  const schema = o.resolve ? o.resolve(raw) : raw;
  if (depth > (o.maxDepth ?? 64)) return;
  const extras = o.resourceId !== undefined ? { resourceId: o.resourceId } : {};
  const report = (code: DiagnosticCode, message: string, at = node.span) => out.push(createDiagnostic(code, message, at, path, extras));

  if (node.kind === 'scalar' && node.value === null) return;
  if (schema['x-kubernetes-int-or-string']) {
    if (!(node.kind === 'scalar' && (typeof node.value === 'string' || isInteger(node)))) {
      report(o.codes.wrongType, `${path} in body must be of type int-or-string: "${jsonTypeOf(node)}"`);
    }
    return;
  }
  const type = schema.type;
  if (type !== undefined && !matchesType(node, type)) {
    report(o.codes.wrongType, `${path} in body must be of type ${type}: "${jsonTypeOf(node)}"`);
    return;
  }
  if (node.kind === 'map') {
    checkMap(node, schema, path, depth, o, out, report);
  } else if (node.kind === 'seq') {
    if (schema.minItems !== undefined && node.items.length < schema.minItems) {
      report(o.codes.invalidValue, `${path} in body should have at least ${schema.minItems} items`);
    }
    if (schema.maxItems !== undefined && node.items.length > schema.maxItems) {
      report(o.codes.invalidValue, `${path}: Too many: ${node.items.length}: must have at most ${schema.maxItems} items`);
    }
    if (schema.items) node.items.forEach((item, i) => walk(item, schema.items!, indexPath(path, i), depth + 1, o, out));
  } else {
    checkScalar(node.value, schema, path, o, report);
  }
}

function checkMap(
  node: Extract<LocatedNode, { kind: 'map' }>,
  schema: OpenApiSchema,
  path: string,
  depth: number,
  o: StructuralOptions,
  out: Diagnostic[],
  report: (code: DiagnosticCode, message: string, at?: LocatedNode['span']) => void,
): void {
  const present = node.entries.filter((e) => !(e.value.kind === 'scalar' && e.value.value === null));
  if (schema.minProperties !== undefined && present.length < schema.minProperties) {
    report(o.codes.invalidValue, `${path} in body should have at least ${schema.minProperties} properties`);
  }
  if (schema.maxProperties !== undefined && present.length > schema.maxProperties) {
    report(o.codes.invalidValue, `${path} in body should have at most ${schema.maxProperties} properties`);
  }
  const props = schema.properties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const entry of node.entries) {
    const p = childPath(path, entry.key);
    const propSchema = props?.[entry.key];
    if (propSchema) walk(entry.value, propSchema, p, depth + 1, o, out);
    else if (typeof schema.additionalProperties === 'object') walk(entry.value, schema.additionalProperties, p, depth + 1, o, out);
    else if (props && !preserve && schema.additionalProperties !== true) {
      const suggestion = closestName(entry.key, Object.keys(props));
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      out.push(
        createDiagnostic(o.codes.unknownField, `unknown field "${p}"${hint}`, entry.keySpan, p, {
          ...(o.resourceId !== undefined ? { resourceId: o.resourceId } : {}),
          ...(suggestion ? { fixes: [{ title: `Rename to "${suggestion}"`, edits: [{ span: entry.keySpan, newText: suggestion }] }] } : {}),
        }),
      );
    }
  }
  for (const req of schema.required ?? []) {
    const value = getValue(node, req);
    const has = value !== undefined && !(value.kind === 'scalar' && value.value === null);
    const defaulted = props?.[req]?.default !== undefined;
    if (!has && !defaulted) report(o.codes.missingField, `${childPath(path, req)}: Required value`, node.span);
  }
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    const pair = exactlyOneOf(rule.rule);
    if (!pair) continue; // Other rules (transition rules such as immutability) need the old object; not checkable here.
    const count = pair.filter((k) => {
      const v = getValue(node, k);
      return v !== undefined && !(v.kind === 'scalar' && v.value === null);
    }).length;
    if (count !== 1) {
      const message = rule.message ?? `exactly one of ${pair.join(' or ')} must be provided`;
      report(o.codes.exactlyOneOf?.(message) ?? o.codes.invalidValue, message, node.span);
    }
  }
}

function checkScalar(
  value: string | number | bigint | boolean | null,
  schema: OpenApiSchema,
  path: string,
  o: StructuralOptions,
  report: (code: DiagnosticCode, message: string) => void,
): void {
  if (schema.enum && !schema.enum.some((e) => e === value || (typeof value === 'bigint' && e === Number(value)))) {
    const supported = schema.enum.map((e) => JSON.stringify(e)).join(', ');
    report(o.codes.invalidValue, `${path}: Unsupported value: ${JSON.stringify(String(value))}: supported values: ${supported}`);
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !safeTest(schema.pattern, value)) {
      report(o.codes.invalidValue, `${path} in body should match '${schema.pattern}'`);
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      report(o.codes.invalidValue, `${path} in body should be at least ${schema.minLength} chars long`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      report(o.codes.invalidValue, `${path}: Too long: may not be more than ${schema.maxLength} bytes`);
    }
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    if (schema.minimum !== undefined && n < schema.minimum) report(o.codes.invalidValue, `${path} in body should be greater than or equal to ${schema.minimum}`);
    if (schema.maximum !== undefined && n > schema.maximum) report(o.codes.invalidValue, `${path} in body should be less than or equal to ${schema.maximum}`);
  }
}

/** Recognises `(has(self.a) && !has(self.b)) || (!has(self.a) && has(self.b))`, the form kro's CRD uses. */
function exactlyOneOf(rule: string): [string, string] | undefined {
  const m = /^\(has\(self\.(\w+)\) && !has\(self\.(\w+)\)\) \|\| \(!has\(self\.(\w+)\)\s*&& has\(self\.(\w+)\)\)$/.exec(rule.replace(/\s+/g, ' ').trim());
  if (!m || m[1] !== m[3] || m[2] !== m[4]) return undefined;
  return [m[1]!, m[2]!];
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // A pattern JavaScript cannot compile is not the user's fault here; the API server is the judge.
    return true;
  }
}

function isInteger(node: LocatedNode): boolean {
  return node.kind === 'scalar' && (typeof node.value === 'bigint' || (typeof node.value === 'number' && Number.isInteger(node.value)));
}

function matchesType(node: LocatedNode, type: NonNullable<OpenApiSchema['type']>): boolean {
  switch (type) {
    case 'object':
      return node.kind === 'map';
    case 'array':
      return node.kind === 'seq';
    case 'string':
      return node.kind === 'scalar' && typeof node.value === 'string';
    case 'boolean':
      return node.kind === 'scalar' && typeof node.value === 'boolean';
    case 'integer':
      return isInteger(node);
    case 'number':
      return node.kind === 'scalar' && (typeof node.value === 'number' || typeof node.value === 'bigint');
  }
}

/** The JSON type name the API server prints in type errors. */
export function jsonTypeOf(node: LocatedNode): string {
  if (node.kind === 'map') return 'object';
  if (node.kind === 'seq') return 'array';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number' || typeof v === 'bigint') return isInteger(node) ? 'integer' : 'number';
  return 'string';
}
