import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, nowIso, today } from '../support/api-client';
import { waitFor } from '../support/wait-for';

/** Over HTTP, on the whole stack: refer → assess → investigate → report → case to answer → meeting → outcome → closed. */
describe('the walking skeleton, over HTTP on the real stack', () => {
  const reference = `SKEL-${randomUUID().slice(0, 8)}`;
  const subject = `/matters/${reference}/subjects/pc-1`;

  it('refers a conduct matter with one subject officer', async () => {
    const res = await call('POST', '/matters', {
      reference,
      kind: 'conduct-matter',
      forceId: 'e2e-force',
      appropriateAuthority: 'Chief Constable of E2E',
      receivedOn: today(),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: 'E2E-1' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reference, stage: 'investigation', modeOfInvestigation: 'local' });
    const matter = await call('GET', `/matters/${reference}`);
    expect(matter.status).toBe(200);
    expect(matter.body.stage).toBe('investigation');
  });

  it('refuses to refer the same reference twice', async () => {
    const res = await call('POST', '/matters', {
      reference,
      kind: 'conduct-matter',
      forceId: 'e2e-force',
      appropriateAuthority: 'Chief Constable of E2E',
      receivedOn: today(),
      subjects: [{ subjectId: 'pc-9', kind: 'police-officer' }],
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already exists/);
  });

  it('refuses a case-to-answer decision before the severity assessment, naming the rule, and records nothing', async () => {
    await waitFor(async () => (await call('GET', `/matters/${reference}`)).body.subjects?.length === 1);
    const auditBefore = await call('GET', `/matters/${reference}/audit`);
    const res = await call('POST', `${subject}/decisions`, { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: nowIso() }, AA);
    expect(res.status).toBe(409);
    expect(res.body.rule).toBe('case-to-answer-after-report');
    expect(res.body.regulation).toMatch(/CR reg 23/);
    expect((await call('GET', `/matters/${reference}/audit`)).body).toEqual(auditBefore.body);
  });

  it('carries the subject from severity assessment to a written warning and closes the matter', async () => {
    const steps: [string, Record<string, unknown>, typeof AA][] = [
      ['decisions', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting' }, AA],
      ['events', { event: 'notice-of-investigation-served' }, CASE_OFFICER],
      ['events', { event: 'interview-held' }, CASE_OFFICER],
      ['events', { event: 'investigator-report-submitted' }, CASE_OFFICER],
      ['decisions', { decision: 'case-to-answer', caseToAnswer: 'misconduct' }, AA],
      ['events', { event: 'notice-of-referral-served' }, CASE_OFFICER],
      ['events', { event: 'proceedings-held' }, CASE_OFFICER],
      ['decisions', { decision: 'outcome', outcome: 'written-warning' }, CASE_OFFICER],
      ['events', { event: 'outcome-notified' }, CASE_OFFICER],
      ['events', { event: 'appeal-lodged' }, CASE_OFFICER],
      ['decisions', { decision: 'appeal-determination', result: 'dismissed' }, CASE_OFFICER],
    ];
    for (const [kind, body, who] of steps) {
      const res = await call('POST', `${subject}/${kind}`, { ...body, occurredAt: nowIso() }, who);
      expect({ step: body, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ step: body, status: 200, body: undefined });
    }
    await waitFor(async () => (await call('GET', `/matters/${reference}`)).body.stage === 'closed');
    const matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.subjects[0]).toMatchObject({ subjectId: 'pc-1', stage: 'closed', outcome: 'written-warning', closedBecause: 'outcome' });
  });

  it('has every step in the append-only audit trail, with who, when and the regulation', async () => {
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; actor: string; regulation: string | null }[];
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'matter-referred',
        'subject-referred',
        'decision:severity-assessment',
        'event:notice-of-investigation-served',
        'event:investigator-report-submitted',
        'decision:case-to-answer',
        'event:proceedings-held',
        'decision:outcome',
        'decision:appeal-determination',
        'matter-closed',
      ]),
    );
    expect(audit.find((a) => a.action === 'decision:severity-assessment')).toMatchObject({ actor: AA.id, regulation: 'CR reg 14 / CMR reg 16' });
  });
});
