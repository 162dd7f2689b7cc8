import type { Diagnostic, RelatedInformation, Span } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { childPath } from '../source/fieldPath.js';
import type { LocatedMap } from '../source/LocatedNode.js';
import { closestName } from '../suggest/closestName.js';
import { buildObjectSchema, buildStringField, compareGoStrings, type BuildContext, type ResolvedType } from './buildObjectSchema.js';
import { goTrimSpace } from './goStrconv.js';
import { parseField } from './parseField.js';
import { ATOMIC_TYPE_NAMES } from './parseTypeExpression.js';
import { collectTypeRefs, lastEntries, locate, parseSchemaTree, unexpectedType, type FieldNode, type StructNode, type TypeRef } from './parseSchemaTree.js';

type TypeDecl =
  | { readonly name: string; readonly kind: 'alias'; readonly field: Extract<FieldNode, { kind: 'string' }>; readonly refs: readonly TypeRef[] }
  | { readonly name: string; readonly kind: 'struct'; readonly struct: StructNode; readonly refs: readonly TypeRef[] }
  | { readonly name: string; readonly kind: 'invalid'; readonly refs: readonly TypeRef[] };

export interface LoadedTypes {
  readonly types: ReadonlyMap<string, ResolvedType>;
  readonly declared: ReadonlySet<string>;
}

/**
 * Loads `schema.types` as kro's `loadCustomTypes` does (`pkg/simpleschema/transform.go`): parse every type, build
 * the dependency graph (`pkg/graph/dag`), then build each type in topological order (ties by name) so a type's
 * dependencies exist when it is built. A string is an alias (built like a field, remembering `required=true`);
 * a map is a struct (built like `spec`).
 *
 * kro stops at the first problem, and which one it meets depends on Go map order. Here every problem is reported:
 * each reference to an undeclared type (`node X does not exist`), each self reference, and each cycle — named
 * after the type whose references close it, in declaration order, with the shortest path starting at that type
 * and following "uses" edges (`A -> B -> A`); kro's path may start elsewhere or go a longer way round. The edges of a type that
 * closes a cycle are dropped, as kro does, so later types and the rest of the schema can still be built.
 */
export function loadCustomTypes(map: LocatedMap, typesPath: string, diagnostics: Diagnostic[]): LoadedTypes {
  const decls: TypeDecl[] = lastEntries(map).map((entry) => {
    const path = childPath(typesPath, entry.key);
    const value = entry.value;
    if (value.kind === 'map') {
      const struct = parseSchemaTree(value, path, diagnostics);
      return { name: entry.key, kind: 'struct', struct, refs: collectTypeRefs(struct.fields) };
    }
    if (value.kind === 'scalar' && typeof value.value === 'string') {
      const parsed = parseField(value.value);
      for (const e of parsed.errors) diagnostics.push(locate(value, e, path));
      const field = { name: entry.key, keySpan: entry.keySpan, path, kind: 'string', scalar: value, parsed } as const;
      return { name: entry.key, kind: 'alias', field, refs: collectTypeRefs([field]) };
    }
    diagnostics.push(unexpectedType(value, entry.keySpan, path));
    return { name: entry.key, kind: 'invalid', refs: [] };
  });
  for (const entry of lastEntries(map)) warnIfUnusable(entry.key, entry.keySpan, childPath(typesPath, entry.key), diagnostics);
  const declared = new Set(decls.map((d) => d.name));
  const edges = buildTypeGraph(decls, declared, typesPath, diagnostics);

  const types = new Map<string, ResolvedType>();
  const ctx: BuildContext = { types, declared, inTypes: true, typesPath, diagnostics };
  const byName = new Map(decls.map((d) => [d.name, d]));
  for (const name of topologicalOrder(edges)) {
    const decl = byName.get(name)!;
    if (decl.kind === 'struct') {
      types.set(name, { schema: buildObjectSchema(decl.struct, ctx), required: false, unrepresentableDefault: false });
    } else if (decl.kind === 'alias') {
      const built = buildStringField(decl.field, ctx);
      types.set(
        name,
        built
          ? { schema: built.schema, required: built.requiredCount > 0, unrepresentableDefault: built.hasDefault && built.schema.default === undefined }
          : { required: false, unrepresentableDefault: false },
      );
    } else types.set(name, { required: false, unrepresentableDefault: false });
  }
  return { types, declared };
}

/**
 * kro builds every declared type, but a reference is a trimmed type expression, so some names can never be reached:
 * built-in keywords win over custom types, `[]…`/`map[…` parse as collections, `|` starts the markers.
 */
function warnIfUnusable(name: string, span: Span, path: string, diagnostics: Diagnostic[]): void {
  let why: string | undefined;
  if ((ATOMIC_TYPE_NAMES as readonly string[]).includes(name) || name === 'object') why = `${name} is a built-in type`;
  else if (name !== goTrimSpace(name)) why = 'references are trimmed, so the surrounding white space never matches';
  else if (name === '') why = 'the name is empty';
  else if (name.includes('|')) why = 'a "|" in a field starts its markers';
  else if (name.startsWith('[]') || name.startsWith('map[')) why = 'it parses as a collection type';
  if (!why) return;
  diagnostics.push(createDiagnostic('simpleschema/unusable-type-name', `type ${JSON.stringify(name)} can never be used: ${why}`, span, path));
}

/** Adds each type's "uses" edges in declaration order, reporting what kro's `AddDependencies` would reject. */
function buildTypeGraph(
  decls: readonly TypeDecl[],
  declared: ReadonlySet<string>,
  typesPath: string,
  diagnostics: Diagnostic[],
): Map<string, Map<string, TypeRef>> {
  const edges = new Map<string, Map<string, TypeRef>>(decls.map((d) => [d.name, new Map()]));
  for (const decl of decls) {
    const out = edges.get(decl.name)!;
    for (const ref of decl.refs) {
      if (!declared.has(ref.name)) {
        const near = closestName(ref.name, declared);
        const hint = near ? `did you mean ${near}?` : `no type ${ref.name} is declared under ${typesPath}`;
        diagnostics.push(createDiagnostic('simpleschema/type-not-found', `node ${ref.name} does not exist (${hint})`, ref.span, ref.path));
      } else if (ref.name === decl.name) {
        diagnostics.push(
          createDiagnostic('simpleschema/type-cycle', `self references are not allowed (type ${decl.name} uses itself)`, ref.span, ref.path),
        );
      } else if (!out.has(ref.name)) out.set(ref.name, ref);
    }
    if (out.size === 0) continue;
    const cycle = findCycle(decl.name, edges);
    if (!cycle) continue;
    const first = out.get(cycle[1]!)!;
    const related: RelatedInformation[] = [];
    for (let i = 1; i < cycle.length - 1; i++) {
      const ref = edges.get(cycle[i]!)!.get(cycle[i + 1]!)!;
      related.push({ message: `${cycle[i]} uses ${cycle[i + 1]} here`, span: ref.span, path: ref.path });
    }
    diagnostics.push(
      createDiagnostic(
        'simpleschema/type-cycle',
        `cyclic dependency in type ${decl.name}: graph contains a cycle: ${cycle.join(' -> ')}`,
        first.span,
        first.path,
        { related },
      ),
    );
    out.clear();
  }
  return edges;
}

/**
 * The shortest path `start -> … -> start` along "uses" edges (breadth-first, edges in source order), or undefined.
 * kro's depth-first search may report a longer cycle through the same type; the shortest one is the clearest to fix.
 */
function findCycle(start: string, edges: ReadonlyMap<string, ReadonlyMap<string, TypeRef>>): string[] | undefined {
  const parent = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const dep of edges.get(node)?.keys() ?? []) {
      if (dep === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = parent.get(at)) path.push(at);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (parent.has(dep)) continue;
      parent.set(dep, node);
      queue.push(dep);
    }
  }
  return undefined;
}

/** kro's `TopologicalSort`: Kahn's algorithm, dependencies first, ties broken by name (every type has order 0). */
function topologicalOrder(edges: ReadonlyMap<string, ReadonlyMap<string, TypeRef>>): string[] {
  const remaining = new Map<string, number>();
  const unlocks = new Map<string, string[]>();
  for (const [name, deps] of edges) {
    remaining.set(name, deps.size);
    for (const dep of deps.keys()) {
      const list = unlocks.get(dep);
      if (list) list.push(name);
      else unlocks.set(dep, [name]);
    }
  }
  const ready = new MinHeap();
  for (const [name, n] of remaining) if (n === 0) ready.push(name);
  const order: string[] = [];
  for (let name = ready.pop(); name !== undefined; name = ready.pop()) {
    order.push(name);
    for (const next of unlocks.get(name) ?? []) {
      const n = remaining.get(next)! - 1;
      remaining.set(next, n);
      if (n === 0) ready.push(next);
    }
  }
  return order;
}

/** A binary min-heap of names in Go string order. */
class MinHeap {
  private readonly items: string[] = [];

  push(item: string): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareGoStrings(a[parent]!, a[i]!) <= 0) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): string | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && compareGoStrings(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && compareGoStrings(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
