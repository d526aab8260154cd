import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors.js';
import { cycleError, findCycle, findCycles, roadmapGraph, topologicalOrder } from './graph.js';
import {
  dagArb,
  dep,
  makeBenchmark,
  makeGate,
  makeMilestone,
  makeRoadmap,
} from './test-factories.js';

const e = (from: string, to: string): { from: string; to: string } => ({ from, to });

/** A cycle is closed, follows edges, and visits no node twice. */
function isRealCycle(
  cycle: readonly string[],
  edges: readonly { from: string; to: string }[],
): boolean {
  if (cycle.length < 2 || cycle[0] !== cycle[cycle.length - 1]) return false;
  const inner = cycle.slice(0, -1);
  if (new Set(inner).size !== inner.length) return false;
  for (let i = 0; i + 1 < cycle.length; i++) {
    if (!edges.some((x) => x.from === cycle[i] && x.to === cycle[i + 1])) return false;
  }
  return true;
}

describe('roadmapGraph', () => {
  it('has benchmarks, milestones and gates as nodes, dependencies and gate requirements as edges', () => {
    const g = roadmapGraph(
      makeRoadmap({
        benchmarks: [makeBenchmark('b1'), makeBenchmark('b2')],
        milestones: [makeMilestone('m1')],
        gates: [makeGate('g1', ['b1', 'b2'])],
        dependencies: [dep('b1', 'm1', 5)],
      }),
    );
    expect(g.nodes).toEqual([
      { id: 'b1', kind: 'benchmark' },
      { id: 'b2', kind: 'benchmark' },
      { id: 'm1', kind: 'milestone' },
      { id: 'g1', kind: 'gate' },
    ]);
    expect(g.edges).toEqual([
      { from: 'b1', to: 'm1', lagDays: 5, origin: { kind: 'dependency', index: 0 } },
      { from: 'b1', to: 'g1', lagDays: 0, origin: { kind: 'gate', index: 0 } },
      { from: 'b2', to: 'g1', lagDays: 0, origin: { kind: 'gate', index: 0 } },
    ]);
  });
});

describe('topologicalOrder', () => {
  it('puts every node after its predecessors, ties in list order', () => {
    expect(topologicalOrder(['a', 'b', 'c', 'd'], [e('c', 'a'), e('d', 'b')])).toEqual([
      'c',
      'a',
      'd',
      'b',
    ]);
    expect(topologicalOrder(['a', 'b', 'c'], [])).toEqual(['a', 'b', 'c']);
  });

  it('ignores edges to unknown nodes (validation reports them)', () => {
    expect(topologicalOrder(['a', 'b'], [e('a', 'zz'), e('b', 'a')])).toEqual(['b', 'a']);
  });

  it('rejects a cycle with an error that names every node on it', () => {
    const run = (): string[] =>
      topologicalOrder(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('d', 'a')]);
    expect(run).toThrow(AccordError);
    expect(run).toThrow('roadmap: dependencies form a cycle: a → b → c → a');
    try {
      run();
    } catch (err) {
      expect(err).toBeInstanceOf(AccordError);
      if (err instanceof AccordError) {
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.details).toEqual({ cycle: ['a', 'b', 'c', 'a'] });
      }
    }
  });

  it('respects every edge of a generated DAG', () => {
    fc.assert(
      fc.property(dagArb(), ({ roadmap }) => {
        const g = roadmapGraph(roadmap);
        const order = topologicalOrder(
          g.nodes.map((n) => n.id),
          g.edges,
        );
        expect([...order].sort()).toEqual(g.nodes.map((n) => n.id).sort());
        const at = new Map(order.map((id, i) => [id, i]));
        for (const edge of g.edges) {
          expect(at.get(edge.from) ?? -1).toBeLessThan(at.get(edge.to) ?? -1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('findCycle / findCycles', () => {
  it('finds nothing in a DAG', () => {
    expect(findCycle(['a', 'b', 'c'], [e('a', 'b'), e('a', 'c'), e('b', 'c')])).toBeUndefined();
  });

  it('finds a self-loop', () => {
    expect(findCycle(['a', 'b'], [e('a', 'b'), e('b', 'b')])).toEqual(['b', 'b']);
  });

  it('lists each cyclic group once, in edge direction', () => {
    const edges = [e('a', 'b'), e('b', 'a'), e('c', 'd'), e('d', 'e'), e('e', 'c'), e('b', 'c')];
    const cycles = findCycles(['a', 'b', 'c', 'd', 'e'], edges);
    expect(cycles).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
    ]);
  });

  it('cycleError carries the cycle', () => {
    const err = cycleError(['x', 'y', 'x']);
    expect(err.message).toBe('roadmap: dependencies form a cycle: x → y → x');
    expect(err.details).toEqual({ cycle: ['x', 'y', 'x'] });
  });

  it('always reports a cycle made by a back edge, and it is a real cycle', () => {
    fc.assert(
      fc.property(dagArb({ maxNodes: 10 }), fc.nat(), fc.nat(), ({ roadmap, rank }, i, j) => {
        // A path from rank[p] to rank[q] (p < q), made explicit, then closed by the back edge.
        const p = i % rank.length;
        const q = j % rank.length;
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        const a = rank[lo] ?? '';
        const b = rank[hi] ?? '';
        const g = roadmapGraph(roadmap);
        const edges = [...g.edges, ...(lo === hi ? [] : [e(a, b)]), e(b, a)];
        const nodes = g.nodes.map((n) => n.id);
        const cycle = findCycle(nodes, edges);
        expect(cycle).toBeDefined();
        expect(isRealCycle(cycle ?? [], edges)).toBe(true);
        expect(() => topologicalOrder(nodes, edges)).toThrow(/dependencies form a cycle/);
      }),
      { numRuns: 200 },
    );
  });
});
