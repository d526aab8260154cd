/**
 * The acceptance checks of the foundation issue, against the shipped scenario files loaded into
 * a real SQLite database through the services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/core/dates.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { accessionData, builtinText, openTestWorkspace, type TestWorkspace } from './helpers.js';

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await openTestWorkspace();
  for (const id of ['vilnius-2023', 'nordic-2022']) {
    await ws.services.scenarios.importText(SYSTEM_ACTOR, builtinText(id), `${id}.yaml`);
  }
});

afterAll(async () => {
  await ws.close();
});

describe('vilnius-2023 as of 2023-07-12', () => {
  it('has the 31 members of NATO', async () => {
    const status = await ws.services.scenarios.status('vilnius-2023', '2023-07-12');
    expect(status.alliance.members).toHaveLength(31);
    expect(status.alliance.members.map((m) => m.iso2)).not.toContain('SE');
    expect(status.alliance.members.map((m) => m.iso2)).toContain('FI');
  });

  it('(a) invite Ukraine at Vilnius: no consensus and no supporters', async () => {
    const d = await ws.services.scenarios.decision(
      'vilnius-2023',
      'invite-ukraine-vilnius',
      '2023-07-12',
    );
    expect(d.status).toBe('no-consensus');
    expect(d.supporters).toEqual([]);
  });

  it('(b) a membership timeline: blocked by the US and Germany, backed by Poland and the Baltic states', async () => {
    const d = await ws.services.scenarios.decision(
      'vilnius-2023',
      'membership-timeline',
      '2023-07-12',
    );
    expect(d.status).toBe('no-consensus');
    expect(d.blockers).toEqual(expect.arrayContaining(['US', 'DE']));
    expect(d.supporters).toEqual(expect.arrayContaining(['PL', 'LT', 'LV', 'EE']));
  });

  it('(c) the incremental package: consensus', async () => {
    const d = await ws.services.scenarios.decision('vilnius-2023', 'vilnius-package', '2023-07-12');
    expect(d.status).toBe('consensus');
    expect(d.supporters).toHaveLength(31);
  });

  it('keeps members no source speaks for undeclared rather than guessing', async () => {
    const d = await ws.services.scenarios.decision(
      'vilnius-2023',
      'membership-timeline',
      '2023-07-12',
    );
    expect(d.undeclared.length).toBeGreaterThan(0);
    for (const p of d.positions.filter((x) => d.undeclared.includes(x.member))) {
      expect(p.sources).toEqual([]);
    }
  });

  it('cites a declared source for every effective position', async () => {
    const scenario = await ws.services.scenarios.load('vilnius-2023');
    const ids = new Set(scenario.sources.map((s) => s.id));
    for (const p of scenario.positions) {
      expect(p.sources.length).toBeGreaterThan(0);
      for (const c of p.sources) expect(ids.has(c.source)).toBe(true);
    }
  });

  it('grades the founding briefing as a source and uses it', async () => {
    const scenario = await ws.services.scenarios.load('vilnius-2023');
    const briefing = scenario.sources.find((s) => /briefing/i.test(s.id));
    expect(briefing).toBeDefined();
    const cited = scenario.positions.some((p) => p.sources.some((c) => c.source === briefing?.id));
    expect(cited).toBe(true);
  });

  it('records the Rome, Berlin and Vilnius events with their dates', async () => {
    const events = await ws.services.scenarios.events('vilnius-2023');
    const starts = events.map((e) => e.start);
    expect(starts).toEqual(expect.arrayContaining(['2023-05-13', '2023-05-14', '2023-07-11']));
    const summit = events.find((e) => e.kind === 'summit' && e.start === '2023-07-11');
    expect(summit?.end).toBe('2023-07-12');
  });
});

describe('nordic-2022', () => {
  it('has 30 members before 2023-04-04, 31 from that day and 32 from 2024-03-07', async () => {
    const count = async (date: string) =>
      (await ws.services.scenarios.members('nordic-2022', date)).members.length;
    expect(await count('2023-04-03')).toBe(30);
    expect(await count('2023-04-04')).toBe(31);
    expect(await count('2024-03-06')).toBe(31);
    expect(await count('2024-03-07')).toBe(32);
  });

  it('follows the per-member ratification dates of the data file on every day', async () => {
    const data = accessionData();
    for (const iso2 of ['FI', 'SE']) {
      const c = data.cases.find((x) => x.iso2 === iso2);
      if (c === undefined || c.protocol_signed === null || c.accession === null)
        throw new Error(`no case ${iso2}`);
      const scenario = await ws.services.scenarios.load('nordic-2022');
      for (let date = '2022-06-01'; date <= '2024-04-01'; date = addDays(date, 1)) {
        const status = await ws.services.scenarios.candidate('nordic-2022', iso2, date);
        const expectedRatified =
          date < c.protocol_signed
            ? []
            : c.ratifications.filter((r) => r.date <= date).map((r) => r.iso2);
        expect(new Set(status.ratified), `${iso2} ratified on ${date}`).toEqual(
          new Set(expectedRatified),
        );
        const members = scenario.members
          .filter((m) => m.joined <= date && (m.left === undefined || date < m.left))
          .map((m) => m.iso2)
          .filter((m) => m !== iso2);
        const expectedOutstanding =
          date < c.protocol_signed || date >= c.accession
            ? []
            : members.filter((m) => !expectedRatified.includes(m));
        expect(new Set(status.outstanding), `${iso2} outstanding on ${date}`).toEqual(
          new Set(expectedOutstanding),
        );
        expect(status.isMember).toBe(date >= c.accession);
      }
    }
  });

  it('shows Türkiye and Hungary as the last holdouts for Sweden in late 2023', async () => {
    const status = await ws.services.scenarios.candidate('nordic-2022', 'SE', '2023-12-01');
    expect([...status.outstanding].sort()).toEqual(['HU', 'TR']);
    expect(status.stage).not.toBe('member');
  });

  it('lets Finland join on 2023-04-04 and Sweden on 2024-03-07', async () => {
    expect((await ws.services.scenarios.candidate('nordic-2022', 'FI', '2023-04-04')).stage).toBe(
      'member',
    );
    expect(
      (await ws.services.scenarios.candidate('nordic-2022', 'FI', '2023-04-03')).stage,
    ).not.toBe('member');
    expect((await ws.services.scenarios.candidate('nordic-2022', 'SE', '2024-03-07')).stage).toBe(
      'member',
    );
  });

  it('derives ratification decisions from ratification dates and the holds', async () => {
    const before = await ws.services.scenarios.decision(
      'nordic-2022',
      'ratify-sweden',
      '2024-01-01',
    );
    expect(before.status).toBe('no-consensus');
    const after = await ws.services.scenarios.decision(
      'nordic-2022',
      'ratify-sweden',
      '2024-03-07',
    );
    expect(after.status).toBe('consensus');
  });
});

describe('decisions over time in nordic-2022', () => {
  it('answers a taken decision as it stood that day, so later members do not reopen it', async () => {
    const d = await ws.services.scenarios.decision(
      'nordic-2022',
      'invite-finland-sweden',
      '2024-06-01',
    );
    expect(d.evaluatedOn).toBe('2022-06-29');
    expect(d.status).toBe('consensus');
    expect(d.supporters).toHaveLength(30);
  });

  it('blocks the invitation while Türkiye objects, before the memorandum', async () => {
    const d = await ws.services.scenarios.decision(
      'nordic-2022',
      'invite-finland-sweden',
      '2022-06-01',
    );
    expect(d.status).toBe('no-consensus');
    expect(d.blockers).toContain('TR');
  });

  it('counts a member on a ratification only once it has ratified, whatever it said before', async () => {
    const d = await ws.services.scenarios.decision('nordic-2022', 'ratify-sweden', '2023-12-01');
    expect(d.supporters).not.toContain('TR');
    expect(d.blockers).toContain('HU');
    expect(d.status).toBe('no-consensus');
    const finland = await ws.services.scenarios.decision(
      'nordic-2022',
      'ratify-finland',
      '2023-03-20',
    );
    // Türkiye's conditions for Finland were met on 2023-03-17; its parliament voted on 2023-03-30.
    expect(finland.supporters).not.toContain('TR');
    expect(finland.blockers).toContain('TR');
    expect(finland.blockerConditions).toContainEqual({ member: 'TR', unmet: [] });
  });

  it("shows Türkiye's hold on Finland with its conditions unmet until 2023-03-17, lifted by ratifying on 2023-03-30", async () => {
    const on = (date: string) =>
      ws.services.scenarios.decision('nordic-2022', 'ratify-finland', date);
    const before = await on('2023-03-16');
    expect(before.blockers).toContain('TR');
    expect(before.blockerConditions.find((c) => c.member === 'TR')?.unmet.length).toBeGreaterThan(
      0,
    );
    expect((await on('2023-03-17')).blockerConditions).toContainEqual({ member: 'TR', unmet: [] });
    expect((await on('2023-03-29')).blockers).toContain('TR');
    expect((await on('2023-03-30')).blockers).not.toContain('TR');
    expect((await on('2023-03-30')).supporters).toContain('TR');
  });

  it("shows Türkiye's hold on Sweden until January 2024 and Hungary's until February 2024", async () => {
    const on = (date: string) =>
      ws.services.scenarios.decision('nordic-2022', 'ratify-sweden', date);
    expect((await on('2024-01-22')).blockers).toEqual(expect.arrayContaining(['TR', 'HU']));
    expect((await on('2024-01-23')).blockers).toEqual(['HU']);
    expect((await on('2024-02-25')).blockers).toEqual(['HU']);
    expect((await on('2024-02-26')).blockers).toEqual([]);
    expect((await on('2023-02-23')).blockers).not.toContain('HU');
    expect((await on('2023-02-24')).blockers).toContain('HU');
  });
});
