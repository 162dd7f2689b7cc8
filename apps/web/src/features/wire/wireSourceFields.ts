import type { KindSummary, RgdSummary } from '../validation/protocol';

/**
 * The WireDialog's `sourceFields` prop for a wire starting at `expression`: the fields of the source resource's kind
 * (from the bundled schemas, via the worker's kind list), or nothing for schema fields and unknown kinds.
 */
export function wireSourceFields(expression: string, rgd: RgdSummary | undefined, kinds: readonly KindSummary[]): { sourceFields?: readonly string[] } {
  const id = /^([A-Za-z_][A-Za-z0-9_]*)\.metadata\.name$/.exec(expression)?.[1];
  const resource = id ? rgd?.resources.find((r) => r.id === id) : undefined;
  const fields = resource ? kinds.find((k) => k.apiVersion === resource.apiVersion && k.kind === resource.kind)?.fields : undefined;
  return fields && fields.length > 0 ? { sourceFields: fields } : {};
}
