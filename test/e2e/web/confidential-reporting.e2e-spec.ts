import type { Page } from 'playwright-core';
import { randomUUID } from 'crypto';
import { apiUrl, call, CASE_OFFICER } from '../../support/api-client';
import { axeViolations, describeViolations, useBrowser } from '../../support/browser';
import { WebClient } from '../../support/web-client';

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

async function signIn(page: Page, who: { name: string; role: string }) {
  await page.goto(`${apiUrl()}/`);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByRole('radio', { name: who.role.charAt(0).toUpperCase() + who.role.slice(1).replace(/-/g, ' '), exact: true }).check();
  await page.getByLabel('Your force').fill('e2e-force');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${apiUrl()}/`);
}

it("the department lists reports, assesses one with its rationale, asks a question and refers it as a conduct matter in its pages; an administrator reads who the reporter is, recorded in the trail; every page passes axe-core", async () => {
  const made = await call('POST', '/confidential-reports', { forceId: 'e2e-force', account: `A sergeant ${run} bullies probationers`, identity: `DC ${run}` }, null);
  expect(made.status).toBe(201);
  const { reference } = made.body;
  const page = await browser.page();
  await signIn(page, { name: 'Desk Officer', role: 'case-officer' });
  await page.getByRole('link', { name: 'Confidential reports' }).click();
  await axe(page, 'desk: list');
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { name: reference }).waitFor();
  await axe(page, 'desk: report');
  expect(await page.getByRole('button', { name: 'Read who the reporter is' }).count()).toBe(0);
  expect(await page.getByText(`DC ${run}`).count()).toBe(0);
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await page.getByRole('link', { name: /rationale: say why/ }).waitFor();
  await axe(page, 'desk: assessment with errors');
  await page.getByRole('radio', { name: 'It indicates a conduct matter' }).check();
  await page.getByLabel('Why').fill('Bullying, if proved, would justify disciplinary proceedings');
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await page.getByText(/It indicates a conduct matter \(PRA 2002 s\.12\(2\), Sch 3 para 11\)\. Why: Bullying/).waitFor();
  await page.getByLabel('Ask the reporter a question').fill('When did this start?');
  await page.getByRole('button', { name: 'Ask the question' }).click();
  await page.getByText('When did this start?').waitFor();
  await axe(page, 'desk: assessed, a question asked');
  await page.getByRole('button', { name: 'Refer as a conduct matter' }).click();
  await page.getByRole('link', { name: /appropriateAuthority/ }).waitFor();
  await axe(page, 'desk: conduct matter form with errors');
  const matterReference = `CONFW-${run}`;
  await page.getByLabel('Matter reference').fill(matterReference);
  await page.getByRole('radio', { name: 'Conduct matter', exact: true }).check();
  await page.getByLabel('Appropriate authority').fill('Chief Constable of E2E');
  await page.getByLabel("Subject's id in the matter").fill('ps-1');
  await page.getByRole('radio', { name: 'Police officer', exact: true }).check();
  await page.getByRole('button', { name: 'Refer as a conduct matter' }).click();
  await page.waitForURL(`${apiUrl()}/matter/${matterReference}`);
  await page.getByText('From confidential report').first().waitFor();
  expect(await page.getByText(reference).count()).toBeGreaterThan(0);
  const matter = await call('GET', `/matters/${matterReference}`, undefined, CASE_OFFICER);
  expect(matter.body).toMatchObject({ kind: 'conduct-matter', confidentialReport: reference });

  const admin = await browser.person();
  await signIn(admin, { name: 'Desk Administrator', role: 'administrator' });
  await admin.goto(`${apiUrl()}/psd/confidential-reports/${reference}`);
  await admin.getByRole('button', { name: 'Read who the reporter is' }).click();
  await admin.getByText(`DC ${run}`).waitFor();
  await axe(admin, 'desk: identity read');
  const record = await call('GET', `/confidential-reports/${reference}/record`, undefined, CASE_OFFICER);
  expect(record.body.trail.map((t: { action: string; actor: string }) => `${t.action} by ${t.actor}`)).toEqual(['assessed by dev:desk-officer', 'question-asked by dev:desk-officer', 'conduct-matter-referred by dev:desk-officer', 'identity-read by dev:desk-administrator']);
  expect(violations).toEqual([]);
});

it("the reporter's pages set no cookie and are never cached", async () => {
  for (const [method, path, body] of [['GET', '/confidential-reporting', undefined], ['GET', '/confidential-reporting/return', undefined], ['POST', '/confidential-reporting/return', 'reference=CR-000000000000&secret=x']] as const) {
    const res = await fetch(`${apiUrl()}${path}`, { method, redirect: 'manual', headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}, body });
    expect({ path, method, status: res.status, cookies: res.headers.getSetCookie(), cache: res.headers.get('cache-control') }).toEqual({ path, method, status: method === 'GET' ? 200 : 404, cookies: [], cache: 'no-store' });
  }
});

it("the department's list comes a page at a time, newest first; a cursor it did not give out is a 400 page, not an empty list", async () => {
  const web = new WebClient();
  await web.signIn({ ...CASE_OFFICER, name: 'Desk Officer' });
  const first = await web.get('/psd/confidential-reports');
  expect(first.status).toBe(200);
  expect(first.html).toContain('Confidential reports, newest first');
  const bad = await web.get('/psd/confidential-reports?after=not-a-cursor');
  expect(bad.status).toBe(400);
  expect(bad.html).toContain('not a cursor this list gave out');
});
