import { randomUUID } from 'crypto';
import { apiUrl, call, E2E_FORCE } from '../../support/api-client';
import { daysFromToday } from '../../support/dates';
import { expectAccessible, useBrowser } from '../../support/browser';

/** A matter's timeliness reports on its page in a real browser: a report withheld and a report sent with the officers' copies; axe finds nothing. */
const browser = useBrowser();

describe("a matter's timeliness reports in a browser", () => {
  it('the matter page lists a report sent, with a copy withheld under the harm test, and one withheld for prejudice; it and the question page are accessible', async () => {
    const reference = `TL-BR-${randomUUID().slice(0, 8)}`;
    const who = { id: 'co-tl-br', role: 'case-officer' };
    const referred = await call('POST', '/matters', {
      reference, kind: 'conduct-matter', forceId: E2E_FORCE, appropriateAuthority: 'CC', receivedOn: daysFromToday(-300),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }, { subjectId: 'pc-2', kind: 'police-officer' }],
    }, who);
    expect(referred.status).toBe(201);
    for (let i = 0; i < 100 && !(await call('GET', `/matters/${reference}`, undefined, who)).body.deadlines?.length; i++) await new Promise((r) => setTimeout(r, 100));
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    const officerCopies = [{ subjectId: 'pc-1', sent: true }, { subjectId: 'pc-2', sent: false, withheldReason: 'the copy would identify a vulnerable witness' }];
    expect((await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-sent', occurredAt, officerCopies }, who)).status).toBe(200);
    expect((await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-withheld', occurredAt, note: 'the report would alert a suspect' }, who)).status).toBe(200);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`, undefined, who)).body.timelinessReports?.length !== 2; i++) await new Promise((r) => setTimeout(r, 100));

    const page = await browser.page();
    await page.goto(`${apiUrl()}/sign-in`);
    await page.getByLabel('Your name').fill('Case Officer');
    await page.getByRole('radio', { name: 'Case officer', exact: true }).check();
    await page.getByLabel('Your force').fill(E2E_FORCE);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${apiUrl()}/`);
    await page.goto(`${apiUrl()}/matter/${reference}`);
    const table = page.getByRole('table', { name: 'Timeliness reports answered' });
    await expect(table.innerText()).resolves.toMatch(/Copy to pc-2 withheld under the harm test \(CR reg 19\(4\)\): the copy would identify a vulnerable witness/);
    await expect(table.innerText()).resolves.toMatch(/Withheld from the local policing body on .* \(CR reg 19\(3\)\): the report would alert a suspect/);
    await expectAccessible(page);
    await page.goto(`${apiUrl()}/matter/${reference}/act/matter-event-timeliness-report-withheld`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Timeliness report withheld');
    await expectAccessible(page);
  });
});
