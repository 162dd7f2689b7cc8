/**
 * Turns Kubernetes' published OpenAPI v3 documents (one per group version, as in `api/openapi-spec/v3`) into the
 * compact bundle the schema registry loads. Pure: no I/O, so it is unit-tested on small synthetic documents.
 */
import {
  COMPONENT_REF_PREFIX,
  KUBERNETES_BUNDLE_FORMAT,
  type BundledKind,
  type KubernetesSchemaBundle,
} from '../src/schemas/KubernetesSchemaBundle.js';
import type { OpenApiSchema } from '../src/schemas/OpenApiSchema.js';

/** The parts of an OpenAPI v3 document the generator reads. */
export interface OpenApiDocument {
  readonly paths?: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** Operations that act on a resource collection or item; `connect`/`proxy` style actions are not resources. */
const RESOURCE_ACTIONS = new Set(['get', 'list', 'post', 'put', 'patch', 'delete', 'deletecollection']);

/**
 * Builds the bundle. A kind is listed when some path serves it as a resource (`…/{plural}` or
 * `…/{plural}/{name}`, never a subresource such as `…/{name}/scale`); it is namespaced iff one of those paths is
 * under `/namespaces/{namespace}/`. List and options kinds never have such paths, so they drop out by themselves.
 */
export function buildKubernetesBundle(
  documents: readonly OpenApiDocument[],
  kubernetesVersion: string,
  source: string,
): KubernetesSchemaBundle {
  const components = collectComponents(documents);
  const resources = collectResources(documents);

  const kinds: BundledKind[] = [];
  for (const r of resources.values()) {
    const schema = schemaNameForGvk(components, r.gvk);
    kinds.push({ ...r.gvk, plural: r.plural, namespaced: r.namespaced, schema });
  }
  kinds.sort((a, b) => cmp(a.group, b.group) || cmp(a.version, b.version) || cmp(a.kind, b.kind));

  const reachable = reachableSchemas(components, kinds.map((k) => k.schema));
  const schemas: Record<string, OpenApiSchema> = {};
  for (const name of [...reachable].sort(cmp)) schemas[name] = normalise(components.get(name) as OpenApiSchema);

  return { formatVersion: KUBERNETES_BUNDLE_FORMAT, kubernetesVersion, source, kinds, objectProperties: objectProperties(schemas), schemas };
}

/**
 * Serialises a bundle with one kind or schema per line: compact, yet a regeneration diff shows which schemas
 * changed. Keys keep the order of the source documents, so output is byte-stable for the same input.
 */
export function serialiseBundle(bundle: KubernetesSchemaBundle): string {
  const lines: string[] = ['{'];
  lines.push(`"formatVersion":${JSON.stringify(bundle.formatVersion)},`);
  lines.push(`"kubernetesVersion":${JSON.stringify(bundle.kubernetesVersion)},`);
  lines.push(`"source":${JSON.stringify(bundle.source)},`);
  lines.push(`"objectProperties":${JSON.stringify(bundle.objectProperties)},`);
  lines.push('"kinds":[');
  bundle.kinds.forEach((k, i) => lines.push(JSON.stringify(k) + (i < bundle.kinds.length - 1 ? ',' : '')));
  lines.push('],');
  lines.push('"schemas":{');
  const names = Object.keys(bundle.schemas);
  names.forEach((n, i) => lines.push(`${JSON.stringify(n)}:${JSON.stringify(bundle.schemas[n])}${i < names.length - 1 ? ',' : ''}`));
  lines.push('}');
  lines.push('}');
  return lines.join('\n') + '\n';
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * The API server publishes CRD schemas with `apiVersion` and `kind` from TypeMeta and `metadata` as a plain `$ref`
 * to ObjectMeta; the built-in Namespace kind carries the same TypeMeta properties and metadata description.
 */
function objectProperties(schemas: Record<string, OpenApiSchema>): KubernetesSchemaBundle['objectProperties'] {
  const props = schemas['io.k8s.api.core.v1.Namespace']?.properties;
  if (!props?.apiVersion || !props.kind || !props.metadata || !schemas[OBJECT_META]) {
    throw new Error('the core/v1 Namespace schema lacks apiVersion, kind or metadata');
  }
  const metadata: OpenApiSchema = { $ref: COMPONENT_REF_PREFIX + OBJECT_META };
  if (props.metadata.description !== undefined) metadata.description = props.metadata.description;
  return { apiVersion: props.apiVersion, kind: props.kind, metadata };
}

function collectComponents(documents: readonly OpenApiDocument[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const doc of documents) {
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const seen = out.get(name);
      // The same definition appears in every document that uses it; differing copies would mean mixed releases.
      if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(schema)) {
        throw new Error(`component schema ${name} differs between documents`);
      }
      out.set(name, schema);
    }
  }
  return out;
}

interface Resource {
  readonly gvk: Gvk;
  plural: string;
  namespaced: boolean;
}

function collectResources(documents: readonly OpenApiDocument[]): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const doc of documents) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const served = parseResourcePath(path);
      if (!served) continue;
      for (const op of Object.values(item)) {
        if (!isRecord(op)) continue;
        const action = op['x-kubernetes-action'];
        const gvk = op['x-kubernetes-group-version-kind'];
        if (typeof action !== 'string' || !RESOURCE_ACTIONS.has(action) || !isGvk(gvk)) continue;
        // A path's URL names its group version; a GVK from another group there would be a subresource in disguise.
        if (gvk.group !== served.group || gvk.version !== served.version) continue;
        const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
        const known = out.get(key);
        if (!known) out.set(key, { gvk: { group: gvk.group, version: gvk.version, kind: gvk.kind }, plural: served.plural, namespaced: served.namespaced });
        else {
          known.namespaced ||= served.namespaced;
          if (served.plural < known.plural) known.plural = served.plural;
        }
      }
    }
  }
  return out;
}

/** Parses `/api/v1/…` and `/apis/<group>/<version>/…` resource paths; undefined for anything else. */
export function parseResourcePath(path: string): { group: string; version: string; plural: string; namespaced: boolean } | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    rest = parts.slice(2);
  } else return undefined;
  const version = rest[0]!;
  let tail = rest.slice(1);
  if (tail[0] === 'watch') return undefined;
  let namespaced = false;
  if (tail[0] === 'namespaces' && tail[1] === '{namespace}' && tail.length >= 3) {
    namespaced = true;
    tail = tail.slice(2);
  }
  if (tail.length === 0 || tail.length > 2 || tail[0]!.startsWith('{')) return undefined;
  if (tail.length === 2 && tail[1] !== '{name}') return undefined;
  return { group, version, plural: tail[0]!, namespaced };
}

function schemaNameForGvk(components: Map<string, unknown>, gvk: Gvk): string {
  const matches: string[] = [];
  for (const [name, schema] of components) {
    const tags = isRecord(schema) ? schema['x-kubernetes-group-version-kind'] : undefined;
    if (!Array.isArray(tags)) continue;
    if (tags.some((t) => isGvk(t) && t.group === gvk.group && t.version === gvk.version && t.kind === gvk.kind)) matches.push(name);
  }
  if (matches.length !== 1) {
    throw new Error(`expected one schema for ${gvk.group}/${gvk.version} ${gvk.kind}, found ${matches.length}: ${matches.join(', ')}`);
  }
  return matches[0]!;
}

function reachableSchemas(components: Map<string, unknown>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    const schema = components.get(name);
    if (schema === undefined) throw new Error(`dangling reference to ${name}`);
    seen.add(name);
    for (const ref of refsIn(schema)) queue.push(ref);
  }
  return seen;
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') {
        if (!v.startsWith(COMPONENT_REF_PREFIX)) throw new Error(`unexpected reference ${v}`);
        out.push(v.slice(COMPONENT_REF_PREFIX.length));
      } else refsIn(v, out);
    }
  }
  return out;
}

/** Adds `x-kubernetes-int-or-string` wherever the built-in spelling `format: int-or-string` is used. */
function normalise(schema: OpenApiSchema): OpenApiSchema {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && isRecord(v)) {
      copy[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, normalise(pv as OpenApiSchema)]));
    } else if ((k === 'items' || k === 'additionalProperties' || k === 'not') && isRecord(v)) {
      copy[k] = normalise(v as OpenApiSchema);
    } else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      copy[k] = v.map((s) => normalise(s as OpenApiSchema));
    } else copy[k] = v;
  }
  if (copy.format === 'int-or-string') copy['x-kubernetes-int-or-string'] = true;
  return copy as OpenApiSchema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGvk(value: unknown): value is Gvk {
  return isRecord(value) && typeof value.group === 'string' && typeof value.version === 'string' && typeof value.kind === 'string';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
