import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call } from '../support/api-client';
import { daysFromToday } from '../support/dates';

// Over HTTP: every decision says why it was made (400 naming the field otherwise; kept in the audit trail and shown with
// the decision in the matter), and a referral to reflective practice is a route with its report, actions, review and check.
describe('the rationale of decisions, and reflective practice, over HTTP', () => {
  async function referred(): Promise<{ reference: string; subject: string }> {
    const reference = `WHY-${randomUUID().slice(0, 8)}`;
    const res = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn: daysFromToday(-30), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] });
    expect(res.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    return { reference, subject: `/matters/${reference}/subjects/pc-1` };
  }
  const at = (days: number) => `${daysFromToday(days)}T10:00:00Z`;

  it('a decision without a rationale, or with a blank one, is refused with 400 naming the field; one with it is in the audit trail and the matter', async () => {
    const { reference, subject } = await referred();
    const body = { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'reflective-practice', occurredAt: at(-29) };
    for (const rationale of [undefined, '', '   ']) {
      const refused = await call('POST', `${subject}/decisions`, { ...body, rationale }, AA);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toMatch(/rationale is required/);
    }
    const why = 'a misjudged remark: practice requiring improvement, not misconduct';
    expect((await call('POST', `${subject}/decisions`, { ...body, rationale: why }, AA)).status).toBe(200);
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; details: Record<string, unknown> }[];
    expect(audit.filter((a) => a.action.startsWith('decision:'))).toEqual([expect.objectContaining({ action: 'decision:severity-assessment', details: expect.objectContaining({ rationale: why }) })]);
    const matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.subjects[0].decisions).toEqual([expect.objectContaining({ decision: 'severity-assessment', rationale: why, actor: AA.id, actorRole: 'appropriate-authority' })]);
    expect(matter.decisions).toEqual([]);
  });

  it('a referral to reflective practice shows its report due; the report agreed sets the actions, the review and the check within 12 months', async () => {
    const { reference, subject } = await referred();
    expect((await call('POST', `${subject}/decisions`, { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'reflective-practice', rationale: 'practice requiring improvement', occurredAt: at(-29) }, AA)).status).toBe(200);
    let matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.subjects[0]).toMatchObject({ stage: 'closed', closedBecause: 'reflective-practice', status: { reflectivePractice: { referredOn: daysFromToday(-29) } } });
    expect(matter.subjects[0].deadlines.map((d: { key: string }) => d.key)).toEqual(['reflective-review-report']);
    const noDates = await call('POST', `${subject}/events`, { event: 'reflective-review-report-agreed', occurredAt: at(-2) }, CASE_OFFICER);
    expect(noDates.status).toBe(400);
    expect(JSON.stringify(noDates.body)).toMatch(/actionsDueBy/);
    const agreed = await call('POST', `${subject}/events`, { event: 'reflective-review-report-agreed', actionsDueBy: daysFromToday(60), reviewOn: daysFromToday(90), occurredAt: at(-2) }, CASE_OFFICER);
    expect(agreed.status).toBe(200);
    matter = (await call('GET', `/matters/${reference}`)).body;
    const due = Object.fromEntries(matter.subjects[0].deadlines.filter((d: { status: string }) => d.status === 'open').map((d: { key: string; dueDate: string }) => [d.key, d.dueDate]));
    expect(due).toMatchObject({ 'reflective-practice-actions': daysFromToday(60), 'reflective-practice-review': daysFromToday(90) });
    expect(due['reflective-practice-check']).toBeDefined();
  });
});
