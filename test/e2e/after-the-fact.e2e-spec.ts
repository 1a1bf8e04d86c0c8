import { randomUUID } from 'crypto';
import { addCalendarDays } from '@conduct/domain';
import { AA, CASE_OFFICER, call, today } from '../support/api-client';

// A closed matter of years ago (2017-2020 when this was written), entered in a minute by a case officer, each
// step with the date it really happened. Every deadline is judged by that date: none was missed, so nobody is
// reminded or told of a miss. The dates are counted back from today, never written.
describe('a matter entered after the fact, over HTTP', () => {
  it('a closed matter typed in with its real dates, every step in time: every deadline owed is met, both times are shown, and its outbox holds no reminder or escalation', async () => {
    const receivedOn = addCalendarDays(today(), -Math.round(9.2 * 365));
    const day = (n: number) => `${addCalendarDays(receivedOn, n)}T10:00:00Z`;
    const reference = `OLD-${randomUUID().slice(0, 8)}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] });
    expect(referred.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));

    const subject = `/matters/${reference}/subjects/pc-1`;
    const steps: [string, Record<string, unknown>, typeof AA][] = [
      [`${subject}/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: day(3) }, AA],
      [`${subject}/events`, { event: 'notice-of-investigation-served', occurredAt: day(6) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'representations-received', occurredAt: day(12) }, CASE_OFFICER],
      [`/matters/${reference}/events`, { event: 'timeliness-report-sent', occurredAt: day(350), note: 'the 12-month report' }, CASE_OFFICER],
      [`${subject}/events`, { event: 'investigator-report-submitted', occurredAt: day(420) }, CASE_OFFICER],
      [`/matters/${reference}/events`, { event: 'investigation-completed', occurredAt: day(420) }, CASE_OFFICER],
      [`${subject}/decisions`, { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: day(425) }, AA],
      [`${subject}/events`, { event: 'notice-of-referral-served', occurredAt: day(430) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'officer-response-received', occurredAt: day(440) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'documents-supplied-to-chair', occurredAt: day(441) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'proceedings-held', occurredAt: day(460) }, CASE_OFFICER],
      [`${subject}/decisions`, { decision: 'outcome', outcome: 'no-action', occurredAt: day(460) }, AA],
      [`${subject}/events`, { event: 'outcome-report-delivered', occurredAt: day(462) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'outcome-notified', occurredAt: day(463) }, CASE_OFFICER],
    ];
    for (const [path, body, who] of steps) {
      const res = await call('POST', path, body, who);
      expect([body.event ?? body.decision, res.status < 300 ? 'accepted' : res.body]).toEqual([body.event ?? body.decision, 'accepted']);
    }

    const matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.subjects[0]).toMatchObject({ stage: 'closed', outcome: 'no-action' });
    const all = [...matter.deadlines, ...matter.subjects[0].deadlines] as { key: string; status: string; settledAt: string | null }[];
    const byKey = Object.fromEntries(all.map((d) => [d.key, d]));
    for (const key of ['notice-of-investigation', 'representations', 'timeliness-report-1', 'case-to-answer-decision', 'officer-response', 'witness-lists', 'documents-to-chair', 'misconduct-meeting', 'outcome-report']) {
      expect({ key, status: byKey[key]?.status }).toEqual({ key, status: 'met' });
    }
    // When each step happened is shown beside its deadline, though all were typed in today.
    expect(byKey['notice-of-investigation'].settledAt).toBe(new Date(day(6)).toISOString());
    expect(all.filter((d) => d.status === 'missed' || d.status === 'open')).toEqual([]);

    const outbox = (await call('GET', `/matters/${reference}/outbox`)).body as { purpose: string }[];
    expect(outbox.filter((m) => ['reminder', 'escalation', 'timeliness-report-due'].includes(m.purpose))).toEqual([]);
    // The audit trail keeps both times: when it happened, and when it was recorded (today).
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; occurredAt: string; recordedAt: string }[];
    const served = audit.find((a) => a.action === 'event:notice-of-investigation-served')!;
    expect(new Date(served.occurredAt).toISOString()).toBe(new Date(day(6)).toISOString());
    expect(served.recordedAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });
});
