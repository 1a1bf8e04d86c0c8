import type { Page } from 'playwright-core';
import { randomUUID } from 'crypto';
import { apiUrl, call, CASE_OFFICER } from '../../support/api-client';
import { axeViolations, describeViolations, useBrowser } from '../../support/browser';

/**
 * The reporter's pages in Chromium: a report in confidence without signing in, the reference and secret shown once,
 * a wrong secret refused, the department's question read and answered with only the two; axe-core on every page and
 * every error state, and no cookie set at any step.
 */

const browser = useBrowser();
const run = randomUUID().slice(0, 8);
const violations: string[] = [];
async function axe(page: Page, what: string) {
  const v = await axeViolations(page);
  if (v.length) violations.push(`${what} (${new URL(page.url()).pathname}):\n${describeViolations(v)}`);
}

it('a colleague reports in confidence, comes back with the reference and secret, and answers the question; every page passes axe-core and sets no cookie', async () => {
  const page = await browser.page();
  await page.goto(`${apiUrl()}/confidential-reporting`);
  await axe(page, 'report form');
  await page.getByRole('button', { name: 'Send report' }).click();
  await axe(page, 'report form with errors');
  await expect(page.getByRole('link', { name: 'Enter what happened' }).count()).resolves.toBe(1);

  await page.getByLabel('Force of the person you are reporting').fill('e2e-force');
  await page.getByLabel('What happened').fill(`An inspector ${run} falsified overtime claims`);
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  await axe(page, 'report sent');
  const reference = (await page.locator('#reference').textContent())!.trim();
  const secret = (await page.locator('#secret').textContent())!.trim();
  expect(reference).toMatch(/^CR-[0-9A-Z]{12}$/);
  expect(secret.length).toBeGreaterThanOrEqual(43);

  const asked = await call('POST', `/confidential-reports/${reference}/questions`, { question: `Which weeks were claimed, ${run}?` }, CASE_OFFICER);
  expect(asked.status).toBe(201);

  await page.getByRole('link', { name: 'come back to your report' }).click();
  await axe(page, 'come back');
  await page.getByLabel('Reference').fill(reference);
  await page.getByLabel('Secret').fill('not the secret');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('No report has this reference and secret').first().waitFor();
  await axe(page, 'come back with a wrong secret');

  await page.getByLabel('Secret').fill(secret);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: `Your report ${reference}` }).waitFor();
  expect(await page.getByText(`Which weeks were claimed, ${run}?`).count()).toBe(1);
  await axe(page, 'the report and its question');
  await page.getByRole('button', { name: 'Send answer to question 1' }).click();
  await page.getByRole('link', { name: 'Enter your answer' }).waitFor();
  await axe(page, 'an empty answer');
  await page.getByLabel('Your answer to question 1').fill('The last two weeks of March');
  await page.getByRole('button', { name: 'Send answer to question 1' }).click();
  await page.getByText('Your answer has been sent').waitFor();
  await axe(page, 'answer sent');
  expect(page.url()).not.toContain(secret);

  const record = await call('GET', `/confidential-reports/${reference}/record`, undefined, CASE_OFFICER);
  expect(record.body.questions[0]).toMatchObject({ answer: 'The last two weeks of March' });
  expect(await page.context().cookies()).toEqual([]);
  expect(violations).toEqual([]);
});

it("the reporter's pages set no cookie and are never cached", async () => {
  for (const [method, path, body] of [['GET', '/confidential-reporting', undefined], ['GET', '/confidential-reporting/return', undefined], ['POST', '/confidential-reporting/return', 'reference=CR-000000000000&secret=x']] as const) {
    const res = await fetch(`${apiUrl()}${path}`, { method, redirect: 'manual', headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}, body });
    expect({ path, method, status: res.status, cookies: res.headers.getSetCookie(), cache: res.headers.get('cache-control') }).toEqual({ path, method, status: method === 'GET' ? 200 : 404, cookies: [], cache: 'no-store' });
  }
});
