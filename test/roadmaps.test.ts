/** Roadmaps through the services and HTTP, against a real database. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordError } from '../src/core/errors.js';
import { buildApp } from '../src/server/app.js';
import { cliActor } from '../src/services/context.js';
import { SMALL_SCENARIO } from './fixtures.js';
import { openTestWorkspace, snapshot, type TestWorkspace } from './helpers.js';

const OPERATOR = cliActor('test-operator');

/** The small scenario with a condition met by verifying a benchmark, and a two-step roadmap. */
const WITH_ROADMAP = `${SMALL_SCENARIO.replace(
  'positions:\n',
  `  - id: judges
    title: Judicial reform verified
    kind: benchmark
    sources: [{ source: charter, credibility: 1 }]
positions:
`,
).replace(
  `    stance: block
    date: 2020-03-01`,
  `    stance: support_with_conditions
    conditions: [judges]
    date: 2020-03-01`,
)}roadmaps:
  - id: plan
    title: The plan
    candidate: UA
    approach: sequenced
    start: 2021-01-01
    rule: all-assessors-agree
    tracks: [{ id: law, title: Rule of law }]
    benchmarks:
      - id: judges
        track: law
        title: Judicial selection reform
        owner: Ministry of Justice
        durationDays: 30
        basis: illustrative
        sources: [{ source: charter, credibility: 1 }]
      - id: courts
        track: law
        title: Courts apply the reform
        owner: Judiciary
        durationDays: 60
        basis: illustrative
        sources: [{ source: charter, credibility: 1 }]
    dependencies: [{ from: judges, to: courts, lagDays: 5 }]
    gates:
      - id: invitation-gate
        title: Invitation gate
        decision: invite
        requires: [judges, courts]
        targets: [{ date: 2021-01-01, target: 2021-06-01 }]
        basis: illustrative
        sources: [{ source: charter, credibility: 1 }]
    conditionLinks: [{ condition: judges, benchmarks: [judges] }]
`;

let ws: TestWorkspace;
let app: FastifyInstance;
const tokens = new Map<string, string>();

beforeAll(async () => {
  ws = await openTestWorkspace();
  await ws.services.scenarios.importText(OPERATOR, WITH_ROADMAP, 'small.yaml');
  const accounts = [
    ['secretariat', { role: 'secretariat' }],
    ['pl', { role: 'delegation', member: 'PL' }],
    ['ua', { role: 'candidate', candidate: 'UA' }],
  ] as const;
  for (const [name, account] of accounts) {
    await ws.services.access.createUser(OPERATOR, { name, ...account });
    tokens.set(name, (await ws.services.access.createToken(OPERATOR, name, 'tests')).token);
  }
  app = await buildApp({ services: ws.services });
});

afterAll(async () => {
  await app.close();
  await ws.close();
});

function post(who: string, url: string, body: unknown) {
  return app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${tokens.get(who) ?? ''}` },
    payload: body as Record<string, unknown>,
    // inject serialises plain objects as JSON.
  });
}

const assessment = (assessor: object, date: string, met: boolean) => ({
  benchmark: 'judges',
  assessor,
  date,
  met,
  rationale: met ? 'the law is in force' : 'not yet applied',
});

describe('showing a roadmap', () => {
  it('lists tracks, benchmarks with status and basis, dependencies, the critical path and the gate', async () => {
    const view = await ws.services.roadmaps.show('small', 'plan', '2021-01-01');
    expect(view.tracks[0]?.benchmarks.map((b) => [b.id, b.status, b.basis])).toEqual([
      ['judges', 'not-started', 'illustrative'],
      ['courts', 'not-started', 'illustrative'],
    ]);
    expect(view.dependencies).toEqual([{ from: 'judges', to: 'courts', lagDays: 5 }]);
    expect(view.criticalPath).toEqual(['judges', 'courts', 'invitation-gate']);
    expect(view.finish).toBe('2021-04-06');
    expect(view.gates[0]).toMatchObject({
      gate: 'invitation-gate',
      decision: 'invite',
      ready: false,
    });
  });

  it('rejects a roadmap with a cycle, naming the cycle, and writes nothing', async () => {
    const cyclic = WITH_ROADMAP.replace('id: small', 'id: cyclic').replace(
      'dependencies: [{ from: judges, to: courts, lagDays: 5 }]',
      'dependencies: [{ from: judges, to: courts, lagDays: 5 }, { from: courts, to: judges }]',
    );
    const before = await snapshot(ws.db);
    const error = await ws.services.scenarios
      .importText(OPERATOR, cyclic, 'cyclic.yaml')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccordError);
    // An AccordError, as the line above checks.
    expect((error as Error).message).toMatch(
      /cycle: (judges → courts → judges|courts → judges → courts)/,
    );
    expect(await snapshot(ws.db)).toEqual(before);
  });
});

describe('verification under all-assessors-agree, through the API', () => {
  it('keeps a benchmark unverified while one member dissents, and verifies it when the dissent ends', async () => {
    // FR and DE say met; PL says not met.
    for (const iso2 of ['FR', 'DE']) {
      await ws.services.roadmaps.assess(
        OPERATOR,
        'small',
        'plan',
        assessment({ kind: 'member', iso2 }, '2021-03-01', true),
      );
    }
    const dissent = await post(
      'pl',
      '/api/v1/scenarios/small/roadmaps/plan/assessments',
      assessment({ kind: 'member', iso2: 'PL' }, '2021-03-01', false),
    );
    expect(dissent.statusCode, dissent.body).toBe(201);

    const unverified = await ws.services.roadmaps.show('small', 'plan', '2021-03-15');
    const judges = unverified.tracks[0]?.benchmarks.find((b) => b.id === 'judges');
    expect(judges?.verification.verified).toBe(false);
    expect(judges?.verification.dissent).toEqual([{ kind: 'member', iso2: 'PL' }]);
    expect(judges?.verification.explanation).toContain('PL');

    // Consensus follows: PL's support is conditional on this benchmark.
    const blocked = await ws.services.scenarios.decision('small', 'invite', '2021-03-15');
    expect(blocked.conditional).toEqual([{ member: 'PL', unmet: ['judges'] }]);

    const changed = await post(
      'pl',
      '/api/v1/scenarios/small/roadmaps/plan/assessments',
      assessment({ kind: 'member', iso2: 'PL' }, '2021-04-01', true),
    );
    expect(changed.statusCode).toBe(201);
    const before = await ws.services.roadmaps.show('small', 'plan', '2021-03-31');
    const after = await ws.services.roadmaps.show('small', 'plan', '2021-04-01');
    expect(before.tracks[0]?.benchmarks[0]?.verification.verified).toBe(false);
    expect(after.tracks[0]?.benchmarks[0]?.verification.verified).toBe(true);
    const lifted = await ws.services.scenarios.decision('small', 'invite', '2021-04-01');
    expect(lifted.supporters).toContain('PL');
  });

  it('shows every assessor side by side', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/small/roadmaps/plan/benchmarks/judges/divergence?asOf=2021-03-15',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ benchmark: 'judges', divergent: true });
  });
});

describe('who may assess and submit evidence', () => {
  it('refuses an assessment from the candidate: 403 and nothing written', async () => {
    const before = await snapshot(ws.db);
    const res = await post(
      'ua',
      '/api/v1/scenarios/small/roadmaps/plan/assessments',
      assessment({ kind: 'member', iso2: 'FR' }, '2021-05-01', true),
    );
    expect(res.statusCode).toBe(403);
    expect(await snapshot(ws.db)).toEqual(before);
  });

  it('lets a delegation assess only as its own member, and the secretariat only as itself', async () => {
    const asDe = await post(
      'pl',
      '/api/v1/scenarios/small/roadmaps/plan/assessments',
      assessment({ kind: 'member', iso2: 'DE' }, '2021-05-01', true),
    );
    expect(asDe.statusCode).toBe(403);
    const secAsFr = await post(
      'secretariat',
      '/api/v1/scenarios/small/roadmaps/plan/assessments',
      assessment({ kind: 'member', iso2: 'FR' }, '2021-05-01', true),
    );
    expect(secAsFr.statusCode).toBe(403);
    const sec = await post(
      'secretariat',
      '/api/v1/scenarios/small/roadmaps/plan/assessments',
      assessment({ kind: 'secretariat' }, '2021-05-01', true),
    );
    expect(sec.statusCode, sec.body).toBe(201);
  });

  it('lets the candidate submit evidence for itself', async () => {
    const res = await post('ua', '/api/v1/scenarios/small/roadmaps/plan/evidence', {
      kind: 'link',
      title: 'Law on judicial selection',
      url: 'https://example.org/law',
      speaksFor: '2021-02-20',
      submittedBy: 'UA',
      benchmarks: ['judges'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: '2021-02-20-law-on-judicial-selection' });
  });

  it('refuses an assessment of an unknown benchmark, naming the field', async () => {
    const res = await post('pl', '/api/v1/scenarios/small/roadmaps/plan/assessments', {
      ...assessment({ kind: 'member', iso2: 'PL' }, '2021-05-01', true),
      benchmark: 'nope',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/^benchmark: /);
  });
});

describe('the review report', () => {
  it('gives the same content as Markdown and JSON', async () => {
    const json = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/small/roadmaps/plan/review?since=2021-01-01&asOf=2021-06-01',
    });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      from: '2021-01-01',
      to: '2021-06-01',
      newlyVerified: ['judges'],
    });
    const md = await app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/small/roadmaps/plan/review?since=2021-01-01&asOf=2021-06-01&format=md',
    });
    expect(md.headers['content-type']).toMatch(/markdown/);
    expect(md.body).toMatch(/^# Review: The plan/);
    expect(md.body).toContain(
      '## Newly verified\n\n- Judicial selection reform (`judges`) *[illustrative]*',
    );
  });
});
