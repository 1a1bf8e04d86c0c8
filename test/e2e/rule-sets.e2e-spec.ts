import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call } from '../support/api-client';

// Over HTTP: the rule set a matter is under, shown by GET /matters/{ref}, and named in a 409 under the 2025 rules.
// The dates are those of the law (either side of 28 May 2025, SI 2025/558), both in the past.
describe('rule sets over HTTP', () => {
  async function meetingHeld(receivedOn: string): Promise<string> {
    const reference = `RS-${randomUUID().slice(0, 8)}`;
    const day = (n: number) => `${new Date(Date.parse(`${receivedOn}T10:00:00Z`) + n * 86_400_000).toISOString()}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] });
    expect(referred.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    const subject = `/matters/${reference}/subjects/pc-1`;
    const steps: [string, Record<string, unknown>, typeof AA][] = [
      [`${subject}/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: day(3) }, AA],
      [`${subject}/events`, { event: 'notice-of-investigation-served', occurredAt: day(6) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'investigator-report-submitted', occurredAt: day(60) }, CASE_OFFICER],
      [`${subject}/decisions`, { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: day(62) }, AA],
      [`${subject}/events`, { event: 'proceedings-held', occurredAt: day(80) }, CASE_OFFICER],
    ];
    for (const [path, body, who] of steps) {
      const res = await call('POST', path, body, who);
      expect([body.event ?? body.decision, res.status < 300 ? 'accepted' : res.body]).toEqual([body.event ?? body.decision, 'accepted']);
    }
    return reference;
  }

  it('a matter received in June 2025 shows the 2025 rules and why; no action after a finding of misconduct is refused with 409 naming the rule and the rule set', async () => {
    const reference = await meetingHeld('2025-06-16');
    const matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.ruleSet).toMatchObject({ ruleSet: 'rules-2025', rule: 'SI 2025/558 reg 64(1)', decidedBy: { date: '2025-06-16' } });
    const refused = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'outcome', outcome: 'no-action', finding: 'misconduct', occurredAt: '2025-09-05T10:00:00Z' }, AA);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'misconduct-finding-carries-disciplinary-action', ruleSet: 'rules-2025' });
  });

  it('a matter received in April 2025 shows the 2024 rules and accepts no action after a finding of misconduct', async () => {
    const reference = await meetingHeld('2025-04-15');
    expect((await call('GET', `/matters/${reference}`)).body.ruleSet).toMatchObject({ ruleSet: 'rules-2024' });
    const accepted = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'outcome', outcome: 'no-action', finding: 'misconduct', occurredAt: '2025-07-04T10:00:00Z' }, AA);
    expect(accepted.status).toBeLessThan(300);
  });

  async function formerOfficerAwaitingCaseToAnswer(receivedOn: string): Promise<{ subject: string; day: (n: number) => string }> {
    const reference = `FO-${randomUUID().slice(0, 8)}`;
    const day = (n: number) => `${new Date(Date.parse(`${receivedOn}T10:00:00Z`) + n * 86_400_000).toISOString()}`;
    expect((await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] })).status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    const subject = `/matters/${reference}/subjects/pc-1`;
    const steps: [string, Record<string, unknown>, typeof AA][] = [
      [`${subject}/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: day(3) }, AA],
      [`${subject}/events`, { event: 'notice-of-investigation-served', occurredAt: day(6) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'retired', allegationSummary: 'took cash seized as evidence', occurredAt: day(20) }, CASE_OFFICER],
      [`${subject}/events`, { event: 'investigator-report-submitted', occurredAt: day(60) }, CASE_OFFICER],
    ];
    for (const [path, body, who] of steps) {
      const res = await call('POST', path, body, who);
      expect([body.event ?? body.decision, res.status < 300 ? 'accepted' : res.body]).toEqual([body.event ?? body.decision, 'accepted']);
    }
    return { subject, day };
  }

  it("a former officer's choice of a misconduct hearing: 400 for a reason not in the regulations, 409 naming the rule and rule set under the 2024 rules, recorded and shown under the 2025 rules", async () => {
    const june = await formerOfficerAwaitingCaseToAnswer('2025-06-16');
    const choice = (day: (n: number) => string, misconductHearingBecause: string) => ({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', misconductHearingBecause, occurredAt: day(62) });
    const bad = await call('POST', `${june.subject}/decisions`, choice(june.day, 'preferred'), AA);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('misconductHearingBecause');
    const accepted = await call('POST', `${june.subject}/decisions`, choice(june.day, 'officer-chose-misconduct-hearing'), AA);
    expect(accepted.status).toBeLessThan(300);
    expect(accepted.body).toMatchObject({ stage: 'misconduct-hearing', misconductHearingBecause: 'officer-chose-misconduct-hearing' });

    const april = await formerOfficerAwaitingCaseToAnswer('2025-04-15');
    const refused = await call('POST', `${april.subject}/decisions`, choice(april.day, 'officer-chose-misconduct-hearing'), AA);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2024' });
  });

  it('GET /rules lists the rule sets oldest first with their dates and sources', async () => {
    const rules = (await call('GET', '/rules')).body;
    expect(rules.ruleSets.map((r: { id: string; inForce: string }) => [r.id, r.inForce])).toEqual([['rules-2020', '2020-02-01'], ['rules-2024', '2024-05-07'], ['rules-2025', '2025-05-28']]);
  });
});
