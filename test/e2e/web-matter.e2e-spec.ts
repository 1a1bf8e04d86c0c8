import { randomUUID } from 'crypto';
import { AA, apiUrl, call, CASE_OFFICER, E2E_FORCE } from '../support/api-client';
import { daysFromToday } from '../support/dates';

// A matter's page and doing things on it, over HTTP as a browser without JavaScript would: a cookie, forms posted
// url-encoded with their CSRF token, redirects read rather than followed.

interface Page {
  status: number;
  html: string;
  location: string | null;
}

class Visitor {
  private cookie = '';
  csrf = '';

  private async send(method: string, path: string, form?: Record<string, string | string[]>): Promise<Page> {
    let body: string | undefined;
    if (form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      body = params.toString();
    }
    const res = await fetch(`${apiUrl()}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1];
    return { status: res.status, html, location: res.headers.get('location') };
  }

  get(path: string): Promise<Page> {
    return this.send('GET', path);
  }

  post(path: string, form: Record<string, string | string[]>): Promise<Page> {
    return this.send('POST', path, { _csrf: this.csrf, ...form });
  }

  static async signIn(role: string, forceId = E2E_FORCE): Promise<Visitor> {
    const v = new Visitor();
    expect((await v.get('/sign-in')).status).toBe(200);
    const signedIn = await v.post('/sign-in', { name: `${role} tester`, role, forceId, returnTo: '/' });
    expect([signedIn.status, signedIn.location]).toEqual([303, '/']);
    return v;
  }
}

/** The date and time an hour ago, as the question page's date parts, London time. */
function anHourAgo(name = 'occurredAt'): Record<string, string> {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() - 3_600_000))
      .map((x) => [x.type, x.value]),
  );
  return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year, [`${name}-time`]: `${p.hour}:${p.minute}` };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe("a matter's page and doing things on it, over HTTP", () => {
  const reference = `WEB-${randomUUID().slice(0, 8)}`;
  const matterPath = `/matter/${reference}`;
  const severityPath = `${matterPath}/act/decision-severity-assessment?subject=pc-1`;
  const auditLines = async (action: string) => (await call('GET', `/matters/${reference}/audit`)).body.filter((a: { action: string }) => a.action === action);

  beforeAll(async () => {
    const referred = await call('POST', '/matters', {
      reference, kind: 'conduct-matter', forceId: E2E_FORCE, appropriateAuthority: 'Chief Constable of E2E', receivedOn: daysFromToday(-10),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: 'W-4471' }],
    }, CASE_OFFICER);
    expect(referred.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
  });

  it("a case officer sees the matter: the identity bar, the subject's stage and deadlines, the sub navigation; and no severity assessment, which is not theirs", async () => {
    const co = await Visitor.signIn('case-officer');
    const page = await co.get(matterPath);
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(page.html).toContain('moj-identity-bar');
    expect(words).toContain(reference);
    expect(words).toContain('Appropriate authority: Chief Constable of E2E');
    expect(words).toContain('Regime: Police (Conduct) Regulations 2020');
    expect(words).toContain('Subject: PC pc-1 (warrant W-4471)');
    expect(words).toContain('Severity assessment');
    expect(page.html).toContain(`href="${matterPath}/timeline"`);
    expect(page.html).not.toContain('act/decision-severity-assessment');
    expect(page.html).toMatch(/<title>Matter WEB-[^<]* – Misconduct proceedings<\/title>/);
  });

  it('the appropriate authority records the severity assessment: question, errors named, check your answers, confirmation; a double submit records once; the timeline shows the rationale', async () => {
    const aa = await Visitor.signIn('appropriate-authority');
    const matterPage = await aa.get(matterPath);
    expect(matterPage.html).toContain(`href="${severityPath.replace(/&/g, '&amp;')}"`);

    const question = await aa.get(severityPath);
    expect(question.status).toBe(200);
    expect(question.html).toContain('name="severity"');
    expect(question.html).toContain('name="occurredAt-day"');

    const missing = await aa.post(severityPath, { ...anHourAgo() });
    expect(missing.status).toBe(400);
    expect(missing.html).toMatch(/<title>Error: Severity assessment – Misconduct proceedings<\/title>/);
    expect(missing.html).toContain('href="#severity"');
    expect(missing.html).toContain('href="#rationale"');

    const rationale = `Body-worn footage shows force used on a compliant detainee ${randomUUID().slice(0, 6)}`;
    const answered = await aa.post(severityPath, { ...anHourAgo(), severity: 'misconduct', likelyForm: 'meeting', rationale });
    expect([answered.status, answered.location]).toEqual([303, `${matterPath}/act/decision-severity-assessment/check?subject=pc-1`]);

    const check = await aa.get(answered.location!);
    expect(check.status).toBe(200);
    const checkWords = text(check.html);
    expect(checkWords).toContain('Check your answers');
    expect(checkWords).toContain('Misconduct');
    expect(checkWords).toContain(rationale);
    expect(check.html).toContain(`href="${severityPath.replace(/&/g, '&amp;')}#severity"`);

    // Two clicks on the confirm button, at once: both lead to the confirmation, one decision is recorded.
    const [first, second] = await Promise.all([aa.post(answered.location!, {}), aa.post(answered.location!, {})]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const done = await aa.get(first.location!);
    expect(done.status).toBe(200);
    expect(done.html).toContain('govuk-panel--confirmation');
    expect(text(done.html)).toContain('Severity assessment recorded');
    // And back to the check page to submit again: still one.
    expect((await aa.post(answered.location!, {})).location).toBe(first.location);
    // And back to the question page: its confirmation, not a fresh form.
    expect((await aa.get(severityPath)).location).toBe(first.location);
    expect(await auditLines('decision:severity-assessment')).toHaveLength(1);
    const [line] = await auditLines('decision:severity-assessment');
    expect(line.details).toMatchObject({ severity: 'misconduct', likelyForm: 'meeting', rationale });

    const timeline = await aa.get(`${matterPath}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.html).toContain('moj-timeline');
    const timelineWords = text(timeline.html);
    expect(timelineWords).toContain('Decision: severity assessment');
    expect(timelineWords).toContain(`Rationale: ${rationale}`);
    expect(timelineWords).toContain('CR reg 14 / CMR reg 16');
    // Newest first, by when each step happened; the referral is there too.
    expect(timelineWords).toContain('by co-e2e (case officer)');
    const times = [...timeline.html.matchAll(/<time datetime="([^"]+)"/g)].map((x) => Date.parse(x[1]));
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // The matter page now shows the investigation and its notice-of-investigation deadline with its rule status.
    const after = text((await aa.get(matterPath)).html);
    expect(after).toContain('Investigation');
    expect(after).toMatch(/Written notice of investigation served .*CR reg 17 \/ CMR reg 17 \[U\]/);
  });

  it('a decision the workflow refuses is shown on the check page naming the rule and the regulation, and nothing is recorded', async () => {
    const aa = await Visitor.signIn('appropriate-authority');
    const path = `${matterPath}/act/decision-special-conditions?subject=pc-1`;
    expect((await aa.get(path)).status).toBe(200);
    const answered = await aa.post(path, { ...anHourAgo(), reason: 'Statements suffice', rationale: 'Public interest' });
    expect(answered.status).toBe(303);
    const refused = await aa.post(answered.location!, {});
    expect(refused.status).toBe(409);
    const words = text(refused.html);
    expect(refused.html).toMatch(/<title>Error: Check your answers/);
    expect(words).toContain('Refused under the rule special-conditions-gross-misconduct (regulation CR reg 49');
    expect(await auditLines('decision:special-conditions')).toHaveLength(0);
  });

  it('a case officer records the notice served, then extends the representations deadline with the reason and who agreed; the matter page shows the extension', async () => {
    const co = await Visitor.signIn('case-officer');
    const noticePath = `${matterPath}/act/event-notice-of-investigation-served?subject=pc-1`;
    expect((await co.get(matterPath)).html).toContain(`href="${noticePath.replace(/&/g, '&amp;')}"`);
    expect((await co.get(noticePath)).status).toBe(200);
    const answered = await co.post(noticePath, { ...anHourAgo(), note: 'Served by hand' });
    expect(answered.status).toBe(303);
    const done = await co.post(answered.location!, {});
    expect(done.status).toBe(303);
    expect(await auditLines('event:notice-of-investigation-served')).toHaveLength(1);

    const extendPath = `${matterPath}/act/extension?subject=pc-1&deadline=representations`;
    const page = await co.get(matterPath);
    expect(page.html).toContain(`href="${extendPath.replace(/&/g, '&amp;')}"`);
    expect((await co.get(extendPath)).status).toBe(200);
    const noAgreement = await co.post(extendPath, { ...anHourAgo(), reason: 'Officer on sick leave' });
    expect(noAgreement.status).toBe(400);
    expect(noAgreement.html).toContain('href="#agreedBy"');
    expect(noAgreement.html).toContain('href="#newDueDate-day"');
    // By working days, counted from the present due date.
    const extended = await co.post(extendPath, { ...anHourAgo(), workingDays: '10', reason: 'Officer on sick leave', agreedBy: 'the investigator' });
    expect(extended.status).toBe(303);
    expect(text((await co.get(extended.location!)).html)).toMatch(/New due date \d+ \w+ \d{4}/);
    expect((await co.post(extended.location!, {})).status).toBe(303);
    const messages = await co.get(`${matterPath}/messages`);
    expect(messages.status).toBe(200);
    expect(text(messages.html)).toContain('Messages');
    expect(text((await co.get(matterPath)).html)).toMatch(/Extended from \d+ \w+ \d{4} to \d+ \w+ \d{4}: Officer on sick leave \(agreed by the investigator\)/);
  });

  it('a resignation recorded through the form shows the subject as having left the service, and its advisory-list report with its delivery and a banner', async () => {
    const other = `WEB-${randomUUID().slice(0, 8)}`;
    expect((await call('POST', '/matters', { reference: other, kind: 'conduct-matter', forceId: E2E_FORCE, appropriateAuthority: 'Chief Constable of E2E', receivedOn: daysFromToday(-20), subjects: [{ subjectId: 'ps-2', kind: 'police-officer', rank: 'PS' }] }, CASE_OFFICER)).status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${other}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    const decided = await call('POST', `/matters/${other}/subjects/ps-2/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString() }, AA);
    expect(decided.status).toBe(200);

    const co = await Visitor.signIn('case-officer');
    const path = `/matter/${other}/act/event-resigned?subject=ps-2`;
    expect((await co.get(path)).status).toBe(200);
    const answered = await co.post(path, { ...anHourAgo(), allegationSummary: 'Used force on a compliant detainee' });
    expect(answered.status).toBe(303);
    expect((await co.post(answered.location!, {})).status).toBe(303);

    const page = await co.get(`/matter/${other}`);
    const words = text(page.html);
    expect(words).toContain('Left the service');
    expect(words).toMatch(/Advisory list report ps-2 BL&AL Regs reg 12/);
    expect(page.html).toContain('govuk-notification-banner');
    expect(words).toMatch(/Advisory list report for ps-2 is not yet delivered|A list report is due/);
  });

  it('oversight is offered no action, and a forged form from them is refused with the 403 page before anything is recorded', async () => {
    const oversight = await Visitor.signIn('oversight');
    const page = await oversight.get(matterPath);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('/act/');
    const path = `${matterPath}/act/decision-severity-revision?subject=pc-1`;
    expect((await oversight.get(path)).status).toBe(403);
    const forgedAnswer = await oversight.post(path, { ...anHourAgo(), severity: 'gross-misconduct', reason: 'forged', rationale: 'forged' });
    expect(forgedAnswer.status).toBe(403);
    const forgedConfirm = await oversight.post(`${matterPath}/act/decision-severity-revision/check?subject=pc-1`, {});
    expect(forgedConfirm.status).toBe(403);
    expect(text(forgedConfirm.html)).toContain('You cannot do this');
    expect(await auditLines('decision:severity-revision')).toHaveLength(0);
  });

  it("another force's matter, and one that does not exist, answer the 404 page", async () => {
    const elsewhere = await Visitor.signIn('case-officer', 'another-force');
    const other = await elsewhere.get(matterPath);
    expect(other.status).toBe(404);
    expect(text(other.html)).toContain('Page not found');
    expect((await elsewhere.get(`${matterPath}/timeline`)).status).toBe(404);
    expect((await elsewhere.get(`${matterPath}/act/event-interview-held?subject=pc-1`)).status).toBe(404);
    expect((await elsewhere.get('/matter/NO-SUCH-MATTER')).status).toBe(404);
  });

  it('a page asked for without signing in sends the browser to sign in and back', async () => {
    const res = await fetch(`${apiUrl()}${matterPath}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent(matterPath)}`);
  });
});
