/**
 * Scenario files in and out: a bad file is rejected whole with `file:line: path: message` for
 * every problem and nothing is written; export then import gives identical data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordError } from '../src/core/errors.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { breakScenario, lineOf, SMALL_SCENARIO } from './fixtures.js';
import { builtinText, openTestWorkspace, snapshot, type TestWorkspace } from './helpers.js';

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await openTestWorkspace();
  await ws.services.scenarios.importText(
    SYSTEM_ACTOR,
    builtinText('vilnius-2023'),
    'vilnius-2023.yaml',
  );
});

afterAll(async () => {
  await ws.close();
});

async function rejection(text: string): Promise<{ error: AccordError; lines: string[] }> {
  const before = await snapshot(ws.db);
  const error = await ws.services.scenarios.importText(SYSTEM_ACTOR, text, 'bad.yaml').then(
    () => {
      throw new Error('the import should have been rejected');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccordError);
  if (!(error instanceof AccordError)) throw error;
  expect(error.code).toBe('SCENARIO_INVALID');
  // Nothing was written: every table is exactly as before.
  expect(await snapshot(ws.db)).toEqual(before);
  const lines = error.details.lines;
  if (!Array.isArray(lines)) throw new Error('details.lines missing');
  return { error, lines: lines.map(String) };
}

describe('importing a malformed scenario', () => {
  it('accepts the unbroken fixture (so the cases below fail for their own reason)', async () => {
    const result = await ws.services.scenarios.importText(
      SYSTEM_ACTOR,
      SMALL_SCENARIO,
      'small.yaml',
    );
    expect(result.counts.positions).toBe(3);
    expect(await ws.services.scenarios.status('small', '2022-01-01')).toMatchObject({
      asOf: '2022-01-01',
    });
  });

  it('names a field of the wrong type with its line', async () => {
    const text = breakScenario('credibility: 3 }', "credibility: 'high' }").replace(
      'id: small',
      'id: small-2',
    );
    const { lines } = await rejection(text);
    expect(lines).toContain(
      `bad.yaml:${lineOf(text, "credibility: 'high'")}: positions.2.sources.0.credibility: must be an Admiralty credibility from 1 (confirmed) to 6 (cannot be judged)`,
    );
  });

  it('rejects an unknown country code', async () => {
    const text = breakScenario('iso2: DE', 'iso2: XX').replace('id: small', 'id: small-3');
    const { lines } = await rejection(text);
    expect(lines).toContain(
      `bad.yaml:${lineOf(text, 'iso2: XX')}: members.1.iso2: 'XX' is not an ISO 3166-1 alpha-2 country code`,
    );
  });

  it('rejects a badly formed date', async () => {
    const text = breakScenario('joined: 2010-05-01', 'joined: 2010-5-1').replace(
      'id: small',
      'id: small-4',
    );
    const { lines } = await rejection(text);
    expect(lines).toContain(
      `bad.yaml:${lineOf(text, 'joined: 2010-5-1')}: members.2.joined: must be a real calendar date written YYYY-MM-DD`,
    );
  });

  it('rejects an impossible calendar date', async () => {
    const text = breakScenario('date: 2021-01-01', 'date: 2021-02-30').replace(
      'id: small',
      'id: small-5',
    );
    const { lines } = await rejection(text);
    expect(
      lines.some((l) => l.includes('conditions.0.statuses.0.date: must be a real calendar date')),
    ).toBe(true);
  });

  it('rejects a duplicate id', async () => {
    const text = breakScenario('id: de-invite', 'id: fr-invite').replace(
      'id: small',
      'id: small-6',
    );
    const { lines } = await rejection(text);
    expect(lines).toContain(
      `bad.yaml:${lineOf(text, 'id: fr-invite\n    member: DE')}: positions.1.id: duplicate id 'fr-invite' (first used at positions.0)`,
    );
  });

  it('rejects a position by a country that is not a member on that date', async () => {
    const text = breakScenario(
      'stance: block\n    date: 2020-03-01',
      'stance: block\n    date: 2009-01-01',
    ).replace('id: small', 'id: small-7');
    const { lines } = await rejection(text);
    expect(lines).toContain(
      `bad.yaml:${lineOf(text, 'member: PL')}: positions.2.member: PL is not a member of tiny on 2009-01-01 (joined 2010-05-01)`,
    );
  });

  it('rejects a reference to a missing decision', async () => {
    const text = breakScenario(
      'decision: invite\n    stance: support\n',
      'decision: invade\n    stance: support\n',
    ).replace('id: small', 'id: small-8');
    const { lines } = await rejection(text);
    expect(lines).toContain(
      `bad.yaml:${lineOf(text, 'decision: invade')}: positions.0.decision: no decision with id 'invade' in this scenario`,
    );
  });

  it('reports every problem at once, not just the first', async () => {
    let text = breakScenario('iso2: DE', 'iso2: XX');
    text = breakScenario('joined: 2010-05-01', 'joined: 2010-5-1', text);
    text = breakScenario('title: A newspaper', 'title: A newspaper\n    colour: red', text);
    text = breakScenario(
      'decision: invite\n    stance: support\n',
      'decision: invade\n    stance: support\n',
      text,
    );
    const { lines, error } = await rejection(text.replace('id: small', 'id: small-9'));
    // Four problems made, plus their consequence: DE is no longer a member, so its position is orphaned.
    expect(lines).toHaveLength(5);
    expect(lines.some((l) => l.includes("positions.1.member: 'DE' is not a member of tiny"))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes('sources.1.colour: unknown field'))).toBe(true);
    expect(
      lines.some((l) =>
        l.includes("members.1.iso2: 'XX' is not an ISO 3166-1 alpha-2 country code"),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes('members.2.joined: must be a real calendar date'))).toBe(
      true,
    );
    expect(
      lines.some((l) => l.includes("positions.0.decision: no decision with id 'invade'")),
    ).toBe(true);
    // In file order: the lines are sorted by line number.
    const numbers = lines.map((l) => Number(/^bad\.yaml:(\d+):/.exec(l)?.[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(error.message).toMatch(/^bad\.yaml: \d+ problems; nothing was imported/);
  });

  it('reports YAML syntax errors with their line', async () => {
    const { lines } = await rejection('id: broken\ntitle: [unclosed\n');
    expect(lines[0]).toMatch(/^bad\.yaml:\d+: YAML syntax: /);
  });

  it('reports missing required fields', async () => {
    const text = breakScenario('    title: Invite Ukraine\n', '').replace(
      'id: small',
      'id: small-10',
    );
    const { lines } = await rejection(text);
    expect(lines.some((l) => l.endsWith('decisions.0.title: is required'))).toBe(true);
  });

  it('refuses to overwrite an existing scenario unless asked to replace it', async () => {
    const before = await snapshot(ws.db);
    await expect(
      ws.services.scenarios.importText(SYSTEM_ACTOR, builtinText('vilnius-2023'), 'again.yaml'),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await snapshot(ws.db)).toEqual(before);
    const replaced = await ws.services.scenarios.importText(
      SYSTEM_ACTOR,
      builtinText('vilnius-2023'),
      'again.yaml',
      {
        replace: true,
      },
    );
    expect(replaced).toMatchObject({ replaced: true, version: 2 });
  });
});

describe('export then import', () => {
  for (const id of ['vilnius-2023', 'nordic-2022', 'small']) {
    it(`gives identical data for ${id}`, async () => {
      if (id === 'nordic-2022') {
        await ws.services.scenarios.importText(SYSTEM_ACTOR, builtinText(id), `${id}.yaml`, {
          replace: true,
        });
      }
      const original = await ws.services.scenarios.load(id);
      const yaml = await ws.services.scenarios.exportYaml(id);
      const other = await openTestWorkspace();
      try {
        await other.services.scenarios.importText(SYSTEM_ACTOR, yaml, `${id}-export.yaml`);
        expect(await other.services.scenarios.load(id)).toEqual(original);
        expect(await other.services.scenarios.exportYaml(id)).toBe(yaml);
      } finally {
        await other.close();
      }
    });
  }
});
