/**
 * A plain HTML page at `/`: the status of every scenario as of a date, until the dashboard
 * arrives. Every piece of text from a scenario goes through `escapeHtml`, never raw.
 */
import type { StatusSummary } from '../core/status.js';
import type { ScenarioDetail } from '../services/scenarios.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const list = (codes: readonly string[]): string =>
  codes.length === 0 ? '—' : escapeHtml(codes.join(', '));

function scenarioSection(detail: ScenarioDetail, status: StatusSummary): string {
  const keyDates = detail.keyDates
    .map(
      (k) =>
        `<a href="/?asOf=${escapeHtml(k.date)}#${escapeHtml(detail.id)}">${escapeHtml(k.date)} ${escapeHtml(k.label)}</a>`,
    )
    .join(' · ');
  const decisions = status.decisions
    .map(
      (d) => `<tr>
  <td>${escapeHtml(d.title)}<br><small>${escapeHtml(d.explanation)}</small></td>
  <td class="${d.status}">${d.status}</td>
  <td>${list(d.supporters)}</td>
  <td>${d.conditional.length === 0 ? '—' : escapeHtml(d.conditional.map((c) => `${c.member} (unmet: ${c.unmet.join(', ')})`).join('; '))}</td>
  <td>${list(d.blockers)}</td>
  <td>${list(d.incremental)}</td>
  <td>${d.undeclared.length}</td>
</tr>`,
    )
    .join('\n');
  const candidates = status.candidates
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.stage ?? '—')}</td><td>${c.ratified.length}</td><td>${list(c.outstanding)}</td></tr>`,
    )
    .join('\n');
  return `<section id="${escapeHtml(detail.id)}">
<h2>${escapeHtml(detail.title)}</h2>
<p>${escapeHtml(detail.description ?? '')}</p>
<p><strong>${escapeHtml(status.alliance.name)}</strong>: ${status.alliance.members.length} members on ${escapeHtml(status.asOf)} (rule: ${escapeHtml(status.alliance.rule)}).</p>
<p class="keydates">${keyDates}</p>
<table><thead><tr><th>Decision</th><th>Status</th><th>Supporters</th><th>Conditional (unmet)</th><th>Blockers</th><th>Incremental</th><th>Undeclared</th></tr></thead>
<tbody>${decisions}</tbody></table>
${candidates === '' ? '' : `<table><thead><tr><th>Candidate</th><th>Stage</th><th>Ratified</th><th>Outstanding</th></tr></thead><tbody>${candidates}</tbody></table>`}
<p><a href="/api/v1/scenarios/${escapeHtml(detail.id)}/status?asOf=${escapeHtml(status.asOf)}">JSON</a> · <a href="/api/v1/scenarios/${escapeHtml(detail.id)}/export">export YAML</a></p>
</section>`;
}

export function renderHomePage(
  asOf: string,
  sections: readonly { detail: ScenarioDetail; status: StatusSummary }[],
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accord — consensus as of ${escapeHtml(asOf)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.consensus { color: #0a6b2d; font-weight: 600; }
td.no-consensus { color: #9b1c1c; font-weight: 600; }
small { color: #555; }
.keydates a { white-space: nowrap; }
</style>
</head>
<body>
<h1>Accord</h1>
<form method="get" action="/"><label>As of <input type="date" name="asOf" value="${escapeHtml(asOf)}"></label> <button type="submit">Show</button></form>
${sections.length === 0 ? '<p>No scenarios yet. Import one with <code>accord scenario import &lt;file&gt;</code>.</p>' : sections.map((s) => scenarioSection(s.detail, s.status)).join('\n')}
<p><small>API: <a href="/api/openapi.json">OpenAPI 3.1</a> · every fact carries its sources and basis.</small></p>
</body>
</html>`;
}
