import type { Command } from 'commander';
import { IsoDateSchema } from '../../contracts/scenario.js';
import { AccordError } from '../../core/errors.js';
import type { Io } from '../io.js';
import { formatStatus } from '../output.js';
import { openWorkspace } from '../workspace.js';

export function statusCommand(program: Command, io: Io): void {
  program
    .command('status')
    .description('members, consensus on each decision and ratifications, as of a date')
    .requiredOption('-s, --scenario <id>', 'the scenario to report on (see: accord scenario list)')
    .option('--as-of <date>', 'the date to answer for, YYYY-MM-DD (default: today)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { scenario: string; asOf?: string; json?: boolean }) => {
      if (opts.asOf !== undefined && !IsoDateSchema.safeParse(opts.asOf).success) {
        throw new AccordError(
          'VALIDATION_FAILED',
          `--as-of: '${opts.asOf}' is not a date written YYYY-MM-DD`,
          {
            field: 'as-of',
          },
        );
      }
      const ws = await openWorkspace();
      try {
        const status = await ws.services.scenarios.status(opts.scenario, opts.asOf);
        io.out(opts.json === true ? JSON.stringify(status, null, 2) : formatStatus(status));
      } finally {
        await ws.close();
      }
    });
}
