import type { Diagnostic, Span, StageResult } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { getEntry, getValue, toPlain, type LocatedMap, type LocatedNode } from '../source/LocatedNode.js';
import { DEFAULT_SOURCE_LIMITS, parseYamlSource, type SourceLimits } from '../source/parseYamlSource.js';
import { checkCrdSchema, describe } from './checkCrdSchema.js';
import type { OpenApiSchema } from './OpenApiSchema.js';
import type { GroupVersionKind } from './SchemaRegistry.js';

/** One version of a CustomResourceDefinition, as written in its file. */
export interface CrdVersion extends GroupVersionKind {
  readonly plural: string;
  readonly namespaced: boolean;
  /** Only served versions are visible to kro (discovery lists nothing else). */
  readonly served: boolean;
  /** `openAPIV3Schema` exactly as written (the registry adds what the API server publishes on top). */
  readonly schema: OpenApiSchema;
  /** `metadata.name` of the CRD, or `<plural>.<group>` when it has none. */
  readonly crdName: string;
  /** Span of the `spec.versions[i]` entry. */
  readonly span: Span;
}

/**
 * CRD files are larger and deeper than RGDs: one operator's CRD bundle can exceed the 4 MB RGD limit, and a
 * schema level costs two nesting levels (`properties`, then the field), so a CRD embedding a pod template nests
 * about 60 deep. Still bounded, so hostile input ends in a diagnostic.
 */
export const CRD_SOURCE_LIMITS: SourceLimits = { ...DEFAULT_SOURCE_LIMITS, maxLength: 32 * 1024 * 1024, maxDepth: 256 };

const CRD_V1 = 'apiextensions.k8s.io/v1';
const CRD_KIND = 'CustomResourceDefinition';

/**
 * Reads every CustomResourceDefinition in a YAML (or JSON) text: multi-document files, `kind: List` and
 * `CustomResourceDefinitionList` included. Never throws on user input: syntax errors, broken CRDs
 * (`schema/invalid-crd`) and skipped non-CRD documents (`schema/not-crd`) come back as located diagnostics.
 * A CRD with a broken envelope (group, names, scope, versions) yields no versions; a version with a broken schema
 * is still returned, with its problems reported.
 */
export function parseCrds(text: string): StageResult<readonly CrdVersion[]> {
  const parsed = parseYamlSource(text, CRD_SOURCE_LIMITS);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const versions: CrdVersion[] = [];
  for (const doc of parsed.value.documents) {
    // A document with syntax errors is already reported; reading its best-effort tree would add noise.
    if (doc.hasErrors || doc.root === undefined) continue;
    readObject(doc.root, '', versions, diagnostics);
  }
  return { value: versions, diagnostics };
}

function readObject(node: LocatedNode, path: string, out: CrdVersion[], diagnostics: Diagnostic[]): void {
  const where = path === '' ? 'the document' : path;
  if (node.kind !== 'map') {
    if (node.kind === 'scalar' && node.value === null) return;
    diagnostics.push(createDiagnostic('schema/not-crd', `skipped ${where}: it is ${describe(node)}, not a CustomResourceDefinition`, node.span, path));
    return;
  }
  const apiVersion = stringAt(node, 'apiVersion');
  const kind = stringAt(node, 'kind');
  const items = getValue(node, 'items');
  if ((kind === 'List' || kind === `${CRD_KIND}List`) && items?.kind === 'seq') {
    items.items.forEach((item, i) => readObject(item, `${path === '' ? '' : `${path}.`}items[${i}]`, out, diagnostics));
    return;
  }
  if (kind !== CRD_KIND || !apiVersion?.startsWith('apiextensions.k8s.io/')) {
    const what = kind ? `a ${apiVersion ?? '(no apiVersion)'} ${kind}` : 'an object without kind';
    diagnostics.push(createDiagnostic('schema/not-crd', `skipped ${where}: it is ${what}, not a CustomResourceDefinition`, node.span, path));
    return;
  }
  if (apiVersion !== CRD_V1) {
    const at = getEntry(node, 'apiVersion')!.value;
    diagnostics.push(
      createDiagnostic('schema/invalid-crd', `${apiVersion} CustomResourceDefinitions are not served since Kubernetes 1.22; convert it to ${CRD_V1}`, at.span, join(path, 'apiVersion')),
    );
    return;
  }
  readCrd(node, path, out, diagnostics);
}

function readCrd(crd: LocatedMap, path: string, out: CrdVersion[], diagnostics: Diagnostic[]): void {
  const before = diagnostics.length;
  const invalid = (message: string, span: Span, at: string): void => {
    diagnostics.push(createDiagnostic('schema/invalid-crd', message, span, at));
  };
  const spec = required(crd, 'spec', 'map', path, invalid);
  if (spec === undefined) return;
  const specPath = join(path, 'spec');
  const group = required(spec, 'group', 'string', specPath, invalid);
  const names = required(spec, 'names', 'map', specPath, invalid);
  const namesPath = join(specPath, 'names');
  const kind = names && required(names, 'kind', 'string', namesPath, invalid);
  const plural = names && required(names, 'plural', 'string', namesPath, invalid);
  const scopeNode = required(spec, 'scope', 'string', specPath, invalid);
  if (scopeNode !== undefined && scopeNode.value !== 'Namespaced' && scopeNode.value !== 'Cluster') {
    invalid(`${join(specPath, 'scope')} must be "Namespaced" or "Cluster", got "${scopeNode.value}"`, scopeNode.span, join(specPath, 'scope'));
  }
  const versions = required(spec, 'versions', 'seq', specPath, invalid);
  if (versions !== undefined && versions.items.length === 0) invalid(`${join(specPath, 'versions')} must list at least one version`, versions.span, join(specPath, 'versions'));
  if (diagnostics.length > before || !group || !kind || !plural || !scopeNode || !versions) return;

  const nameNode = getValue(getValue(crd, 'metadata'), 'name');
  const crdName = nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : `${plural.value}.${group.value}`;
  const seen = new Set<string>();
  versions.items.forEach((entry, i) => {
    const vPath = `${join(specPath, 'versions')}[${i}]`;
    if (entry.kind !== 'map') return invalid(`${vPath} must be a map, got ${describe(entry)}`, entry.span, vPath);
    const name = required(entry, 'name', 'string', vPath, invalid);
    const served = required(entry, 'served', 'boolean', vPath, invalid);
    const schema = getValue(entry, 'schema');
    const openApi = schema?.kind === 'map' ? getValue(schema, 'openAPIV3Schema') : undefined;
    const schemaPath = `${vPath}.schema.openAPIV3Schema`;
    if (openApi === undefined) {
      invalid(`${vPath} has no schema.openAPIV3Schema; the API server requires a schema for every version`, entry.span, vPath);
    } else checkCrdSchema(openApi, schemaPath, diagnostics);
    if (name === undefined || served === undefined || openApi?.kind !== 'map') return;
    if (seen.has(name.value)) return invalid(`version "${name.value}" is listed more than once`, name.span, `${vPath}.name`);
    seen.add(name.value);
    out.push({
      group: group.value,
      version: name.value,
      kind: kind.value,
      plural: plural.value,
      namespaced: scopeNode.value === 'Namespaced',
      served: served.value,
      schema: toPlain(openApi) as OpenApiSchema,
      crdName,
      span: entry.span,
    });
  });
}

type Shape = 'map' | 'seq' | 'string' | 'boolean';
type Shaped<S extends Shape> = S extends 'map'
  ? LocatedMap
  : S extends 'seq'
    ? Extract<LocatedNode, { kind: 'seq' }>
    : { readonly value: S extends 'string' ? string : boolean; readonly span: Span };

/** The field `key` of `map` if it has the expected shape; otherwise reports it (missing or wrong) and returns undefined. */
function required<S extends Shape>(
  map: LocatedMap,
  key: string,
  shape: S,
  parentPath: string,
  invalid: (message: string, span: Span, path: string) => void,
): Shaped<S> | undefined {
  const path = join(parentPath, key);
  const entry = getEntry(map, key);
  if (entry === undefined) {
    invalid(`${path} is missing`, map.span, parentPath);
    return undefined;
  }
  const node = entry.value;
  const ok =
    shape === 'map' || shape === 'seq'
      ? node.kind === shape
      : node.kind === 'scalar' && typeof node.value === shape && (shape !== 'string' || node.value !== '');
  if (!ok) {
    const what = shape === 'map' ? 'a map' : shape === 'seq' ? 'a list' : shape === 'string' ? 'a non-empty string' : 'a boolean';
    invalid(`${path} must be ${what}, got ${describe(node)}`, node.span, path);
    return undefined;
  }
  return node as unknown as Shaped<S>;
}

function stringAt(map: LocatedMap, key: string): string | undefined {
  const v = getValue(map, key);
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}
