import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import { hasErrors } from '../diagnostics/createDiagnostic.js';
import { sortDiagnostics } from '../diagnostics/sortDiagnostics.js';
import { generateCrd, type CrdSchemaFields, type CustomResourceDefinition, type PrinterColumn } from '../crd/index.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { buildSpecSchema } from '../simpleschema/index.js';
import { toPlain as toPlainValue, type LocatedMap } from '../source/LocatedNode.js';
import { analyzeGraph } from '../graph/analyzeGraph.js';
import type { GraphLibrary } from '../graph/buildResourceGraph.js';
import type { ResourceGraph } from '../graph/ResourceGraph.js';
import type { ExpressionOccurrence } from '../graph/ExpressionOccurrence.js';
import { checkNaming } from './checkNaming.js';
import { checkResources } from './checkResources.js';
import { parseRgd } from './parseRgd.js';
import type { RgdModel } from './RgdModel.js';
import type { SchemaLookup } from './SchemaLookup.js';

export interface RgdValidation {
  /** `metadata.name` of the RGD, when present. */
  readonly name?: string;
  /** `spec.schema.kind`, when present. */
  readonly kind?: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** kro's topological order of resource ids (filled by the graph stage; empty until then). */
  readonly topologicalOrder: readonly string[];
  /** The dependency graph (edges with the fields they carry, apply waves, cycles). */
  readonly graph: ResourceGraph;
  /** Every `${...}` site with its context, for editors and later stages. */
  readonly occurrences: readonly ExpressionOccurrence[];
  readonly model: RgdModel;
  /** The instance spec schema, when SimpleSchema produced one. */
  readonly specSchema?: OpenApiSchema;
  /** The generated instance CRD, when the schema block allowed one to be built. */
  readonly crd?: CustomResourceDefinition;
  readonly span: Span;
}

export interface ValidateRgdOptions {
  readonly registry: SchemaLookup;
  /** Tells library functions from variables; defaults to kro's function library. */
  readonly library?: GraphLibrary;
}

const NAMESPACES = new Set(['random', 'hash', 'json', 'lists', 'base64', 'strings', 'optional', 'cel']);
const DEFAULT_LIBRARY: GraphLibrary = { isNamespacedFunction: (ns) => NAMESPACES.has(ns) };

/**
 * Runs every check kro's builder runs before it accepts an RGD, collecting all problems instead of stopping at the
 * first: the CRD shape, naming, SimpleSchema, per-resource structure and schemas; then generates the instance CRD.
 */
export function validateRgd(root: LocatedMap, options: ValidateRgdOptions): RgdValidation {
  const parsed = parseRgd(root);
  const model = parsed.value;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics, ...checkNaming(model)];
  const schema = buildSpecSchema(model.schema.spec, model.schema.types, { path: 'spec.schema' });
  diagnostics.push(...schema.diagnostics);
  diagnostics.push(...checkResources(model, options.registry));
  const graph = analyzeGraph(model, options.registry, options.library ?? DEFAULT_LIBRARY);
  diagnostics.push(...graph.diagnostics);
  // The CRD's kind pattern and kro's naming rule reject the same kinds; one message is enough.
  const kindNamed = diagnostics.some((d) => d.code === 'naming/kind');
  const sorted = sortDiagnostics(kindNamed ? diagnostics.filter((d) => !(d.code === 'rgd/invalid-value' && d.path === 'spec.schema.kind')) : diagnostics);
  const { kind, apiVersion } = model.schema;
  let crd: CustomResourceDefinition | undefined;
  if (kind !== undefined && apiVersion !== undefined && !hasErrors(schema.diagnostics)) {
    crd = generateCrd(
      {
        kind,
        apiVersion,
        group: model.schema.group,
        scope: model.schema.scope,
        ...plainSchemaExtras(model),
      },
      schema.value.spec,
      undefined,
      model.name !== undefined ? { rgdName: model.name } : {},
    );
  }
  return {
    ...(model.name !== undefined ? { name: model.name } : {}),
    ...(kind !== undefined ? { kind } : {}),
    valid: !hasErrors(sorted),
    diagnostics: sorted,
    topologicalOrder: graph.graph.cycles.length === 0 ? graph.graph.topologicalOrder : [],
    graph: graph.graph,
    occurrences: graph.occurrences,
    model,
    specSchema: schema.value.spec,
    ...(crd ? { crd } : {}),
    span: root.span,
  };
}

function plainSchemaExtras(model: RgdModel): Pick<CrdSchemaFields, 'additionalPrinterColumns' | 'metadata'> {
  const out: { -readonly [K in 'additionalPrinterColumns' | 'metadata']?: CrdSchemaFields[K] } = {};
  const columns = model.schema.additionalPrinterColumns ? toPlainValue(model.schema.additionalPrinterColumns) : undefined;
  if (Array.isArray(columns)) out.additionalPrinterColumns = columns as PrinterColumn[];
  const metadata = model.schema.metadata ? toPlainValue(model.schema.metadata) : undefined;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) out.metadata = metadata as CrdSchemaFields['metadata'];
  return out;
}
