import { randomUUID } from 'crypto';
import type { Page } from 'playwright-core';
import { AA, apiUrl, call, today } from '../../support/api-client';
import { expectAccessible, screenshot, useBrowser } from '../../support/browser';

/**
 * Recording a person's protected characteristics in a real browser: from the person page, through the form (its error
 * summary and its success), back to the page showing them in words. axe-core checks each page for WCAG 2.2 AA.
 */
const browser = useBrowser();

describe('recording protected characteristics in a browser', () => {
  const run = randomUUID().slice(0, 8);
  const warrant = `PCB-${run}`;
  let personId: string;

  beforeAll(async () => {
    const referred = await call('POST', '/matters', { reference: `PCB-${run}`, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: warrant }] });
    expect(referred.status).toBe(201);
    for (let i = 0; i < 150 && !personId; i++) {
      const person = await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA);
      if (person.status === 200) personId = person.body.id;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(personId).toBeDefined();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${apiUrl()}/sign-in`);
    await page.getByLabel('Your name').fill(`Ada Authority ${run}`);
    await page.getByRole('radio', { name: 'Appropriate authority', exact: true }).check();
    await page.getByLabel('Your force').fill('e2e-force');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${apiUrl()}/`);
  }

  it('from the person page: an empty source is named in the error summary, then the record is kept and shown in words', async () => {
    const page = await browser.page();
    await signIn(page);
    await page.goto(`${apiUrl()}/person/${personId}`);
    await expect(page.getByText('Not recorded.').count()).resolves.toBe(1);
    await page.getByRole('link', { name: /Record protected characteristics/ }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Record protected characteristics');
    await expectAccessible(page);

    await page.getByRole('radio', { name: 'Female', exact: true }).check();
    await page.getByLabel('Ethnicity').selectOption('asian-pakistani');
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('1988');
    await page.getByRole('button', { name: 'Record protected characteristics' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter where these come from');
    await expect(page.getByRole('radio', { name: 'Female', exact: true }).isChecked()).resolves.toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'person-characteristics-error');

    await page.getByLabel('Where these come from').fill('HR system export 2026-11');
    await page.getByRole('button', { name: 'Record protected characteristics' }).click();
    await page.waitForURL(`${apiUrl()}/person/${personId}?recorded=characteristics`);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Protected characteristics recorded');
    const shown = await page.locator('main').innerText();
    for (const words of ['Female', 'Asian, Asian British or Asian Welsh: Pakistani', '3 November 1988', 'HR system export 2026-11']) expect(shown).toContain(words);
    await expectAccessible(page);
    await screenshot(page, 'person-characteristics-recorded');
  });
});
