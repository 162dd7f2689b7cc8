import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { isStandalone, scanExpressions } from '../cel/scanner/scanExpressions.js';
import type { RgdModel, RgdResource } from '../rgd/RgdModel.js';
import type { SchemaLookup } from '../rgd/SchemaLookup.js';
import { resourceKind } from '../rgd/resourceKind.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { childPath, indexPath } from '../source/fieldPath.js';
import { getValue, type LocatedNode } from '../source/LocatedNode.js';
import type { ExpressionContext, ExpressionOccurrence } from './ExpressionOccurrence.js';
import { kroChildPath } from './kroFieldPath.js';
import { walkTemplate } from './walkTemplate.js';

export interface CollectedOccurrences {
  readonly occurrences: readonly ExpressionOccurrence[];
  readonly diagnostics: readonly Diagnostic[];
  /** Status leaves that hold no expression (kro rejects them). */
  readonly statusWithoutExpressions: readonly { readonly path: string; readonly documentPath: string; readonly span: Span }[];
}

/**
 * Finds every expression of an RGD with its context: resource templates (walked against their kind's schema),
 * externalRefs, forEach dimensions, includeWhen and readyWhen entries, and `schema.status` fields and conditions.
 */
export function collectOccurrences(model: RgdModel, registry: SchemaLookup): CollectedOccurrences {
  const occurrences: ExpressionOccurrence[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of model.resources) {
    collectResource(r, registry, occurrences, diagnostics);
  }
  const statusWithoutExpressions: { path: string; documentPath: string; span: Span }[] = [];
  const status = model.schema.status;
  if (status?.kind === 'map') {
    for (const e of status.entries) {
      const documentPath = childPath('spec.schema.status', e.key);
      if (e.key === 'conditions') {
        if (e.value.kind === 'seq') {
          e.value.items.forEach((item, i) => standalone('condition', undefined, item, `status.conditions[${i}]`, indexPath(documentPath, i), occurrences, diagnostics));
        } else if (!(e.value.kind === 'scalar' && e.value.value === null)) {
          diagnostics.push(createDiagnostic('status/conditions', `failed to build instance status schema: failed to extract conditions block: status.conditions must be a list, got ${describe(e.value)}`, e.value.span, documentPath));
        }
        continue;
      }
      collectStatus(e.value, e.key, documentPath, occurrences, diagnostics, statusWithoutExpressions);
    }
  }
  return { occurrences, diagnostics, statusWithoutExpressions };
}

function collectResource(r: RgdResource, registry: SchemaLookup, occurrences: ExpressionOccurrence[], diagnostics: Diagnostic[]): void {
  if (r.template) {
    const apiVersion = stringAt(r.template, 'apiVersion');
    const kind = stringAt(r.template, 'kind');
    const info = resourceKind(r, registry).info;
    const isCrd = apiVersion === 'apiextensions.k8s.io/v1' && kind === 'CustomResourceDefinition';
    const walked = walkTemplate({
      resourceId: r.id,
      context: 'template',
      node: r.template,
      schema: isCrd ? undefined : info?.schema,
      resolve: (s) => registry.resolve(s),
      documentPath: childPath(r.path, 'template'),
      expressionsOnlyInMetadata: isCrd,
    });
    // Without a schema the kind is already reported as unknown; walking schemalessly still finds the expressions.
    occurrences.push(...walked.occurrences.filter((o) => !(o.path === 'apiVersion' || o.path === 'kind')));
    diagnostics.push(...walked.diagnostics);
  }
  if (r.externalRef) {
    const walked = walkTemplate({ resourceId: r.id, context: 'externalRef', node: r.externalRef, schema: undefined, resolve: (s) => s, documentPath: childPath(r.path, 'externalRef') });
    // kro walks externalRefs without a schema but type-checks their values against the kind's fields.
    const kindSchema = resourceKind(r, registry).info?.schema;
    const typed = walked.occurrences
      .filter((o) => !(o.path === 'apiVersion' || o.path === 'kind'))
      .map((o) => {
        const expected = kindSchema ? schemaAtPath(kindSchema, o.path, registry) : undefined;
        return expected ? { ...o, expectedSchema: expected } : o;
      });
    occurrences.push(...typed);
    diagnostics.push(...walked.diagnostics);
  }
  r.forEach.forEach((dim, i) => {
    standalone('forEach', r.id, dim.expression, `forEach[${i}].${dim.name}`, childPath(indexPath(childPath(r.path, 'forEach'), i), dim.name), occurrences, diagnostics, dim.name);
  });
  for (const [context, list] of [['includeWhen', r.includeWhen], ['readyWhen', r.readyWhen]] as const) {
    list.forEach((node, i) => standalone(context, r.id, node, `${context}[${i}]`, indexPath(childPath(r.path, context), i), occurrences, diagnostics));
  }
}

function standalone(
  context: ExpressionContext,
  resourceId: string | undefined,
  node: LocatedNode,
  path: string,
  documentPath: string,
  occurrences: ExpressionOccurrence[],
  diagnostics: Diagnostic[],
  iterator?: string,
): void {
  const extras = resourceId !== undefined ? { resourceId } : {};
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return; // Non-strings are reported by the CRD shape check.
  const scan = scanExpressions(node.value);
  if (!scan.ok) {
    const o = node.offsetOf(scan.index);
    diagnostics.push(createDiagnostic('cel/nested-expression', scan.message, { start: o, end: o + 2 }, documentPath, extras));
    return;
  }
  if (!isStandalone(node.value, scan.matches)) {
    const what = context === 'forEach' ? `failed to parse forEach dimensions: invalid forEach expression for dimension "${iterator}": only standalone expressions are allowed` : context === 'condition' ? 'failed to build instance conditions: invalid conditions block: only standalone expressions are allowed' : `failed to parse ${context} expressions: only standalone expressions are allowed`;
    const hint = /\n$/.test(node.value) ? ' (the value ends with a newline: use a "|-" or ">-" block scalar, or a quoted string)' : ' (the whole value must be one ${...})';
    diagnostics.push(createDiagnostic('cel/not-standalone', what + hint, node.span, documentPath, extras));
    return;
  }
  occurrences.push({
    context,
    ...(resourceId !== undefined ? { resourceId } : {}),
    path,
    documentPath,
    ...(iterator !== undefined ? { iterator } : {}),
    node,
    text: node.value,
    matches: scan.matches,
    standalone: true,
    span: node.span,
  });
}

function collectStatus(node: LocatedNode, path: string, documentPath: string, occurrences: ExpressionOccurrence[], diagnostics: Diagnostic[], without: { path: string; documentPath: string; span: Span }[]): void {
  if (node.kind === 'map') {
    for (const e of node.entries) collectStatus(e.value, kroChildPath(path, e.key), childPath(documentPath, e.key), occurrences, diagnostics, without);
    return;
  }
  if (node.kind === 'seq') {
    node.items.forEach((item, i) => collectStatus(item, `${path}[${i}]`, indexPath(documentPath, i), occurrences, diagnostics, without));
    return;
  }
  if (typeof node.value !== 'string') {
    without.push({ path, documentPath, span: node.span });
    return;
  }
  const scan = scanExpressions(node.value);
  if (!scan.ok) {
    const o = node.offsetOf(scan.index);
    diagnostics.push(createDiagnostic('cel/nested-expression', scan.message, { start: o, end: o + 2 }, documentPath));
    return;
  }
  if (scan.matches.length === 0) {
    without.push({ path, documentPath, span: node.span });
    return;
  }
  occurrences.push({ context: 'status', path, documentPath, node, text: node.value, matches: scan.matches, standalone: isStandalone(node.value, scan.matches), span: node.span });
}

/** The schema at a simple dotted path (`metadata.name`); undefined past arrays, maps or unknown fields. */
function schemaAtPath(schema: OpenApiSchema, path: string, registry: SchemaLookup): OpenApiSchema | undefined {
  let cur: OpenApiSchema | undefined = registry.resolve(schema);
  for (const key of path.split('.')) {
    if (!/^[A-Za-z_][\w-]*$/.test(key)) return undefined;
    const next: OpenApiSchema | undefined = cur?.properties?.[key];
    cur = next ? registry.resolve(next) : undefined;
    if (!cur) return undefined;
  }
  return cur;
}

function stringAt(node: LocatedNode, key: string): string | undefined {
  const v = getValue(node, key);
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

function describe(node: LocatedNode): string {
  if (node.kind === 'map') return 'map[string]interface {}';
  if (node.kind === 'seq') return '[]interface {}';
  return typeof node.value === 'string' ? 'string' : typeof node.value === 'boolean' ? 'bool' : 'float64';
}
