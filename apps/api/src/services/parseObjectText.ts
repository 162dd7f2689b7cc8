import type { Diagnostic } from '@kro-designer/contracts';
import { parseYamlSource, toPlain, type LineIndex, type LocatedNode } from '@kro-designer/core';
import type { KubeObject } from '../ports/ClusterGateway.js';
import { ServiceError } from './ServiceError.js';
import { toApiDiagnostic } from './ValidationService.js';

export interface ObjectText {
  readonly object: KubeObject;
  readonly root: LocatedNode;
  readonly lines: LineIndex;
}

/**
 * Reads the one Kubernetes object of a YAML text, with its located tree so cluster errors can be placed in the text.
 * Syntax errors, an empty text, several documents or a non-object are 422 with located diagnostics.
 */
export function parseObjectText(text: string, what: string): ObjectText {
  const parsed = parseYamlSource(text);
  const lines = parsed.value.lines;
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new ServiceError('unprocessable', `the ${what} is not valid YAML: ${errors[0]!.message}`, { diagnostics: errors.map((d) => toApiDiagnostic(d, lines)) });
  const docs = parsed.value.documents.filter((d) => d.root && !(d.root.kind === 'scalar' && d.root.value === null));
  const here = (message: string, node?: LocatedNode): Diagnostic => {
    const span = node ? node.span : { start: 0, end: 0 };
    return { code: 'document/not-object', severity: 'error', message, span, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) }, path: '' };
  };
  if (docs.length !== 1) {
    const message = docs.length === 0 ? `the ${what} text holds no YAML document` : `the ${what} text holds ${docs.length} documents; send exactly one`;
    throw new ServiceError('unprocessable', message, { diagnostics: [here(message, docs[1]?.root)] });
  }
  const root = docs[0]!.root!;
  const plain = toPlain(root);
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    const message = `the ${what} must be a YAML mapping (a Kubernetes object)`;
    throw new ServiceError('unprocessable', message, { diagnostics: [here(message, root)] });
  }
  const o = plain as Record<string, unknown>;
  const metadata = typeof o['metadata'] === 'object' && o['metadata'] !== null && !Array.isArray(o['metadata']) ? (o['metadata'] as KubeObject['metadata']) : {};
  return { object: { ...o, apiVersion: String(o['apiVersion'] ?? ''), kind: String(o['kind'] ?? ''), metadata }, root, lines };
}
