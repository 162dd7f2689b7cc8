import type { Diagnostic, Span } from '../diagnostics/Diagnostic.js';
import { hasErrors } from '../diagnostics/createDiagnostic.js';
import { sortDiagnostics } from '../diagnostics/sortDiagnostics.js';
import { generateCrd, type CrdSchemaFields, type CustomResourceDefinition, type PrinterColumn } from '../crd/index.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { buildSpecSchema } from '../simpleschema/index.js';
import { toPlain as toPlainValue, type LocatedMap } from '../source/LocatedNode.js';
import { analyzeGraph } from '../graph/analyzeGraph.js';
import { toExpressionSite } from '../graph/toExpressionSite.js';
import { checkExpressions, type TypedResource } from '../cel/types/index.js';
import { isKnownFunction, isNamespacedFunction } from '../cel/library/index.js';
import { objectMetaSchema, resourceKind } from './resourceKind.js';
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
  /** kro's controller feature gates; `CELOmitFunction` (default off, as in kro v0.9.3) makes `omit()` available. */
  readonly featureGates?: { readonly CELOmitFunction?: boolean };
  /** Tells library functions from variables; defaults to kro's function library. */
  readonly library?: GraphLibrary;
  /** How the front end lets a user supply a CRD, for "schema not found" messages (default: the CLI's --crd). */
  readonly supplyHint?: string;
}

function kroLibrary(omit: boolean): GraphLibrary {
  return { isNamespacedFunction, isGlobalFunction: (name, context) => isKnownFunction(name, { omit, runtime: context === 'condition' }) };
}

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
  diagnostics.push(...checkResources(model, options.registry, options.supplyHint));
  const graph = analyzeGraph(model, options.registry, options.library ?? kroLibrary(options.featureGates?.CELOmitFunction === true));
  diagnostics.push(...graph.diagnostics);
  const typed = typeCheck(model, graph.occurrences, withFailedFieldsAsDyn(schema.value.spec, schema.diagnostics), options.registry);
  diagnostics.push(...typed.diagnostics);
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
      typed.value.statusSchema,
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

/**
 * SimpleSchema leaves a field out when its definition fails. For type-checking only, such fields come back as `dyn`
 * so that expressions reading them are not reported again as "undefined field" — the schema error is the one to fix.
 */
function withFailedFieldsAsDyn(spec: OpenApiSchema, diagnostics: readonly Diagnostic[]): OpenApiSchema {
  const prefix = 'spec.schema.spec.';
  const failed = diagnostics.filter((d) => d.severity === 'error' && d.path.startsWith(prefix)).map((d) => d.path.slice(prefix.length).split('.'));
  if (failed.length === 0) return spec;
  const copy = JSON.parse(JSON.stringify(spec)) as OpenApiSchema;
  for (const segments of failed) {
    let node = copy;
    for (const [i, key] of segments.entries()) {
      if (!/^[A-Za-z_][\w-]*$/.test(key)) break;
      node.properties ??= {};
      const last = i === segments.length - 1;
      const next = node.properties[key];
      if (last) {
        // int-or-string is the one schema kro's CEL typing maps to dyn.
        if (!next) node.properties[key] = { 'x-kubernetes-int-or-string': true };
      } else if (next && next.type === 'object') node = next;
      else break;
    }
  }
  return copy;
}

/** Type-checks every expression in kro's typed environment; its status output types give the status schema. */
function typeCheck(model: RgdModel, occurrences: readonly ExpressionOccurrence[], specSchema: OpenApiSchema, registry: SchemaLookup) {
  const resources: TypedResource[] = model.resources
    .filter((r) => r.id !== '')
    .map((r) => {
      const { info, collection } = resourceKind(r, registry);
      return { id: r.id, ...(info ? { schema: info.schema } : {}), collection };
    });
  const objectMeta = objectMetaSchema(registry);
  return checkExpressions({
    sites: occurrences.map(toExpressionSite),
    resources,
    instance: { specSchema, scope: model.schema.scope, objectMeta },
    resolve: (s) => registry.resolve(s),
  });
}

function plainSchemaExtras(model: RgdModel): Pick<CrdSchemaFields, 'additionalPrinterColumns' | 'metadata'> {
  const out: { -readonly [K in 'additionalPrinterColumns' | 'metadata']?: CrdSchemaFields[K] } = {};
  const columns = model.schema.additionalPrinterColumns ? toPlainValue(model.schema.additionalPrinterColumns) : undefined;
  if (Array.isArray(columns)) out.additionalPrinterColumns = columns as PrinterColumn[];
  const metadata = model.schema.metadata ? toPlainValue(model.schema.metadata) : undefined;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) out.metadata = metadata as CrdSchemaFields['metadata'];
  return out;
}
