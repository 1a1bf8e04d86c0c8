import { randomUUID } from 'crypto';
import type { Page } from 'playwright-core';
import { apiUrl, call, today, type Who } from '../../support/api-client';
import { expectAccessible, screenshot, useBrowser } from '../../support/browser';

/**
 * Unallocated work and My work's allocation filter in a real browser (issue 15), in a force of the test's own so the
 * lists hold only its matters. axe-core checks each page for WCAG 2.2 AA.
 */
const browser = useBrowser();

describe('allocating work in a browser', () => {
  const run = randomUUID().slice(0, 8);
  const force = `alw-${run}`;
  const referrer: Who = { id: `co-alw-${run}`, role: 'case-officer', force };
  const elsewhere: Who = { id: `co-elsewhere-${run}`, role: 'case-officer' };
  const first = `ALW1-${run}`;
  const second = `ALW2-${run}`;
  const name = `Una Allocator ${run}`;
  const me = `dev:una-allocator-${run}`;

  beforeAll(async () => {
    for (const reference of [first, second]) {
      const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: force, appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] }, referrer);
      expect(referred.status).toBe(201);
    }
    // Someone of another force, known to the engine because they have signed in there.
    expect((await call('GET', '/matters?limit=1', undefined, elsewhere)).status).toBe(200);
    for (let i = 0; i < 150; i++) {
      const listed = (await call('GET', `/allocations/unallocated?forceId=${force}`, undefined, referrer)).body.items?.length ?? 0;
      const owing = (await call('GET', `/matters?forceId=${force}&dueWithinDays=3650`, undefined, referrer)).body.items?.length ?? 0;
      if (listed === 2 && owing === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${apiUrl()}/sign-in`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('radio', { name: 'Case officer', exact: true }).check();
    await page.getByLabel('Your force').fill(force);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${apiUrl()}/`);
  }

  const rowOf = (page: Page, reference: string) => page.getByRole('row').filter({ hasText: reference });

  it('lists the unallocated matters, names what is missing, allocates the ticked one to me, and refuses someone of another force naming the rule', async () => {
    const page = await browser.page();
    await signIn(page);
    await page.getByRole('link', { name: 'Unallocated work' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Unallocated work');
    await expect(rowOf(page, first).count()).resolves.toBe(1);
    await expect(rowOf(page, second).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'unallocated-work');

    // Nothing ticked, nobody named: each is named in the error summary, and nothing is allocated.
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/Select the matters to allocate[\s\S]*Enter the user id of the case officer/);
    await expectAccessible(page);

    await page.getByLabel(`Select ${first}`).check();
    await page.getByRole('button', { name: 'Allocate to me' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(`1 matter allocated to ${me}`);
    await expect(rowOf(page, first).count()).resolves.toBe(0);
    await expectAccessible(page);

    await page.getByLabel(`Select ${second}`).check();
    await page.getByLabel('Allocate to a case officer').fill(elsewhere.id);
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(`${second}: '${elsewhere.id}' serves in e2e-force, not ${force}`);
    await expect(rowOf(page, second).count()).resolves.toBe(1);
    await expectAccessible(page);
    const audit = (await call('GET', `/matters/${first}/audit`, undefined, referrer)).body as { action: string; actor: string; details: { to: string } }[];
    expect(audit.filter((a) => a.action === 'allocation:case-officer').map((a) => [a.actor, a.details.to])).toEqual([[me, me]]);
    expect((await call('GET', `/matters/${second}/audit`, undefined, referrer)).body.filter((a: { action: string }) => /allocation/.test(a.action))).toEqual([]);
  });

  it('My work filters by allocation: mine, then the unallocated', async () => {
    const page = await browser.page();
    await signIn(page);
    await page.locator('summary', { hasText: 'Filter the list' }).click();
    await page.getByLabel('Allocated to', { exact: true }).selectOption('me');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(rowOf(page, first).count()).resolves.toBe(1);
    await expect(rowOf(page, second).count()).resolves.toBe(0);
    await expect(rowOf(page, first).innerText()).resolves.toContain(me);
    await expectAccessible(page);

    await page.getByLabel('Allocated to', { exact: true }).selectOption('unallocated');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(rowOf(page, first).count()).resolves.toBe(0);
    await expect(rowOf(page, second).innerText()).resolves.toContain('Unallocated');
    await expectAccessible(page);

    await page.goto(`${apiUrl()}/?allocatedTo=me&allocatedPerson=someone`);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Choose who the work is allocated to, or name a person, not both');
    await expectAccessible(page);
  });

  it("on the matter page, the case officer is allocated, refused across forces with the rule's words, and shown in the identity bar and the timeline", async () => {
    const page = await browser.page();
    await signIn(page);
    await page.goto(`${apiUrl()}/matter/${second}`);
    await expect(page.locator('.moj-identity-bar').innerText()).resolves.toContain('Case officer: Unallocated');
    // A page header action: a link styled, and announced, as a button.
    await page.getByRole('button', { name: 'Allocate a case officer' }).or(page.getByRole('link', { name: 'Allocate a case officer' })).first().click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Allocate a case officer');
    await expectAccessible(page);

    await page.getByLabel('Case officer').fill(elsewhere.id);
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(`'${elsewhere.id}' serves in e2e-force, not ${force}`);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Allocate to me' }).click();
    await page.waitForURL(`${apiUrl()}/matter/${second}`);
    await expect(page.locator('.moj-identity-bar').innerText()).resolves.toContain(`Case officer: ${me}`);
    await page.getByRole('link', { name: 'Timeline' }).click();
    await expect(page.locator('.moj-timeline').innerText()).resolves.toMatch(new RegExp(`Case officer allocated[\\s\\S]*Case officer: ${me}`));
    await expectAccessible(page);
  });
});
