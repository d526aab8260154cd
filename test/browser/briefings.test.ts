/**
 * The briefing review flow in Chromium, end to end through the real API: sign in as an analyst,
 * paste the founding briefing, see its facts highlighted in the text, accept a stance (it becomes
 * positions), reject a fact with a reason — and a hostile briefing is shown as text, never run.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/services/context.js';
import {
  browserSuite,
  expectNoErrors,
  openPage,
  ready,
  screenshot,
  seriousViolations,
} from './harness.js';

const BRIEFING = readFileSync(
  new URL('../../../shared/briefings/vilnius-2023-briefing.txt', import.meta.url),
  'utf8',
);
const { run, server, browser } = browserSuite(async (served) => {
  await served.ws.services.access.createUser(cliActor('test-operator'), {
    name: 'ana',
    role: 'analyst',
    password: 'ana-pass-12345',
  });
});

async function signIn(page: Page): Promise<void> {
  const session = page.locator('header .session');
  await session.waitFor();
  // The browser profile keeps the session cookie between tests.
  if (/Signed in as ana/.test((await session.textContent()) ?? '')) return;
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Name').fill('ana');
  await page.getByLabel('Password').fill('ana-pass-12345');
  await page.locator('form.sign-in').getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(() => page.locator('header .session').textContent())
    .toMatch(/Signed in as ana/);
}

async function addBriefing(page: Page, text: string, published: string): Promise<void> {
  await page.getByText('Add a briefing').click();
  await page.getByLabel('Text of the briefing').fill(text);
  await page.getByLabel('Published').fill(published);
  await page.getByLabel('Source', { exact: true }).fill('Founding briefing');
  await page.getByLabel('Reliability').selectOption('B');
  await page.getByRole('button', { name: 'Extract facts' }).click();
  await page.waitForURL(/briefing=brf-/);
  await page.getByTestId('briefing-text').waitFor();
}

describe.skipIf(!run)('briefings page in Chromium', () => {
  it('ingests, highlights, accepts and rejects facts through the API', async () => {
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/briefings`);
    await ready(w.page);
    expect(await w.page.locator('main').textContent()).toMatch(/No briefings yet/);
    await signIn(w.page);
    await addBriefing(w.page, BRIEFING, '2023-05-15');
    const marks = w.page.locator('[data-testid="briefing-text"] mark');
    await expect.poll(() => marks.count()).toBeGreaterThan(10);
    // The text is shown whole, exactly as written.
    expect(await w.page.getByTestId('briefing-text').textContent()).toBe(BRIEFING);
    await screenshot(w.page, 'briefing-review');
    expect(await seriousViolations(w.page)).toEqual([]);

    // A group the text does not spell out cannot become positions: the error says what to do.
    const vague = w.page
      .locator('li[data-kind="stance"][data-status="proposed"]')
      .filter({ hasText: /NATO member nations: oppose on invitation-now/ });
    await vague.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect
      .poll(() => vague.getByRole('alert').textContent())
      .toMatch(/members: .*list the members who hold this stance/);
    // "the 31 members" counts the whole alliance on that date: accepting records 31 positions.
    const all = w.page
      .locator('li[data-kind="stance"][data-status="proposed"]')
      .filter({ hasText: /the 31 members: oppose on invitation-now/ });
    const allId = await all.getAttribute('data-fact');
    await all.getByRole('button', { name: 'Accept', exact: true }).click();
    const allDone = w.page.locator(`li[data-fact="${allId ?? ''}"]`);
    await expect.poll(() => allDone.getAttribute('data-status')).toBe('accepted');
    expect(((await allDone.textContent()) ?? '').match(/position /g)).toHaveLength(31);

    // The reviewer names the members and accepts: the stance becomes their positions.
    const stance = w.page
      .locator('li[data-kind="stance"][data-status="proposed"]')
      .filter({ hasText: /United States and a subset of Western European partners: incremental/ });
    await stance.getByRole('button', { name: 'Edit and accept…' }).click();
    await stance.getByLabel('Decision').selectOption('membership-timeline');
    await stance.getByLabel('Members (ISO codes)').fill('US DE');
    await stance.getByRole('button', { name: 'Accept with these changes' }).click();
    await expect.poll(() => w.page.getByRole('status').textContent()).toMatch(/accepted/);
    const accepted = w.page.locator('li[data-kind="stance"][data-status="accepted"]').first();
    await expect
      .poll(() => accepted.textContent())
      .toMatch(/accepted by ana → position .*position/);

    // Reject an attribution with a reason.
    const attribution = w.page
      .locator('li[data-kind="attribution"][data-status="proposed"]')
      .first();
    const id = await attribution.getAttribute('data-fact');
    await attribution.getByRole('button', { name: 'Reject…' }).click();
    await attribution.getByLabel('Reason').fill('not a fact about positions');
    await attribution.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect
      .poll(() => w.page.locator(`li[data-fact="${id ?? ''}"]`).getAttribute('data-status'))
      .toBe('rejected');

    // The same text again is the same briefing (content hash), not a second one.
    await w.page.goto(`${server().base}/s/vilnius-2023/briefings`);
    await ready(w.page);
    await expect.poll(() => w.page.locator('table.briefing-list tbody tr').count()).toBe(1);
    // The one 400 is the vague stance's deliberate rejection above.
    expectNoErrors(w, [/status of 400/]);
    await w.page.close();
  });

  it('shows a briefing containing <script> and <img onerror> as text', async () => {
    const hostile =
      'Officials confirmed that <script>window.__pwned = 1</script> NATO leaders met in Vilnius ' +
      'on July 11. <img src=x onerror="window.__pwned = 2"> Poland supports a timeline.';
    const w = await openPage(browser());
    await w.page.goto(`${server().base}/s/vilnius-2023/briefings`);
    await ready(w.page);
    await signIn(w.page);
    await addBriefing(w.page, hostile, '2023-06-01');
    expect(await w.page.getByTestId('briefing-text').textContent()).toBe(hostile);
    expect(await w.page.locator('main img').count()).toBe(0);
    expect(await w.page.locator('main script').count()).toBe(0);
    expect(
      await w.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    // The list shows the title (its first line) as text too.
    await w.page.goto(`${server().base}/s/vilnius-2023/briefings`);
    await ready(w.page);
    expect(await w.page.locator('table.briefing-list').textContent()).toContain('<script>');
    expect(await w.page.locator('main img').count()).toBe(0);
    expectNoErrors(w);
    await w.page.close();
  });
});
