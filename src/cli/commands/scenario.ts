import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { userInfo } from 'node:os';
import { cliActor } from '../../services/context.js';
import type { Io } from '../io.js';
import { formatScenarioList } from '../output.js';
import { openWorkspace } from '../workspace.js';

const CLI_ACTOR = cliActor(userInfo().username);

function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AccordError('NOT_FOUND', `file: cannot read '${file}': ${reason}`, {
      field: 'file',
      value: file,
    });
  }
}

export function scenarioCommand(program: Command, io: Io): void {
  const scenario = program.command('scenario').description('list, import and export scenarios');

  scenario
    .command('list')
    .description('the scenarios in this workspace')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const list = await ws.services.scenarios.list();
        io.out(
          opts.json === true
            ? JSON.stringify({ scenarios: list }, null, 2)
            : formatScenarioList(list),
        );
      } finally {
        await ws.close();
      }
    });

  scenario
    .command('import')
    .description(
      'import a scenario file (YAML or JSON; - reads standard input); a bad file is rejected whole',
    )
    .argument('<file>', 'the scenario file')
    .option('--replace', 'replace a scenario with the same id')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { replace?: boolean; json?: boolean }) => {
      const text = readInput(file);
      const ws = await openWorkspace();
      try {
        const result = await ws.services.scenarios.importText(CLI_ACTOR, text, file, {
          replace: opts.replace,
        });
        if (opts.json === true) io.out(JSON.stringify(result, null, 2));
        else {
          const parts = Object.entries(result.counts)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ');
          io.out(
            `${result.replaced ? 'replaced' : 'imported'} ${result.id} (version ${result.version}): ${parts}`,
          );
        }
      } finally {
        await ws.close();
      }
    });

  scenario
    .command('delete')
    .description('delete a scenario and all its facts (recorded in the audit log)')
    .argument('<id>', 'the scenario id')
    .action(async (id: string) => {
      const ws = await openWorkspace({ builtins: false });
      try {
        await ws.services.scenarios.delete(CLI_ACTOR, id);
        io.out(`deleted ${id}`);
      } finally {
        await ws.close();
      }
    });

  scenario
    .command('export')
    .description('write a scenario as YAML; importing it back gives the same data')
    .argument('<id>', 'the scenario id')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option(
      '--with-audit-head',
      'start the file with the audit chain head, so a recipient can check it',
    )
    .action(async (id: string, opts: { output?: string; withAuditHead?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const body = await ws.services.scenarios.exportYaml(id);
        const head = opts.withAuditHead === true ? await ws.services.audit.head() : undefined;
        const yaml =
          head === undefined
            ? body
            : `# audit-head: ${head.seq} ${head.hash}\n# check with: accord audit verify --head ${head.hash}\n${body}`;
        if (opts.output === undefined) io.out(yaml);
        else {
          writeFileSync(opts.output, yaml);
          io.err(`wrote ${opts.output}`);
        }
      } finally {
        await ws.close();
      }
    });
}
