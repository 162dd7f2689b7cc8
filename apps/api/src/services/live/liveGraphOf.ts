import { createSchemaRegistry, toPlain, validateSource, type SchemaLookup } from '@kro-designer/core';
import type { KindRef, KubeObject } from '../../ports/ClusterGateway.js';

/** One RGD resource as live status needs it. */
export interface LiveGraphNode {
  readonly id: string;
  /** Literal apiVersion/kind of the template or externalRef (absent when written as an expression). */
  readonly kind?: KindRef;
  readonly dependencies: readonly string[];
  readonly readyWhen: readonly string[];
  readonly includeWhen: readonly string[];
  readonly forEach: boolean;
  /** For externalRef nodes: the literal name/namespace, when given. */
  readonly external?: { readonly name?: string; readonly namespace?: string };
}

export interface LiveGraph {
  /** The generated instance kind (`<group>/<version>`, kind). */
  readonly instanceKind: KindRef;
  readonly namespaced: boolean;
  /** In kro's topological order (dependencies first). */
  readonly nodes: readonly LiveGraphNode[];
}

let emptyRegistry: SchemaLookup | undefined;

const str = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('${') ? v : undefined);
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * The resource graph of an RGD read from a cluster: the core reads `spec` exactly as kro's builder does (dependencies
 * from CEL references, kro's topological order). The schema registry is empty — live status needs edges and
 * expressions, not type checking. When the core cannot order the graph (e.g. a cycle) kro's own `status.topologicalOrder`
 * and `status.resources[].dependencies` are used. Returns undefined when the object has no usable schema kind.
 */
export function liveGraphOf(rgd: KubeObject): LiveGraph | undefined {
  emptyRegistry ??= createSchemaRegistry({}).value;
  // JSON is YAML; only the fields kro's builder reads are passed (managedFields etc. would only cost time).
  const text = JSON.stringify({ apiVersion: rgd.apiVersion, kind: rgd.kind, metadata: { name: rgd.metadata.name }, spec: rgd.spec });
  const validation = validateSource(text, { registry: emptyRegistry }).rgds[0];
  if (!validation) return undefined;
  const { model, graph } = validation;
  const { kind, apiVersion, group, scope } = model.schema;
  if (!kind || !apiVersion) return undefined;

  const status = record(rgd.status);
  const statusOrder = Array.isArray(status.topologicalOrder) ? status.topologicalOrder.filter((x): x is string => typeof x === 'string') : [];
  const statusDeps = new Map<string, string[]>();
  if (Array.isArray(status.resources)) {
    for (const r of status.resources) {
      const rr = record(r);
      if (typeof rr.id !== 'string') continue;
      const deps = Array.isArray(rr.dependencies) ? rr.dependencies.map((d) => record(d).id).filter((x): x is string => typeof x === 'string') : [];
      statusDeps.set(rr.id, deps);
    }
  }
  const order = graph.topologicalOrder.length === model.resources.length ? graph.topologicalOrder : statusOrder.length > 0 ? statusOrder : model.resources.map((r) => r.id);
  const byId = new Map(model.resources.map((r) => [r.id, r]));
  const nodes: LiveGraphNode[] = [];
  for (const id of order) {
    const r = byId.get(id);
    if (!r) continue;
    const source = r.externalRef ?? r.template;
    const body = record(source ? toPlain(source) : undefined);
    const metadata = record(body.metadata);
    const apiV = str(body.apiVersion);
    const k = str(body.kind);
    const external = r.externalRef
      ? { ...(str(metadata.name) ? { name: str(metadata.name) } : {}), ...(str(metadata.namespace) ? { namespace: str(metadata.namespace) } : {}) }
      : undefined;
    nodes.push({
      id,
      ...(apiV && k ? { kind: { apiVersion: apiV, kind: k } } : {}),
      dependencies: [...(graph.dependencies.get(id) ?? statusDeps.get(id) ?? [])],
      readyWhen: r.readyWhen.map((n) => String(toPlain(n))),
      includeWhen: r.includeWhen.map((n) => String(toPlain(n))),
      forEach: r.forEach.length > 0,
      ...(external ? { external } : {}),
    });
  }
  return { instanceKind: { apiVersion: `${group}/${apiVersion}`, kind }, namespaced: scope !== 'Cluster', nodes };
}
