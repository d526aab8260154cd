import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { AccordError, formatProblem } from '../../core/errors.js';
import { cliActor } from '../../services/context.js';
import { validateRoadmapText } from '../../services/roadmaps.js';
import type { Io } from '../io.js';
import { formatComparison, formatRoadmap } from '../roadmap-output.js';
import { openWorkspace } from '../workspace.js';

const actor = () => cliActor(userInfo().username);

function readFile(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AccordError('NOT_FOUND', `file: cannot read '${file}': ${reason}`, { field: 'file' });
  }
}

function readJsonOrYamlArg(value: string): unknown {
  const text = value.startsWith('@') ? readFile(value.slice(1)) : value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AccordError(
      'VALIDATION_FAILED',
      `--json-body: not valid JSON (give JSON, or @file)`,
      {
        field: 'json-body',
      },
    );
  }
}

export function roadmapCommand(program: Command, io: Io): void {
  const roadmap = program.command('roadmap').description("a candidate's conditions roadmap");

  roadmap
    .command('show')
    .description(
      'tracks, benchmarks with status and verification, schedule, critical path, gates and timelines',
    )
    .requiredOption('-s, --scenario <id>', 'the scenario')
    .option('-r, --roadmap <id>', 'the roadmap (default: the scenario’s first)')
    .option('--as-of <date>', 'the date to answer for (default: today)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { scenario: string; roadmap?: string; asOf?: string; json?: boolean }) => {
      const ws = await openWorkspace();
      try {
        const view = await ws.services.roadmaps.show(opts.scenario, opts.roadmap, opts.asOf);
        io.out(opts.json === true ? JSON.stringify(view, null, 2) : formatRoadmap(view));
      } finally {
        await ws.close();
      }
    });

  roadmap
    .command('validate')
    .description(
      'check a scenario file with roadmaps, or a file holding one roadmap; exits 1 on problems',
    )
    .argument('<file>', 'the file (YAML or JSON; - reads standard input)')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { json?: boolean }) => {
      const text = readFile(file);
      // Validation needs no database: the rules are pure.
      const report = validateRoadmapText(text, file);
      if (opts.json === true) io.out(JSON.stringify(report, null, 2));
      else if (report.ok) io.out(`${file}: ok (${report.kind})`);
      else io.out(report.problems.map(formatProblem).join('\n'));
      if (!report.ok)
        throw new AccordError('VALIDATION_FAILED', `${file}: ${report.problems.length} problem(s)`);
    });

  roadmap
    .command('compare')
    .description(
      'two approaches side by side: gates, projected dates, what each commits the alliance to',
    )
    .requiredOption('-s, --scenario <id>', 'the scenario')
    .argument('<a>', 'a roadmap id (e.g. ua-sequenced)')
    .argument('<b>', 'another roadmap id (e.g. ua-incremental)')
    .option('--as-of <date>', 'the date to answer for (default: today)')
    .option('--json', 'machine-readable output')
    .action(
      async (a: string, b: string, opts: { scenario: string; asOf?: string; json?: boolean }) => {
        const ws = await openWorkspace();
        try {
          const comparison = await ws.services.roadmaps.compare(opts.scenario, a, b, opts.asOf);
          io.out(
            opts.json === true ? JSON.stringify(comparison, null, 2) : formatComparison(comparison),
          );
        } finally {
          await ws.close();
        }
      },
    );
}

export function evidenceCommand(program: Command, io: Io): void {
  const evidence = program.command('evidence').description('evidence of a candidate’s progress');
  evidence
    .command('add')
    .description('submit evidence (a document, link or text and the date it speaks for)')
    .requiredOption('-s, --scenario <id>', 'the scenario')
    .requiredOption('-r, --roadmap <id>', 'the roadmap')
    .requiredOption('--title <title>', 'what it is')
    .requiredOption('--speaks-for <date>', 'the date the evidence speaks for (YYYY-MM-DD)')
    .requiredOption(
      '--submitted-by <who>',
      'who submits it (a country code, secretariat, an office)',
    )
    .option('--kind <kind>', 'document, link or text', 'document')
    .option('--url <url>', 'where it is')
    .option('--text <text>', 'the text itself')
    .option('--expires <date>', 'from this day on it no longer speaks for the present')
    .option('--benchmark <id...>', 'the benchmarks it concerns')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        scenario: string;
        roadmap: string;
        title: string;
        speaksFor: string;
        submittedBy: string;
        kind: string;
        url?: string;
        text?: string;
        expires?: string;
        benchmark?: string[];
        json?: boolean;
      }) => {
        const ws = await openWorkspace();
        try {
          const added = await ws.services.roadmaps.addEvidence(
            actor(),
            opts.scenario,
            opts.roadmap,
            {
              kind: opts.kind,
              title: opts.title,
              speaksFor: opts.speaksFor,
              submittedBy: opts.submittedBy,
              url: opts.url,
              text: opts.text,
              expires: opts.expires,
              benchmarks: opts.benchmark,
            },
          );
          io.out(
            opts.json === true ? JSON.stringify(added, null, 2) : `added evidence ${added.id}`,
          );
        } finally {
          await ws.close();
        }
      },
    );
}

export function assessCommand(program: Command, io: Io): void {
  program
    .command('assess')
    .description(
      "record one assessor's judgement of one benchmark (EU scales; met or not, with a rationale)",
    )
    .requiredOption('-s, --scenario <id>', 'the scenario')
    .requiredOption('-r, --roadmap <id>', 'the roadmap')
    .requiredOption('-b, --benchmark <id>', 'the benchmark')
    .requiredOption('--assessor <who>', 'a member code (PL) or "secretariat"')
    .requiredOption('--date <date>', 'the date of the judgement')
    .option('--met', 'the benchmark is met')
    .option('--not-met', 'the benchmark is not met')
    .option('--preparation <level>', 'early-stage … well-advanced')
    .option('--progress <level>', 'backsliding … significant-progress')
    .requiredOption('--rationale <text>', 'why')
    .option('--evidence <id...>', 'evidence ids it cites')
    .option('--json-body <json>', 'the whole assessment as JSON (or @file) instead of the options')
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        scenario: string;
        roadmap: string;
        benchmark: string;
        assessor: string;
        date: string;
        met?: boolean;
        notMet?: boolean;
        preparation?: string;
        progress?: string;
        rationale: string;
        evidence?: string[];
        jsonBody?: string;
        json?: boolean;
      }) => {
        if (opts.met === opts.notMet && opts.jsonBody === undefined) {
          throw new AccordError('VALIDATION_FAILED', '--met or --not-met: give exactly one', {
            field: 'met',
          });
        }
        const body =
          opts.jsonBody !== undefined
            ? readJsonOrYamlArg(opts.jsonBody)
            : {
                benchmark: opts.benchmark,
                assessor:
                  opts.assessor.toLowerCase() === 'secretariat'
                    ? { kind: 'secretariat' }
                    : { kind: 'member', iso2: opts.assessor.toUpperCase() },
                date: opts.date,
                met: opts.met === true,
                preparation: opts.preparation,
                progress: opts.progress,
                rationale: opts.rationale,
                evidence: opts.evidence ?? [],
              };
        const ws = await openWorkspace();
        try {
          // The service validates the body with its schema before anything else.
          const recorded = await ws.services.roadmaps.assess(
            actor(),
            opts.scenario,
            opts.roadmap,
            body,
          );
          io.out(
            opts.json === true
              ? JSON.stringify(recorded, null, 2)
              : `recorded assessment ${recorded.id}`,
          );
        } finally {
          await ws.close();
        }
      },
    );
}

export function reportCommand(program: Command, io: Io): void {
  const report = program.command('report').description('reports for monitoring cycles');
  report
    .command('review')
    .description(
      'progress since the previous review: newly verified, regressed, slips, open dissent',
    )
    .requiredOption('-s, --scenario <id>', 'the scenario')
    .option('-r, --roadmap <id>', 'the roadmap (default: the scenario’s first)')
    .option('--as-of <date>', 'this review’s date (default: today)')
    .option('--since <date>', 'the previous review’s date (default: a year earlier)')
    .option('--format <format>', 'md or json', 'md')
    .action(
      async (opts: {
        scenario: string;
        roadmap?: string;
        asOf?: string;
        since?: string;
        format: string;
      }) => {
        if (opts.format !== 'md' && opts.format !== 'json') {
          throw new AccordError(
            'VALIDATION_FAILED',
            `--format: '${opts.format}' is not md or json`,
            { field: 'format' },
          );
        }
        const ws = await openWorkspace();
        try {
          const { review, markdown } = await ws.services.roadmaps.review(
            opts.scenario,
            opts.roadmap,
            opts.asOf,
            opts.since,
          );
          io.out(opts.format === 'json' ? JSON.stringify(review, null, 2) : markdown);
        } finally {
          await ws.close();
        }
      },
    );
}
