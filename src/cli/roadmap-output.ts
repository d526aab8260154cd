/** Pure text formatting of roadmap views for the terminal. */
import type { VariantComparison } from '../core/roadmap/index.js';
import type { RoadmapView } from '../services/roadmaps.js';
import { formatTable } from './output.js';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function formatRoadmap(v: RoadmapView): string {
  const out: string[] = [];
  const r = v.roadmap;
  const rule = r.rule.kind === 'quorum' ? `quorum:${r.rule.n}` : r.rule.kind;
  out.push(`${r.title} (${r.id}) — ${r.candidate}, ${r.approach} plan, as of ${v.asOf}`);
  out.push(
    `verification: ${rule}; starts ${r.start}; projected finish ${v.finish}; progress ${pct(v.progress.progress)}`,
  );
  if (r.description !== undefined) out.push(r.description);
  for (const t of v.tracks) {
    out.push('');
    out.push(`${t.title} — ${pct(t.progress)}`);
    out.push(
      formatTable(
        ['benchmark', 'status', 'verified', 'target', 'projected', 'slack', 'basis'],
        t.benchmarks.map((b) => [
          `${b.id}${b.schedule?.critical === true ? ' *' : ''}`,
          b.status,
          b.verification.verified
            ? 'yes'
            : b.verification.dissent.length > 0
              ? `no (dissent: ${b.verification.dissent.map((a) => (a.kind === 'member' ? a.iso2 : 'secretariat')).join(' ')})`
              : 'no',
          b.target ?? '-',
          b.schedule?.dates.earlyFinish ?? '-',
          b.schedule === undefined ? '-' : String(b.schedule.slack),
          b.basis,
        ]),
      ),
    );
  }
  out.push('');
  out.push(
    `critical path (*): ${v.criticalPath.length === 0 ? 'none (all done)' : v.criticalPath.join(' → ')}`,
  );
  for (const g of v.gates) {
    out.push(
      `gate ${g.gate}${g.decision === undefined ? '' : ` (decision ${g.decision})`}: ${g.ready ? `READY since ${g.readySince ?? v.asOf}` : `not ready — ${g.outstanding.length} of ${g.outstanding.length + g.verified.length} benchmarks still to verify`}`,
    );
  }
  const dated = v.timeline.filter((e) => e.kind !== 'benchmark');
  if (dated.length > 0) {
    out.push('');
    out.push(
      formatTable(
        ['milestone / gate', 'target', 'projected', 'state', 'slips'],
        dated.map((e) => [
          e.id,
          e.target ?? '-',
          e.projected,
          e.state,
          e.slipCount === 0 ? '-' : `${e.slipCount} (${e.slippedDays} days)`,
        ]),
      ),
    );
  }
  if (v.divergent.length > 0) out.push(`assessors disagree on: ${v.divergent.join(', ')}`);
  out.push('');
  out.push(
    `${v.evidence} evidence, ${v.assessments} assessments. Items marked illustrative are modelling assumptions.`,
  );
  return out.join('\n');
}

export function formatComparison(c: VariantComparison): string {
  const out: string[] = [];
  out.push(
    `${c.a.title} (${c.a.id}, ${c.a.approach})  vs  ${c.b.title} (${c.b.id}, ${c.b.approach}); as of ${c.asOf}`,
  );
  out.push('');
  out.push(
    formatTable(
      ['', c.a.id, c.b.id],
      [
        ['projected finish', c.a.finish, c.b.finish],
        ['progress', pct(c.a.progress), pct(c.b.progress)],
        ['benchmarks', String(c.a.benchmarks), String(c.b.benchmarks)],
        [
          'gates / milestones',
          `${c.a.gates} / ${c.a.milestones}`,
          `${c.b.gates} / ${c.b.milestones}`,
        ],
        ['dated gates and milestones', String(c.a.dated), String(c.b.dated)],
      ],
    ),
  );
  const items = [...c.gates, ...c.milestones];
  if (items.length > 0) {
    out.push('');
    out.push(
      formatTable(
        ['item', `${c.a.id} target → projected (state)`, `${c.b.id} target → projected (state)`],
        items.map((i) => [
          `${i.kind} ${i.a?.id ?? i.b?.id ?? ''}`,
          i.a === undefined ? '-' : `${i.a.target ?? 'no date'} → ${i.a.projected} (${i.a.state})`,
          i.b === undefined ? '-' : `${i.b.target ?? 'no date'} → ${i.b.projected} (${i.b.state})`,
        ]),
      ),
    );
  }
  for (const side of [c.a, c.b]) {
    out.push('');
    out.push(`${side.id} commits the alliance to:`);
    for (const k of side.commitments) {
      // Gate and milestone commitments already name their date in the text.
      const dated = k.date === undefined || k.text.includes(k.date) ? '' : ` (by ${k.date})`;
      out.push(`  - ${k.text}${dated}`);
    }
  }
  return out.join('\n');
}
