import type { Diagnostic, StageResult } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { sortDiagnostics } from '../diagnostics/sortDiagnostics.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import type { LocatedNode } from '../source/LocatedNode.js';
import { buildObjectSchema, type BuildContext } from './buildObjectSchema.js';
import { loadCustomTypes } from './loadCustomTypes.js';
import { parseSchemaTree } from './parseSchemaTree.js';

export interface BuildSpecSchemaOptions {
  /** Dotted path of the schema block from the RGD root, e.g. `spec.schema`; diagnostics get `<path>.spec.<field>…`. */
  readonly path: string;
  /**
   * Report a `spec` or `types` that is not a map with kro's unmarshal error. Off by default because the RGD shape
   * check (`parseRgd`, against kro's CRD where both are `type: object`) already reports it, as the API server would.
   */
  readonly checkBlockShape?: boolean;
}

export interface SpecSchema {
  /** The instance `spec` schema kro generates (`simpleschema.ToOpenAPISpec`). */
  readonly spec: OpenApiSchema;
  /** The schema of every custom type that could be built, by name (what a use site copies). */
  readonly types: ReadonlyMap<string, OpenApiSchema>;
}

/**
 * Turns `schema.spec` and `schema.types` (SimpleSchema) into the OpenAPI v3 schema of the instance `spec`, exactly
 * as kro v0.9.3 does (`pkg/simpleschema`), and reports every problem kro would reject, located on the offending
 * type token or marker inside the field string. Where kro stops at its first error (picked in Go map order), this
 * reports all of them; a field with an error is left out of the schema and the rest is still built. Messages are
 * kro's innermost error texts (without its `field x:` wrapping, which `path` replaces), sometimes followed by a hint
 * in parentheses. Warnings (codes with `kro: false`) flag what kro accepts but the API server or CEL will not.
 *
 * Never throws on user input; runs in time linear in the size of the schema. Messages longer than 1,000 characters
 * (kro echoes whole values) are cut there.
 */
export function buildSpecSchema(
  spec: LocatedNode | undefined,
  types: LocatedNode | undefined,
  options: BuildSpecSchemaOptions,
): StageResult<SpecSchema> {
  const diagnostics: Diagnostic[] = [];
  const typesPath = `${options.path}.types`;
  const specPath = `${options.path}.spec`;

  const loaded =
    types?.kind === 'map'
      ? loadCustomTypes(types, typesPath, diagnostics)
      : { types: new Map(), declared: new Set<string>() };
  if (types && types.kind !== 'map') checkShape(types, typesPath, 'failed to unmarshal predefined types', options, diagnostics);

  const ctx: BuildContext = { types: loaded.types, declared: loaded.declared, inTypes: false, typesPath, diagnostics };
  let specSchema: OpenApiSchema = { type: 'object' };
  if (spec?.kind === 'map') specSchema = buildObjectSchema(parseSchemaTree(spec, specPath, diagnostics), ctx);
  else if (spec) checkShape(spec, specPath, 'failed to unmarshal spec schema', options, diagnostics);

  const typeSchemas = new Map<string, OpenApiSchema>();
  for (const [name, t] of loaded.types) if (t.schema) typeSchemas.set(name, t.schema);
  return { value: { spec: specSchema, types: typeSchemas }, diagnostics: sortDiagnostics(diagnostics.map(clipMessage)) };
}

/** Longest message kept verbatim; kro echoes whole values and patterns, which may be 100,000 characters long. */
const MAX_MESSAGE_LENGTH = 1000;

function clipMessage(d: Diagnostic): Diagnostic {
  if (d.message.length <= MAX_MESSAGE_LENGTH) return d;
  const rest = d.message.length - MAX_MESSAGE_LENGTH;
  return { ...d, message: `${d.message.slice(0, MAX_MESSAGE_LENGTH)}… (${rest} more characters)` };
}

/** kro decodes both blocks into `map[string]interface{}` through JSON; `null` decodes to an empty map. */
function checkShape(node: LocatedNode, path: string, prefix: string, options: BuildSpecSchemaOptions, diagnostics: Diagnostic[]): void {
  if (!options.checkBlockShape) return;
  let jsonKind: string;
  if (node.kind === 'seq') jsonKind = 'array';
  else if (node.kind === 'map') return;
  else if (node.value === null) return;
  else jsonKind = typeof node.value === 'string' ? 'string' : typeof node.value === 'boolean' ? 'bool' : 'number';
  diagnostics.push(
    createDiagnostic(
      'simpleschema/unexpected-type',
      `${prefix}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind} into Go value of type map[string]interface {}`,
      node.span,
      path,
    ),
  );
}
