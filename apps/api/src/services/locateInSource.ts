import type { Diagnostic } from '@kro-designer/contracts';
import { getValue, type LineIndex, type LocatedNode, type RgdModel, type Span } from '@kro-designer/core';
import type { ClusterError, KubeObject } from '../ports/ClusterGateway.js';

/** Diagnostic codes of findings that come from a cluster rather than from the designer's own checks. */
export const CLUSTER_CODES = {
  /** The API server refused the object (admission, schema, CEL validation rules). */
  invalid: 'cluster/invalid',
  /** kro's RGD controller rejected the graph (GraphAccepted=False) or its CRD (KindReady=False). */
  kroRejected: 'cluster/kro-rejected',
  /** Other field managers own parts of the object: server-side apply keeps what they set. */
  sharedOwnership: 'cluster/shared-ownership',
} as const;

/** Splits a Kubernetes field path (`spec.resources[0].template`, `.metadata.labels[app]`) into segments. */
export function fieldPathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\.?([^.[\]]+)|\[(\d+)\]|\[["']?([^\]"']*)["']?\]/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** The deepest node of `root` along `path` and how much of the path was found. */
export function locatePath(root: LocatedNode, path: string): { node: LocatedNode; found: string } {
  let node = root;
  let found = '';
  for (const seg of fieldPathSegments(path)) {
    const next = typeof seg === 'number' ? (node.kind === 'seq' ? node.items[seg] : undefined) : getValue(node, seg);
    if (!next) break;
    node = next;
    found += typeof seg === 'number' ? `[${seg}]` : found === '' ? seg : `.${seg}`;
  }
  return { node, found };
}

function diagnostic(code: string, message: string, span: Span, path: string, lines: LineIndex, resourceId?: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return {
    code,
    severity,
    message,
    span,
    range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) },
    path,
    ...(resourceId ? { resourceId } : {}),
  };
}

/** The resource whose template holds `span`, so a diagnostic can name the canvas node. */
function resourceAt(model: RgdModel | undefined, span: Span): string | undefined {
  return model?.resources.find((r) => r.node.span.start <= span.start && span.end <= r.node.span.end)?.id;
}

/**
 * Places an API server rejection in the text it came from: one diagnostic per cause with a field path (at the
 * deepest node of that path that exists), or one on `fallback` when the server named no field.
 */
export function locateClusterError(err: ClusterError, root: LocatedNode, lines: LineIndex, model?: RgdModel): Diagnostic[] {
  const located = err.causes.map((c) => {
    const { node, found } = c.field ? locatePath(root, c.field) : { node: root, found: '' };
    const message = c.field ? `${c.field}: ${c.message}` : c.message;
    return diagnostic(CLUSTER_CODES.invalid, message, node.span, found, lines, resourceAt(model, node.span));
  });
  if (located.length > 0) return located;
  return [diagnostic(CLUSTER_CODES.invalid, err.message, firstLine(root, lines), '', lines)];
}

/** A span covering the first line of a node, so a whole-document finding does not paint the whole text. */
function firstLine(node: LocatedNode, lines: LineIndex): Span {
  const { line } = lines.positionAt(node.span.start);
  const end = line < lines.lineCount ? lines.lineStart(line + 1) - 1 : lines.text.length;
  return { start: node.span.start, end: Math.max(node.span.start, end) };
}

/** Finds `needle` inside `within` of the text; the span of the first occurrence. */
function find(text: string, needle: string, within: Span): Span | undefined {
  if (needle === '') return undefined;
  const i = text.slice(within.start, within.end).indexOf(needle);
  return i < 0 ? undefined : { start: within.start + i, end: within.start + i + needle.length };
}

/** The first `${…}` in `within` that mentions identifier `name`. */
function findExpressionUsing(text: string, name: string, within: Span): Span | undefined {
  const re = /\$\{([^}]*)\}/g;
  const slice = text.slice(within.start, within.end);
  const word = new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    if (word.test(m[1] ?? '')) return { start: within.start + m.index, end: within.start + m.index + m[0].length };
  }
  return undefined;
}

/**
 * Places kro's rejection of an RGD (the `GraphAccepted` or `KindReady` message, kro-spec §4.7) on the canvas: the
 * resource named in the message, narrowed to the expression, template path or unknown identifier it names; schema
 * problems on `spec.schema`; otherwise the RGD's name.
 */
export function locateKroMessage(message: string, model: RgdModel, lines: LineIndex): Diagnostic {
  const text = lines.text;
  const rootSpan = model.root.span;
  const idMatch = /resource "([^"]+)"/.exec(message) ?? /resource ([a-z][A-Za-z0-9]*)\b/.exec(message) ?? /\bid ([a-z][A-Za-z0-9]*)\b/.exec(message) ?? /resource IDs ([a-z][A-Za-z0-9]*)/.exec(message);
  const resource = idMatch ? model.resources.find((r) => r.id === idMatch[1]) : undefined;
  const within = resource?.node.span ?? rootSpan;

  const expression = /expression "((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
  if (expression !== undefined) {
    const unescaped = expression.replace(/\\(.)/g, '$1');
    const span = find(text, unescaped, within) ?? find(text, unescaped, rootSpan);
    if (span) return diagnostic(CLUSTER_CODES.kroRejected, message, span, resource?.path ?? '', lines, resource?.id ?? resourceAt(model, span));
  }
  const atPath = /at path "([^"]+)"/.exec(message)?.[1];
  if (resource?.template && atPath) {
    const { node, found } = locatePath(resource.template, atPath);
    if (found !== '') return diagnostic(CLUSTER_CODES.kroRejected, message, node.span, `${resource.path}.template.${found}`, lines, resource.id);
  }
  const unknown = /unknown identifiers: \[([^\]]+)\]/.exec(message)?.[1]?.split(/\s+/)[0];
  if (unknown) {
    const span = findExpressionUsing(text, unknown, within) ?? findExpressionUsing(text, unknown, rootSpan);
    if (span) return diagnostic(CLUSTER_CODES.kroRejected, message, span, resource?.path ?? '', lines, resource?.id ?? resourceAt(model, span));
  }
  if (resource) return diagnostic(CLUSTER_CODES.kroRejected, message, resource.idSpan, `${resource.path}.id`, lines, resource.id);

  const schema = model.schema;
  if (/kind '/.test(message) && schema.kindNode) return diagnostic(CLUSTER_CODES.kroRejected, message, schema.kindNode.span, 'spec.schema.kind', lines);
  if (/status/.test(message) && schema.status) return diagnostic(CLUSTER_CODES.kroRejected, message, schema.status.span, 'spec.schema.status', lines);
  if (/schema|breaking changes|CRD/.test(message) && schema.spec) return diagnostic(CLUSTER_CODES.kroRejected, message, schema.spec.span, 'spec.schema.spec', lines);
  if (schema.node) return diagnostic(CLUSTER_CODES.kroRejected, message, firstLine(schema.node, lines), 'spec.schema', lines);
  return diagnostic(CLUSTER_CODES.kroRejected, message, firstLine(model.root, lines), '', lines);
}

/**
 * A warning when field managers other than `self` own fields under `spec` of an applied object: removing such a field
 * from the design does not remove it from the cluster (server-side apply only drops fields nobody else owns).
 */
export function sharedOwnershipWarning(applied: KubeObject, self: string, root: LocatedNode, lines: LineIndex): Diagnostic | undefined {
  const managed = applied.metadata['managedFields'];
  const entries = Array.isArray(managed) ? (managed as { manager?: string; subresource?: string; fieldsV1?: Record<string, unknown> }[]) : [];
  const others = [...new Set(entries.filter((e) => e.manager && e.manager !== self && !e.subresource && e.fieldsV1?.['f:spec'] !== undefined).map((e) => e.manager!))].sort();
  if (others.length === 0) return undefined;
  const { node, found } = locatePath(root, 'metadata.name');
  const message = `parts of spec are also managed by ${others.join(', ')}: what they set stays in the cluster even where this design leaves it out (server-side apply removes only fields no other manager owns)`;
  return diagnostic(CLUSTER_CODES.sharedOwnership, message, node.span, found, lines, undefined, 'warning');
}
