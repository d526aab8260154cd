/**
 * Pure output formatting for the CLI: values in, strings out, so it is tested without a
 * terminal. Commands print what these return.
 */
import type { StatusSummary } from '../core/status.js';
import type { ScenarioSummary } from '../services/scenarios.js';

/** A plain text table; columns are as wide as their widest cell. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const codes = (list: readonly string[]): string => (list.length === 0 ? '-' : list.join(' '));

/** Short lists in full, long ones as a count, so the summary table fits a terminal. */
const brief = (list: readonly string[]): string =>
  list.length <= 6 ? codes(list) : `${list.length} members`;

/** The readable status (`accord status`). */
export function formatStatus(status: StatusSummary): string {
  const out: string[] = [];
  out.push(`${status.scenario.title} (${status.scenario.id}) as of ${status.asOf}`);
  out.push(
    `${status.alliance.name}: ${status.alliance.members.length} members; rule ${status.alliance.rule}`,
  );
  out.push('');
  out.push(
    formatTable(
      [
        'decision',
        'status',
        'supporters',
        'blockers',
        'conditional (unmet)',
        'incremental',
        'undeclared',
      ],
      status.decisions.map((d) => [
        d.id,
        d.status,
        String(d.supporters.length),
        brief(d.blockers),
        d.conditional.length === 0
          ? '-'
          : brief(d.conditional.map((c) => `${c.member}(${c.unmet.length} unmet)`)),
        brief(d.incremental),
        String(d.undeclared.length),
      ]),
    ),
  );
  for (const d of status.decisions) {
    out.push('');
    out.push(`${d.id}: ${d.title}`);
    const taken = d.evaluatedOn === status.asOf ? '' : ` (as taken on ${d.evaluatedOn})`;
    out.push(`  ${d.status}${taken} — ${d.explanation}`);
    if (d.supporters.length > 0) out.push(`  supporters: ${codes(d.supporters)}`);
    if (d.blockers.length > 0) out.push(`  blockers: ${codes(d.blockers)}`);
    for (const c of d.conditional)
      out.push(`  ${c.member} supports once met: ${c.unmet.join(', ')}`);
    for (const c of d.blockerConditions)
      out.push(
        c.unmet.length === 0
          ? `  ${c.member} holds out: its conditions are met, its own act (ratification) is pending`
          : `  ${c.member} holds out until met: ${c.unmet.join(', ')}`,
      );
    if (d.incremental.length > 0) out.push(`  incremental: ${codes(d.incremental)}`);
    if (d.conflicts.length > 0) {
      out.push(
        `  same-day conflicts resolved by source grade: ${d.conflicts.map((c) => c.member).join(' ')}`,
      );
    }
    if (d.outcome !== null) out.push(`  outcome: ${d.outcome.result} on ${d.outcome.date}`);
  }
  if (status.candidates.length > 0) {
    out.push('');
    out.push(
      formatTable(
        ['candidate', 'stage', 'ratified', 'outstanding'],
        status.candidates.map((c) => [
          `${c.iso2} ${c.name}`,
          c.stage ?? '-',
          String(c.ratified.length),
          codes(c.outstanding),
        ]),
      ),
    );
  }
  return out.join('\n');
}

export function formatScenarioList(list: readonly ScenarioSummary[]): string {
  if (list.length === 0) return 'No scenarios. Import one with: accord scenario import <file>';
  return formatTable(
    ['id', 'title', 'alliance', 'members', 'decisions', 'positions', 'version'],
    list.map((s) => [
      s.id,
      s.title,
      s.allianceId,
      String(s.members),
      String(s.decisions),
      String(s.positions),
      String(s.version),
    ]),
  );
}
