/**
 * The dashboard in real Chromium: every page of both built-in scenarios, the date control moving
 * Finland and then Sweden into the alliance, a position's sources, readable errors, hostile text
 * shown as text, and axe-core finding no serious or critical accessibility problem.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { SMALL_SCENARIO } from '../fixtures.js';
import {
  browserSuite,
  expectNoErrors,
  openPage,
  ready,
  screenshot,
  seriousViolations,
} from './harness.js';

const { run, server, browser } = browserSuite();

const PAGES = [
  'overview',
  'positions',
  'roadmap',
  'timeline',
  'ratifications',
  'briefings',
] as const;

describe.skipIf(!run)('dashboard in Chromium', () => {
  it('opens on the Vilnius overview: 31 members, the decisions and their consensus, the map', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/?asOf=2023-07-12`);
    await w.page.waitForURL(/\/s\/vilnius-2023\/overview\?asOf=2023-07-12$/);
    await ready(w.page);
    await expect.poll(() => w.page.getByTestId('member-count').textContent()).toBe('31');
    const cards = w.page.locator('article.decision');
    await expect.poll(() => cards.count()).toBe(4);
    const states = await w.page.getByTestId('consensus-state').allTextContents();
    expect(states).toEqual(['No consensus', 'No consensus', 'Consensus', 'No consensus']);
    const timeline = w.page.locator('article[data-decision="membership-timeline"]');
    expect(await timeline.textContent()).toMatch(/Blockers \(3\)/);
    // The map draws every European member, coloured by stance.
    await w.page.locator('.member-map svg[data-ready="true"]').waitFor();
    const members = await w.page.locator('.member-map path.member').count();
    expect(members).toBeGreaterThanOrEqual(29);
    expect(await w.page.locator('.member-map').textContent()).toMatch(
      /Not on this map:.*United States/,
    );
    // Behind the count: each member's joining date and source.
    await w.page.getByText('Who the members are, since when, and on what source').click();
    const basis = w.page.locator('details.members-basis tbody tr');
    await expect.poll(() => basis.count()).toBe(31);
    expect(await w.page.locator('details.members-basis').textContent()).toMatch(
      /Finland4 Apr 2023/,
    );
    await screenshot(w.page, 'vilnius-overview');
    expect(await seriousViolations(w.page)).toEqual([]);
    expectNoErrors(w);
    await w.page.close();
  });

  for (const scenario of ['vilnius-2023', 'nordic-2022']) {
    for (const name of PAGES) {
      it(`loads ${scenario} ${name} with no console error and no serious a11y violation`, async () => {
        const w = await openPage(browser());
        await w.page.goto(`${server().base}/s/${scenario}/${name}?asOf=2023-07-12`);
        await ready(w.page);
        await expect.poll(() => w.page.locator('h1').textContent()).toMatch(new RegExp(name, 'i'));
        await screenshot(w.page, `${scenario}-${name}`);
        expect(await seriousViolations(w.page)).toEqual([]);
        expectNoErrors(w);
        await w.page.close();
      });
    }
  }

  it('moves nordic-2022 from 2022-06-01 to 2024-03-08: Finland, then Sweden, become members', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/nordic-2022/overview?asOf=2022-06-01`);
    await ready(w.page);
    const count = () => w.page.getByTestId('member-count').textContent();
    const candidate = (iso2: string) =>
      w.page.locator(`.candidates li[data-candidate="${iso2}"]`).textContent();
    await expect.poll(count).toBe('30');
    expect(await candidate('FI')).not.toMatch(/member/);
    const date = w.page.getByLabel('As of', { exact: true });
    await date.fill('2023-04-04');
    await w.page.waitForURL(/asOf=2023-04-04/);
    await expect.poll(count).toBe('31');
    await expect.poll(() => candidate('FI')).toMatch(/member since 4 Apr 2023/);
    expect(await candidate('SE')).not.toMatch(/member since/);
    await date.fill('2024-03-08');
    await w.page.waitForURL(/asOf=2024-03-08/);
    await expect.poll(count).toBe('32');
    await expect.poll(() => candidate('SE')).toMatch(/member since 7 Mar 2024/);
    await screenshot(w.page, 'nordic-2024-03-08');
    // The URL alone reproduces the view.
    const url = w.page.url();
    const again = await openPage(browser());
    await again.page.goto(url);
    await ready(again.page);
    await expect.poll(() => again.page.getByTestId('member-count').textContent()).toBe('32');
    // And the ratification tracker agrees, one key date at a time.
    await again.page.goto(`${server().base}/s/nordic-2022/ratifications?asOf=2023-12-01`);
    await ready(again.page);
    const sweden = again.page.locator('section.tracker[data-candidate="SE"]');
    await expect.poll(() => sweden.getByTestId('ratified-count').textContent()).toMatch(/29 of 31/);
    expect(await sweden.textContent()).toMatch(
      /Not yet ratified: .*Hungary.*Türkiye|Not yet ratified: .*Türkiye.*Hungary/,
    );
    expectNoErrors(w);
    expectNoErrors(again);
    await w.page.close();
    await again.page.close();
  });

  it('says when the date lies past what the scenario records', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/overview?asOf=2025-01-01`);
    await ready(w.page);
    await expect
      .poll(() => w.page.locator('p.coverage').textContent())
      .toMatch(/key dates end on 12 Jul 2023; as of 1 Jan 2025 it shows only what it records/);
    await w.page.goto(`${server().base}/s/vilnius-2023/overview?asOf=2023-07-12`);
    await ready(w.page);
    expect(await w.page.locator('p.coverage').count()).toBe(0);
    expectNoErrors(w);
    await w.page.close();
  });

  it('moves through key dates with the buttons, keyboard only', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/overview?asOf=2023-05-01`);
    await ready(w.page);
    const next = w.page.getByRole('button', { name: /Next key date/ });
    await next.focus();
    await w.page.keyboard.press('Enter');
    await w.page.waitForURL(/asOf=2023-05-13/);
    await ready(w.page);
    expectNoErrors(w);
    await w.page.close();
  });

  it('forecasts with what-ifs kept in the address, the same answer on reload', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/nordic-2022/forecast?asOf=2022-07-05&runs=500`);
    await ready(w.page);
    const p50 = async (id: string) =>
      w.page.locator(`tr[data-target="${id}"] td`).nth(2).textContent();
    const before = await p50('accession-se');
    expect(before).toMatch(/\d{4}/);
    const whatIf = w.page.getByRole('form', { name: 'Add an assumption' });
    for (const member of ['Türkiye', 'Hungary']) {
      await whatIf.getByLabel('Member').selectOption({ label: member });
      await whatIf.getByLabel('takes the stance').selectOption('support');
      await whatIf.getByLabel('from').fill('2022-07-06');
      await whatIf.getByRole('button', { name: 'Add' }).click();
    }
    await w.page.waitForURL(/assume=TR.*assume=HU/);
    await ready(w.page);
    const after = await p50('accession-se');
    const when = (text: string | null) => Date.parse(text ?? '');
    expect(when(after)).toBeLessThanOrEqual(when(before));
    const table = await w.page.locator('table.forecast').textContent();
    await screenshot(w.page, 'nordic-forecast-what-if');
    const again = await openPage(browser());
    await again.page.goto(w.page.url());
    await ready(again.page);
    expect(await again.page.locator('table.forecast').textContent()).toBe(table);
    expectNoErrors(w);
    expectNoErrors(again);
    await w.page.close();
    await again.page.close();
  });

  it('filters the timeline by kind, actor and range, all kept in the address', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/timeline?asOf=2023-07-12`);
    await ready(w.page);
    const events = w.page.locator('ol.events > li');
    const inWindow = await events.count();
    expect(inWindow).toBeGreaterThan(3);
    // The default window leaves out 2008; every year brings Bucharest back.
    expect(await w.page.locator('li[data-event="bucharest-summit-2008"]').count()).toBe(0);
    await w.page.getByLabel(/every year/).check();
    await w.page.waitForURL(/range=all/);
    await expect
      .poll(() => w.page.locator('li[data-event="bucharest-summit-2008"]').count())
      .toBe(1);
    await w.page.getByLabel('Actor').selectOption({ label: 'Italy' });
    await w.page.waitForURL(/actor=IT/);
    await expect.poll(() => events.count()).toBeLessThan(inWindow);
    expect(await events.first().textContent()).toMatch(/Rome/);
    expect(await w.page.locator('ol.events > li[data-event*="rome"]').count()).toBe(1);
    await w.page.getByLabel('visit').uncheck();
    await w.page.waitForURL(/kinds=/);
    await expect.poll(() => w.page.locator('ol.events > li[data-event*="rome"]').count()).toBe(0);
    const url = w.page.url();
    const count = await events.count();
    await w.page.goto(url);
    await ready(w.page);
    await expect.poll(() => events.count()).toBe(count);
    expectNoErrors(w);
    await w.page.close();
  });

  it('lays out a roadmap’s dependency graph with ELK when opened', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/roadmap?asOf=2024-01-01`);
    await ready(w.page);
    const variant = w.page.locator('section[data-roadmap="ua-sequenced"]');
    await variant.getByText('Dependency graph').click();
    const graph = variant.locator('svg.dependency-graph[data-ready="true"]');
    await graph.waitFor({ timeout: 20_000 });
    expect(await graph.locator('g[data-node]').count()).toBeGreaterThan(13);
    expect(await graph.locator('rect.critical').count()).toBeGreaterThan(0);
    expect(await graph.locator('polyline').count()).toBeGreaterThan(5);
    await screenshot(w.page, 'vilnius-dependency-graph');
    expect(await seriousViolations(w.page)).toEqual([]);
    expectNoErrors(w);
    await w.page.close();
  });

  it('opens a position’s history and sources from the matrix', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/positions?asOf=2023-07-12`);
    await ready(w.page);
    await w.page.locator('button[data-member="PL"][data-decision="membership-timeline"]').click();
    const panel = w.page.locator('aside.panel');
    await expect.poll(() => panel.locator('h2').textContent()).toMatch(/Poland/);
    await panel.locator('ol.history').waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/clear signal/);
    expect(text).toMatch(/B2|A1|C2|B1|A2/);
    expect(await panel.locator('abbr.grade').count()).toBeGreaterThan(0);
    await screenshot(w.page, 'vilnius-position-panel');
    expect(await seriousViolations(w.page)).toEqual([]);
    await w.page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expectNoErrors(w);
    await w.page.close();
  });

  it('explains a bad date and an unknown scenario instead of showing a blank page', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/overview?asOf=2023-02-30`);
    await expect.poll(() => w.page.getByRole('alert').first().textContent()).toMatch(/2023-02-30/);
    await w.page.goto(`${server().base}/s/no-such-case/overview`);
    await expect
      .poll(() => w.page.getByRole('alert').first().textContent())
      .toMatch(/There is no scenario “no-such-case”/);
    await expect.poll(() => w.page.getByRole('link', { name: /Vilnius/ }).count()).toBe(1);
    await w.page.goto(`${server().base}/s/vilnius-2023/nonsense`);
    await expect
      .poll(() => w.page.getByRole('alert').first().textContent())
      .toMatch(/There is no page “nonsense”/);
    // The browser logs the API's 400 and 404 answers; nothing else may appear.
    expectNoErrors(w, [/status of 40[04]/]);
    await w.page.close();
  });

  it('shows hostile scenario text as text: no script runs, no markup is made', async () => {
    const hostile = SMALL_SCENARIO.replace(
      'title: A small alliance',
      `title: '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'`,
    );
    await server().ws.services.scenarios.importText(SYSTEM_ACTOR, hostile, 'hostile.yaml');
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/small/overview`);
    await ready(w.page);
    await expect
      .poll(() => w.page.locator('h1').textContent())
      .toMatch(/<script>window.__pwned = 1<\/script><img src=x onerror=/);
    expect(await w.page.locator('main img').count()).toBe(0);
    expect(await w.page.locator('main script').count()).toBe(0);
    expect(
      await w.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expectNoErrors(w);
    await w.page.close();
  });
});
