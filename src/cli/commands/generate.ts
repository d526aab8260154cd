/**
 * `accord scenario generate`: a large, valid, seeded synthetic scenario for scale tests. It is a
 * subcommand of `scenario`, registered from here so scenario.ts stays as it is.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { cliActor } from '../../services/context.js';
import { generateAndStore } from '../../services/generate.js';
import type { Io } from '../io.js';
import { openWorkspace } from '../workspace.js';

function whole(name: string, text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    throw new AccordError('VALIDATION_FAILED', `--${name}: '${text}' is not a whole number`, {
      field: name,
      value: text,
    });
  }
  return n;
}

export function scenarioGenerateCommand(program: Command, io: Io): void {
  const scenario =
    program.commands.find((c) => c.name() === 'scenario') ??
    program.command('scenario').description('list, import and export scenarios');
  scenario
    .command('generate')
    .description('generate a large, valid synthetic scenario from a seed (for scale tests)')
    .option('--members <n>', 'members of the alliance', '100')
    .option('--candidates <n>', 'candidates (one invitation decision each)', '20')
    .option('--benchmarks <n>', 'benchmarks in the one roadmap', '10000')
    .option('--positions <n>', 'positions, spread over members and decisions', '1000000')
    .option('--seed <text>', 'the seed: the same seed gives the same scenario', '1')
    .option('--id <id>', 'the scenario id', 'generated')
    .option('--replace', 'replace a scenario with the same id')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        members: string;
        candidates: string;
        benchmarks: string;
        positions: string;
        seed: string;
        id: string;
        replace?: boolean;
        json?: boolean;
      }) => {
        const ws = await openWorkspace({ builtins: false });
        try {
          const started = performance.now();
          const result = await generateAndStore(
            { db: ws.db.kysely, clock: () => new Date() },
            cliActor(userInfo().username),
            {
              id: opts.id,
              members: whole('members', opts.members),
              candidates: whole('candidates', opts.candidates),
              benchmarks: whole('benchmarks', opts.benchmarks),
              positions: whole('positions', opts.positions),
              seed: opts.seed,
              replace: opts.replace,
            },
            (phase) => {
              const at = ((performance.now() - started) / 1000).toFixed(1);
              if (phase !== 'done') io.err(`[${at}s] ${phase}…`);
            },
          );
          if (opts.json === true) io.out(JSON.stringify(result, null, 2));
          else {
            const parts = Object.entries(result.counts)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ');
            io.out(
              `${result.replaced ? 'replaced' : 'generated'} ${result.id} (version ${result.version}): ${parts}\n` +
                `generated in ${(result.generateMs / 1000).toFixed(1)} s, inserted in ${(result.insertMs / 1000).toFixed(1)} s`,
            );
          }
        } finally {
          await ws.close();
        }
      },
    );
}
