import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ChannelDirectory, RoutesConfig, messageIdFor } from '@conduct/notifications';
import { dataSourceOptions } from '@conduct/persistence';
import { daysFromToday } from '../../../../test/support/dates';
import { SmtpReceiver, WebhookReceiver } from '../../../../test/support/receivers';
import { parseEscalationPolicy } from '@conduct/notifications';
import { DeadlinePolicyWatcher } from './deadline-policy.watcher';
import { DispatcherSettings, LogLine, OutboxDispatcher, backoffMs } from './outbox-dispatcher';

const SECRET = 'test-webhook-secret';
const PERSONAL = { fullName: 'Alexandra Quigley-Bloggs', dateOfBirth: '1984-02-29' };
const SETTINGS: DispatcherSettings = {
  pollMs: 20,
  batchSize: 10,
  leaseMs: 2000,
  maxAttempts: 4,
  backoffBaseMs: 20,
  backoffMaxMs: 100,
  unroutedRecheckMs: 60_000,
  overdueSweepMs: 60_000,
};

let db: DataSource;
let college: WebhookReceiver;
let smtp: SmtpReceiver;
let logs: LogLine[];
let seq = 0;

beforeAll(async () => {
  db = new DataSource({ ...dataSourceOptions(process.env.INTEGRATION_DATABASE_URL), extra: { max: 5 } });
  await db.initialize();
  college = await new WebhookReceiver(SECRET).start();
  smtp = await new SmtpReceiver().start();
});

afterAll(async () => {
  await college.stop();
  await smtp.stop();
  await db.destroy();
  // Across every test above: no personal data reached the logs.
  const text = JSON.stringify(allLogs);
  for (const value of [PERSONAL.fullName, PERSONAL.dateOfBirth, 'psd@force.example', 'co@force.example', 'hod@force.example']) expect(text).not.toContain(value);
});

const allLogs: LogLine[] = [];
beforeEach(async () => {
  logs = [];
  college.fault = () => 'none';
  smtp.fault = () => 'none';
  await db.query(`DELETE FROM delivery_attempt`);
  await db.query(`DELETE FROM outbox_message`);
});

function dispatcher(routes: RoutesConfig = defaultRoutes(), settings: Partial<DispatcherSettings> = {}): OutboxDispatcher {
  const channels = new ChannelDirectory(routes, { smtpUrl: smtp.url, from: 'engine@force.example', webhookSecret: SECRET, timeoutMs: 300 });
  return new OutboxDispatcher(db, channels, { ...SETTINGS, ...settings }, (l) => {
    logs.push(l);
    allLogs.push(l);
  });
}

function defaultRoutes(): RoutesConfig {
  return {
    default: { 'college-of-policing': { webhook: college.url }, 'appropriate-authority': { email: 'psd@force.example' }, 'case-officer': { email: 'co@force.example' } },
  };
}

async function enqueue(purpose: string, recipient: string, payload: Record<string, unknown>, opts: { subjectId?: string } = {}): Promise<{ id: string; key: string }> {
  seq += 1;
  const matter = `PSD-INT-${seq}`;
  const key = `${matter}:${opts.subjectId ?? 'matter'}:${purpose}`;
  const [row] = await db.query(
    `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [key, matter, opts.subjectId ?? null, purpose, recipient, JSON.stringify({ forceId: 'test-force', ...payload })],
  );
  return { id: String(row.id), key };
}

/** Runs dispatch rounds until nothing is pending and due soon (or the time is up). */
async function drain(d: OutboxDispatcher, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await d.dispatchOnce();
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE status = 'pending' AND not_before < now() + interval '5 seconds'`);
    if (!n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function message(id: string) {
  const [m] = await db.query(`SELECT * FROM outbox_message WHERE id = $1`, [id]);
  const attempts = await db.query(`SELECT attempt, channel, outcome, error FROM delivery_attempt WHERE outbox_message_id = $1 ORDER BY attempt`, [id]);
  const audit = await db.query(`SELECT action, details FROM audit_entry WHERE details->>'outboxId' = $1 ORDER BY id`, [id]);
  return { ...m, attemptRows: attempts, audit };
}

const completeBarredListReport = () => ({
  ...PERSONAL,
  rank: 'PC',
  warrantNumber: '12345',
  conduct: 'Took and shared photographs at a crime scene',
  standardsBreached: ['Authority, respect and courtesy', 'Discreditable conduct'],
  outcome: 'dismissal-without-notice',
  decidedOn: daysFromToday(-1),
  dueDate: daysFromToday(14),
  earlierAdvisoryListReport: false,
  publicationExemption: 'none claimed',
  regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 3',
});

describe('the outbox dispatcher', () => {
  it('delivers a barred-list report to the College of Policing once, as a signed webhook carrying what reg 3 requires', async () => {
    const { id, key } = await enqueue('barred-list-report', 'college-of-policing', completeBarredListReport(), { subjectId: 'pc-1' });
    await drain(dispatcher());

    expect(college.badSignatures).toEqual([]);
    const got = college.receipts.filter((r) => r.key === key);
    expect(got).toHaveLength(1);
    const body = JSON.parse(got[0].body);
    expect(body.report).toMatchObject({ fullName: PERSONAL.fullName, dateOfBirth: PERSONAL.dateOfBirth, rank: 'PC', warrantNumber: '12345', earlierAdvisoryListReport: false });
    expect(body.regulation).toContain('reg 3');
    expect(body.dueDate).toBe(daysFromToday(14));
    const m = await message(id);
    expect(m.status).toBe('delivered');
    expect(m.attemptRows).toEqual([{ attempt: 1, channel: 'webhook', outcome: 'delivered', error: null }]);
    expect(m.audit.map((a: { action: string }) => a.action)).toEqual(['message-delivery-attempt', 'message-delivered']);
  });

  it('e-mails a reminder to the case officer over SMTP, naming the regulation and the deadline, with the idempotency key as Message-ID', async () => {
    const { id, key } = await enqueue('reminder', 'case-officer', { deadline: 'Officer response', dueDate: daysFromToday(4), regulation: 'CR reg 31' }, { subjectId: 'pc-2' });
    await drain(dispatcher());

    const mails = smtp.mails.filter((m) => m.messageId === messageIdFor(key));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['co@force.example']);
    expect(mails[0].raw).toContain('CR reg 31');
    expect(mails[0].raw).toContain(daysFromToday(4));
    expect(mails[0].raw).toContain('Officer response');
    expect((await message(id)).status).toBe('delivered');
  });

  it('retries a receiver that answers 5xx or times out, with back-off, and records every attempt', async () => {
    let calls = 0;
    college.fault = () => (++calls === 1 ? 'fail' : calls === 2 ? 'hang' : 'none');
    const { id, key } = await enqueue('advisory-list-removal', 'college-of-policing', { ...PERSONAL, regulation: 'Police Act 1996 s.88L' }, { subjectId: 'pc-3' });
    await drain(dispatcher());

    const m = await message(id);
    expect(m.status).toBe('delivered');
    expect(m.attemptRows.map((a: { outcome: string; error: string | null }) => [a.outcome, a.error])).toEqual([
      ['failed', 'http-503'],
      ['failed', 'timeout'],
      ['delivered', null],
    ]);
    expect(m.audit.filter((a: { action: string }) => a.action === 'message-delivery-attempt')).toHaveLength(3);
    expect(college.accepted.get(key)).toBe(1);
    expect(logs.filter((l) => l.message === 'outbox delivery failed; will retry').map((l) => l.error)).toEqual(['http-503', 'timeout']);
  });

  it('dead-letters a message that keeps failing, logs it, escalates a list report to the appropriate authority, and never drops it', async () => {
    college.fault = () => 'fail';
    const { id, key } = await enqueue('barred-list-report', 'college-of-policing', completeBarredListReport(), { subjectId: 'pc-4' });
    await drain(dispatcher());

    const m = await message(id);
    expect(m.status).toBe('dead');
    expect(m.attempts).toBe(SETTINGS.maxAttempts);
    expect(m.last_error).toBe('http-503');
    expect(m.attemptRows).toHaveLength(SETTINGS.maxAttempts);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'outbox message dead-lettered', outboxId: id, error: 'http-503' }));
    const [escalation] = await db.query(`SELECT recipient, status, payload FROM outbox_message WHERE idempotency_key = $1`, [`${key}:undeliverable`]);
    expect(escalation).toMatchObject({ recipient: 'appropriate-authority', status: 'delivered' });
    expect(smtp.mails.some((x) => x.raw.includes(`${key}:undeliverable`.slice(0, 20)))).toBe(true);
  });

  it('refuses a barred-list report missing a required field, names the field, sends nothing, and escalates to the appropriate authority', async () => {
    const { dateOfBirth: _dob, ...withoutDob } = completeBarredListReport();
    const report = { ...withoutDob, warrantNumber: null };
    const { id, key } = await enqueue('barred-list-report', 'college-of-policing', report, { subjectId: 'pc-5' });
    await drain(dispatcher());

    expect(college.receipts.filter((r) => r.key === key)).toHaveLength(0);
    const m = await message(id);
    expect(m.status).toBe('dead');
    expect(m.last_error).toBe('incomplete: dateOfBirth, warrantNumber');
    expect(m.attemptRows).toEqual([{ attempt: 1, channel: 'webhook', outcome: 'refused', error: 'incomplete: dateOfBirth, warrantNumber' }]);
    const [escalation] = await db.query(`SELECT recipient, status, payload FROM outbox_message WHERE idempotency_key = $1`, [`${key}:incomplete`]);
    expect(escalation).toMatchObject({ recipient: 'appropriate-authority', status: 'delivered' });
    expect(escalation.payload.missingFields).toEqual(['dateOfBirth', 'warrantNumber']);
    const mail = smtp.mails.find((x) => x.to.includes('psd@force.example') && x.raw.includes('dateOfBirth'));
    expect(mail).toBeDefined();
  });

  it('completes a list report from the subject projection (rank, warrant number) before checking it', async () => {
    const { rank: _r, warrantNumber: _w, ...fromWorkflow } = completeBarredListReport();
    const { id } = await enqueue('barred-list-report', 'college-of-policing', fromWorkflow, { subjectId: 'pc-6' });
    const [m0] = await db.query(`SELECT matter_reference FROM outbox_message WHERE id = $1`, [id]);
    await db.query(
      `INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority, received_on, revision) VALUES ($1,'wf','conduct-matter','conduct','test-force','outcome','CC',$2,1)`,
      [m0.matter_reference, daysFromToday(-30)],
    );
    await db.query(`INSERT INTO subject (matter_reference, subject_id, workflow_id, kind, rank, warrant_number, stage, revision) VALUES ($1,'pc-6','wf','police-officer','Sergeant','S-999','outcome',1)`, [
      m0.matter_reference,
    ]);
    await drain(dispatcher());

    expect((await message(id)).status).toBe('delivered');
    const body = JSON.parse(college.receipts.find((r) => r.key.includes(m0.matter_reference))!.body);
    expect(body.report).toMatchObject({ rank: 'Sergeant', warrantNumber: 'S-999' });
  });

  it('leaves a message with no route pending, with the reason, rather than dropping it', async () => {
    const { id } = await enqueue('withdrawal-notice', 'officer', { route: 'no-action', regulation: 'CR reg 27' }, { subjectId: 'pc-7' });
    await drain(dispatcher(), 500);

    const m = await message(id);
    expect(m).toMatchObject({ status: 'pending', attempts: 0, last_error: 'no-route' });
    expect(new Date(m.not_before).getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'outbox message has no route: left pending', outboxId: id }));
  });

  it('escalates a list report not delivered by its due date (5 working days) to the appropriate authority, once', async () => {
    const overdue = daysFromToday(-7);
    const { key } = await enqueue('advisory-list-report', 'college-of-policing', { dueDate: overdue, regulation: 'reg 12' }, { subjectId: 'pc-8' });
    await db.query(`UPDATE outbox_message SET not_before = now() + interval '1 day' WHERE idempotency_key = $1`, [key]);
    const d = dispatcher();
    expect(await d.escalateOverdueListReports()).toBe(1);
    expect(await d.escalateOverdueListReports()).toBe(0);
    const [e] = await db.query(`SELECT purpose, recipient, payload FROM outbox_message WHERE idempotency_key = $1`, [`${key}:overdue`]);
    expect(e).toMatchObject({ purpose: 'escalation', recipient: 'appropriate-authority' });
    expect(e.payload).toMatchObject({ about: 'advisory-list-report', dueDate: overdue, forceId: 'test-force' });
  });

  it('stops cleanly: the loop finishes its round and returns', async () => {
    const { id } = await enqueue('escalation', 'appropriate-authority', { deadline: 'Notice of investigation', dueDate: daysFromToday(-1), regulation: 'CR reg 17' });
    const d = dispatcher();
    d.start();
    const until = Date.now() + 5000;
    while ((await message(id)).status !== 'delivered' && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await d.stop();
    expect((await message(id)).status).toBe('delivered');
    expect(logs.map((l) => l.message)).toEqual(expect.arrayContaining(['outbox dispatcher started', 'outbox dispatcher stopped']));
  });

  it('backs off exponentially, with a cap', () => {
    const s = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, s, () => 1))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(backoffMs(3, s, () => 0)).toBe(2000);
  });
});

describe('the escalation policy, applied to the stored deadlines', () => {
  it('queues each reminder and escalation step owed once, to the roles the force configured, and they are delivered', async () => {
    const reference = `PSD-POLICY-${++seq}`;
    await db.query(
      `INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority, received_on, revision) VALUES ($1,'wf','conduct-matter','conduct','policy-force','investigation','CC','2025-06-01',1)`,
      [reference],
    );
    const deadline = (key: string, due: string, status: string) =>
      db.query(`INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status) VALUES ($1,$2,$3,'pc-1','r',$4,'CR reg 31',$5,$6,$7)`, [
        `subject-${reference}-pc-1`,
        key,
        reference,
        `Deadline ${key}`,
        due,
        `${due}T23:59:59Z`,
        status,
      ]);
    await deadline('officer-response', '2025-12-19', 'missed');
    await deadline('documents-to-chair', '2025-12-30', 'open');
    await deadline('witness-lists', '2025-12-10', 'met');
    const policy = parseEscalationPolicy(
      JSON.stringify({
        forces: {
          'policy-force': {
            reminders: [{ to: 'case-officer', workingDays: 3 }],
            escalation: [
              { to: 'case-officer', workingDays: 0 },
              { to: 'appropriate-authority', workingDays: 1 },
              { to: 'head-of-department', workingDays: 3 },
            ],
          },
        },
      }),
    );
    const watcher = new DeadlinePolicyWatcher(db, policy);
    expect(await watcher.sweep('2025-12-24')).toBe(4);
    expect(await watcher.sweep('2025-12-24')).toBe(0);
    const queued = await db.query(`SELECT purpose, recipient, payload FROM outbox_message WHERE matter_reference = $1 ORDER BY id`, [reference]);
    expect(queued.map((q: { purpose: string; recipient: string }) => `${q.purpose}:${q.recipient}`)).toEqual([
      'escalation:case-officer',
      'escalation:appropriate-authority',
      'escalation:head-of-department',
      'reminder:case-officer',
    ]);
    expect(queued[2].payload).toMatchObject({ forceId: 'policy-force', deadline: 'Deadline officer-response', dueDate: '2025-12-19', regulation: 'CR reg 31' });

    const routes = defaultRoutes();
    routes.forces = { 'policy-force': { 'head-of-department': { email: 'hod@force.example' } } };
    await drain(dispatcher(routes));
    expect((await db.query(`SELECT DISTINCT status FROM outbox_message WHERE matter_reference = $1`, [reference])).map((r: { status: string }) => r.status)).toEqual(['delivered']);
    expect(smtp.mails.filter((m) => m.to.includes('hod@force.example') && m.raw.includes(reference))).toHaveLength(1);
    expect(await new DeadlinePolicyWatcher(db, null).sweep('2025-12-24')).toBe(0);
  });

  it('withdraws each escalation it sent, to the same recipient, once a later step shows the deadline was met', async () => {
    const reference = `PSD-POLICY-${++seq}`;
    const workflowId = `subject-${reference}-pc-1`;
    await db.query(
      `INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority, received_on, revision) VALUES ($1,'wf','conduct-matter','conduct','policy-force-withdrawn','investigation','CC','2025-06-01',1)`,
      [reference],
    );
    await db.query(`INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status) VALUES ($1,'officer-response',$2,'pc-1','r','Deadline officer-response','CR reg 31','2025-12-19','2025-12-19T23:59:59Z','missed')`, [workflowId, reference]);
    const policy = parseEscalationPolicy(JSON.stringify({ forces: { 'policy-force-withdrawn': { escalation: [{ to: 'appropriate-authority', workingDays: 0 }, { to: 'head-of-department', workingDays: 2 }] } } }));
    const watcher = new DeadlinePolicyWatcher(db, policy);
    expect(await watcher.sweep('2025-12-24')).toBe(2);
    // Typed in later: the response came in time. The workflow corrects the deadline (and withdraws its own escalation).
    await db.query(`UPDATE deadline SET status = 'met', settled_at = '2025-12-18T10:00:00Z', corrections = $2::jsonb WHERE workflow_id = $1`, [
      workflowId,
      JSON.stringify([{ from: 'missed', to: 'met', occurredAt: '2025-12-18T10:00:00Z', recordedAt: '2025-12-29T09:00:00Z', by: 'co-1' }]),
    ]);
    expect(await watcher.sweep('2025-12-29')).toBe(2);
    expect(await watcher.sweep('2025-12-29')).toBe(0);
    const queued = await db.query(`SELECT purpose, recipient, payload FROM outbox_message WHERE matter_reference = $1 ORDER BY id`, [reference]);
    expect(queued.map((q: { purpose: string; recipient: string }) => `${q.purpose}:${q.recipient}`)).toEqual([
      'escalation:appropriate-authority',
      'escalation:head-of-department',
      'escalation-withdrawn:appropriate-authority',
      'escalation-withdrawn:head-of-department',
    ]);
    expect(queued[3].payload).toMatchObject({ forceId: 'policy-force-withdrawn', deadline: 'Deadline officer-response', dueDate: '2025-12-19', status: 'met', occurredAt: '2025-12-18T10:00:00Z' });
  });
});

describe('the audit trail', () => {
  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await db.query(
      `INSERT INTO audit_entry (idempotency_key, matter_reference, actor, actor_role, action, occurred_at) VALUES ('append-only-probe', 'PSD-AUDIT', 'a', 'system', 'probe', now()) ON CONFLICT DO NOTHING`,
    );
    await expect(db.query(`UPDATE audit_entry SET action = 'changed' WHERE idempotency_key = 'append-only-probe'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query(`DELETE FROM audit_entry WHERE idempotency_key = 'append-only-probe'`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [row] = await db.query(`SELECT action FROM audit_entry WHERE idempotency_key = 'append-only-probe'`);
    expect(row.action).toBe('probe');
  });
});
