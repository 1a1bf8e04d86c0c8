import type { Page } from 'playwright-core';
import { AA, apiUrl, call, CASE_OFFICER, E2E_FORCE, today } from '../../support/api-client';
import { daysFromToday } from '../../support/dates';
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

/** The subject's section of a matter page. */
const subjectSection = (page: Page, subjectId: string) => page.locator('section.app-subject').filter({ has: page.locator(`#subject-${subjectId}`) });

/**
 * Records a decision or an event on a subject as a user would: its button (a decision) or the subject's event menu
 * (an event), the question page, *check your answers*, and the confirmation. `answer` fills the question page.
 */
async function record(page: Page, reference: string, subjectId: string, title: string, answer: (p: Page) => Promise<void> = async () => undefined): Promise<void> {
  await page.goto(`${apiUrl()}/matter/${reference}`);
  const section = subjectSection(page, subjectId);
  const button = section.getByRole('button', { name: title, exact: true }).or(section.getByRole('link', { name: title, exact: true }));
  if (!(await button.first().isVisible())) await section.getByRole('button', { name: `Record an event on ${subjectId}` }).click();
  await button.first().click();
  await expect(page.locator('h1').innerText()).resolves.toBe(title);
  await expectAccessible(page);
  await answer(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('h1').innerText()).resolves.toBe('Check your answers');
  await page.getByRole('button', { name: `Record ${title.toLowerCase()}` }).click();
  await expect(page.locator('.govuk-panel__title').innerText()).resolves.toBe(`${title} recorded`);
}

const choose = (label: string) => async (p: Page) => {
  await p.getByRole('radio', { name: label, exact: true }).first().check();
};
const because = (rationale: string, then: (p: Page) => Promise<void> = async () => undefined) => async (p: Page) => {
  await then(p);
  await p.getByLabel('Rationale').fill(rationale);
};

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

  it('shows a matter whose deadline has passed under Overdue on My work, with how late it is in working days', async () => {
    const reference = `WEB-OVERDUE-${Date.now()}`;
    // Typed in weeks late: referred and assessed long ago, and the written notice of investigation (CR reg 17), due
    // soon after the assessment, never served.
    const at = (days: number) => `${daysFromToday(days)}T10:00:00.000Z`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: E2E_FORCE, receivedOn: daysFromToday(-90), appropriateAuthority: 'DCS Late', subjects: [{ subjectId: 'a', kind: 'police-officer', rank: 'PC' }] }, CASE_OFFICER);
    expect(referred.status).toBe(201);
    const subject = `/matters/${reference}/subjects/a`;
    expect((await call('POST', `${subject}/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: at(-85) }, AA)).status).toBe(200);
    const page = await browser.page();
    await signIn(page, { name: 'Casey Officer', role: 'case-officer' });
    // The list is read from the projection, which the worker writes a moment after the command is answered.
    for (let i = 0; i < 30 && (await page.goto(`${apiUrl()}/?overdue=true&search=${reference}`), await page.locator('#group-overdue').count()) === 0; i++) await page.waitForTimeout(500);
    await expect(page.locator('#group-overdue').innerText()).resolves.toBe('Overdue');
    const row = page.getByRole('row').filter({ hasText: reference });
    await expect(row.innerText()).resolves.toMatch(/Overdue by \d+ working days \(due \d{1,2} [A-Z][a-z]+ \d{4}\)/);
    await expect(row.locator('.govuk-tag').innerText()).resolves.toBe('Overdue');
    await expectAccessible(page);
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

  it('carries a matter with two officers from referral to a written warning: severity, notices, a resignation, case to answer, a misconduct meeting, its outcome; a refused decision names its rule', async () => {
    const reference = `WEB-JOURNEY-${Date.now()}`;
    const referred = await call('POST', '/matters', {
      reference, kind: 'conduct-matter', forceId: E2E_FORCE, receivedOn: today(), appropriateAuthority: 'DCS Journey',
      subjects: [{ subjectId: 'pc-a', kind: 'police-officer', rank: 'PC', warrantNumber: `A${reference.slice(-6)}` }, { subjectId: 'pc-b', kind: 'police-officer', rank: 'PC', warrantNumber: `B${reference.slice(-6)}` }],
    }, CASE_OFFICER);
    expect(referred.status).toBe(201);

    const aa = await browser.page();
    await signIn(aa, { name: 'Alex Authority', role: 'appropriate-authority' });
    await aa.goto(`${apiUrl()}/matter/${reference}`);
    await expectAccessible(aa);
    for (const subject of ['pc-a', 'pc-b']) {
      await record(aa, reference, subject, 'Severity assessment', because('The allegation, if proved, would justify disciplinary action short of dismissal.', choose('Misconduct')));
    }

    const co = await browser.person();
    await signIn(co, { name: 'Casey Officer', role: 'case-officer' });
    for (const subject of ['pc-a', 'pc-b']) await record(co, reference, subject, 'Notice of investigation');
    // The second officer resigns during the investigation: the advisory-list report follows.
    await record(co, reference, 'pc-b', 'Resignation', async (p) => p.getByLabel('The allegation outstanding (optional)').fill('Discreditable conduct'));
    await co.goto(`${apiUrl()}/matter/${reference}`);
    await expect(co.locator('main').innerText()).resolves.toMatch(/advisory list/i);
    await screenshot(co, 'matter');

    await record(co, reference, 'pc-a', 'Interview');
    await record(co, reference, 'pc-a', "Investigator's report");
    // Special conditions are offered at this stage, but the rules allow them only for gross misconduct: the engine
    // refuses, and the check page names the rule and its regulation; nothing is recorded.
    await aa.goto(`${apiUrl()}/matter/${reference}`);
    await subjectSection(aa, 'pc-a').getByRole('button', { name: 'Special conditions certificate' }).or(subjectSection(aa, 'pc-a').getByRole('link', { name: 'Special conditions certificate' })).first().click();
    await aa.getByLabel('Why the special conditions are met').fill('Trying what the rules refuse.');
    await aa.getByLabel('Rationale').fill('The statement appears to meet the conditions.');
    await aa.getByRole('button', { name: 'Continue' }).click();
    await aa.getByRole('button', { name: 'Record special conditions certificate' }).click();
    const refusal = await aa.locator('.govuk-error-summary').innerText();
    expect(refusal).toContain('It was not recorded');
    expect(refusal).toContain('special-conditions-gross-misconduct');
    expect(refusal).toContain('CR reg 49');
    await expectAccessible(aa);
    await screenshot(aa, 'refused-decision');

    await record(aa, reference, 'pc-a', 'Case-to-answer decision', because('The report shows a case to answer for misconduct.', choose('Misconduct')));
    await record(co, reference, 'pc-a', 'Notice of referral');
    await record(co, reference, 'pc-a', 'Meeting or hearing');

    await record(co, reference, 'pc-a', 'Outcome', because('The meeting found misconduct; a written warning is proportionate.', choose('Written warning')));
    await co.goto(`${apiUrl()}/matter/${reference}/timeline`);
    await expectAccessible(co);
    const timeline = await co.locator('main').innerText();
    expect(timeline).toContain('The meeting found misconduct; a written warning is proportionate.');
    expect(timeline).toMatch(/Alex Authority|aa|appropriate authority/i);
    await screenshot(co, 'timeline');
  });

  it("answers another force's matter as one that does not exist, and offers oversight no action", async () => {
    const reference = `WEB-OTHER-${Date.now()}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'another-force', receivedOn: today(), appropriateAuthority: 'DCS Other', subjects: [{ subjectId: 'a', kind: 'police-officer' }] }, { ...CASE_OFFICER, force: 'another-force' });
    expect(referred.status).toBe(201);
    const page = await browser.page();
    await signIn(page, { name: 'Casey Officer', role: 'case-officer' });
    const res = await page.goto(`${apiUrl()}/matter/${reference}`);
    expect(res?.status()).toBe(404);
    await expect(page.title()).resolves.toBe('Page not found – Misconduct proceedings');

    const oversight = await browser.person();
    await signIn(oversight, { name: 'Olu Oversight', role: 'oversight', force: 'iopc', forces: 'another-force' });
    await oversight.goto(`${apiUrl()}/matter/${reference}`);
    await expect(oversight.locator('main').innerText()).resolves.toContain(reference);
    await expect(subjectSection(oversight, 'a').getByRole('button').count()).resolves.toBe(0);
    await expectAccessible(oversight);
  });
});
