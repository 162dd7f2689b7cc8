import type { Diagnostic, StageResult } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { validateAgainstSchema } from '../openapi/validateAgainstSchema.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { indexPath } from '../source/fieldPath.js';
import { getEntry, getValue, type LocatedMap, type LocatedNode, type LocatedScalar } from '../source/LocatedNode.js';
import type { ForEachDimension, RgdModel, RgdResource, RgdSchemaBlock } from './RgdModel.js';
import rgdCrdSchemaJson from './rgdCrdSchema.json' with { type: 'json' };

/** kro v0.9.3's ResourceGraphDefinition CRD schema (regenerate with scripts/generateRgdSchema.ts). */
export const RGD_CRD_SCHEMA = rgdCrdSchemaJson as OpenApiSchema;

const EXACTLY_ONE: Record<string, DiagnosticCode> = {
  'exactly one of template or externalRef must be provided': 'rgd/template-or-externalref',
  'exactly one of name or selector must be provided': 'rgd/externalref-name-or-selector',
};

/**
 * Reads a ResourceGraphDefinition document into an {@link RgdModel}, checking its shape against kro's CRD the way
 * the API server would on `kubectl apply` (unknown fields, types, required fields, patterns, the CRD's "exactly one
 * of" rules). Returns a model for whatever could be read, so later stages can still run on a partly broken RGD.
 */
export function parseRgd(root: LocatedMap): StageResult<RgdModel> {
  const diagnostics: Diagnostic[] = validateAgainstSchema(root, RGD_CRD_SCHEMA, '', {
    codes: {
      unknownField: 'rgd/unknown-field',
      wrongType: 'rgd/wrong-type',
      missingField: 'rgd/missing-field',
      invalidValue: 'rgd/invalid-value',
      exactlyOneOf: (message) => EXACTLY_ONE[message] ?? 'rgd/invalid-value',
    },
  });
  diagnostics.push(...checkObjectName(root));
  const spec = getValue(root, 'spec');
  const schemaNode = getValue(spec, 'schema');
  const metadata = getValue(root, 'metadata');
  const name = stringOf(getValue(metadata, 'name'));
  const schema = readSchemaBlock(schemaNode?.kind === 'map' ? schemaNode : undefined);
  const resourcesNode = getValue(spec, 'resources');
  const resources: RgdResource[] = [];
  if (resourcesNode?.kind === 'seq') {
    resourcesNode.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      resources.push(readResource(item, index));
    });
  }
  return { value: { ...(name !== undefined ? { name } : {}), root, schema, resources }, diagnostics };
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The API server's own rule for every object's name, which kro's CRD schema does not list: `metadata.name` (or
 * `generateName`) is required, and an RGD's name must be a lowercase RFC 1123 subdomain of at most 253 characters.
 */
function checkObjectName(root: LocatedMap): Diagnostic[] {
  const metadata = getValue(root, 'metadata');
  const nameNode = getValue(metadata, 'name');
  const generateName = getValue(metadata, 'generateName');
  const hasGenerateName = generateName?.kind === 'scalar' && typeof generateName.value === 'string' && generateName.value !== '';
  if (!nameNode || (nameNode.kind === 'scalar' && (nameNode.value === null || nameNode.value === ''))) {
    if (hasGenerateName) return [];
    const at = nameNode && nameNode.span.end > nameNode.span.start ? nameNode.span : (getEntry(root, 'metadata')?.keySpan ?? root.span);
    return [createDiagnostic('rgd/missing-field', 'metadata.name: Required value: name or generateName is required', at, 'metadata.name')];
  }
  if (nameNode.kind !== 'scalar' || typeof nameNode.value !== 'string') return []; // The type error is reported by the shape check.
  const name = nameNode.value;
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [
      createDiagnostic(
        'rgd/invalid-value',
        `metadata.name: Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')`,
        nameNode.span,
        'metadata.name',
      ),
    ];
  }
  return [];
}

function readSchemaBlock(node: LocatedMap | undefined): RgdSchemaBlock {
  const kindNode = scalarOf(getValue(node, 'kind'));
  const kind = stringOf(kindNode);
  const apiVersion = stringOf(getValue(node, 'apiVersion'));
  const group = stringOf(getValue(node, 'group')) ?? 'kro.run';
  const scope = stringOf(getValue(node, 'scope')) === 'Cluster' ? 'Cluster' : 'Namespaced';
  const block: { -readonly [K in keyof RgdSchemaBlock]: RgdSchemaBlock[K] } = { group, scope };
  if (node) block.node = node;
  if (kind !== undefined) block.kind = kind;
  if (kindNode && kind !== undefined) block.kindNode = kindNode;
  if (apiVersion !== undefined) block.apiVersion = apiVersion;
  for (const key of ['spec', 'types', 'status', 'additionalPrinterColumns', 'metadata'] as const) {
    const v = present(getValue(node, key));
    if (v) block[key] = v;
  }
  return block;
}

function readResource(node: LocatedMap, index: number): RgdResource {
  const idEntry = getEntry(node, 'id');
  const id = stringOf(idEntry?.value) ?? '';
  const forEach: ForEachDimension[] = [];
  const forEachNode = getValue(node, 'forEach');
  if (forEachNode?.kind === 'seq') {
    for (const dim of forEachNode.items) {
      if (dim.kind !== 'map') continue;
      for (const e of dim.entries) forEach.push({ name: e.key, nameSpan: e.keySpan, expression: e.value });
    }
  }
  const template = present(getValue(node, 'template'));
  const externalRef = present(getValue(node, 'externalRef'));
  return {
    index,
    id,
    idSpan: idEntry ? idEntry.value.span : node.span,
    path: indexPath('spec.resources', index),
    node,
    ...(template ? { template } : {}),
    ...(externalRef ? { externalRef } : {}),
    readyWhen: listOf(getValue(node, 'readyWhen')),
    includeWhen: listOf(getValue(node, 'includeWhen')),
    forEach,
  };
}

function present(node: LocatedNode | undefined): LocatedNode | undefined {
  return node && !(node.kind === 'scalar' && node.value === null) ? node : undefined;
}

function listOf(node: LocatedNode | undefined): LocatedNode[] {
  return node?.kind === 'seq' ? [...node.items] : [];
}

function scalarOf(node: LocatedNode | undefined): LocatedScalar | undefined {
  return node?.kind === 'scalar' ? node : undefined;
}

function stringOf(node: LocatedNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}
