import type { Command } from 'commander';
import { AccordError } from '../../core/errors.js';
import { WORKER_THRESHOLD } from '../../services/forecast.js';
import type { Io } from '../io.js';
import { formatTable } from '../output.js';
import { progressBar } from '../progress.js';
import { openWorkspace } from '../workspace.js';

function parseRuns(value: string): number {
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new AccordError('VALIDATION_FAILED', `--runs: '${value}' is not a whole number of runs`, {
      field: 'runs',
    });
  }
  return runs;
}

function parseWorkers(value: string): number {
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 0) {
    throw new AccordError(
      'VALIDATION_FAILED',
      `--workers: '${value}' is not a whole number of worker threads (0: none)`,
      { field: 'workers' },
    );
  }
  return workers;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const pct = (p: number): string => `${Math.round(p * 100)}%`;

export function forecastCommand(program: Command, io: Io): void {
  const forecast = program
    .command('forecast')
    .description(
      'when can benchmarks, gates and accession happen: seeded Monte Carlo (docs/forecasting.md)',
    )
    .option('-s, --scenario <id>', 'the scenario')
    .option('-r, --roadmap <id>', 'the roadmap (default: the scenario’s first)')
    .option('--as-of <date>', 'the day the forecast is made (default: today)')
    .option('--runs <n>', 'number of simulated runs', '2000')
    .option('--seed <seed>', 'the random seed: the same seed gives the same answer', 'accord')
    .option('--by <date...>', 'also give P(done by) for these dates')
    .option(
      '--assume <what>',
      "what-if: fix a member's stance from a date, MEMBER:stance@YYYY-MM-DD[:decision] (repeatable)",
      collect,
      [],
    )
    .option(
      '--workers <n>',
      `worker threads (0: none; default: some from ${WORKER_THRESHOLD} runs on); same result either way`,
    )
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        scenario?: string;
        roadmap?: string;
        asOf?: string;
        runs: string;
        seed: string;
        by?: string[];
        assume: string[];
        workers?: string;
        json?: boolean;
      }) => {
        if (opts.scenario === undefined) {
          throw new AccordError(
            'VALIDATION_FAILED',
            '--scenario: which scenario to forecast (see accord scenario list)',
          );
        }
        const runs = parseRuns(opts.runs);
        const workers = opts.workers === undefined ? undefined : parseWorkers(opts.workers);
        const ws = await openWorkspace();
        const long = runs >= WORKER_THRESHOLD || (workers ?? 0) > 0;
        const bar = long ? progressBar('forecast') : undefined;
        try {
          const result = await ws.services.forecasts.forecast(opts.scenario, {
            asOf: opts.asOf,
            runs,
            seed: opts.seed,
            by: opts.by,
            roadmap: opts.roadmap,
            assume: opts.assume,
            assumeField: '--assume',
            workers,
            onProgress:
              bar === undefined
                ? undefined
                : (done, total) => {
                    bar.update(done, total, 'runs');
                  },
          });
          bar?.stop();
          if (opts.json === true) {
            io.out(JSON.stringify(result, null, 2));
            return;
          }
          io.out(`forecast as of ${result.asOf}: ${result.runs} runs, seed ${result.seed}`);
          io.out(
            formatTable(
              ['target', 'kind', 'target date', 'P(by target)', 'P10', 'P50', 'P90', 'main driver'],
              result.targets
                .filter((t) => t.kind !== 'benchmark')
                .map((t) => [
                  t.id,
                  t.kind,
                  t.target ?? '-',
                  t.target === undefined ? '-' : pct(t.pBy[t.target] ?? 0),
                  t.p10,
                  t.p50,
                  t.p90,
                  t.drivers[0] === undefined
                    ? '-'
                    : `${t.drivers[0].id} (${pct(t.drivers[0].share)})`,
                ]),
            ),
          );
          for (const t of result.targets.filter((x) => x.note !== undefined))
            io.out(`${t.id}: ${t.note ?? ''}`);
        } finally {
          bar?.stop();
          await ws.close();
        }
      },
    );

  forecast
    .command('backtest')
    .description(
      'leave one enlargement round out, forecast it from its protocol: coverage and Brier scores',
    )
    .option('--runs <n>', 'runs per case', '2000')
    .option('--seed <seed>', 'the random seed', 'accord-backtest')
    .option('--json', 'machine-readable output')
    .action(async (opts: { runs: string; seed: string; json?: boolean }) => {
      const ws = await openWorkspace({ builtins: false });
      try {
        const r = ws.services.forecasts.backtest({ runs: parseRuns(opts.runs), seed: opts.seed });
        if (opts.json === true) {
          io.out(JSON.stringify(r, null, 2));
          return;
        }
        io.out(
          formatTable(
            [
              'candidate',
              'round',
              'protocol',
              'actual',
              'P10',
              'P50',
              'P90',
              'inside',
              'P(≤365 d) model',
              'base rate',
            ],
            r.rows.map((x) => [
              x.candidate,
              String(x.round),
              x.protocol,
              x.actual,
              x.p10,
              x.p50,
              x.p90,
              x.covered ? 'yes' : 'no',
              pct(x.pModel),
              pct(x.pBase),
            ]),
          ),
        );
        io.out('');
        io.out(
          `coverage of P10–P90: ${pct(r.coverage)} of ${r.rows.length} cases (${r.rounds} rounds; by round ${pct(r.byRound.coverage)})`,
        );
        io.out(
          `Brier score, accession within 365 days of the protocol: model ${r.brierModel.toFixed(4)}, base rate ${r.brierBase.toFixed(4)} (lower is better; by round ${r.byRound.brierModel.toFixed(4)} vs ${r.byRound.brierBase.toFixed(4)})`,
        );
        io.out(
          r.brierModel < r.brierBase
            ? 'The model beats the base rate on this data.'
            : 'The model does not beat the base rate on this data.',
        );
        if (r.skipped.length > 0) io.out(`skipped (missing dates): ${r.skipped.join(', ')}`);
      } finally {
        await ws.close();
      }
    });
}
