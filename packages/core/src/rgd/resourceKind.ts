import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { getValue, type LocatedNode } from '../source/LocatedNode.js';
import type { RgdResource } from './RgdModel.js';
import type { KindInfo, SchemaLookup } from './SchemaLookup.js';

/** What later stages need to know about a resource's kind. */
export interface ResourceKind<K extends KindInfo = KindInfo> {
  /** The registered kind, when apiVersion and kind are literal strings the registry knows. */
  readonly info?: K;
  /** kro types the variable as a list: a forEach collection or a selector externalRef. */
  readonly collection: boolean;
}

/**
 * Looks up the kind of a resource's template (or externalRef) once, for every stage that types or scopes it.
 * apiVersion/kind holding `${...}` are never looked up (they are reported by the resource checks).
 */
export function resourceKind<K extends KindInfo>(r: RgdResource, registry: Omit<SchemaLookup, 'lookup'> & { lookup(apiVersion: string, kind: string): K | undefined }): ResourceKind<K> {
  const obj = r.template ?? r.externalRef;
  const apiVersion = literal(getValue(obj, 'apiVersion'));
  const kind = literal(getValue(obj, 'kind'));
  const info = apiVersion !== undefined && kind !== undefined ? registry.lookup(apiVersion, kind) : undefined;
  const selector = r.externalRef !== undefined && getValue(getValue(r.externalRef, 'metadata'), 'selector') !== undefined;
  return { ...(info ? { info } : {}), collection: r.forEach.length > 0 || selector };
}

/** The ObjectMeta schema every kind shares (taken from a core kind, so it comes from the same registry data). */
export function objectMetaSchema(registry: SchemaLookup): OpenApiSchema {
  return registry.lookup('v1', 'ConfigMap')?.schema.properties?.metadata ?? { type: 'object' };
}

function literal(node: LocatedNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' && !node.value.includes('${') ? node.value : undefined;
}
