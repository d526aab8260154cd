import { userInfo } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { cliActor } from '../../services/context.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';
import { openWorkspace } from '../workspace.js';

const actor = () => cliActor(userInfo().username);

export function auditCommand(program: Command, io: Io): void {
  const audit = program.command('audit').description('the tamper-evident log of every change');

  audit
    .command('log')
    .description('changes, newest first')
    .option(
      '--entity <id>',
      'an entity id, or type:id (position:pl-timeline, scenario:vilnius-2023)',
    )
    .option('--actor <name>', 'only changes by this account or operator')
    .option('--since <date>', 'only changes at or after this date or timestamp')
    .option('--scenario <id>', 'only changes in this scenario')
    .option('--limit <n>', 'at most this many entries', '50')
    .option('--json', 'machine-readable output, with before and after')
    .action(
      async (opts: {
        entity?: string;
        actor?: string;
        since?: string;
        scenario?: string;
        limit: string;
        json?: boolean;
      }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
          throw new AccordError(
            'VALIDATION_FAILED',
            `--limit: '${opts.limit}' is not a whole number from 1 to 100000`,
          );
        }
        const ws = await openWorkspace();
        try {
          const entries = await ws.services.audit.log(actor(), { ...opts, limit });
          io.out(
            opts.json === true
              ? JSON.stringify({ entries }, null, 2)
              : entries.length === 0
                ? 'No changes match.'
                : formatTable(
                    ['#', 'at', 'actor', 'action', 'entity', 'scenario'],
                    entries.map((e) => [
                      String(e.seq),
                      e.at,
                      e.actor.role === undefined
                        ? `${e.actor.name} (${e.actor.kind})`
                        : `${e.actor.name} (${e.actor.role})`,
                      e.action,
                      `${e.entity.type}:${e.entity.id}`,
                      e.entity.scenario ?? '-',
                    ]),
                  ),
          );
        } finally {
          await ws.close();
        }
      },
    );

  audit
    .command('verify')
    .description(
      'recompute the hash chain; exits 1 and names the first broken entry if anything was changed',
    )
    .option('--head <hash>', 'also check that this chain head (from an export) is part of the log')
    .option('--json', 'print {"ok", "entries", "firstBroken"}')
    .action(async (opts: { head?: string; json?: boolean }) => {
      const ws = await openWorkspace({ builtins: false });
      const bar = process.stderr.isTTY
        ? new SingleBar({
            format: 'verifying {bar} {value} entries',
            stream: process.stderr,
            clearOnComplete: true,
          })
        : undefined;
      try {
        bar?.start(0, 0);
        const verdict = await ws.services.audit.verify(actor(), (checked) => {
          bar?.setTotal(checked);
          bar?.update(checked);
        });
        bar?.stop();
        let headFound: boolean | undefined;
        if (opts.head !== undefined) {
          const found = await ws.services.audit.log(actor(), { limit: 1, hash: opts.head });
          headFound = found.length === 1;
        }
        const ok = verdict.ok && headFound !== false;
        if (opts.json === true) {
          io.out(
            JSON.stringify({
              ok,
              entries: verdict.entries,
              firstBroken: verdict.firstBroken,
              ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
              head: verdict.head,
              ...(headFound === undefined ? {} : { headFound }),
            }),
          );
        } else if (verdict.ok) {
          io.out(`ok: ${verdict.entries} entries, chain head ${verdict.head}`);
          if (headFound === false) io.out(`but the head ${opts.head ?? ''} is not in this log`);
        } else {
          io.out(`BROKEN at entry ${verdict.firstBroken ?? '?'}: ${verdict.reason ?? ''}`);
        }
        if (!ok) throw new AccordError('CONFLICT', 'the audit log does not verify');
      } finally {
        bar?.stop();
        await ws.close();
      }
    });
}
