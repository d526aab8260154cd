/**
 * A roadmap's dependency graph, laid out by ELK's layered algorithm (left to right: what must
 * come first is on the left). ELK is large, so it loads only when a reader opens the graph.
 * The critical path is outlined in red; the tables beside it hold the same facts as text.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { useEffect, useState } from 'react';
import type { RoadmapView } from '../types.ts';

const WIDTH = 190;
const HEIGHT = 40;

interface Laid {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly { id: string; x: number; y: number; title: string; kind: string }[];
  readonly edges: readonly { id: string; points: string }[];
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

export function DependencyGraph({ v }: { v: RoadmapView }) {
  const [laid, setLaid] = useState<Laid | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const titles = new Map<string, { title: string; kind: string }>();
    for (const t of v.tracks)
      for (const b of t.benchmarks) titles.set(b.id, { title: b.title, kind: 'benchmark' });
    for (const m of v.milestones) titles.set(m.id, { title: m.title, kind: 'milestone' });
    for (const g of v.gates) titles.set(g.gate, { title: g.title, kind: 'gate' });
    const edges: ElkExtendedEdge[] = v.dependencies
      .filter((d) => titles.has(d.from) && titles.has(d.to))
      .map((d, i) => ({ id: `e${i}`, sources: [d.from], targets: [d.to] }));
    const graph: ElkNode = {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '14',
        'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      },
      children: [...titles.keys()].map((id) => ({ id, width: WIDTH, height: HEIGHT })),
      edges,
    };
    import('elkjs/lib/elk.bundled.js')
      .then(async ({ default: ELK }) => {
        const result = await new ELK().layout(graph);
        if (!live) return;
        setLaid({
          width: result.width ?? 0,
          height: result.height ?? 0,
          nodes: (result.children ?? []).map((n) => ({
            id: n.id,
            x: n.x ?? 0,
            y: n.y ?? 0,
            title: titles.get(n.id)?.title ?? n.id,
            kind: titles.get(n.id)?.kind ?? 'benchmark',
          })),
          edges: (result.edges ?? []).flatMap((e) =>
            (e.sections ?? []).map((s) => ({
              id: `${e.id}-${s.id}`,
              points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]
                .map((p) => `${p.x},${p.y}`)
                .join(' '),
            })),
          ),
        });
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [v]);
  if (error !== undefined)
    return (
      <p className="error" role="alert">
        The graph could not be laid out: {error}
      </p>
    );
  if (laid === undefined) return <p className="loading">Laying out the graph…</p>;
  const critical = new Set(v.criticalPath);
  return (
    // Focusable, so a keyboard can scroll a graph wider than the column.
    <div className="graph-wrap" tabIndex={0} role="group" aria-label="Dependency graph, scrollable">
      <svg
        className="dependency-graph"
        viewBox={`0 0 ${laid.width} ${laid.height}`}
        width={laid.width}
        height={laid.height}
        role="img"
        aria-label={`Dependency graph of ${laid.nodes.length} items; critical path: ${v.criticalPath.join(', ')}`}
        data-ready="true"
      >
        <defs>
          <marker
            id={`arrow-${v.roadmap.id}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0L10,5L0,10Z" fill="#555" />
          </marker>
        </defs>
        {laid.edges.map((e) => (
          <polyline
            key={e.id}
            points={e.points}
            fill="none"
            stroke="#555"
            markerEnd={`url(#arrow-${v.roadmap.id})`}
          />
        ))}
        {laid.nodes.map((n) => (
          <g key={n.id} transform={`translate(${n.x},${n.y})`} data-node={n.id}>
            <rect
              width={WIDTH}
              height={HEIGHT}
              rx={n.kind === 'benchmark' ? 4 : 16}
              className={`node node-${n.kind}${critical.has(n.id) ? ' critical' : ''}`}
            />
            <text x={8} y={16}>
              {truncate(n.title, 30)}
            </text>
            <text x={8} y={31} className="node-kind">
              {n.kind}
              {critical.has(n.id) ? ' · critical' : ''}
            </text>
            <title>{n.title}</title>
          </g>
        ))}
      </svg>
    </div>
  );
}
