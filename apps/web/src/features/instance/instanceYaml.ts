import { parseDocument, stringify } from 'yaml';
import { isPlainObject, type PlainObject } from './instanceValue';

/** `metadata.name` and `metadata.namespace` of an instance. */
export interface InstanceMetadata {
  readonly name: string;
  readonly namespace: string;
}

/** The whole custom resource: what the YAML view shows and what is rendered. */
export interface InstanceDocument {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: InstanceMetadata;
  readonly spec: PlainObject;
}

/** The instance as YAML text, keys in the usual Kubernetes order. */
export function instanceToYaml(doc: InstanceDocument): string {
  const out: PlainObject = {};
  if (doc.apiVersion) out.apiVersion = doc.apiVersion;
  if (doc.kind) out.kind = doc.kind;
  if (doc.metadata) {
    const meta: PlainObject = { name: doc.metadata.name };
    if (doc.metadata.namespace) meta.namespace = doc.metadata.namespace;
    out.metadata = meta;
  }
  out.spec = doc.spec;
  return stringify(out, { lineWidth: 0 });
}

export type ParsedInstance =
  | { readonly ok: true; readonly spec: PlainObject; readonly metadata?: InstanceMetadata }
  | { readonly ok: false; readonly message: string; readonly line?: number };

/** Reads the YAML view back: the spec and metadata, or where the text stops being a YAML mapping. */
export function parseInstanceYaml(text: string): ParsedInstance {
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  if (first) return { ok: false, message: first.message.split('\n')[0] ?? first.message, line: text.slice(0, first.pos[0]).split('\n').length };
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { ok: true, spec: {} };
  if (!isPlainObject(value)) return { ok: false, message: 'The instance must be a YAML mapping (apiVersion, kind, metadata, spec).' };
  const spec = value.spec ?? {};
  if (!isPlainObject(spec)) return { ok: false, message: 'spec must be a mapping of the instance fields.' };
  const meta = value.metadata;
  if (meta !== undefined && !isPlainObject(meta)) return { ok: false, message: 'metadata must be a mapping with name and namespace.' };
  const metadata = meta ? { name: typeof meta.name === 'string' ? meta.name : '', namespace: typeof meta.namespace === 'string' ? meta.namespace : '' } : undefined;
  return { ok: true, spec, ...(metadata ? { metadata } : {}) };
}
