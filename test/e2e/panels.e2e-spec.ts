import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call } from '../support/api-client';

// Over HTTP: panels and chairs (SI 2024/521, either side of 7 May 2024, both in the past) and the investigator (CR reg 15(3)).
describe('panels and the investigator over HTTP', () => {
  const delegated = { chair: { id: 'acc-1', name: 'ACC Example', role: 'senior-officer', rank: 'ACC' }, independentMembers: [{ id: 'im-1' }, { id: 'im-2' }], legallyQualifiedAdviser: { id: 'lqa-1' } };

  async function referredToHearing(receivedOn: string, subject: Record<string, unknown> = {}): Promise<{ reference: string; day: (n: number) => string }> {
    const reference = `PNL-${randomUUID().slice(0, 8)}`;
    const day = (n: number) => `${new Date(Date.parse(`${receivedOn}T10:00:00Z`) + n * 86_400_000).toISOString()}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', ...subject }] });
    expect(referred.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    const path = `/matters/${reference}/subjects/pc-1`;
    const steps: [string, Record<string, unknown>, typeof AA][] = [
      [`${path}/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: day(3) }, AA],
      [`${path}/events`, { event: 'notice-of-investigation-served', occurredAt: day(6) }, CASE_OFFICER],
      [`${path}/events`, { event: 'investigator-report-submitted', occurredAt: day(60) }, CASE_OFFICER],
      [`${path}/decisions`, { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: day(62) }, AA],
      [`${path}/events`, { event: 'notice-of-referral-served', occurredAt: day(64) }, CASE_OFFICER],
    ];
    for (const [p, body, who] of steps) {
      const res = await call('POST', p, body, who);
      expect([body.event ?? body.decision, res.status < 300 ? 'accepted' : res.body]).toEqual([body.event ?? body.decision, 'accepted']);
    }
    return { reference, day };
  }

  it("a delegated chair with two independent members and an adviser is refused with 409 naming the rule and the rule set for a matter received on 6 May 2024, and accepted for one received on 7 May 2024, shown on the subject", async () => {
    const before = await referredToHearing('2024-05-06');
    const refused = await call('POST', `/matters/${before.reference}/subjects/pc-1/events`, { event: 'panel-appointed', panel: delegated, occurredAt: before.day(70) }, AA);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'panel-chair-role', ruleSet: 'rules-2020' });

    const after = await referredToHearing('2024-05-07');
    const accepted = await call('POST', `/matters/${after.reference}/subjects/pc-1/events`, { event: 'panel-appointed', panel: delegated, occurredAt: after.day(70) }, AA);
    expect(accepted.status).toBe(200);
    const matter = (await call('GET', `/matters/${after.reference}`)).body;
    expect(matter.subjects[0].status.panel).toMatchObject({ ruleSet: 'rules-2024', panel: { chair: { id: 'acc-1' } } });
  });

  it('a panel without its chair, or an unknown chair role, is 400 naming the field', async () => {
    const { reference, day } = await referredToHearing('2024-05-07');
    const noPanel = await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'panel-appointed', occurredAt: day(70) }, AA);
    expect(noPanel.status).toBe(400);
    expect(JSON.stringify(noPanel.body)).toMatch(/panel/);
    const badRole = await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'panel-appointed', panel: { ...delegated, chair: { id: 'x', role: 'mayor' } }, occurredAt: day(70) }, AA);
    expect(badRole.status).toBe(400);
    expect(JSON.stringify(badRole.body)).toMatch(/role/);
  });

  it('an investigator who works under the officer concerned is 409 naming CR reg 15(3); an independent one is shown on the matter', async () => {
    const { reference, day } = await referredToHearing('2025-06-16', { unit: 'Response 3', lineManagers: ['insp-4'] });
    const refused = await call('POST', `/matters/${reference}/events`, { event: 'investigator-appointed', investigator: { id: 'pc-9', lineManagers: ['pc-1'] }, occurredAt: day(5) }, AA);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'investigator-not-managed-by-subject', regulation: 'CR reg 15(3)' });
    const accepted = await call('POST', `/matters/${reference}/events`, { event: 'investigator-appointed', investigator: { id: 'ds-7', unit: 'PSD' }, occurredAt: day(5) }, AA);
    expect(accepted.status).toBe(200);
    const matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.investigator).toMatchObject({ investigator: { id: 'ds-7', unit: 'PSD' }, independent: true, regulation: 'CR reg 15(3)' });
  });
});
