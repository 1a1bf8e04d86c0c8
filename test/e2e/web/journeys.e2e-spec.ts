import type { Page } from 'playwright-core';
import { apiUrl, call, CASE_OFFICER, E2E_FORCE, today } from '../../support/api-client';
import { expectAccessible, focused, screenshot, tabTo, useBrowser } from '../../support/browser';

/**
 * The case-working interface in a real browser, as its users meet it: signing in, My work, and the journeys that
 * carry a matter along. axe-core checks every page for WCAG 2.2 AA; the main pages are saved for the README.
 */
const browser = useBrowser();

async function signIn(page: Page, who: { name: string; role: string; force?: string; forces?: string }): Promise<void> {
  await page.goto(`${apiUrl()}/`);
  // Without a session, the home page sends you to sign in.
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await expectAccessible(page);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByRole('radio', { name: who.role.charAt(0).toUpperCase() + who.role.slice(1).replace(/-/g, ' '), exact: true }).check();
  await page.getByLabel('Your force').fill(who.force ?? E2E_FORCE);
  if (who.forces) await page.getByLabel(/Other forces you may see/).fill(who.forces);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${apiUrl()}/`);
}

describe('the web interface in a browser', () => {
  it('signs in by the development sign-in, marked as such, and names each missing answer in an error summary that takes focus', async () => {
    const page = await browser.page();
    await page.goto(`${apiUrl()}/sign-in`);
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.title()).resolves.toBe('Error: Sign in – Misconduct proceedings');
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.innerText()).resolves.toContain('Enter your name');
    // GOV.UK Frontend's script moves focus to the error summary: JavaScript ran under the page's CSP.
    await expect(focused(page)).resolves.toContain('govuk-error-summary');
    await expectAccessible(page);
  });

  it("shows a case officer's My work, grouped by urgency, with the next deadline in words, and searches by warrant number", async () => {
    const reference = `WEB-MYWORK-${Date.now()}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: E2E_FORCE, receivedOn: today(), appropriateAuthority: 'DCS Browser', subjects: [{ subjectId: 'a', kind: 'police-officer', rank: 'PC', warrantNumber: `W${reference.slice(-6)}` }] }, CASE_OFFICER);
    expect(referred.status).toBe(201);
    const page = await browser.page();
    await signIn(page, { name: 'Casey Officer', role: 'case-officer' });
    await expect(page.title()).resolves.toBe('My work – Misconduct proceedings');
    await expect(page.locator('.app-development-banner').innerText()).resolves.toContain('development sign-in');
    await expectAccessible(page);
    await page.getByLabel('Search by reference or warrant number').fill(`W${reference.slice(-6)}`);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row').filter({ hasText: reference });
    await expect(row.innerText()).resolves.toMatch(/working days? left|Due today|Overdue/);
    await expectAccessible(page);
    await page.goto(`${apiUrl()}/`);
    await screenshot(page, 'my-work');
  });

  it('can be used with the keyboard alone: skip link, then the search', async () => {
    const page = await browser.page();
    await signIn(page, { name: 'Kim Keys', role: 'investigator' });
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toContain('govuk-skip-link');
    await tabTo(page, '#search');
    await page.keyboard.type('NO-SUCH-REFERENCE');
    await page.keyboard.press('Enter');
    await page.waitForURL(/search=NO-SUCH-REFERENCE/);
    await expect(page.locator('main').innerText()).resolves.toContain('No matters owe a deadline that match these filters');
  });
});
