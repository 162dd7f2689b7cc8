import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { childPath } from '../source/fieldPath.js';
import { getEntry, getValue, type LocatedNode } from '../source/LocatedNode.js';
import type { RgdModel, RgdResource } from './RgdModel.js';
import type { SchemaLookup } from './SchemaLookup.js';
import { closestName } from '../suggest/closestName.js';

const RESERVED_PREFIXES = ['kro.run/', 'internal.kro.run/'];

/**
 * Per-resource checks of kro's builder that need no CEL: the template is a Kubernetes object, its apiVersion and
 * kind are literal and resolve to a known schema, namespace rules by scope, no kro-owned labels or annotations,
 * externalRef not combined with forEach.
 */
export function checkResources(model: RgdModel, registry: SchemaLookup, supplyHint?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of model.resources) {
    if (r.externalRef && r.forEach.length > 0) {
      out.push(
        createDiagnostic('rgd/externalref-with-foreach', `resource "${r.id}": cannot use externalRef with forEach`, r.externalRef.span, childPath(r.path, 'externalRef'), { resourceId: r.id }),
      );
    }
    const object = r.template ?? r.externalRef;
    if (!object) continue;
    const objectPath = childPath(r.path, r.template ? 'template' : 'externalRef');
    if (object.kind !== 'map') continue; // Type errors come from the structural check.
    if (r.template && !checkObjectStructure(r, object, objectPath, out)) continue;
    const apiVersion = getValue(object, 'apiVersion');
    const kind = getValue(object, 'kind');
    if (apiVersion?.kind !== 'scalar' || typeof apiVersion.value !== 'string') continue;
    if (kind?.kind !== 'scalar' || typeof kind.value !== 'string') continue;
    let literal = true;
    for (const [field, node, value] of [['apiVersion', apiVersion, apiVersion.value], ['kind', kind, kind.value]] as const) {
      if (value.includes('${')) {
        literal = false;
        out.push(
          createDiagnostic('resource/expression-in-gvk', `${field} must be a literal value, not an expression: kro resolves each resource's schema from its apiVersion and kind before any expression is evaluated`, node.span, childPath(objectPath, field), { resourceId: r.id }),
        );
      }
    }
    if (!literal) continue;
    const gvError = groupVersionError(apiVersion.value);
    if (gvError) {
      out.push(
        createDiagnostic('resource/invalid-apiversion', `failed to extract GVK from resource ${r.id}: ${gvError}`, apiVersion.span, childPath(objectPath, 'apiVersion'), { resourceId: r.id }),
      );
      continue;
    }
    const info = registry.lookup(apiVersion.value, kind.value);
    if (!info) {
      const sameVersion = registry.kinds?.().filter((k) => k.apiVersion === apiVersion.value).map((k) => k.kind) ?? [];
      const suggestion = closestName(kind.value, sameVersion);
      const fixable = suggestion !== undefined && kind.style === 'PLAIN';
      out.push(
        createDiagnostic('schema/unknown-kind', registry.describeMissing(apiVersion.value, kind.value, supplyHint ? { supplyHint } : undefined), kind.span, childPath(objectPath, 'kind'), {
          resourceId: r.id,
          ...(fixable ? { fixes: [{ title: `Change the kind to ${suggestion}`, edits: [{ span: kind.span, newText: suggestion }] }] } : {}),
        }),
      );
      continue;
    }
    checkNamespace(model, r, object, objectPath, info.namespaced, out);
    if (r.template) checkReservedMetadata(r, object, objectPath, out);
  }
  return out;
}

function checkObjectStructure(r: RgdResource, object: Extract<LocatedNode, { kind: 'map' }>, path: string, out: Diagnostic[]): boolean {
  let ok = true;
  const fail = (problem: string, at: LocatedNode | undefined, field: string) => {
    ok = false;
    out.push(
      createDiagnostic('resource/not-kubernetes-object', `resource ${r.id} is not a valid Kubernetes object: ${problem}`, at?.span ?? object.span, childPath(path, field), { resourceId: r.id }),
    );
  };
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = getValue(object, field);
    if (!v || (v.kind === 'scalar' && v.value === null)) fail(`${field} field not found`, getEntry(object, field)?.value, field);
    else if (v.kind !== 'scalar' || typeof v.value !== 'string') fail(`${field} field is not a string`, v, field);
  }
  const metadata = getValue(object, 'metadata');
  if (!metadata || (metadata.kind === 'scalar' && metadata.value === null)) fail('metadata field not found', undefined, 'metadata');
  else if (metadata.kind !== 'map') fail('metadata field is not a map', metadata, 'metadata');
  return ok;
}

function checkNamespace(
  model: RgdModel,
  r: RgdResource,
  object: Extract<LocatedNode, { kind: 'map' }>,
  path: string,
  namespaced: boolean,
  out: Diagnostic[],
): void {
  const metadata = getValue(object, 'metadata');
  const nsEntry = metadata?.kind === 'map' ? getEntry(metadata, 'namespace') : undefined;
  const nsPath = childPath(childPath(path, 'metadata'), 'namespace');
  const at = { resourceId: r.id };
  if (!namespaced && nsEntry) {
    out.push(createDiagnostic('resource/namespace-scope', `resource "${r.id}" is cluster-scoped and must not set metadata.namespace`, nsEntry.keySpan, nsPath, at));
  }
  const externalCollection = r.externalRef !== undefined && metadata?.kind === 'map' && getEntry(metadata, 'selector') !== undefined;
  if (namespaced && model.schema.scope === 'Cluster' && !externalCollection) {
    const v = nsEntry?.value;
    const ok = v?.kind === 'scalar' && typeof v.value === 'string' && v.value.trim() !== '';
    if (!ok) {
      out.push(
        createDiagnostic('resource/namespace-scope', `resource "${r.id}" is namespaced and must set metadata.namespace when the instance CRD is cluster-scoped`, v?.span ?? metadata?.span ?? object.span, nsPath, at),
      );
    }
  }
}

function checkReservedMetadata(r: RgdResource, object: Extract<LocatedNode, { kind: 'map' }>, path: string, out: Diagnostic[]): void {
  const metadata = getValue(object, 'metadata');
  for (const field of ['labels', 'annotations'] as const) {
    const map = getValue(metadata, field);
    if (map?.kind !== 'map') continue;
    for (const e of map.entries) {
      const prefix = RESERVED_PREFIXES.find((p) => e.key.startsWith(p));
      if (!prefix) continue;
      const noun = field === 'labels' ? 'label' : 'annotation';
      out.push(
        createDiagnostic('resource/reserved-metadata', `invalid ${noun} for resource "${r.id}". ${field} with prefix "${prefix}" are reserved for internal use`, e.keySpan, childPath(childPath(childPath(path, 'metadata'), field), e.key), { resourceId: r.id }),
      );
    }
  }
}

/** Mirrors apimachinery's ParseGroupVersion: "", "v1" or "group/version", nothing else. */
function groupVersionError(apiVersion: string): string | undefined {
  if (apiVersion === '') return 'apiVersion is empty';
  const parts = apiVersion.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) return `unexpected GroupVersion string: ${apiVersion}`;
  return undefined;
}
