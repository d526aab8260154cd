/**
 * The `accord` program: one file per command under commands/, one catch here that turns any
 * error into a message on stderr and a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isAccordError } from '../core/errors.js';
import { policyMarkdown } from '../core/policy.js';
import { userCommand, tokenCommand } from './commands/access.js';
import { auditCommand } from './commands/audit.js';
import { forecastCommand } from './commands/forecast.js';
import { ingestCommand } from './commands/ingest.js';
import { reviewCommand } from './commands/review.js';
import { backupCommand } from './commands/backup.js';
import { dbCommand } from './commands/db.js';
import { scenarioGenerateCommand } from './commands/generate.js';
import {
  assessCommand,
  evidenceCommand,
  reportCommand,
  roadmapCommand,
} from './commands/roadmap.js';
import { scenarioCommand } from './commands/scenario.js';
import { serveCommand } from './commands/serve.js';
import { statusCommand } from './commands/status.js';
import { processIo, type Io } from './io.js';

function packageVersion(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  return typeof pkg === 'object' &&
    pkg !== null &&
    'version' in pkg &&
    typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
}

export function buildProgram(io: Io = processIo): Command {
  const program = new Command('accord')
    .description(
      'Accord: members, positions and consensus of an alliance as of any date, every fact sourced.\n' +
        'Data lives in $ACCORD_DATA_DIR (default ./data).',
    )
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => {
        io.out(s);
      },
      writeErr: (s) => {
        io.err(s);
      },
    })
    .exitOverride();
  serveCommand(program, io);
  statusCommand(program, io);
  scenarioCommand(program, io);
  userCommand(program, io);
  tokenCommand(program, io);
  auditCommand(program, io);
  roadmapCommand(program, io);
  evidenceCommand(program, io);
  assessCommand(program, io);
  reportCommand(program, io);
  forecastCommand(program, io);
  ingestCommand(program, io);
  reviewCommand(program, io);
  dbCommand(program, io);
  backupCommand(program, io);
  scenarioGenerateCommand(program, io);
  program
    .command('policy')
    .description('print who may do what (the policy table the services enforce)')
    .action(() => {
      io.out(policyMarkdown());
    });
  return program;
}

/** Run the CLI; resolves to the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or help, which exits 0).
      return error.exitCode;
    }
    if (isAccordError(error)) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
