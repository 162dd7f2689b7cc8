import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';

export interface LocatedResources {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** `spec.resources` when it is a sequence. */
  readonly seq?: YAMLSeq;
  /** Ids of the items, in order (empty string for items without an id). */
  readonly ids: readonly string[];
}

/** Parses the first document and finds `spec.resources`; undefined with a message when the text cannot be edited safely. */
export function locateResources(text: string): { ok: true; value: LocatedResources } | { ok: false; message: string } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true });
  if (doc.errors.length > 0) return { ok: false, message: `Fix the YAML syntax error first (${doc.errors[0]!.message.split('\n')[0]})` };
  if (!isMap(doc.contents)) return { ok: false, message: 'The document is not a mapping: start from a ResourceGraphDefinition' };
  const spec = doc.get('spec', true);
  if (spec !== undefined && !isMap(spec)) return { ok: false, message: 'spec is not a mapping' };
  const resources = isMap(spec) ? spec.get('resources', true) : undefined;
  if (resources !== undefined && !isSeq(resources) && !(isScalar(resources) && resources.value === null)) {
    return { ok: false, message: 'spec.resources is not a list' };
  }
  const seq = isSeq(resources) ? resources : undefined;
  const ids = (seq?.items ?? []).map((item) => {
    const id = isMap(item) ? (item as YAMLMap).get('id') : undefined;
    return typeof id === 'string' ? id : '';
  });
  return { ok: true, value: { doc, lines, ...(seq ? { seq } : {}), ids } };
}
