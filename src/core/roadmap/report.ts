/**
 * The review report for a monitoring cycle as Markdown: the "visible progress" the eastern
 * capitals asked for, readable by people who never open Accord. Pure: a Review in, text out.
 */
import type { Review } from './review.js';
import type { Assessor } from './types.js';

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${pct(Math.abs(x))}`;
const who = (a: Assessor): string => (a.kind === 'secretariat' ? 'secretariat' : a.iso2);

export interface ReportContext {
  readonly scenarioTitle: string;
  readonly roadmapTitle: string;
  /** Titles by benchmark, milestone and gate id, for readable lines. */
  readonly titles: ReadonlyMap<string, string>;
  /** Ids of items whose basis is `illustrative`: marked in the report. */
  readonly illustrative: ReadonlySet<string>;
}

export function reviewMarkdown(review: Review, ctx: ReportContext): string {
  const name = (id: string): string =>
    `${ctx.titles.get(id) ?? id} (\`${id}\`)${ctx.illustrative.has(id) ? ' *[illustrative]*' : ''}`;
  const out: string[] = [];
  out.push(`# Review: ${ctx.roadmapTitle}`);
  out.push('');
  out.push(`${ctx.scenarioTitle}. Period: after ${review.from} up to ${review.to}.`);
  out.push('');
  out.push('## Progress');
  out.push('');
  out.push(
    `Overall: ${pct(review.progress.from)} → ${pct(review.progress.to)} (${signed(review.progress.change)}).`,
  );
  out.push('');
  out.push('| track | then | now | change |');
  out.push('|---|--:|--:|--:|');
  for (const t of review.progress.tracks) {
    out.push(`| ${t.title} | ${pct(t.from)} | ${pct(t.to)} | ${signed(t.change)} |`);
  }
  out.push('');
  const section = (title: string, lines: readonly string[], none: string): void => {
    out.push(`## ${title}`);
    out.push('');
    if (lines.length === 0) out.push(none);
    else out.push(...lines.map((l) => `- ${l}`));
    out.push('');
  };
  section(
    'Newly verified',
    review.newlyVerified.map(name),
    'No benchmark became verified in this period.',
  );
  section(
    'Regressed or no longer verified',
    [
      ...review.regressed.map((r) => `${name(r.benchmark)}: recorded as regressed on ${r.date}`),
      ...review.noLongerVerified.map((id) => `${name(id)}: no longer verified`),
    ],
    'Nothing regressed.',
  );
  section(
    'Status changes',
    review.statusChanges.map(
      (c) =>
        `${c.date}: ${name(c.benchmark)} ${c.from} → ${c.to}${c.note === undefined ? '' : ` (${c.note})`}`,
    ),
    'No status changes were recorded.',
  );
  section(
    'Slips',
    review.slips.map(
      (s) =>
        `${s.move.date}: ${name(s.id)} target moved ${s.move.from} → ${s.move.to} (${s.move.days >= 0 ? '+' : ''}${s.move.days} days)`,
    ),
    'No target moved.',
  );
  section(
    'Gates',
    review.gates.map(
      (g) => `${name(g.gate)}: ${g.from ? 'ready' : 'not ready'} → ${g.to ? 'ready' : 'not ready'}`,
    ),
    'No gate changed.',
  );
  section(
    'Open dissent',
    review.openDissent.map(
      (d) =>
        `${name(d.benchmark)}: met for ${d.agree.map(who).join(', ') || 'nobody'}; not met for ${d.dissent.map(who).join(', ')}${d.verified ? ' (verified under the rule all the same)' : ''}`,
    ),
    'No assessor disagrees with another.',
  );
  out.push(
    `Assessments in the period: ${review.assessments.length}. Evidence in the period: ${review.evidence.length}.`,
  );
  return `${out.join('\n')}\n`;
}
