/** A node of the resource DAG: its declaration index decides ties, as in kro's dag package. */
export interface DagNode {
  readonly id: string;
  readonly index: number;
}

export interface TopologicalResult {
  /** Nodes in dependency order (dependencies first). Nodes on or behind a cycle are left out. */
  readonly order: readonly string[];
  /** Ids that could not be ordered because of a cycle. */
  readonly blocked: readonly string[];
}

/**
 * Kahn's algorithm with kro's tie-break (pkg/graph/dag/dag.go): whenever several nodes are ready, the one declared
 * first (then the smaller id) comes first. `dependencies.get(a)` lists the ids `a` depends on.
 */
export function topologicalOrder(nodes: readonly DagNode[], dependencies: ReadonlyMap<string, ReadonlySet<string>>): TopologicalResult {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes) {
    const deps = [...(dependencies.get(n.id) ?? [])].filter((d) => byId.has(d));
    remaining.set(n.id, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), n.id]);
  }
  const ready: DagNode[] = nodes.filter((n) => remaining.get(n.id) === 0);
  const order: string[] = [];
  const before = (a: DagNode, b: DagNode) => a.index - b.index || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  while (ready.length > 0) {
    ready.sort(before);
    const next = ready.shift()!;
    order.push(next.id);
    for (const dep of dependents.get(next.id) ?? []) {
      const left = remaining.get(dep)! - 1;
      remaining.set(dep, left);
      if (left === 0) ready.push(byId.get(dep)!);
    }
  }
  const placed = new Set(order);
  return { order, blocked: nodes.filter((n) => !placed.has(n.id)).map((n) => n.id) };
}

/**
 * kro's apply-order waves (pkg/graph/graph.go): layers are peeled dependents-first, and a node's wave is
 * `layers - layerIndex`, so nodes nothing depends on get the highest wave and are deleted first.
 */
export function applyWaves(order: readonly string[], dependencies: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const inOrder = new Set(order);
  const dependents = new Map<string, Set<string>>();
  for (const id of order) dependents.set(id, new Set());
  for (const id of order) for (const d of dependencies.get(id) ?? []) if (inOrder.has(d)) dependents.get(d)!.add(id);
  const layers: string[][] = [];
  const removed = new Set<string>();
  while (removed.size < order.length) {
    const layer = order.filter((id) => !removed.has(id) && [...dependents.get(id)!].every((x) => removed.has(x)));
    if (layer.length === 0) break;
    layers.push(layer);
    for (const id of layer) removed.add(id);
  }
  const waves = new Map<string, number>();
  layers.forEach((layer, i) => {
    for (const id of layer) waves.set(id, layers.length - i);
  });
  return waves;
}

/**
 * Every elementary cycle that blocks ordering, one per strongly connected component, as a closed path
 * `[a, b, ..., a]` starting at the component's first-declared node.
 */
export function findCycles(nodes: readonly DagNode[], dependencies: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const known = new Set(nodes.map((n) => n.id));
  const strong = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of dependencies.get(v) ?? []) {
      if (!known.has(w)) continue;
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      components.push(comp);
    }
  };
  for (const n of nodes) if (!index.has(n.id)) strong(n.id);
  const order = new Map(nodes.map((n) => [n.id, n.index]));
  const cycles: string[][] = [];
  for (const comp of components) {
    const members = new Set(comp);
    const selfLoop = comp.length === 1 && dependencies.get(comp[0]!)?.has(comp[0]!);
    if (comp.length < 2 && !selfLoop) continue;
    const start = [...comp].sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
    cycles.push(shortestCycle(start, members, dependencies, order));
  }
  return cycles.sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/** Breadth-first search for the shortest path from `start` back to itself inside one component. */
function shortestCycle(start: string, members: ReadonlySet<string>, deps: ReadonlyMap<string, ReadonlySet<string>>, order: ReadonlyMap<string, number>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift()!;
    const next = [...(deps.get(v) ?? [])].filter((w) => members.has(w)).sort((a, b) => order.get(a)! - order.get(b)!);
    for (const w of next) {
      if (w === start) {
        const path = [v];
        let p = v;
        while (p !== start) {
          p = parent.get(p)!;
          path.unshift(p);
        }
        return [...path, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
