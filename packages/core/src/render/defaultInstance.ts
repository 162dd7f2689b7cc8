import type { Diagnostic, StageResult } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { CustomResourceDefinition } from '../crd/CustomResourceDefinition.js';
import { validateAgainstSchema } from '../openapi/validateAgainstSchema.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { fromPlain, getValue, toPlain, type LocatedNode } from '../source/LocatedNode.js';
import { parseYamlSource } from '../source/parseYamlSource.js';
import { applyDefaults } from './applyDefaults.js';
import { checkValidationRules } from './checkValidationRules.js';
import type { PlainObject } from './RenderTypes.js';

export interface DefaultedInstance {
  /** The instance after the API server's defaulting, without `status` (what kro binds to `schema`, plus metadata). */
  readonly instance: PlainObject;
  /** The located tree of the instance text (spans are empty when the instance was given as data). */
  readonly root: LocatedNode;
}

const CODES = {
  unknownField: 'instance/unknown-field',
  wrongType: 'instance/wrong-type',
  missingField: 'instance/missing-field',
  invalidValue: 'instance/invalid-value',
} as const;

/**
 * Reads an instance (YAML/JSON text or data) as the API server admits it for the RGD's generated CRD: one object of
 * the CRD's apiVersion and kind with a name; the spec validated against the CRD schema (types, enums, patterns,
 * bounds, lengths, required fields, unknown fields as `kubectl apply`'s strict validation reports them), then
 * structurally defaulted (including `default: {}` objects, so nested defaults materialise). `status` is dropped: the
 * API server ignores it on the main resource. Diagnostics are located in the instance text. A namespaced instance
 * without a namespace lands in `default`, as kubectl's default context would put it.
 */
export function defaultInstance(crd: CustomResourceDefinition, instance: string | PlainObject): StageResult<DefaultedInstance | undefined> {
  const diagnostics: Diagnostic[] = [];
  let root: LocatedNode | undefined;
  if (typeof instance === 'string') {
    const parsed = parseYamlSource(instance);
    diagnostics.push(...parsed.diagnostics);
    const docs = parsed.value.documents.filter((d) => d.root && !(d.root.kind === 'scalar' && d.root.value === null));
    if (docs.length > 1) {
      diagnostics.push(createDiagnostic('instance/invalid', `the instance text holds ${docs.length} documents; give exactly one instance`, docs[1]!.span, ''));
    }
    root = docs[0]?.root;
    if (!root) {
      if (diagnostics.length === 0) diagnostics.push(createDiagnostic('instance/invalid', 'the instance text is empty; expected one object with apiVersion, kind, metadata.name and spec', { start: 0, end: 0 }, ''));
      return { value: undefined, diagnostics };
    }
  } else {
    root = fromPlain(instance);
  }
  if (root.kind !== 'map') {
    diagnostics.push(createDiagnostic('instance/invalid', 'the instance is not an object (a YAML mapping with apiVersion, kind, metadata and spec)', root.span, ''));
    return { value: undefined, diagnostics };
  }
  const version = crd.spec.versions[0]!;
  const expectedApiVersion = crd.spec.group === '' ? version.name : `${crd.spec.group}/${version.name}`;
  const kind = crd.spec.names.kind;
  const apiVersionNode = getValue(root, 'apiVersion');
  const kindNode = getValue(root, 'kind');
  const apiVersion = apiVersionNode ? toPlain(apiVersionNode) : undefined;
  if (apiVersion !== expectedApiVersion) {
    diagnostics.push(
      createDiagnostic('instance/wrong-kind', `apiVersion must be ${JSON.stringify(expectedApiVersion)} for an instance of this RGD, got ${JSON.stringify(apiVersion ?? null)}`, (apiVersionNode ?? root).span, 'apiVersion'),
    );
  }
  const actualKind = kindNode ? toPlain(kindNode) : undefined;
  if (actualKind !== kind) {
    diagnostics.push(createDiagnostic('instance/wrong-kind', `kind must be ${JSON.stringify(kind)} for an instance of this RGD, got ${JSON.stringify(actualKind ?? null)}`, (kindNode ?? root).span, 'kind'));
  }
  const metadataNode = getValue(root, 'metadata');
  const nameNode = getValue(metadataNode, 'name');
  const name = nameNode ? toPlain(nameNode) : undefined;
  if (typeof name !== 'string' || name === '') {
    diagnostics.push(createDiagnostic('instance/missing-field', 'metadata.name: Required value: name or generateName is required', (nameNode ?? metadataNode ?? root).span, 'metadata.name'));
  } else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) || name.length > 253) {
    diagnostics.push(
      createDiagnostic('instance/invalid-value', `metadata.name: Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`, nameNode!.span, 'metadata.name'),
    );
  }
  const schema = version.schema.openAPIV3Schema;
  const withoutStatus: OpenApiSchema = { ...schema, properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => k !== 'status')) };
  const rootWithoutStatus: LocatedNode = { ...root, entries: root.entries.filter((e) => e.key !== 'status') };
  diagnostics.push(...validateAgainstSchema(rootWithoutStatus, withoutStatus, '', { codes: CODES }));
  const plain = toPlain(rootWithoutStatus) as PlainObject;
  applyDefaults(plain, withoutStatus);
  if (withoutStatus.properties?.spec && plain.spec !== undefined) {
    diagnostics.push(...checkValidationRules(plain.spec, withoutStatus.properties.spec, 'spec', getValue(root, 'spec'), root.span));
  }
  const metadata = (plain.metadata !== null && typeof plain.metadata === 'object' && !Array.isArray(plain.metadata) ? plain.metadata : (plain.metadata = {})) as PlainObject;
  if (crd.spec.scope === 'Namespaced') {
    if (typeof metadata.namespace !== 'string' || metadata.namespace === '') metadata.namespace = 'default';
  } else delete metadata.namespace;
  return { value: { instance: plain, root }, diagnostics };
}

