/**
 * The roadmap as a directed graph: benchmarks, milestones and gates are nodes; dependencies and
 * each gate's required benchmarks are edges. Cycle detection names every node on a cycle, in
 * order; topological order is deterministic (ties go to the node listed first).
 *
 * The graph functions ignore edges whose ends are not nodes: `validateRoadmap` reports those.
 */
import { AccordError } from '../errors.js';
import type { NodeKind, Roadmap } from './types.js';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
}

/** Where an edge comes from: `roadmap.dependencies[index]` or `roadmap.gates[gate].requires`. */
export type EdgeOrigin =
  | { readonly kind: 'dependency'; readonly index: number }
  | { readonly kind: 'gate'; readonly index: number };

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly lagDays: number;
  readonly origin: EdgeOrigin;
}

export interface RoadmapGraph {
  /** Benchmarks, then milestones, then gates, each in list order. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly Edge[];
}

/** The nodes and edges of a roadmap: dependencies as listed, then gate requirements (lag 0). */
export function roadmapGraph(roadmap: Roadmap): RoadmapGraph {
  const nodes: GraphNode[] = [
    ...roadmap.benchmarks.map((b): GraphNode => ({ id: b.id, kind: 'benchmark' })),
    ...roadmap.milestones.map((m): GraphNode => ({ id: m.id, kind: 'milestone' })),
    ...roadmap.gates.map((g): GraphNode => ({ id: g.id, kind: 'gate' })),
  ];
  const edges: Edge[] = roadmap.dependencies.map((d, index) => ({
    from: d.from,
    to: d.to,
    lagDays: d.lagDays,
    origin: { kind: 'dependency', index },
  }));
  roadmap.gates.forEach((g, index) => {
    for (const b of g.requires) {
      edges.push({ from: b, to: g.id, lagDays: 0, origin: { kind: 'gate', index } });
    }
  });
  return { nodes, edges };
}

interface Indexed {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Successor indices per node, in edge order (duplicates kept). */
  readonly succ: readonly (readonly number[])[];
}

function indexGraph(
  nodes: readonly string[],
  edges: readonly { readonly from: string; readonly to: string }[],
): Indexed {
  const index = new Map<string, number>();
  nodes.forEach((id, i) => {
    if (!index.has(id)) index.set(id, i);
  });
  const succ: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const f = index.get(e.from);
    const t = index.get(e.to);
    if (f !== undefined && t !== undefined) succ[f]?.push(t);
  }
  return { ids: nodes, index, succ };
}

/** Strongly connected components (Tarjan, iterative), each as node indices. */
function components(g: Indexed): number[][] {
  const n = g.ids.length;
  const order: number[] = new Array<number>(n).fill(-1);
  const low: number[] = new Array<number>(n).fill(0);
  const onStack: boolean[] = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: { node: number; next: number }[] = [{ node: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const u = frame.node;
      if (frame.next === 0 && order[u] === -1) {
        order[u] = counter;
        low[u] = counter;
        counter++;
        stack.push(u);
        onStack[u] = true;
      }
      const succ = g.succ[u] ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next] ?? 0;
        frame.next++;
        if (order[w] === -1) work.push({ node: w, next: 0 });
        else if (onStack[w] === true) low[u] = Math.min(low[u] ?? 0, order[w] ?? 0);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent.node] = Math.min(low[parent.node] ?? 0, low[u] ?? 0);
      if (low[u] === order[u]) {
        const component: number[] = [];
        for (;;) {
          const w = stack.pop();
          if (w === undefined) break;
          onStack[w] = false;
          component.push(w);
          if (w === u) break;
        }
        result.push(component);
      }
    }
  }
  return result;
}

/** One cycle inside a strongly connected component, from a DFS at its first-listed node. */
function cycleWithin(g: Indexed, members: ReadonlySet<number>): string[] {
  const start = Math.min(...members);
  const path: number[] = [start];
  const onPath = new Set<number>([start]);
  const visited = new Set<number>([start]);
  const next: number[] = [0];
  while (path.length > 0) {
    const depth = path.length - 1;
    const u = path[depth] ?? 0;
    const succ = g.succ[u] ?? [];
    const i = next[depth] ?? 0;
    if (i >= succ.length) {
      path.pop();
      next.pop();
      onPath.delete(u);
      continue;
    }
    next[depth] = i + 1;
    const w = succ[i] ?? 0;
    if (!members.has(w)) continue;
    if (onPath.has(w)) {
      const from = path.indexOf(w);
      return [...path.slice(from), w].map((x) => g.ids[x] ?? '');
    }
    if (!visited.has(w)) {
      visited.add(w);
      path.push(w);
      next.push(0);
      onPath.add(w);
    }
  }
  // Unreachable for a real component; kept total for the type checker.
  return [];
}

/**
 * Every independent cycle: one per strongly connected component that has one (a self-loop
 * counts), each listed in edge direction and closed (`['a', 'b', 'c', 'a']`). Ordered by the
 * first-listed node they contain.
 */
export function findCycles(
  nodes: readonly string[],
  edges: readonly { readonly from: string; readonly to: string }[],
): string[][] {
  const g = indexGraph(nodes, edges);
  const cyclic = components(g).filter(
    (c) => c.length > 1 || (c.length === 1 && (g.succ[c[0] ?? 0] ?? []).includes(c[0] ?? -1)),
  );
  return cyclic
    .map((c) => ({ first: Math.min(...c), cycle: cycleWithin(g, new Set(c)) }))
    .sort((a, b) => a.first - b.first)
    .map((x) => x.cycle);
}

/** The first cycle (see findCycles), or undefined for a directed acyclic graph. */
export function findCycle(
  nodes: readonly string[],
  edges: readonly { readonly from: string; readonly to: string }[],
): string[] | undefined {
  return findCycles(nodes, edges)[0];
}

export function describeCycle(cycle: readonly string[]): string {
  return `dependencies form a cycle: ${cycle.join(' → ')}`;
}

/** The error a cycle is rejected with; `details.cycle` lists every node on it, closed. */
export function cycleError(cycle: readonly string[]): AccordError {
  return new AccordError('VALIDATION_FAILED', `roadmap: ${describeCycle(cycle)}`, {
    cycle: [...cycle],
  });
}

/**
 * The nodes in an order where every edge points forward. Deterministic: of the nodes ready at
 * any step, the one listed first comes first. Throws the cycle error when there is a cycle.
 */
export function topologicalOrder(
  nodes: readonly string[],
  edges: readonly { readonly from: string; readonly to: string }[],
): string[] {
  const g = indexGraph(nodes, edges);
  const n = nodes.length;
  const indegree: number[] = new Array<number>(n).fill(0);
  g.succ.forEach((succ) => {
    for (const t of succ) indegree[t] = (indegree[t] ?? 0) + 1;
  });
  const ready = new MinHeap();
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);
  const order: string[] = [];
  for (let u = ready.pop(); u !== undefined; u = ready.pop()) {
    order.push(nodes[u] ?? '');
    for (const t of g.succ[u] ?? []) {
      const d = (indegree[t] ?? 0) - 1;
      indegree[t] = d;
      if (d === 0) ready.push(t);
    }
  }
  if (order.length < n) {
    const cycle = findCycle(nodes, edges);
    if (cycle !== undefined) throw cycleError(cycle);
  }
  return order;
}

/** A binary min-heap of numbers: enough for Kahn's algorithm with list-order ties. */
class MinHeap {
  private readonly items: number[] = [];

  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = a[p] ?? 0;
      if (pv <= x) break;
      a[i] = pv;
      i = p;
    }
    a[i] = x;
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r] ?? 0) < (a[l] ?? 0) ? r : l;
      const cv = a[c] ?? 0;
      if (cv >= last) break;
      a[i] = cv;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
