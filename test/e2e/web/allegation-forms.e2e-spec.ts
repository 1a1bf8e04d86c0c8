import type { Page } from 'playwright-core';
import { randomUUID } from 'crypto';
import { AA, apiUrl, call, CASE_OFFICER, E2E_FORCE, nowIso, today, type Who } from '../../support/api-client';
import { expectAccessible, signInAs, useBrowser } from '../../support/browser';

/**
 * Allegations in the web interface after referral (issue 15), in Chromium with axe-core on every page it opens: an
 * allegation added to a matter from its page, a refusal of the engine shown against the question that asked it, and
 * the finding on each allegation asked with a subject's outcome, all read back from the API.
 */
const browser = useBrowser();
const run = randomUUID().slice(0, 8);
const reference = `WEB-ALG-${run}`;

type MatterBody = { subjects: { subjectId: string }[]; allegations: { id: string; alleged: string; category: string; subjectIds: string[]; standards: string[]; findings: { subjectId: string; finding: string | null }[] }[] };

async function matterOnceItShows(check: (m: MatterBody) => boolean): Promise<MatterBody> {
  for (let i = 0; i < 150; i++) {
    const res = await call<MatterBody>('GET', `/matters/${reference}`);
    if (res.status === 200 && check(res.body)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`matter ${reference} did not show what was recorded`);
}

/** Continue on a question page, and the page it comes to. */
async function next(page: Page, button = 'Continue'): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState();
}
const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();
const heading = (page: Page) => page.locator('h1').innerText();

it('adds a third allegation to a matter referred with two, and records the findings on each allegation with an outcome, through the web pages', async () => {
  const subjects = [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }, { subjectId: 'pc-2', kind: 'police-officer', rank: 'Sgt' }];
  const allegations = [
    { id: 'a1', alleged: 'pushed the complainant against a wall during the arrest', subjectIds: ['pc-1', 'pc-2'], category: 'B4', standards: ['use-of-force'] },
    { id: 'a2', alleged: 'swore at the complainant', subjectIds: ['pc-2'], category: 'C1', standards: [] },
  ];
  const referred = await call('POST', '/matters', { reference, kind: 'complaint', forceId: E2E_FORCE, appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects, allegations });
  expect(referred.status).toBe(201);
  await matterOnceItShows((m) => m.subjects.length === 2 && m.allegations.length === 2);

  const page = await browser.page();
  await signInAs(page, apiUrl(), { name: 'Casey Officer', role: 'case-officer', force: E2E_FORCE });
  await page.goto(`${apiUrl()}/matter/${reference}`);
  await expectAccessible(page);

  // Add an allegation: the question page asks as the referral does.
  await page.getByRole('button', { name: 'Add an allegation' }).or(page.getByRole('link', { name: 'Add an allegation' })).first().click();
  await expect(heading(page)).resolves.toBe('New allegation');
  await expectAccessible(page);
  await next(page);
  await expect(errorSummary(page)).resolves.toMatch(/Enter what is alleged[\s\S]*Select who it is alleged against[\s\S]*Select IOPC category/);
  await expectAccessible(page);
  await page.getByLabel('What is alleged').fill('gave a false account in the arrest statement');
  await page.getByRole('group', { name: 'Who it is alleged against' }).getByRole('checkbox', { name: 'pc-1', exact: true }).check();
  await page.getByLabel('IOPC category').selectOption('H1');
  await page.getByRole('checkbox', { name: 'Honesty and integrity' }).check();
  // A subject not of the matter, forged into the form: the engine refuses it (400) and the question is asked again,
  // the refusal against who it is alleged against; nothing is recorded.
  await page.locator('form[action*="/act/"]').evaluate((form) => (form as unknown as { insertAdjacentHTML(where: string, html: string): void }).insertAdjacentHTML('beforeend', '<input type="hidden" name="subjectIds" value="pc-9">'));
  await next(page);
  await expect(heading(page)).resolves.toBe('Check your answers');
  await next(page, 'Record new allegation');
  await expect(heading(page)).resolves.toBe('New allegation');
  await expect(errorSummary(page)).resolves.toContain('names no subject of this matter: pc-9 (rule allegation-against-subjects)');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#subjectIds');
  await expectAccessible(page);
  expect((await call<MatterBody>('GET', `/matters/${reference}`)).body.allegations).toHaveLength(2);

  // Asked again without the forged subject: checked, recorded, listed.
  await next(page);
  await expect(heading(page)).resolves.toBe('Check your answers');
  const answers = await page.locator('.govuk-summary-list').innerText();
  expect(answers).toMatch(/What is alleged\s+gave a false account in the arrest statement/);
  expect(answers).toMatch(/IOPC category\s+H1 Other \(Other\)/);
  expect(answers).toMatch(/Standards of Professional Behaviour engaged\s+Honesty and integrity/);
  await expectAccessible(page);
  await next(page, 'Record new allegation');
  await expect(page.locator('.govuk-panel__title').innerText()).resolves.toBe('New allegation recorded');
  await expectAccessible(page);
  const added = await matterOnceItShows((m) => m.allegations.length === 3);
  expect(added.allegations[2]).toMatchObject({ id: 'a3', alleged: 'gave a false account in the arrest statement', category: 'H1', subjectIds: ['pc-1'], standards: ['honesty-and-integrity'] });
  await page.goto(`${apiUrl()}/matter/${reference}`);
  await expect(page.getByRole('row').filter({ hasText: 'gave a false account in the arrest statement' }).innerText()).resolves.toMatch(/a3\s+gave a false account in the arrest statement\s+H1 Other\s+pc-1/);
  await expectAccessible(page);

  // pc-1 to a misconduct meeting through the API.
  const step = async (kind: string, body: Record<string, unknown>, who: Who) => {
    const res = await call('POST', `/matters/${reference}/subjects/pc-1/${kind}`, { ...body, occurredAt: nowIso() }, who);
    expect([body, res.status]).toEqual([body, 200]);
  };
  await step('decisions', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting' }, AA);
  for (const event of ['notice-of-investigation-served', 'interview-held', 'investigator-report-submitted']) await step('events', { event }, CASE_OFFICER);
  await step('decisions', { decision: 'case-to-answer', caseToAnswer: 'misconduct' }, AA);
  for (const event of ['notice-of-referral-served', 'proceedings-held']) await step('events', { event }, CASE_OFFICER);

  // The outcome asks the finding on a1 and a3 (against pc-1), not on a2 (against pc-2 only).
  const pc1 = page.locator('section.app-subject').filter({ has: page.locator('#subject-pc-1') });
  const outcome = () => pc1.getByRole('button', { name: 'Outcome', exact: true }).or(pc1.getByRole('link', { name: 'Outcome', exact: true }));
  // The page reads the projection, which the worker writes a moment after each command is answered.
  for (let i = 0; i < 60 && (await page.goto(`${apiUrl()}/matter/${reference}`), await outcome().count()) === 0; i++) await page.waitForTimeout(250);
  await pc1.getByRole('button', { name: 'Outcome', exact: true }).or(pc1.getByRole('link', { name: 'Outcome', exact: true })).first().click();
  await expect(heading(page)).resolves.toBe('Outcome');
  const legends = await page.locator('legend').allInnerTexts();
  expect(legends.filter((l) => l.startsWith('Finding on allegation'))).toEqual(['Finding on allegation a1', 'Finding on allegation a3']);
  await page.getByRole('radio', { name: 'Written warning', exact: true }).check();
  await page.getByRole('group', { name: 'What the proceedings found (optional)' }).getByRole('radio', { name: 'Misconduct', exact: true }).check();
  await page.getByLabel('Rationale').fill('The meeting found the false account proved and the push not.');
  await next(page);
  await expect(errorSummary(page)).resolves.toMatch(/Select finding on allegation a1[\s\S]*Select finding on allegation a3/);
  await expectAccessible(page);
  await page.getByRole('group', { name: 'Finding on allegation a1' }).getByRole('radio', { name: 'Neither', exact: true }).check();
  await page.getByRole('group', { name: 'Finding on allegation a3' }).getByRole('radio', { name: 'Misconduct', exact: true }).check();
  await next(page);
  await expect(heading(page)).resolves.toBe('Check your answers');
  const check = await page.locator('.govuk-summary-list').innerText();
  expect(check).toMatch(/Finding on allegation a1\s+Neither/);
  expect(check).toMatch(/Finding on allegation a3\s+Misconduct/);
  await expectAccessible(page);
  await next(page, 'Record outcome');
  await expect(page.locator('.govuk-panel__title').innerText()).resolves.toBe('Outcome recorded');
  await expectAccessible(page);

  // The projection holds each finding (allegation_subject.finding), as GET /matters/:ref shows it.
  const found = await matterOnceItShows((m) => m.allegations.some((a) => a.findings.some((f) => f.finding)));
  expect(found.allegations.map((a) => [a.id, a.findings.map((f) => [f.subjectId, f.finding])])).toEqual([
    ['a1', [['pc-1', 'neither'], ['pc-2', null]]],
    ['a2', [['pc-2', null]]],
    ['a3', [['pc-1', 'misconduct']]],
  ]);
  await page.goto(`${apiUrl()}/matter/${reference}`);
  await expect(page.getByRole('row').filter({ hasText: 'gave a false account' }).innerText()).resolves.toContain('pc-1: Misconduct');
  await expectAccessible(page);
}, 180_000);
