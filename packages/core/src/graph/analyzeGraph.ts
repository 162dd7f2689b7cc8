import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { RgdModel } from '../rgd/RgdModel.js';
import type { SchemaLookup } from '../rgd/SchemaLookup.js';
import { resourceKind } from '../rgd/resourceKind.js';
import { buildResourceGraph, type GraphLibrary } from './buildResourceGraph.js';
import { collectOccurrences } from './collectOccurrences.js';
import type { ExpressionOccurrence } from './ExpressionOccurrence.js';
import type { ResourceGraph } from './ResourceGraph.js';

export interface GraphAnalysis {
  readonly graph: ResourceGraph;
  readonly occurrences: readonly ExpressionOccurrence[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Finds every expression of an RGD, checks the template literals, and builds the dependency graph. */
export function analyzeGraph(model: RgdModel, registry: SchemaLookup, library: GraphLibrary): GraphAnalysis {
  const collected = collectOccurrences(model, registry);
  const namespaced = new Map<string, boolean>();
  for (const r of model.resources) {
    const info = resourceKind(r, registry).info;
    if (info) namespaced.set(r.id, info.namespaced);
  }
  const built = buildResourceGraph({ model, occurrences: collected.occurrences, library, namespaced });
  const diagnostics: Diagnostic[] = [...collected.diagnostics, ...built.diagnostics];
  // kro reports every such path in one message; each leaf gets it, located, so an editor marks all of them.
  const paths = collected.statusWithoutExpressions.map((x) => x.path).join(' ');
  for (const leaf of collected.statusWithoutExpressions) {
    diagnostics.push(
      createDiagnostic(
        'status/no-expression',
        `status fields without expressions are not supported: [${paths}] (a status field is computed by kro, so it must hold a \${...} expression)`,
        leaf.span,
        leaf.documentPath,
      ),
    );
  }
  return { graph: built.value, occurrences: collected.occurrences, diagnostics };
}
