import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DEADLINE_RULES, addCalendarDays, londonDateOf } from '@conduct/domain';
import { dueDateFor, englandAndWalesCalendar } from '@conduct/domain/calendar';
import { REQUIRED_FIELDS, missingFields } from '@conduct/notifications';
import { ownStackPerSuite } from '../support/own-stack';
import { SmtpReceiver, WebhookReceiver } from '../support/receivers';
import { AA, Who, call } from '../support/api-client';

/**
 * The services that act, on the real stack: embedded PostgreSQL, the Temporal dev server, the
 * worker (with its outbox dispatcher) and the API as their own processes, delivering to a real SMTP
 * server and a real signed-webhook receiver started here. The receivers must be known when the
 * worker starts, so this suite starts its own worker and API (the shared ones have no routes).
 *
 * Deadlines are made due by recording what happened with `occurredAt` in the past: the workflows
 * count from there, so a reminder or an escalation is owed at once and its timer fires at once.
 */
const MAIL_FORCE = 'e2e-mail';
const HOOK_FORCE = 'e2e-hook';
const SECRET = randomBytes(32).toString('hex');
const cal = englandAndWalesCalendar();
const PEOPLE = {
  dismissed: { name: 'Ottoline Brackenbury-Vance', dateOfBirth: '1983-05-17' },
  resigned: { name: 'Cuthbert Pennywhistle-Oyelaran', dateOfBirth: '1991-10-02' },
  unnamed: { name: 'Hepzibah Strangeways', dateOfBirth: '1975-12-24' },
};

let smtp: SmtpReceiver;
let hook: WebhookReceiver;

beforeAll(async () => {
  smtp = await new SmtpReceiver().start();
  hook = await new WebhookReceiver(SECRET).start();
});
const own = ownStackPerSuite('services', () => {
  const routes = {
    // One force's people by e-mail; everyone else, and the College of Policing, by signed webhook.
    forces: {
      [MAIL_FORCE]: {
        'case-officer': { email: 'case-officer@e2e-mail.example' },
        'appropriate-authority': { email: 'appropriate-authority@e2e-mail.example' },
        'head-of-department': { email: 'head-of-department@e2e-mail.example' },
      },
    },
    default: { '*': { webhook: hook.url } },
  };
  // Each force's policy adds the head of department to the escalation chain on the day a deadline passes.
  const policy = { reminders: [], escalation: [{ to: 'head-of-department', workingDays: 0 }] };
  return {
    env: {
      NOTIFICATION_ROUTES: JSON.stringify(routes),
      NOTIFICATION_WEBHOOK_SECRET: SECRET,
      SMTP_URL: smtp.url,
      NOTIFICATION_TIMEOUT_MS: '5000',
      ESCALATION_POLICY: JSON.stringify({ forces: { [MAIL_FORCE]: policy, [HOOK_FORCE]: policy } }),
      OUTBOX_POLL_MS: '200',
      OUTBOX_OVERDUE_SWEEP_MS: '1000',
      OUTBOX_BACKOFF_BASE_MS: '200',
      // Deadlines are made due by back-dating; the grace that holds a back-dated one for the sitting is not wanted here.
      BACKDATED_DEADLINE_GRACE_HOURS: '0',
    },
  };
});
afterAll(async () => {
  await smtp?.stop();
  await hook?.stop();
});

const as = (who: Who, force: string): Who => ({ ...who, force });
const CO = (force: string) => as({ id: 'co-services', role: 'case-officer' }, force);
const AUTH = (force: string) => as(AA, force);
const at = (date: string) => `${date}T10:00:00Z`;
const today = () => londonDateOf(Date.now());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function refer(force: string, receivedOn: string, subject: Record<string, unknown>): Promise<string> {
  const reference = `SVC-${randomUUID().slice(0, 8)}`;
  const res = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: force, appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', ...subject }] }, CO(force));
  expect(res.status).toBe(201);
  await until('the subject in the projection', async () => (await call('GET', `/matters/${reference}`, undefined, CO(force))).body.subjects?.length === 1);
  return reference;
}

async function ok(res: Promise<{ status: number; body: any }>): Promise<any> {
  const r = await res;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

type Row = { id: string; subjectId: string; purpose: string; recipient: string; payload: Record<string, any>; status: string; attempts: number; lastError: string | null; deliveredAt: string | null };
const outbox = async (reference: string, force: string): Promise<Row[]> => ok(call('GET', `/matters/${reference}/outbox`, undefined, CO(force)));

/** Waits until nothing for the matter is pending, then a few dispatcher rounds more: no late duplicate can still come. */
async function quiescent(reference: string, force: string): Promise<Row[]> {
  await until('every message of the matter delivered or dead', async () => {
    const rows = await outbox(reference, force);
    return rows.length > 0 && rows.every((r) => r.status !== 'pending');
  });
  const receipts = hook.receipts.length + smtp.mails.length;
  await sleep(2_000);
  const rows = await outbox(reference, force);
  expect(rows.every((r) => r.status !== 'pending')).toBe(true);
  expect(hook.receipts.length + smtp.mails.length).toBe(receipts);
  return rows;
}

/** The headers of a mail, unfolded, and its text with quoted-printable soft breaks and escapes undone. */
function readMail(raw: string): { headers: Record<string, string>; text: string } {
  const [head, ...body] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const text = body.join('\n\n').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return { headers, text };
}

const mailsFor = (key: string) => smtp.mails.filter((m) => readMail(m.raw).headers['idempotency-key'] === key);
const hooksFor = (key: string) => hook.receipts.filter((r) => r.key === key);
const bodyOf = (r: { body: string }) => JSON.parse(r.body);

/** The date `n` working days before today, and a trigger date whose deadline under `rule` falls on the next working day. */
function triggerDueTomorrow(ruleId: keyof typeof DEADLINE_RULES): { trigger: string; due: string } {
  const target = cal.addWorkingDays(today(), 1);
  for (let back = 1; back < 40; back++) {
    const trigger = addCalendarDays(today(), -back);
    const { due } = dueDateFor(DEADLINE_RULES[ruleId], trigger, cal);
    if (due === target) return { trigger, due };
  }
  throw new Error(`no trigger date puts ${ruleId} on ${target}`);
}

describe('reminders and escalations, delivered to real receivers', () => {
  it.each([
    ['by SMTP', MAIL_FORCE],
    ['by signed webhook', HOOK_FORCE],
  ])('a reminder before a deadline, then an escalation when one is missed, to the case officer, the appropriate authority and the head of department, %s', async (_how, force) => {
    const notice = triggerDueTomorrow('noticeOfInvestigation');
    const reference = await refer(force, addCalendarDays(today(), -60), { rank: 'PC' });

    // The investigation began so long ago that the notice of investigation is due tomorrow: the reminder is owed now.
    await ok(call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: at(notice.trigger) }, AUTH(force)));
    const reminderKey = `${reference}:pc-1:reminder:notice-of-investigation:${notice.due}`;
    const delivered = (key: string) => (force === MAIL_FORCE ? mailsFor(key).length > 0 : hooksFor(key).length > 0);
    await until('the reminder at the receiver', async () => delivered(reminderKey));

    // Then a suspension recorded 40 days late: its 4-week review passed unrecorded, so it is escalated.
    const suspendedOn = addCalendarDays(today(), -40);
    const reviewDue = dueDateFor(DEADLINE_RULES.suspensionReview, suspendedOn, cal).due;
    await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'suspended', occurredAt: at(suspendedOn) }, CO(force)));
    const escalationKey = `${reference}:pc-1:escalation:suspension-review:${reviewDue}`;
    await until('the escalation at the receiver', async () => delivered(escalationKey));
    const policyKey = `matter-${reference}-subject-pc-1:suspension-review:${reviewDue}:policy-escalation:head-of-department:0`;
    await until("the policy's escalation to the head of department", async () => delivered(policyKey));

    const rows = await quiescent(reference, force);
    const reminder = rows.find((r) => r.purpose === 'reminder' && r.recipient === 'case-officer')!;
    const escalation = rows.find((r) => r.purpose === 'escalation' && r.recipient === 'appropriate-authority')!;
    const toHead = rows.find((r) => r.purpose === 'escalation' && r.recipient === 'head-of-department')!;
    for (const r of [reminder, escalation, toHead]) expect(r).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
    expect(Date.parse(reminder.deliveredAt!)).toBeLessThan(Date.parse(escalation.deliveredAt!));
    expect(rows.filter((r) => r.purpose === 'reminder' || r.purpose === 'escalation')).toHaveLength(3);

    const expected = [
      { key: reminderKey, to: 'case-officer', words: 'Deadline approaching', deadline: DEADLINE_RULES.noticeOfInvestigation.name, regulation: DEADLINE_RULES.noticeOfInvestigation.regulation, due: notice.due },
      { key: escalationKey, to: 'appropriate-authority', words: 'Deadline passed', deadline: DEADLINE_RULES.suspensionReview.name, regulation: DEADLINE_RULES.suspensionReview.regulation, due: reviewDue },
      { key: policyKey, to: 'head-of-department', words: 'Deadline passed', deadline: DEADLINE_RULES.suspensionReview.name, regulation: DEADLINE_RULES.suspensionReview.regulation, due: reviewDue },
    ];
    for (const e of expected) {
      if (force === MAIL_FORCE) {
        const mails = mailsFor(e.key);
        expect(mails).toHaveLength(1);
        expect(mails[0].to).toEqual([`${e.to}@e2e-mail.example`]);
        const { text } = readMail(mails[0].raw);
        expect(text).toContain(e.words);
        expect(text).toContain(e.deadline);
        expect(text).toContain(`Regulation: ${e.regulation}`);
        expect(text).toContain(`Due by: ${e.due}`);
      } else {
        const receipts = hooksFor(e.key);
        expect(receipts).toHaveLength(1);
        expect(bodyOf(receipts[0])).toMatchObject({ purpose: e.key.includes('reminder') ? 'reminder' : 'escalation', recipient: e.to, matterReference: reference, subjectId: 'pc-1', regulation: e.regulation, dueDate: e.due });
        expect(bodyOf(receipts[0]).text).toContain(e.deadline);
      }
    }
    expect(hook.badSignatures).toEqual([]);
  });
});

/** Assessment, notice, report, case to answer and the hearing, for gross misconduct. */
async function toHearingHeld(reference: string, force: string): Promise<void> {
  const now = new Date().toISOString();
  await ok(call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', likelyForm: 'hearing', occurredAt: now }, AUTH(force)));
  await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'notice-of-investigation-served', occurredAt: now }, CO(force)));
  await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'investigator-report-submitted', occurredAt: now }, CO(force)));
  await ok(call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: now }, AUTH(force)));
  await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'proceedings-held', occurredAt: now }, CO(force)));
}

describe('the barred list', () => {
  it('a dismissal produces exactly one barred-list report, with everything reg 3 asks for, delivered within its 5 working days; reading it is audited', async () => {
    const reference = await refer(HOOK_FORCE, today(), { rank: 'PS', warrantNumber: 'W-90210', ...PEOPLE.dismissed });
    await toHearingHeld(reference, HOOK_FORCE);
    const decidedOn = today();
    const view = await ok(
      call('POST', `/matters/${reference}/subjects/pc-1/decisions`, {
        decision: 'outcome',
        outcome: 'dismissal-without-notice',
        conduct: 'Sold access to the police national computer',
        standardsBreached: ['honesty-and-integrity', 'confidentiality'],
        publicationExemption: { requested: false },
        occurredAt: new Date().toISOString(),
      }, AUTH(HOOK_FORCE)),
    );
    const due = view.openDeadlines.find((d: { key: string }) => d.key === 'barred-list-report');
    expect(due.dueDate).toBe(cal.addWorkingDays(decidedOn, 5));

    const key = `${reference}:pc-1:barred-list-report`;
    await until('the barred-list report at the College', async () => hooksFor(key).length > 0);
    const rows = await quiescent(reference, HOOK_FORCE);

    // Exactly one, acted on once, and delivered on its first attempt before its due date.
    expect(hooksFor(key)).toHaveLength(1);
    const reports = rows.filter((r) => r.purpose === 'barred-list-report');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'delivered', attempts: 1, recipient: 'college-of-policing' });
    expect(londonDateOf(Date.parse(reports[0].deliveredAt!)) <= due.dueDate).toBe(true);
    const body = bodyOf(hooksFor(key)[0]);
    expect(body).toMatchObject({ purpose: 'barred-list-report', regulation: expect.stringMatching(/reg 3/), dueDate: due.dueDate });
    expect(missingFields('barred-list-report', body.report)).toEqual([]);
    expect(Object.keys(body.report)).toEqual(expect.arrayContaining([...REQUIRED_FIELDS['barred-list-report']]));
    expect(body.report).toMatchObject({
      fullName: PEOPLE.dismissed.name,
      forceId: HOOK_FORCE,
      dateOfBirth: PEOPLE.dismissed.dateOfBirth,
      rank: 'PS',
      warrantNumber: 'W-90210',
      conduct: 'Sold access to the police national computer',
      standardsBreached: ['honesty-and-integrity', 'confidentiality'],
      outcome: 'dismissal-without-notice',
      decidedOn,
      earlierAdvisoryListReport: false,
      publicationExemption: { requested: false },
    });
    // The matter's outbox view leaves the person out; no escalation was needed.
    expect(JSON.stringify(rows)).not.toContain(PEOPLE.dismissed.name);
    expect(rows.filter((r) => r.purpose === 'escalation')).toEqual([]);

    // The case officer records the report as sent: the deadline is met.
    const sent = await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'barred-list-report-sent', occurredAt: new Date().toISOString() }, CO(HOOK_FORCE)));
    expect(sent.deadlines.find((d: { key: string }) => d.key === 'barred-list-report').status).toBe('met');

    // Reading the report is for the appropriate authority (and oversight), and every read is audited.
    expect((await call('GET', `/matters/${reference}/subjects/pc-1/list-reports`, undefined, CO(HOOK_FORCE))).status).toBe(403);
    const read = await ok(call('GET', `/matters/${reference}/subjects/pc-1/list-reports`, undefined, AUTH(HOOK_FORCE), { 'x-request-id': 'read-barred-1' }));
    expect(read).toEqual([expect.objectContaining({ purpose: 'barred-list-report', status: 'delivered', report: expect.objectContaining({ fullName: PEOPLE.dismissed.name }) })]);
    await ok(call('GET', `/matters/${reference}/subjects/pc-1/list-reports`, undefined, AUTH(HOOK_FORCE)));
    const audit = (await ok(call('GET', `/matters/${reference}/audit`, undefined, AUTH(HOOK_FORCE)))) as { action: string; actor: string; actorRole: string; details: any }[];
    const reads = audit.filter((a) => a.action === 'list-report-read');
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatchObject({ actor: AA.id, actorRole: 'appropriate-authority', details: { requestId: 'read-barred-1', reports: [{ outboxId: reports[0].id, purpose: 'barred-list-report' }] } });
    // Another force's appropriate authority cannot read it at all.
    expect((await call('GET', `/matters/${reference}/subjects/pc-1/list-reports`, undefined, AUTH('another-force'))).status).toBe(404);
  });

  it('a report missing what reg 3 requires is not sent: it is refused naming the fields, and the appropriate authority is told', async () => {
    const reference = await refer(HOOK_FORCE, today(), { rank: 'PC', warrantNumber: 'W-11', name: PEOPLE.unnamed.name });
    await toHearingHeld(reference, HOOK_FORCE);
    // What is given is checked: a standard that is not in CR Sch 2, an exemption asked for without grounds.
    const outcome = { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: new Date().toISOString() };
    const badStandard = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { ...outcome, standardsBreached: ['punctuality'] }, AUTH(HOOK_FORCE));
    expect(badStandard.status).toBe(400);
    expect(JSON.stringify(badStandard.body.message)).toMatch(/standardsBreached/);
    const noGrounds = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { ...outcome, publicationExemption: { requested: true } }, AUTH(HOOK_FORCE));
    expect(noGrounds.status).toBe(400);
    expect(JSON.stringify(noGrounds.body.message)).toMatch(/grounds/);
    // Recorded without the conduct, the standards or the exemption answer: the dismissal stands; its report may not go.
    await ok(call('POST', `/matters/${reference}/subjects/pc-1/decisions`, outcome, AUTH(HOOK_FORCE)));
    const key = `${reference}:pc-1:barred-list-report`;
    const escalationKey = `${key}:incomplete`;
    await until('the escalation of the refused report', async () => hooksFor(escalationKey).length > 0);
    const rows = await quiescent(reference, HOOK_FORCE);

    expect(hooksFor(key)).toEqual([]);
    const [report] = rows.filter((r) => r.purpose === 'barred-list-report');
    expect(report).toMatchObject({ status: 'dead', lastError: 'incomplete: dateOfBirth, conduct, standardsBreached, publicationExemption' });
    expect(hooksFor(escalationKey)).toHaveLength(1);
    const escalation = bodyOf(hooksFor(escalationKey)[0]);
    expect(escalation).toMatchObject({ purpose: 'escalation', recipient: 'appropriate-authority', regulation: expect.stringMatching(/reg 3/) });
    expect(escalation.text).toContain('missing dateOfBirth, conduct, standardsBreached, publicationExemption');
    // The escalation names the gaps, not the person.
    expect(JSON.stringify(escalation)).not.toContain(PEOPLE.unnamed.name);

    // The appropriate authority supplies what was missing: the completed report goes, once, in full.
    const supply = { event: 'list-report-details-supplied', report: 'barred-list-report', occurredAt: new Date().toISOString() };
    const unknownField = await call('POST', `/matters/${reference}/subjects/pc-1/events`, { ...supply, details: { shoeSize: 9 } }, AUTH(HOOK_FORCE));
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.message)).toMatch(/shoeSize/);
    const details = { dateOfBirth: '1984-07-19', conduct: 'Falsified a duty statement', standardsBreached: ['honesty-and-integrity'], publicationExemption: { requested: false } };
    await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { ...supply, details }, AUTH(HOOK_FORCE)));
    const completedKey = `${key}:correction-1`;
    await until('the completed barred-list report at the College', async () => hooksFor(completedKey).length > 0);
    const after = await quiescent(reference, HOOK_FORCE);
    expect(hooksFor(completedKey)).toHaveLength(1);
    expect(hooksFor(key)).toEqual([]);
    const completed = bodyOf(hooksFor(completedKey)[0]);
    expect(missingFields('barred-list-report', completed.report)).toEqual([]);
    expect(completed.report).toMatchObject({ ...details, fullName: PEOPLE.unnamed.name, warrantNumber: 'W-11', correction: 1, completes: key });
    expect(after.filter((r) => r.purpose === 'barred-list-report').map((r) => r.status).sort()).toEqual(['dead', 'delivered']);
  });
});

describe('the advisory list', () => {
  it('a resignation during an investigation produces exactly one advisory-list report, with what reg 12 asks for, and the removal that follows when no proceedings can', async () => {
    const reference = await refer(HOOK_FORCE, today(), { rank: 'PC', warrantNumber: 'W-777', ...PEOPLE.resigned });
    const now = new Date().toISOString();
    await ok(call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: now }, AUTH(HOOK_FORCE)));
    const leftOn = today();
    const view = await ok(call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'resigned', allegationSummary: 'Used a police database to trace a former partner', occurredAt: now }, CO(HOOK_FORCE)));
    expect(view.stage).toBe('closed');
    const due = view.openDeadlines.find((d: { key: string }) => d.key === 'advisory-list-report');
    expect(due.dueDate).toBe(cal.addWorkingDays(leftOn, 5));

    const key = `${reference}:pc-1:advisory-list-report`;
    await until('the advisory-list report at the College', async () => hooksFor(key).length > 0);
    const rows = await quiescent(reference, HOOK_FORCE);

    expect(hooksFor(key)).toHaveLength(1);
    const reports = rows.filter((r) => r.purpose === 'advisory-list-report');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(londonDateOf(Date.parse(reports[0].deliveredAt!)) <= due.dueDate).toBe(true);
    const body = bodyOf(hooksFor(key)[0]);
    expect(body.regulation).toMatch(/reg 12/);
    expect(missingFields('advisory-list-report', body.report)).toEqual([]);
    expect(body.report).toMatchObject({
      fullName: PEOPLE.resigned.name,
      forceId: HOOK_FORCE,
      dateOfBirth: PEOPLE.resigned.dateOfBirth,
      rank: 'PC',
      warrantNumber: 'W-777',
      leftOn,
      allegationSummary: 'Used a police database to trace a former partner',
      formOfProceedings: 'meeting',
    });
    // Misconduct does not go on against a former officer (CR reg 4): the removal follows, once.
    expect(hooksFor(`${reference}:pc-1:advisory-list-removal`)).toHaveLength(1);
    expect(rows.filter((r) => r.purpose === 'barred-list-report')).toEqual([]);

    const read = await ok(call('GET', `/matters/${reference}/subjects/pc-1/list-reports`, undefined, AUTH(HOOK_FORCE)));
    expect(read.map((r: Row) => r.purpose)).toEqual(['advisory-list-report', 'advisory-list-removal']);
  });
});

describe('logs', () => {
  it("the worker's and the API's logs for this whole suite hold no name or date of birth", async () => {
    const logs = ['worker.log', 'api.log'].map((f) => fs.readFileSync(path.join(own.stack.logsDir, f), 'utf8'));
    // The logs are really there: the API logged each request, the dispatcher each delivery.
    expect(logs[0]).toContain('outbox message delivered');
    expect(logs[1]).toContain('/list-reports');
    // Every line is one JSON object naming its service and level, the SDK's and Nest's included.
    for (const text of logs) {
      for (const line of text.split('\n').filter((l) => l.trim())) {
        expect({ line, parsed: (() => { try { return JSON.parse(line); } catch { return null; } })() }).toMatchObject({ parsed: { service: expect.any(String), level: expect.any(String) } });
      }
    }
    for (const text of logs) {
      for (const p of Object.values(PEOPLE)) {
        expect(text).not.toContain(p.name);
        expect(text).not.toContain(p.name.split(' ')[1]);
        expect(text).not.toContain(p.dateOfBirth);
      }
    }
  });
});
