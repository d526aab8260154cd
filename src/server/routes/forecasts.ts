/** Forecast routes: a scenario's forecast as of a date, and the backtest on NATO's rounds. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, ScenarioParams } from '../../contracts/api.js';
import { IdSchema, IsoDateSchema } from '../../contracts/scenario-base.js';
import type { Services } from '../../services/index.js';

const errors = { 200: z.unknown(), 400: ErrorResponse, 404: ErrorResponse };
const Runs = z.coerce.number().int('must be a whole number').min(1).max(200_000);
const Assume = z
  .string()
  .max(200)
  .regex(
    /^[A-Z]{2}:[a-z_]+@\d{4}-\d{2}-\d{2}(:[A-Za-z0-9][A-Za-z0-9._-]*)?$/,
    'must be MEMBER:stance@YYYY-MM-DD[:decision], e.g. TR:support@2024-01-23',
  );
const ForecastQuery = z.strictObject({
  asOf: IsoDateSchema.optional(),
  runs: Runs.default(2000),
  seed: z.string().min(1).max(100).default('accord'),
  roadmap: IdSchema.optional(),
  by: z
    .union([IsoDateSchema, z.array(IsoDateSchema)])
    .optional()
    .describe('dates to give P(done by) for'),
  assume: z
    .union([Assume, z.array(Assume).max(50)])
    .optional()
    .describe("what-ifs: a member's stance fixed from a date, MEMBER:stance@YYYY-MM-DD[:decision]"),
});
const BacktestQuery = z.strictObject({
  runs: Runs.default(2000),
  seed: z.string().min(1).max(100).default('accord-backtest'),
});

export function forecastRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['forecasts'];

  r.get(
    '/api/v1/scenarios/:scenario/forecast',
    {
      schema: {
        tags,
        summary:
          'P10/P50/P90 dates and P(by date) for benchmarks, gates and accession; seeded, reproducible',
        params: ScenarioParams,
        querystring: ForecastQuery,
        response: errors,
      },
    },
    async (req) =>
      services.forecasts.forecast(req.params.scenario, {
        asOf: req.query.asOf,
        runs: req.query.runs,
        seed: req.query.seed,
        roadmap: req.query.roadmap,
        by: req.query.by === undefined ? undefined : [req.query.by].flat(),
        assume: req.query.assume === undefined ? undefined : [req.query.assume].flat(),
      }),
  );

  r.get(
    '/api/v1/forecast/backtest',
    {
      schema: {
        tags,
        summary: 'Leave-one-round-out backtest: coverage and Brier scores',
        querystring: BacktestQuery,
        response: errors,
      },
    },
    (req) => services.forecasts.backtest({ runs: req.query.runs, seed: req.query.seed }),
  );
}
