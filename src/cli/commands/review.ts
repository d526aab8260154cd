/**
 * `accord review`: the queue of facts proposed from briefings. list, accept (optionally with an
 * edit), merge into a stored event or position, reject with a reason. The operator acts on the
 * version just read, through the same services (and audit log) as the HTTP API.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { AcceptBody, MergeBody, ReviewListQuery } from '../../contracts/briefings.js';
import { cliActor } from '../../services/context.js';
import { parseInput } from '../../services/input.js';
import type { ProposalRecord } from '../../db/briefing-repository.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';
import { openWorkspace } from '../workspace.js';

const actor = () => cliActor(userInfo().username);

function brief(p: ProposalRecord): string {
  const pl = p.payload;
  const s = (k: string): string => (typeof pl[k] === 'string' ? pl[k] : '');
  switch (p.kind) {
    case 'stance':
      return `${s('stance')} on ${s('candidate')} (${s('topic')})`;
    case 'event':
      return `${s('what')} ${s('start')}${s('end') !== s('start') && s('end') !== '' ? `…${s('end')}` : ''} ${s('place')}`.trim();
    case 'engagement':
      return `${s('what')} ${s('date')} ${s('place')}`.trim();
    case 'actor':
      return `${s('type')} ${s('name')} ${s('iso2')}`.trim();
    case 'attribution':
      return `credibility ${String(pl.credibility)}`;
    case 'statement':
      return s('title');
  }
}

function parseEdit(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    throw new AccordError(
      'VALIDATION_FAILED',
      '--edit: is not JSON (give an object such as {"members": ["PL"]})',
      {
        field: 'edit',
      },
    );
  }
}

function printReview(
  io: Io,
  json: boolean | undefined,
  r: { fact: ProposalRecord; result: readonly { type: string; id: string }[] },
): void {
  if (json === true) {
    io.out(JSON.stringify(r, null, 2));
    return;
  }
  const made = r.result.map((x) => `${x.type} ${x.id}`).join(', ');
  io.out(`${r.fact.id}: ${r.fact.status}${made !== '' ? ` → ${made}` : ''}`);
}

export function reviewCommand(program: Command, io: Io): void {
  const review = program
    .command('review')
    .description('review facts proposed from briefings: list, accept, merge, reject');

  review
    .command('list')
    .description('the review queue (default: facts still proposed)')
    .option('-s, --scenario <id>', 'only this scenario')
    .option('--status <status>', 'proposed, accepted, merged or rejected', 'proposed')
    .option('--kind <kind>', 'event, actor, engagement, stance, statement or attribution')
    .option('--briefing <id>', 'only this briefing')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        scenario?: string;
        status: string;
        kind?: string;
        briefing?: string;
        json?: boolean;
      }) => {
        const ws = await openWorkspace();
        try {
          const query = parseInput(ReviewListQuery, {
            scenario: opts.scenario,
            status: opts.status,
            kind: opts.kind,
            briefing: opts.briefing,
            limit: 1000,
          });
          const { facts } = await ws.services.briefings.reviewList(query);
          if (opts.json === true) {
            io.out(JSON.stringify({ facts }, null, 2));
            return;
          }
          io.out(
            formatTable(
              ['id', 'kind', 'status', 'conf.', 'what', 'text'],
              facts.map((f) => [
                f.id,
                f.kind,
                f.status,
                f.confidence.toFixed(2),
                brief(f).slice(0, 40),
                f.text.replace(/\s+/g, ' ').slice(0, 60),
              ]),
            ),
          );
          io.out(`${facts.length} facts`);
        } finally {
          await ws.close();
        }
      },
    );

  review
    .command('accept')
    .description(
      'accept a proposed fact: a stance becomes positions, an event or engagement an event',
    )
    .argument('<factId>', 'the proposed fact (accord review list)')
    .option(
      '--edit <json>',
      'changes before accepting, e.g. {"members": ["PL"], "decision": "invite"}',
    )
    .option('--json', 'machine-readable output')
    .action(async (factId: string, opts: { edit?: string; json?: boolean }) => {
      const edit = parseEdit(opts.edit);
      const ws = await openWorkspace();
      try {
        const current = await ws.services.briefings.getFact(factId);
        const body = parseInput(AcceptBody, {
          expectedVersion: current.version,
          ...(edit === undefined ? {} : { edit }),
        });
        const r = await ws.services.briefings.accept(actor(), factId, body);
        printReview(io, opts.json, r);
      } finally {
        await ws.close();
      }
    });

  review
    .command('merge')
    .description(
      'merge a proposed fact into a stored event or position (one fact, one more source)',
    )
    .argument('<factId>', 'the proposed fact')
    .requiredOption('--into <id>', 'the event, position or reviewed proposed fact it repeats')
    .option('--credibility <n>', 'the Admiralty credibility (1–6) of this report')
    .option('--json', 'machine-readable output')
    .action(
      async (factId: string, opts: { into: string; credibility?: string; json?: boolean }) => {
        const ws = await openWorkspace();
        try {
          const current = await ws.services.briefings.getFact(factId);
          const body = parseInput(MergeBody, {
            expectedVersion: current.version,
            into: opts.into,
            ...(opts.credibility === undefined ? {} : { credibility: Number(opts.credibility) }),
          });
          const r = await ws.services.briefings.merge(actor(), factId, body);
          printReview(io, opts.json, r);
        } finally {
          await ws.close();
        }
      },
    );

  review
    .command('reject')
    .description('reject a proposed fact, saying why')
    .argument('<factId>', 'the proposed fact')
    .requiredOption('--reason <text>', 'why it is wrong')
    .option('--json', 'machine-readable output')
    .action(async (factId: string, opts: { reason: string; json?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const current = await ws.services.briefings.getFact(factId);
        const r = await ws.services.briefings.reject(actor(), factId, {
          expectedVersion: current.version,
          reason: opts.reason,
        });
        printReview(io, opts.json, r);
      } finally {
        await ws.close();
      }
    });
}
