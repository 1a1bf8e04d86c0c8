import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { apiUrl, call } from '../support/api-client';
import { daysFromToday } from '../support/dates';

/**
 * The web interface as a browser without JavaScript uses it: forms posted as application/x-www-form-urlencoded, the
 * session cookie kept, redirects followed by hand. Referring a matter through its question pages, oversight's reports
 * and their CSV, the messages sent, and the refusals.
 */
class Browser {
  private cookie = '';
  csrf = '';

  async get(path: string): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const res = await fetch(`${apiUrl()}${path}`, { redirect: 'manual', headers: this.cookie ? { cookie: this.cookie } : {} });
    return this.read(res);
  }

  /** A field given a list is sent once per value, as ticked checkboxes are. */
  async post(path: string, form: Record<string, string | string[]>, csrf = this.csrf): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await fetch(`${apiUrl()}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body.toString(),
    });
    return this.read(res);
  }

  async signIn(name: string, role: string, forceId: string, forces = ''): Promise<void> {
    await this.get('/sign-in');
    const signedIn = await this.post('/sign-in', { name, role, forceId, forces, returnTo: '/' });
    expect(signedIn.status).toBe(303);
    const home = await this.get('/');
    expect(home.status).toBe(200);
  }

  private async read(res: Response) {
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1];
    return { status: res.status, html, location: res.headers.get('location'), headers: res.headers };
  }
}

const errorLinks = (html: string) => [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]).filter((h) => h.startsWith('#') || h.startsWith('/refer'));
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1].trim();

describe('the web interface: referring a matter, reports, messages sent', () => {
  const force = `web-${randomUUID().slice(0, 6)}`;
  const reference = `WEB-${randomUUID().slice(0, 8)}`;
  const received = daysFromToday(-3);
  const [year, month, day] = received.split('-');
  const officer = new Browser();
  const oversight = new Browser();

  beforeAll(async () => {
    await officer.signIn('Casey Officer', 'case-officer', force);
    await oversight.signIn('Olive Oversight', 'oversight', `iopc-${force}`, force);
  });

  it('a case officer refers a matter with two officers: question, add another, check your answers, confirmation; a double submit refers once', async () => {
    const first = await officer.get('/refer');
    expect(first.status).toBe(200);
    expect(title(first.html)).toBe('Refer a matter – Misconduct proceedings');

    const wrong = await officer.post('/refer', { reference: 'not a reference!', 'receivedOn-day': '31', 'receivedOn-month': '2', 'receivedOn-year': year });
    expect(wrong.status).toBe(400);
    expect(title(wrong.html)).toBe('Error: Refer a matter – Misconduct proceedings');
    expect(errorLinks(wrong.html)).toEqual(expect.arrayContaining(['#reference', '#kind', '#appropriateAuthority', '#receivedOn-day']));
    expect(wrong.html).toContain('Reference must be 1-64 letters');

    const matter = await officer.post('/refer', {
      reference,
      kind: 'conduct-matter',
      appropriateAuthority: 'Chief Constable',
      'receivedOn-day': String(Number(day)),
      'receivedOn-month': String(Number(month)),
      'receivedOn-year': year,
    });
    expect(matter).toMatchObject({ status: 303, location: '/refer/subjects' });

    const one = { 'subjects[0][subjectId]': 'pc-1', 'subjects[0][kind]': 'police-officer', 'subjects[0][rank]': 'PC', 'subjects[0][warrantNumber]': '4521' };
    const added = await officer.post('/refer/subjects', { ...one, 'subjects-add-another': 'add-another-subject' });
    expect(added).toMatchObject({ status: 303, location: '/refer/subjects#subjects-1-subjectId' });
    const two = await officer.get('/refer/subjects');
    expect(two.html).toContain('name="subjects[1][subjectId]"');
    expect(two.html).toContain('value="pc-1"');

    const missingKind = await officer.post('/refer/subjects', { ...one, 'subjects[1][subjectId]': 'ps-2', continue: 'true' });
    expect(missingKind.status).toBe(400);
    expect(errorLinks(missingKind.html)).toEqual(['#subjects-1-kind']);

    const subjects = await officer.post('/refer/subjects', {
      ...one,
      'subjects[1][subjectId]': 'ps-2',
      'subjects[1][kind]': 'police-officer',
      'subjects[1][name]': 'Sam Example',
      'subjects[1][dobDay]': '29',
      'subjects[1][dobMonth]': '2',
      'subjects[1][dobYear]': '1980',
      continue: 'true',
    });
    expect(subjects).toMatchObject({ status: 303, location: '/refer/allegations' });

    // What is alleged: at least one allegation, its category from the IOPC's list, against subjects of the referral.
    const allegationsPage = await officer.get('/refer/allegations');
    expect(allegationsPage.html).toContain('<option value="B4">B4 Use of force (Police powers, policies and procedures)</option>');
    expect(allegationsPage.html).toContain('name="allegations[0][subjectIds]" type="checkbox" value="ps-2"');
    const blank = await officer.post('/refer/allegations', { 'allegations[0][alleged]': '', continue: 'true' });
    expect(blank.status).toBe(400);
    expect(errorLinks(blank.html)).toEqual(['#allegations-0-alleged', '#allegations-0-category', '#allegations-0-subjectIds']);
    const firstAllegation = { 'allegations[0][alleged]': 'pushed a detainee in the custody suite', 'allegations[0][category]': 'B4', 'allegations[0][subjectIds]': ['pc-1', 'ps-2'], 'allegations[0][standards]': 'use-of-force' };
    expect(await officer.post('/refer/allegations', { ...firstAllegation, 'allegations-add-another': 'add-another-allegation' })).toMatchObject({ status: 303, location: '/refer/allegations#allegations-1-alleged' });
    const allegations = await officer.post('/refer/allegations', { ...firstAllegation, 'allegations[1][alleged]': 'swore at the detainee', 'allegations[1][category]': 'C1', 'allegations[1][subjectIds]': 'ps-2', continue: 'true' });
    expect(allegations).toMatchObject({ status: 303, location: '/refer/check' });

    const check = await officer.get('/refer/check');
    expect(check.status).toBe(200);
    for (const text of [reference, 'Conduct matter', 'Chief Constable', 'Subject 1', 'Subject 2: Sam Example', '29 February 1980', '4521', 'Allegation 2', 'C1 Impolite language or tone']) expect(check.html).toContain(text);
    expect(check.html).toContain('href="/refer/allegations?change=check#allegations-1-category"');
    expect(check.html).toContain('href="/refer/subjects?change=check#subjects-1-name"');

    // A Change link goes to the question and comes back to check your answers.
    const change = await officer.get('/refer?change=check');
    expect(change.html).toContain('href="/refer/check"');
    const changed = await officer.post('/refer', {
      reference,
      kind: 'conduct-matter',
      appropriateAuthority: 'Chief Constable of the Force',
      'receivedOn-day': String(Number(day)),
      'receivedOn-month': String(Number(month)),
      'receivedOn-year': year,
      change: 'check',
    });
    expect(changed).toMatchObject({ status: 303, location: '/refer/check' });
    expect((await officer.get('/refer/check')).html).toContain('Chief Constable of the Force');

    // Sent twice at once (a double click): both are answered with the confirmation, and the matter is referred once.
    const [a, b] = await Promise.all([officer.post('/refer/check', {}), officer.post('/refer/check', {})]);
    expect([a.status, a.location, b.status, b.location]).toEqual([303, '/refer/confirmation', 303, '/refer/confirmation']);
    const again = await officer.post('/refer/check', {});
    expect(again).toMatchObject({ status: 303, location: '/refer/confirmation' });

    const confirmation = await officer.get('/refer/confirmation');
    expect(confirmation.status).toBe(200);
    expect(confirmation.html).toContain('govuk-panel--confirmation');
    expect(confirmation.html).toContain(`href="/matter/${reference}"`);

    const who = { id: 'co-web', role: 'case-officer', force };
    const referred = await call('GET', `/matters/${reference}`, undefined, who);
    expect(referred.status).toBe(200);
    expect(referred.body.forceId).toBe(force);
    expect(referred.body.appropriateAuthority).toBe('Chief Constable of the Force');
    expect(referred.body.allegations.map((a: { id: string; category: string; subjectIds: string[] }) => [a.id, a.category, a.subjectIds])).toEqual([['a1', 'B4', ['pc-1', 'ps-2']], ['a2', 'C1', ['ps-2']]]);
    // The matter page lists them by category.
    const page = await officer.get(`/matter/${reference}`);
    for (const text of ['Allegations', 'B4 Use of force', 'pushed a detainee in the custody suite', 'pc-1, ps-2']) expect(page.html).toContain(text);
    // Each subject's workflow records its own referral as it starts.
    let audit: { action: string }[] = [];
    for (let i = 0; i < 100; i++) {
      audit = (await call('GET', `/matters/${reference}/audit`, undefined, who)).body as { action: string }[];
      if (audit.filter((e) => e.action === 'subject-referred').length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(audit.filter((e) => e.action === 'matter-referred')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'subject-referred')).toHaveLength(2);
  });

  it('a reference already referred is refused on check your answers, naming it', async () => {
    await officer.get('/refer');
    await officer.post('/refer', { reference, kind: 'complaint', appropriateAuthority: 'Chief Constable', 'receivedOn-day': String(Number(day)), 'receivedOn-month': String(Number(month)), 'receivedOn-year': year });
    await officer.post('/refer/subjects', { 'subjects[0][subjectId]': 'pc-9', 'subjects[0][kind]': 'police-officer', continue: 'true' });
    await officer.post('/refer/allegations', { 'allegations[0][alleged]': 'did not return a call', 'allegations[0][category]': 'A1', 'allegations[0][subjectIds]': 'pc-9', continue: 'true' });
    const refused = await officer.post('/refer/check', {});
    expect(refused.status).toBe(409);
    expect(refused.html).toContain(`A matter with the reference ${reference} already exists`);
    expect(refused.html).toContain('href="/refer?change=check#reference"');
  });

  it('oversight sees the reports with charts and tables, and no action', async () => {
    const index = await oversight.get('/oversight');
    expect(index.status).toBe(200);
    expect(index.html).not.toContain('href="/refer"');
    for (const report of ['overdue-deadlines', 'timeliness', 'quarterly', 'time-in-stage']) {
      const page = await oversight.get(`/oversight/${report}?forceId=${force}`);
      expect(page.status).toBe(200);
      expect(page.html).toMatch(/<svg [^>]*role="img" aria-labelledby="[^"]+"/);
      expect(page.html).toContain('<caption class="govuk-table__caption');
      // Read-only: the only form that posts is sign-out.
      expect([...page.html.matchAll(/<form [^>]*method="post"[^>]*>/g)].map((m) => m[0])).toEqual(['<form method="post" action="/sign-out" class="govuk-!-display-inline">']);
    }
    const quarterly = await oversight.get(`/oversight/quarterly?forceId=${force}`);
    expect(quarterly.html).toContain('Conduct matter');
    expect((await oversight.get('/oversight/quarterly?quarter=2025-Q9')).status).toBe(400);
    const elsewhere = await oversight.get('/oversight/overdue-deadlines?forceId=somewhere-else');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.html).toContain('you may not see the reports of somewhere-else');
  });

  it('each report downloads as CSV with the same filters', async () => {
    const csv = await oversight.get(`/oversight/quarterly.csv?forceId=${force}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="quarterly-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.html.split('\r\n');
    expect(lines[0]).toBe('financialYear,quarter,measure,value,count');
    expect(lines.filter((l) => l.includes(',referred-by-kind,'))).toEqual([expect.stringMatching(/,referred-by-kind,conduct-matter,1$/)]);
    for (const report of ['overdue-deadlines', 'timeliness', 'time-in-stage']) {
      const r = await oversight.get(`/oversight/${report}.csv?forceId=${force}`);
      expect([r.status, r.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    }
    expect((await oversight.get('/oversight/quarterly.csv?forceId=somewhere-else')).status).toBe(400);
  });

  it('a referral forged from oversight is refused (403), and a case officer is not shown the reports', async () => {
    expect((await oversight.get('/refer')).status).toBe(403);
    const forged = await oversight.post('/refer/check', {});
    expect(forged.status).toBe(403);
    expect((await oversight.post('/refer', { reference: `${reference}-X`, kind: 'complaint' })).status).toBe(403);
    expect((await oversight.post('/refer/check', {}, 'not-the-token')).status).toBe(403);
    expect((await call('GET', `/matters/${reference}-X`, undefined, { id: 'co-web', role: 'case-officer', force })).status).toBe(404);
    expect((await officer.get('/oversight')).status).toBe(403);
    expect((await officer.get('/')).html).not.toContain('href="/oversight"');
  });

  it('the messages sent list what was sent for one’s own forces, with delivery attempts, and never a list report’s personal data', async () => {
    // Two messages as the dispatcher leaves them: a barred-list report given up as incomplete (it holds a person's
    // details), and another force's reminder. Neither is pending, so the stack's dispatcher leaves them be.
    const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    let ours: string;
    let theirs: string;
    try {
      const insert = (key: string, forceId: string, purpose: string, status: string, payload: Record<string, unknown>) =>
        db.query(
          `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload, status, attempts, last_error, dead_at, delivered_at)
           VALUES ($1, $2, 'ps-2', $3, 'college-of-policing', $4, $5, 1, $6, CASE WHEN $5 = 'dead' THEN now() END, CASE WHEN $5 = 'delivered' THEN now() END) RETURNING id`,
          [key, reference, purpose, { ...payload, forceId }, status, status === 'dead' ? 'incomplete: conduct' : null],
        );
      ours = (await insert(`${reference}:ps-2:barred`, force, 'barred-list-report', 'dead', { fullName: 'Sam Example', dateOfBirth: '1980-02-29' })).rows[0].id;
      theirs = (await insert(`${reference}:other:reminder`, `other-${force}`, 'reminder', 'delivered', {})).rows[0].id;
      await db.query(`INSERT INTO delivery_attempt (outbox_message_id, attempt, channel, outcome, error, finished_at) VALUES ($1, 1, 'webhook', 'refused', 'incomplete: conduct', now())`, [ours]);
    } finally {
      await db.end();
    }

    const list = await officer.get('/messages');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/messages/${ours}"`);
    expect(list.html).toContain('Police barred list report');
    expect(list.html).not.toContain(`href="/messages/${theirs}"`);
    expect(list.html).not.toContain('1980');
    const message = await officer.get(`/messages/${ours}`);
    expect(message.status).toBe(200);
    for (const text of ['Not delivered', 'incomplete: conduct', 'webhook', 'Refused', 'reg 3']) expect(message.html).toContain(text);
    expect(message.html).not.toMatch(/1980|29 February/);
    expect((await officer.get(`/messages/${theirs}`)).status).toBe(404);
    const dead = await officer.get('/messages?status=dead');
    expect(dead.html).toContain(`href="/messages/${ours}"`);
    expect((await officer.get('/messages?status=delivered')).html).not.toContain(`href="/messages/${ours}"`);
    // The next page begins before the id given: nothing of ours before our first message.
    expect((await officer.get(`/messages?before=${ours}`)).html).not.toContain(`href="/messages/${ours}"`);
    expect((await officer.get('/messages?before=abc')).status).toBe(400);
    expect((await officer.get('/messages?status=lost')).status).toBe(400);
    expect((await officer.get('/messages/not-a-number')).status).toBe(404);
  });

  it('a case officer records the response to a recommendation: question, check, confirmation, once; oversight is offered no action', async () => {
    const recommendation = `${reference}-R1`;
    const made = await call('POST', '/recommendations', { reference: recommendation, matterReference: reference, forceId: force, recipient: 'Chief Constable', madeOn: daysFromToday(-10), text: 'Train every sergeant.' }, { id: 'co-web', role: 'case-officer', force });
    expect(made.status).toBe(201);

    const page = await officer.get(`/recommendation/${recommendation}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Awaiting the response');
    expect(page.html).toContain(`href="/recommendation/${recommendation}/response"`);
    const seenByOversight = await oversight.get(`/recommendation/${recommendation}`);
    expect(seenByOversight.status).toBe(200);
    expect(seenByOversight.html).not.toContain('Record the response');
    expect((await oversight.get(`/recommendation/${recommendation}/response`)).status).toBe(403);
    const stranger = new Browser();
    await stranger.signIn('Someone Else', 'case-officer', `other-${force}`);
    expect((await stranger.get(`/recommendation/${recommendation}`)).status).toBe(404);
    expect((await stranger.get(`/recommendation/${recommendation}/response`)).status).toBe(404);

    await officer.get(`/recommendation/${recommendation}/response`);
    const wrong = await officer.post(`/recommendation/${recommendation}/response`, { summary: '', time: '26:00' });
    expect(wrong.status).toBe(400);
    expect(errorLinks(wrong.html)).toEqual(['#accepted', '#summary', '#respondedOn-day']);
    const [y, m, d] = daysFromToday(-1).split('-');
    const answered = await officer.post(`/recommendation/${recommendation}/response`, { accepted: 'yes', summary: 'Every sergeant trained by March.', 'respondedOn-day': d, 'respondedOn-month': m, 'respondedOn-year': y, time: '10:30' });
    expect(answered).toMatchObject({ status: 303, location: `/recommendation/${recommendation}/response/check` });
    const check = await officer.get(`/recommendation/${recommendation}/response/check`);
    expect(check.html).toContain('Every sergeant trained by March.');
    expect(check.html).toContain('at 10:30');

    const [a, b] = await Promise.all([officer.post(`/recommendation/${recommendation}/response/check`, {}), officer.post(`/recommendation/${recommendation}/response/check`, {})]);
    expect([a.status, a.location, b.status, b.location]).toEqual([303, `/recommendation/${recommendation}/response/confirmation`, 303, `/recommendation/${recommendation}/response/confirmation`]);
    expect((await officer.get(`/recommendation/${recommendation}/response/confirmation`)).html).toContain('Response recorded');
    const view = (await call('GET', `/recommendations/${recommendation}`, undefined, { id: 'co-web', role: 'case-officer', force })).body;
    expect(view.response).toEqual({ accepted: true, respondedOn: daysFromToday(-1) });
    const after = await officer.get(`/recommendation/${recommendation}`);
    expect(after.html).toContain('Response given, awaiting publication');
    expect(after.html).not.toContain('Record the response');
  });
});
