import type { Diagnostic, RelatedInformation, Span } from '../diagnostics/Diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { buildStringTemplate } from '../cel/scanner/buildStringTemplate.js';
import type { RgdModel } from '../rgd/RgdModel.js';
import { closestName } from '../suggest/closestName.js';
import type { ExpressionOccurrence } from './ExpressionOccurrence.js';
import { inspectExpression, type InspectorLibrary, type Reference } from './inspectExpression.js';
import type { DependencyEdge, ResourceGraph } from './ResourceGraph.js';
import { applyWaves, findCycles, topologicalOrder } from './topologicalOrder.js';

export interface GraphLibrary extends InspectorLibrary {
  /**
   * True for function, method and macro names the environment declares in this context (`size`, `url`, `omit` when
   * enabled, `runtime.newCondition` in status conditions…); absent ⇒ not checked.
   */
  isGlobalFunction?(name: string, context?: ExpressionOccurrence['context']): boolean;
}

export interface BuildGraphInput {
  readonly model: RgdModel;
  readonly occurrences: readonly ExpressionOccurrence[];
  readonly library: GraphLibrary;
  /** Whether each resource's kind is namespaced (for the forEach identity rule); unknown kinds are left out. */
  readonly namespaced: ReadonlyMap<string, boolean>;
}

/**
 * Builds kro's dependency graph from the expressions' references and applies kro's context rules (kro-spec §4):
 * unknown identifiers and functions, self references, `each` and `runtime` outside their contexts, readyWhen seeing
 * only its own resource, forEach iterators independent and all part of the identity, status expressions that must
 * reference something; then the topological order, apply waves and every cycle.
 */
export function buildResourceGraph(input: BuildGraphInput): { value: ResourceGraph; diagnostics: Diagnostic[] } {
  const { model, occurrences, library } = input;
  const diagnostics: Diagnostic[] = [];
  const ids = new Set(model.resources.map((r) => r.id).filter((id) => id !== ''));
  const resources = new Map(model.resources.map((r) => [r.id, r]));
  const deps = new Map<string, string[]>();
  const edgeInfo = new Map<string, { fields: Set<string>; span: Span }>();
  const statusDeps: string[] = [];
  const identityRefs = new Map<string, Set<string>>();
  for (const r of model.resources) deps.set(r.id, []);

  for (const occ of occurrences) {
    const r = occ.resourceId !== undefined ? resources.get(occ.resourceId) : undefined;
    const iterators = new Set(r?.forEach.map((f) => f.name) ?? []);
    const isCollection = (r?.forEach.length ?? 0) > 0;
    const extras = occ.resourceId !== undefined ? { resourceId: occ.resourceId } : {};
    const unknown: { ref: Reference; span: Span }[] = [];
    const located = locate(occ);
    let referencesSomething = false;
    for (const m of located) {
      const inspection = inspectExpression(m.expression, library);
      if (inspection.parseError) {
        const e = inspection.parseError;
        // "Unexpected end of input" points past the last character; mark the last character instead.
        const start = Math.min(e.start, Math.max(0, m.expression.length - 1));
        const end = Math.max(Math.min(e.end, m.expression.length), start + 1);
        diagnostics.push(createDiagnostic('cel/parse', `failed to parse expression "${m.expression}": ${e.message}`, { start: m.toSource(start), end: m.toSource(end) }, occ.documentPath, extras));
        continue;
      }
      for (const fn of inspection.functions) {
        if (fn.name === 'omit' && library.isGlobalFunction?.('omit') === true) {
          const span = { start: m.toSource(fn.start), end: m.toSource(fn.end) };
          if (occ.context !== 'template') {
            const where = occ.context === 'forEach' ? `node "${occ.resourceId}": forEach iterator "${occ.iterator}": ` : '';
            diagnostics.push(createDiagnostic('cel/omit-context', `${where}omit() can only be used in resource template expressions`, span, occ.documentPath, extras));
          } else if (occ.path === 'metadata.name' || (occ.path === 'metadata.namespace' && input.namespaced.get(occ.resourceId!) === true && model.schema.scope === 'Cluster')) {
            diagnostics.push(
              createDiagnostic('cel/omit-context', `resource "${occ.resourceId}": omit() cannot be used at path "${occ.path}" — the field is required and must resolve to a concrete value`, span, occ.documentPath, extras),
            );
          }
          continue;
        }
        if (library.isGlobalFunction && !library.isGlobalFunction(fn.name, occ.context)) {
          const message =
            fn.name === 'omit'
              ? 'omit() requires the CELOmitFunction feature gate to be enabled (controller flag --feature-gates=CELOmitFunction=true)'
              : `uses unknown functions: [${fn.name}]`;
          diagnostics.push(createDiagnostic('cel/unknown-function', message, { start: m.toSource(fn.start), end: m.toSource(fn.end) }, occ.documentPath, extras));
        }
      }
      // A method on an unknown identifier (`math.greatest`) is reported once, as the identifier.
      const rootsKnown = inspection.references.every((r) => ids.has(r.name) || r.name === 'schema' || r.name === 'each' || r.name === 'runtime' || iterators.has(r.name));
      for (const method of rootsKnown ? inspection.methods : []) {
        if (library.isGlobalFunction && !library.isGlobalFunction(method.name, occ.context)) {
          // cel-go's checker reports an undeclared member function this way; kro passes the message on.
          diagnostics.push(
            createDiagnostic('cel/unknown-function', `undeclared reference to '${method.name}' (in container '')`, { start: m.toSource(method.start), end: m.toSource(method.end) }, occ.documentPath, extras),
          );
        }
      }
      for (const ref of inspection.references) {
        const span = { start: m.toSource(ref.start), end: m.toSource(ref.start + ref.name.length) };
        const report = (code: DiagnosticCode, message: string) => diagnostics.push(createDiagnostic(code, message, span, occ.documentPath, extras));
        const name = ref.name;
        if (occ.context === 'readyWhen') {
          const allowed = isCollection ? name === 'each' : name === occ.resourceId;
          if (!allowed) unknown.push({ ref, span });
          continue;
        }
        if (name === 'runtime') {
          if (occ.context === 'condition') referencesSomething = true;
          else report('graph/runtime-context', 'runtime is only available in status.conditions expressions');
          continue;
        }
        if (name === 'each') {
          report('cel/unknown-identifier', 'node each does not exist (`each` is only available in readyWhen of a forEach resource)');
          continue;
        }
        if (name === 'schema') {
          referencesSomething = true;
          continue;
        }
        if (iterators.has(name) && (occ.context === 'template' || occ.context === 'externalRef')) {
          if (occ.path === 'metadata.name' || occ.path === 'metadata.namespace') {
            if (occ.path === 'metadata.name' || input.namespaced.get(occ.resourceId!) === true) {
              const set = identityRefs.get(occ.resourceId!) ?? new Set<string>();
              set.add(name);
              identityRefs.set(occ.resourceId!, set);
            }
          }
          continue;
        }
        if (iterators.has(name) && occ.context === 'forEach') {
          report('graph/foreach-iterator-reference', `node "${occ.resourceId}": forEach iterator "${occ.iterator}" cannot reference other iterators [${name}] - forEach iterators are independent (cartesian product)`);
          continue;
        }
        if (!ids.has(name)) {
          unknown.push({ ref, span });
          continue;
        }
        referencesSomething = true;
        if (occ.context === 'status' || occ.context === 'condition') {
          if (!statusDeps.includes(name)) statusDeps.push(name);
          continue;
        }
        if (name === occ.resourceId) {
          report('graph/self-reference', `self references are not allowed (resource "${name}" cannot read its own fields; use readyWhen to wait on its status)`);
          continue;
        }
        const from = occ.resourceId!;
        const list = deps.get(from)!;
        if (!list.includes(name)) list.push(name);
        const key = `${from}\u0000${name}`;
        const info = edgeInfo.get(key) ?? { fields: new Set<string>(), span };
        if (ref.path.length > 0) info.fields.add(ref.path.join('.'));
        edgeInfo.set(key, info);
      }
    }
    reportUnknown(occ, unknown, ids, iterators, diagnostics, extras);
    if (occ.context === 'status' && !referencesSomething && located.length > 0 && unknown.length === 0) {
      diagnostics.push(createDiagnostic('status/no-reference', `instance status field must refer to a resource or schema: status.${occ.path}`, occ.span, occ.documentPath));
    }
  }

  for (const r of model.resources) {
    if (r.forEach.length === 0) continue;
    const used = identityRefs.get(r.id) ?? new Set<string>();
    const missing = r.forEach.map((f) => f.name).filter((n) => !used.has(n));
    if (missing.length > 0) {
      diagnostics.push(
        createDiagnostic('graph/foreach-identity', `node "${r.id}": all forEach dimensions must be used to produce a unique resource identity, missing: [${missing.join(' ')}]`, r.idSpan, r.path, { resourceId: r.id }),
      );
    }
  }

  const nodes = model.resources.filter((r) => r.id !== '').map((r) => ({ id: r.id, index: r.index }));
  const depSets = new Map([...deps].map(([k, v]) => [k, new Set(v)]));
  const topo = topologicalOrder(nodes, depSets);
  const cycles = findCycles(nodes, depSets);
  for (const cycle of cycles) {
    const related: RelatedInformation[] = [];
    for (let i = 0; i + 1 < cycle.length; i++) {
      const info = edgeInfo.get(`${cycle[i]}\u0000${cycle[i + 1]}`);
      related.push({ message: `"${cycle[i]}" depends on "${cycle[i + 1]}"`, resourceId: cycle[i]!, ...(info ? { span: info.span } : {}) });
    }
    for (const id of new Set(cycle)) {
      const r = resources.get(id)!;
      diagnostics.push(
        createDiagnostic('graph/cycle', `graph contains a cycle: ${cycle.join(' -> ')}`, r.idSpan, r.path, { resourceId: id, related }),
      );
    }
  }
  const edges: DependencyEdge[] = [];
  for (const [from, list] of deps) {
    for (const to of list) {
      const info = edgeInfo.get(`${from}\u0000${to}`)!;
      edges.push({ from, to, fields: [...info.fields], span: info.span });
    }
  }
  return {
    value: {
      topologicalOrder: topo.order,
      dependencies: deps,
      edges,
      applyWaves: applyWaves(topo.order, depSets),
      statusDependencies: statusDeps,
      cycles,
    },
    diagnostics,
  };
}

/** Each `${...}` of an occurrence with a map from offsets in its CEL text to source offsets. */
function locate(occ: ExpressionOccurrence): { expression: string; toSource: (celOffset: number) => number }[] {
  return occ.matches.map((m) => ({
    expression: m.expression,
    toSource: (o: number) => occ.node.offsetOf(m.start + 2 + Math.max(0, Math.min(o, m.expression.length))),
  }));
}

function reportUnknown(
  occ: ExpressionOccurrence,
  unknown: readonly { ref: Reference; span: Span }[],
  ids: ReadonlySet<string>,
  iterators: ReadonlySet<string>,
  diagnostics: Diagnostic[],
  extras: { resourceId?: string },
): void {
  const names = [...new Set(unknown.map((u) => u.ref.name))];
  if (names.length === 0) return;
  const visible =
    occ.context === 'readyWhen' ? [occ.resourceId!] : occ.context === 'template' || occ.context === 'externalRef' ? [...ids, 'schema', ...iterators] : [...ids, 'schema'];
  const prefix =
    occ.context === 'readyWhen' || occ.context === 'includeWhen'
      ? `resource "${occ.resourceId}" ${occ.context}: `
      : occ.context === 'status'
        ? `status field "${occ.path}" expression "${occ.matches.map((m) => m.expression).join('')}": `
        : occ.context === 'condition'
          ? `condition "${occ.matches[0]?.expression ?? ''}": `
          : '';
  for (const name of names) {
    const first = unknown.find((u) => u.ref.name === name)!;
    const suggestion = closestName(name, visible);
    const missingLibrary = name === 'math' || name === 'sets' ? ` (kro does not include CEL's ${name} extension)` : '';
    const why = missingLibrary || (
      occ.context === 'readyWhen'
        ? ` (readyWhen may only reference ${visible[0] === undefined ? 'its own resource' : `"${iterators.size > 0 ? 'each' : visible[0]}"`})`
        : suggestion
          ? ` (did you mean "${suggestion}"?)`
          : '');
    diagnostics.push(
      createDiagnostic('cel/unknown-identifier', `${prefix}references unknown identifiers: [${name}]${why}`, first.span, occ.documentPath, {
        ...extras,
        ...(suggestion && occ.context !== 'readyWhen' ? { fixes: [{ title: `Replace with "${suggestion}"`, edits: [{ span: first.span, newText: suggestion }] }] } : {}),
      }),
    );
  }
}

/** Template strings compile to one CEL concatenation; exported for the type-check stage to share the mapping. */
export function celSourceOf(occ: ExpressionOccurrence): { celSource: string; toSourceOffset: (celOffset: number) => number } {
  if (occ.standalone) {
    const m = occ.matches[0]!;
    return { celSource: m.expression, toSourceOffset: (o) => occ.node.offsetOf(m.start + 2 + Math.max(0, Math.min(o, m.expression.length))) };
  }
  const t = buildStringTemplate(occ.text, occ.matches);
  return { celSource: t.celSource, toSourceOffset: (o) => occ.node.offsetOf(t.toTemplateIndex(o)) };
}
