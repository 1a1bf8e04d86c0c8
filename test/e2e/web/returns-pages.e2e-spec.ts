import { randomUUID } from 'crypto';
import { apiUrl, call, type Who } from '../../support/api-client';
import { today } from '../../support/dates';
import { expectAccessible, signInAs, useBrowser } from '../../support/browser';
import { WebClient } from '../../support/web-client';
import { lastFinancialYear } from '../../../apps/api/src/web/oversight/returns.view';

const browser = useBrowser();

/**
 * The returns in the web interface: a page that asks the period (the last whole financial year unless another is
 * chosen) and downloads each return as the API builds it, for the forces the reader sees; a bad period is named on the
 * page; oversight is told the protected characteristics are withheld. axe finds nothing on the page or its errors.
 */
describe('the returns page', () => {
  const run = randomUUID().slice(0, 8);
  const force = `ret-${run}`;
  const aa: Who = { id: `aa-ret-${run}`, role: 'appropriate-authority', force };
  const todayParts = () => {
    const [year, month, day] = today().split('-');
    return { day: String(Number(day)), month: String(Number(month)), year };
  };
  const periodQuery = (from: { day: string; month: string; year: string }, to: typeof from) =>
    new URLSearchParams({ 'from-day': from.day, 'from-month': from.month, 'from-year': from.year, 'to-day': to.day, 'to-month': to.month, 'to-year': to.year }).toString();

  it('downloads each return for the period typed, with the rows of the reader’s force', async () => {
    const reference = `RET-${run}`;
    const referred = await call('POST', '/matters', {
      reference, kind: 'complaint', forceId: force, appropriateAuthority: 'Chief Constable', receivedOn: today(),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }],
      allegations: [{ id: 'a1', alleged: 'was rude to the complainant at the front counter', subjectIds: ['pc-1'], category: 'C1', standards: ['authority-respect-and-courtesy'] }],
    }, aa);
    expect(referred.status).toBe(201);
    const web = new WebClient();
    await web.signIn({ ...aa, name: 'Avery Authority' });
    const query = periodQuery(todayParts(), todayParts());
    let complaints = await web.get(`/oversight/returns/download?return=iopc-complaints&${query}`);
    for (let i = 0; i < 100 && !complaints.html.includes(reference); i++) {
      await new Promise((r) => setTimeout(r, 100));
      complaints = await web.get(`/oversight/returns/download?return=iopc-complaints&${query}`);
    }
    expect(complaints.status).toBe(200);
    expect(complaints.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(complaints.headers.get('content-disposition')).toBe(`attachment; filename="iopc-complaints-${today()}-to-${today()}.csv"`);
    expect(complaints.html.split('\r\n').slice(1, -1)).toEqual([`${force},${reference},${today()},local,a1,C,Individual behaviours,C1,Impolite language or tone,pc-1,,,`]);
    const byCategory = await web.get(`/oversight/returns/download?return=iopc-complaints-by-category&${query}`);
    expect(byCategory.html.split('\r\n').slice(1, -1)).toEqual(['C,C1,Impolite language or tone,1,0,']);
    const homeOffice = await web.get(`/oversight/returns/download?return=home-office-misconduct&${query}`);
    expect([homeOffice.status, homeOffice.html.split('\r\n')[0].startsWith('force_id,case_reference,case_type,received_on,subject_id')]).toEqual([200, true]);
    expect((await web.get(`/oversight/returns/download?return=no-such-return&${query}`)).status).toBe(404);
  });

  it('asks the last whole financial year first, names a bad period on the page (400), and is accessible', async () => {
    const page = await browser.page();
    await signInAs(page, apiUrl(), { name: 'Avery Authority', role: 'appropriate-authority', force });
    await page.goto(`${apiUrl()}/oversight`);
    await page.getByRole('link', { name: 'Returns to the Home Office and the IOPC' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Returns');
    const year = lastFinancialYear(today());
    await expect(page.locator('#from-year').inputValue()).resolves.toBe(year.from.slice(0, 4));
    await expect(page.locator('#to-year').inputValue()).resolves.toBe(year.to.slice(0, 4));
    await expect(page.locator('main').innerText()).resolves.toContain('recorded in that matter');
    await expectAccessible(page);

    await page.locator('#to-day').fill('31');
    await page.locator('#to-month').fill('3');
    await page.locator('#to-year').fill(String(Number(year.from.slice(0, 4)) - 1));
    await page.getByRole('button', { name: 'Download CSV of the IOPC: allegations by category' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The last day of the period must be the same as or after the first day');
    // The summary's link goes to the day's box, the first of the date's three.
    await expect(page.locator('.govuk-error-summary a').first().getAttribute('href')).resolves.toBe('#to-day');
    await expectAccessible(page);
  });

  it('tells oversight the protected characteristics are withheld from them', async () => {
    const web = new WebClient();
    await web.signIn({ id: `iopc-ret-${run}`, role: 'oversight', force: 'iopc', forces: [force] });
    const page = await web.get('/oversight/returns');
    expect(page.status).toBe(200);
    expect(page.html).toContain('are withheld from you');
  });
});
