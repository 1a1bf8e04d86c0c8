import { randomUUID } from 'crypto';
import { call } from '../support/api-client';
import { daysFromToday } from '../support/dates';
import { textOf, WebClient } from '../support/web-client';

/** The date and time an hour ago, as the question page's date parts, London time. */
function anHourAgo(): Record<string, string> {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() - 3_600_000))
      .map((x) => [x.type, x.value]),
  );
  return { 'occurredAt-day': p.day, 'occurredAt-month': p.month, 'occurredAt-year': p.year, 'occurredAt-time': `${p.hour}:${p.minute}` };
}

/**
 * Timeliness reports per the regulations over HTTP (CR reg 19; CMR reg 13): a complaint's first period starts on the
 * day it was made, a report withheld for prejudice with its reason, and an officer's copy withheld under the harm test.
 */
describe('timeliness reports per the regulations', () => {
  const force = `tl-${randomUUID().slice(0, 6)}`;
  const who = { id: 'co-tl', role: 'case-officer', force };
  const lpb = { id: 'lpb-tl', role: 'oversight', force: `lpb-${force}`, forces: [force] };
  const subject = (subjectId: string) => ({ subjectId, kind: 'police-officer' });
  const refer = (body: Record<string, unknown>) => call('POST', '/matters', { forceId: force, appropriateAuthority: 'CC', subjects: [subject('pc-1')], ...body }, who);
  /** The matter as the projection has it, once it shows what `ready` waits for. */
  async function matter(reference: string, ready: (m: any) => boolean): Promise<any> {
    let m: any;
    for (let i = 0; i < 100; i++) {
      m = (await call('GET', `/matters/${reference}`, undefined, who)).body;
      if (m && ready(m)) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    return m;
  }
  // Received 370 days ago: its first report fell due 5 days ago; what is recorded below happened 10 days ago, in time.
  const receivedOn = daysFromToday(-370);
  const inTime = `${daysFromToday(-10)}T12:00:00Z`;

  it('a complaint made before it reached the appropriate authority starts its timeliness period on the day it was made, in the matter and in the oversight report (CMR reg 13)', async () => {
    const reference = `TL-MADE-${randomUUID().slice(0, 8)}`;
    // Received 300 days ago, made 400 days ago: a year has run from its making, not yet from its receipt.
    const complaintMadeOn = daysFromToday(-400);
    expect((await refer({ reference, kind: 'complaint', receivedOn: daysFromToday(-300), complaintMadeOn })).status).toBe(201);
    const m = await matter(reference, (x) => x.subjects?.length === 1);
    expect(m).toMatchObject({ complaintMadeOn, timelinessStartsOn: complaintMadeOn });
    expect(m.deadlines.find((d: { key: string }) => d.key === 'timeliness-report-1')).toMatchObject({ regulation: 'CR reg 19 / CMR reg 13' });
    const rows = (await call('GET', '/reports/timeliness', undefined, lpb)).body as { matterReference: string; timelinessStartsOn: string; monthsOpen: number }[];
    const row = rows.find((r) => r.matterReference === reference);
    expect(row).toBeDefined();
    expect(String(row!.timelinessStartsOn).slice(0, 10)).toBe(complaintMadeOn);
    expect(row!.monthsOpen).toBeGreaterThanOrEqual(12);
  });

  it('a complaint made after it was received, or a made date on a conduct matter, is refused 400 naming the field and the rule, and nothing is referred', async () => {
    const reference = `TL-BAD-${randomUUID().slice(0, 8)}`;
    const after = await refer({ reference, kind: 'complaint', receivedOn: daysFromToday(-30), complaintMadeOn: daysFromToday(-29) });
    expect(after.status).toBe(400);
    expect(after.body).toMatchObject({ field: 'complaintMadeOn', rule: 'complaint-made-before-received', regulation: 'CMR reg 13' });
    const conduct = await refer({ reference, kind: 'conduct-matter', receivedOn: daysFromToday(-30), complaintMadeOn: daysFromToday(-31) });
    expect(conduct.status).toBe(400);
    expect(conduct.body).toMatchObject({ field: 'complaintMadeOn', rule: 'complaint-made-on-complaints-only' });
    expect((await call('GET', `/matters/${reference}`, undefined, who)).status).toBe(404);
  });

  it('a report withheld because it might prejudice an investigation is recorded with its reason and settles that report, not as missed (CR reg 19(3))', async () => {
    const reference = `TL-WH-${randomUUID().slice(0, 8)}`;
    expect((await refer({ reference, kind: 'conduct-matter', receivedOn })).status).toBe(201);
    await matter(reference, (x) => x.deadlines?.some((d: { key: string }) => d.key === 'timeliness-report-1'));
    const unexplained = await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-withheld', occurredAt: inTime }, who);
    expect(unexplained.status).toBe(409);
    expect(unexplained.body).toMatchObject({ rule: 'withholding-reason-recorded', regulation: 'CR reg 19(3)' });
    const reason = 'the report would disclose a covert line of inquiry';
    const withheld = await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-withheld', occurredAt: inTime, note: reason }, who);
    expect(withheld.status).toBe(200);
    const m = await matter(reference, (x) => x.timelinessReports?.length === 1);
    expect(m.timelinessReports).toEqual([expect.objectContaining({ key: 'timeliness-report-1', withheld: expect.objectContaining({ reason, from: ['local-policing-body'], regulation: 'CR reg 19(3)' }) })]);
    expect(m.deadlines.find((d: { key: string }) => d.key === 'timeliness-report-1').status).toBe('met');
    expect(m.deadlines.find((d: { key: string }) => d.key === 'timeliness-report-2')).toMatchObject({ status: 'open' });
  });

  it("a report sent records each officer's copy: one sent, one withheld under the harm test with its reason (CR reg 19(4))", async () => {
    const reference = `TL-CP-${randomUUID().slice(0, 8)}`;
    expect((await refer({ reference, kind: 'conduct-matter', receivedOn, subjects: [subject('pc-1'), subject('pc-2')] })).status).toBe(201);
    await matter(reference, (x) => x.deadlines?.some((d: { key: string }) => d.key === 'timeliness-report-1'));
    const noReason = await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-sent', occurredAt: inTime, officerCopies: [{ subjectId: 'pc-2', sent: false }] }, who);
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('withheldReason');
    const stranger = await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-sent', occurredAt: inTime, officerCopies: [{ subjectId: 'pc-9', sent: true }] }, who);
    expect(stranger.status).toBe(409);
    expect(stranger.body).toMatchObject({ rule: 'officer-copy-subject', regulation: 'CR reg 19(4)' });
    const officerCopies = [{ subjectId: 'pc-1', sent: true }, { subjectId: 'pc-2', sent: false, withheldReason: 'the copy would identify a vulnerable witness' }];
    expect((await call('POST', `/matters/${reference}/events`, { event: 'timeliness-report-sent', occurredAt: inTime, officerCopies }, who)).status).toBe(200);
    const m = await matter(reference, (x) => x.timelinessReports?.length === 1);
    expect(m.timelinessReports).toEqual([{ key: 'timeliness-report-1', dueDate: expect.any(String), sent: { on: inTime.slice(0, 10), officerCopies } }]);
  });

  it("on the matter's page a case officer records a report withheld, with its reason, through the question and check pages; the page then shows it and when the reports run from", async () => {
    const reference = `TL-WEB-${randomUUID().slice(0, 8)}`;
    // Received 300 days ago: its first report is still to fall due, so withholding it now is in time.
    expect((await refer({ reference, kind: 'conduct-matter', receivedOn: daysFromToday(-300) })).status).toBe(201);
    await matter(reference, (x) => x.deadlines?.some((d: { key: string }) => d.key === 'timeliness-report-1'));
    const web = new WebClient();
    await web.signIn({ ...who, name: 'Case Officer' });
    const page = `/matter/${reference}`;
    const form = `${page}/act/matter-event-timeliness-report-withheld`;
    const overview = await web.get(page);
    expect(overview.html).toContain(`href="${form}"`);
    expect(textOf(overview.html)).toContain(`Timeliness reports run from`);
    expect((await web.get(form)).status).toBe(200);
    const noReason = await web.post(form, anHourAgo());
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('href="#note"');
    const answered = await web.post(form, { ...anHourAgo(), note: 'the report would alert a suspect to a covert line of inquiry' });
    expect(answered.status).toBe(303);
    expect((await web.post(answered.location!, {})).status).toBe(303);
    await matter(reference, (x) => x.timelinessReports?.length === 1);
    expect(textOf((await web.get(page)).html)).toMatch(/Timeliness reports .*Withheld from the local policing body on \d+ \w+ \d{4} \(CR reg 19\(3\)\): the report would alert a suspect to a covert line of inquiry/);
  });

  it('a complaint referred through the web pages with the day it was made: a made date after its receipt is named on the page, and the matter then runs its reports from the day it was made', async () => {
    const reference = `TL-REF-${randomUUID().slice(0, 8)}`;
    const web = new WebClient();
    await web.signIn({ ...who, name: 'Case Officer' });
    expect((await web.get('/refer')).status).toBe(200);
    const parts = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
    const matterPage = { reference, kind: 'complaint', appropriateAuthority: 'Chief Constable', ...parts('receivedOn', daysFromToday(-20)) };
    const late = await web.post('/refer', { ...matterPage, ...parts('complaintMadeOn', daysFromToday(-19)) });
    expect(late.status).toBe(400);
    expect(late.html).toContain('href="#complaintMadeOn-day"');
    const complaintMadeOn = daysFromToday(-45);
    expect(await web.post('/refer', { ...matterPage, ...parts('complaintMadeOn', complaintMadeOn) })).toMatchObject({ status: 303, location: '/refer/subjects' });
    expect(await web.post('/refer/subjects', { 'subjects[0][subjectId]': 'pc-1', 'subjects[0][kind]': 'police-officer', continue: 'true' })).toMatchObject({ status: 303, location: '/refer/allegations' });
    const allegation = { 'allegations[0][alleged]': 'did not return the complainant\'s calls', 'allegations[0][category]': 'A1', 'allegations[0][subjectIds]': 'pc-1', continue: 'true' };
    expect(await web.post('/refer/allegations', allegation)).toMatchObject({ status: 303, location: '/refer/check' });
    expect(textOf((await web.get('/refer/check')).html)).toContain('Date the complaint was made');
    expect(await web.post('/refer/check', {})).toMatchObject({ status: 303, location: '/refer/confirmation' });
    const m = await matter(reference, (x) => x.subjects?.length === 1);
    expect(m).toMatchObject({ complaintMadeOn, timelinessStartsOn: complaintMadeOn });
    expect(textOf((await web.get(`/matter/${reference}`)).html)).toContain('Timeliness reports run from');
  });

  it('GET /rules gives the timeliness rules with their regulations and status', async () => {
    const rules = (await call('GET', '/rules')).body;
    expect(rules.timeliness.start.complaint).toEqual({ from: 'complaint-made', regulation: 'CMR reg 13', status: 'C' });
    expect(rules.timeliness.prejudiceExemption['conduct-regulations']).toEqual({ mayWithholdFrom: ['local-policing-body'], regulation: 'CR reg 19(3)', status: 'C' });
    expect(rules.timeliness.officerCopy).toEqual({ regulation: 'CR reg 19(4)', status: 'C' });
    expect(rules.timeliness.duties['schedule-3-iopc']).toMatchObject({ reporter: 'director-general' });
  });
});
