import type { Page } from 'playwright-core';
import { randomUUID } from 'crypto';
import { apiUrl, call } from '../../support/api-client';
import { daysFromToday } from '../../support/dates';
import { axeViolations, describeViolations, screenshot, useBrowser } from '../../support/browser';

/**
 * The referral (its allegations too), reports, messages and recommendation pages in Chromium, with JavaScript (the MOJ add-another adds a
 * subject in the page): axe-core on every page and every error state, for WCAG 2.2 AA. The journeys are elsewhere.
 */

const browser = useBrowser();
const force = `ax-${randomUUID().slice(0, 6)}`;
const reference = `AX-${randomUUID().slice(0, 6)}`;
const checked: string[] = [];

async function signIn(page: Page, who: { name: string; role: string; force: string; forces?: string }) {
  await page.goto(`${apiUrl()}/`);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByRole('radio', { name: who.role.charAt(0).toUpperCase() + who.role.slice(1).replace(/-/g, ' '), exact: true }).check();
  await page.getByLabel('Your force').fill(who.force);
  if (who.forces) await page.getByLabel(/Other forces you may see/).fill(who.forces);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${apiUrl()}/`);
}
/** Every page is checked, and every violation of every page reported together at the end. */
const violations: string[] = [];
async function axe(page: Page, what: string) {
  const v = await axeViolations(page);
  checked.push(what);
  if (v.length) violations.push(`${what} (${new URL(page.url()).pathname}):\n${describeViolations(v)}`);
}

it('referring a matter (with JavaScript), the messages sent, a recommendation’s response and oversight’s reports pass axe-core, errors shown or not', async () => {
  const page = await browser.page();
  await signIn(page, { name: 'Axe Officer', role: 'case-officer', force });
  await page.goto(`${apiUrl()}/refer`);
  await axe(page, 'refer: matter');
  await page.getByRole('button', { name: 'Continue' }).click();
  await axe(page, 'refer: matter with errors');
  await page.getByLabel('Reference').fill(reference);
  await page.getByRole('radio', { name: 'Conduct matter', exact: true }).check();
  await page.getByLabel('Appropriate authority').fill('Chief Constable');
  const [y, m, d] = daysFromToday(-2).split('-');
  // The date received (a complaint's made date has boxes of the same names).
  const received = page.getByRole('group', { name: 'Date the matter reached the appropriate authority' });
  await received.getByLabel('Day').fill(d);
  await received.getByLabel('Month').fill(m);
  await received.getByLabel('Year').fill(y);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/refer\/subjects/);
  await axe(page, 'refer: subjects');
  await page.locator('#subjects-0-subjectId').fill('pc-1');
  await page.locator('#subjects-0-kind').check();
  // With JavaScript, the MOJ component adds the second subject in the page.
  await page.getByRole('button', { name: 'Add another subject' }).click();
  await page.waitForSelector('#subjects-1-subjectId');
  expect(page.url()).toBe(`${apiUrl()}/refer/subjects`); // added in the page, not by a post of it
  await axe(page, 'refer: subjects, two (JS)');
  await page.locator('#subjects-1-subjectId').fill('pc-2');
  await page.getByRole('button', { name: 'Continue' }).click();
  await axe(page, 'refer: subjects with errors');
  await page.locator('#subjects-1-kind').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/refer\/allegations/);
  await axe(page, 'refer: allegations');
  await page.getByRole('button', { name: 'Continue' }).click();
  await axe(page, 'refer: allegations with errors');
  await page.locator('#allegations-0-alleged').fill('pushed a detainee in the custody suite');
  await page.locator('#allegations-0-category').selectOption('B4');
  await page.locator('#allegations-0-subjectIds').check();
  await page.locator('#allegations-0-subjectIds-2').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/refer\/check/);
  await axe(page, 'refer: check');
  await screenshot(page, 'refer-check');
  await page.getByRole('button', { name: 'Refer the matter' }).click();
  await page.waitForURL(/\/refer\/confirmation/);
  await axe(page, 'refer: confirmation');
  // The matter page with its allegation listed.
  await page.goto(`${apiUrl()}/matter/${reference}`);
  await page.getByRole('cell', { name: 'B4 Use of force' }).waitFor();
  await axe(page, 'matter with an allegation');
  await page.goto(`${apiUrl()}/messages`);
  await axe(page, 'messages');
  await screenshot(page, 'messages');

  await call('POST', '/recommendations', { reference: `${reference}-R`, matterReference: reference, forceId: force, recipient: 'CC', madeOn: daysFromToday(-5), text: 'Do better.' }, { id: 'co', role: 'case-officer', force });
  await page.goto(`${apiUrl()}/recommendation/${reference}-R`);
  await axe(page, 'recommendation');
  await page.getByRole('button', { name: 'Record the response' }).click();
  await axe(page, 'recommendation response');
  await page.getByRole('button', { name: 'Continue' }).click();
  await axe(page, 'recommendation response with errors');

  const o = await browser.page();
  await o.context().clearCookies();
  await signIn(o, { name: 'Axe Oversight', role: 'oversight', force: `iopc-${force}`, forces: force });
  for (const p of ['/oversight', '/oversight/overdue-deadlines', '/oversight/timeliness', '/oversight/quarterly', '/oversight/time-in-stage', '/oversight/quarterly?quarter=bad']) {
    await o.goto(`${apiUrl()}${p}`);
    await axe(o, p);
    if (p === '/oversight/time-in-stage') await screenshot(o, 'time-in-stage-report');
  }
  expect(checked).toHaveLength(20);
  expect(violations).toEqual([]);
}, 120_000);
