import { getValue, inspectExpression, parseField, type LocatedNode, type RgdValidation, type SourceValidation } from '@kro-designer/core';
import { stringify } from 'yaml';
import type { DesignSnapshot, EdgeSummary, ResourceSummary, RgdSummary, SchemaFieldSummary, SchemaSummary } from './protocol';

// kro's function namespaces: `base64.encode(x)` is a function, not a field of a variable named base64.
const NAMESPACES = new Set(['random', 'hash', 'json', 'lists', 'base64', 'strings', 'optional', 'cel']);
const LIBRARY = { isNamespacedFunction: (ns: string) => NAMESPACES.has(ns) };

const scalarText = (node: LocatedNode | undefined): string | undefined =>
  node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;

/**
 * Reduces the core's validation of a text to the plain, cloneable data the UI draws: diagnostics as they are, and
 * for the first RGD its resources (with badges), dependency edges (with the fields they carry), edges from the
 * instance schema, cycles and the generated CRD.
 */
export function summarizeValidation(result: SourceValidation, version: number, elapsedMs: number): DesignSnapshot {
  const first = result.rgds[0];
  return {
    version,
    diagnostics: result.diagnostics,
    positions: result.diagnostics.map((d) => result.source.lines.positionAt(d.span.start)),
    ...(first ? { rgd: summarizeRgd(first) } : {}),
    rgdCount: result.rgds.length,
    valid: result.valid,
    elapsedMs,
  };
}

function summarizeRgd(v: RgdValidation): RgdSummary {
  const schemaFields = new Map<string, Set<string>>();
  for (const occ of v.occurrences) {
    if (occ.resourceId === undefined) continue;
    for (const m of occ.matches) {
      const inspection = inspectExpression(m.expression, LIBRARY);
      for (const ref of inspection.references) {
        if (ref.name !== 'schema') continue;
        const set = schemaFields.get(occ.resourceId) ?? new Set<string>();
        set.add(ref.path.length > 0 ? ref.path.slice(0, 2).join('.') : 'schema');
        schemaFields.set(occ.resourceId, set);
      }
    }
  }
  const resources: ResourceSummary[] = v.model.resources.map((r) => {
    const obj = r.template ?? r.externalRef;
    const apiVersion = scalarText(getValue(obj, 'apiVersion'));
    const kind = scalarText(getValue(obj, 'kind'));
    return {
      id: r.id,
      index: r.index,
      ...(apiVersion !== undefined ? { apiVersion } : {}),
      ...(kind !== undefined ? { kind } : {}),
      idSpan: r.idSpan,
      span: r.node.span,
      readyWhen: r.readyWhen.length,
      includeWhen: r.includeWhen.length,
      forEach: r.forEach.map((f) => f.name),
      externalRef: r.externalRef !== undefined,
      schemaFields: [...(schemaFields.get(r.id) ?? [])].sort(),
    };
  });
  const edges: EdgeSummary[] = v.graph.edges.map((e) => ({ from: e.from, to: e.to, fields: [...e.fields], span: e.span }));
  const spec = v.model.schema.spec;
  const specFields = spec?.kind === 'map' ? spec.entries.map((e) => e.key) : [];
  let crdYaml: string | undefined;
  if (v.crd) crdYaml = stringify(v.crd, { lineWidth: 0 });
  const crdVersion = v.crd?.spec.versions[0];
  const specSchema = crdVersion?.schema.openAPIV3Schema.properties?.spec;
  return {
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.kind !== undefined ? { kind: v.kind } : {}),
    ...(v.model.schema.apiVersion !== undefined ? { apiVersion: v.model.schema.apiVersion } : {}),
    ...(v.model.schema.node ? { schemaSpan: v.model.schema.node.span } : {}),
    specFields,
    resources,
    edges,
    cycles: v.graph.cycles.map((c) => [...c]),
    topologicalOrder: [...v.topologicalOrder],
    ...(crdYaml !== undefined ? { crdYaml } : {}),
    schema: summarizeSchema(v.model.schema.spec, v.model.schema.status, v.model.schema.types),
    ...(specSchema ? { specSchema } : {}),
    ...(v.crd && crdVersion ? { instanceApiVersion: `${v.crd.spec.group}/${crdVersion.name}` } : {}),
  };
}

/** Flattens the schema blocks for the form; field strings are read with the core's SimpleSchema parser. */
export function summarizeSchema(spec: LocatedNode | undefined, status: LocatedNode | undefined, types: LocatedNode | undefined): SchemaSummary {
  return { spec: flatten(spec, [], true), status: flatten(status, [], false), types: flatten(types, [], true) };
}

function flatten(node: LocatedNode | undefined, path: readonly string[], simpleSchema: boolean, out: SchemaFieldSummary[] = []): SchemaFieldSummary[] {
  if (node?.kind !== 'map') return out;
  for (const entry of node.entries) {
    const at = [...path, entry.key];
    const v = entry.value;
    if (v.kind === 'map') {
      out.push({ path: at, shape: 'object', markers: [] });
      flatten(v, at, simpleSchema, out);
    } else if (v.kind === 'scalar' && typeof v.value === 'string') {
      out.push(simpleSchema ? fieldSummary(at, v.value) : { path: at, shape: 'field', raw: v.value, markers: [] });
    } else {
      out.push({ path: at, shape: 'other', ...(v.kind === 'scalar' && v.value !== null ? { raw: String(v.value) } : {}), markers: [] });
    }
  }
  return out;
}

function fieldSummary(path: readonly string[], raw: string): SchemaFieldSummary {
  const parsed = parseField(raw);
  const typeText = raw.slice(0, parsed.pipe < 0 ? raw.length : parsed.pipe).trim();
  return {
    path,
    shape: 'field',
    raw,
    ...(parsed.type ? { type: typeText } : {}),
    markers: parsed.markers.map((m) => ({ key: m.key, value: m.value, raw: raw.slice(m.keyStart, m.rawEnd), known: m.known })),
    ...(parsed.errors[0] ? { error: parsed.errors[0].message } : {}),
  };
}
