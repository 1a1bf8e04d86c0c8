import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, nowIso, today, type Who } from '../support/api-client';
import { waitFor } from '../support/wait-for';

/**
 * Over HTTP on the whole stack: a complaint referred with two allegations against two officers, a third added later,
 * the decisions naming the allegations they concern, findings recorded with an outcome (and afresh by an appeal
 * allowed), and both returns carrying them; bad allegation input refused with the field named and nothing recorded.
 */
describe('allegations with their IOPC categories, over HTTP on the real stack', () => {
  const run = randomUUID().slice(0, 8);
  const reference = `ALG-${run}`;
  const subjects = [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }, { subjectId: 'pc-2', kind: 'police-officer', rank: 'Sgt' }];
  const pushed = { id: 'a1', alleged: 'pushed the complainant against a wall during the arrest', subjectIds: ['pc-1', 'pc-2'], category: 'B4', standards: ['use-of-force'] };
  const swore = { id: 'a2', alleged: 'swore at the complainant', subjectIds: ['pc-2'], category: 'C1', standards: ['authority-respect-and-courtesy'] };
  const refer = (ref: string, allegations: unknown[]) =>
    call('POST', '/matters', { reference: ref, kind: 'complaint', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects, allegations });
  const step = async (subjectId: string, kind: string, body: Record<string, unknown>, who: Who) => {
    const res = await call('POST', `/matters/${reference}/subjects/${subjectId}/${kind}`, { ...body, occurredAt: nowIso() }, who);
    expect({ step: body, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ step: body, status: 200, body: undefined });
  };

  it('a referral with an allegation in a category the IOPC does not have, or against someone not a subject, is refused (400) naming the field; nothing is recorded', async () => {
    const ref = `ALG-BAD-${run}`;
    const unknown = await refer(ref, [pushed, { ...swore, category: 'Z9' }]);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('allegations.1.category');
    const stranger = await refer(ref, [{ ...pushed, subjectIds: ['pc-9'] }]);
    expect(stranger.status).toBe(400);
    expect(stranger.body).toMatchObject({ field: 'allegations[0].subjectIds', rule: 'allegation-against-subjects' });
    expect((await call('GET', `/matters/${ref}`)).status).toBe(404);
  });

  it('a complaint referred with two allegations against two officers shows them on the matter, with a third added later', async () => {
    expect((await refer(reference, [pushed, swore])).status).toBe(201);
    const added = { id: 'a3', alleged: 'gave a false account in the arrest statement', subjectIds: ['pc-1'], category: 'H1', standards: ['honesty-and-integrity'] };
    const refused = await call('POST', `/matters/${reference}/events`, { event: 'allegation-added', allegation: { ...added, category: 'Z9' }, occurredAt: nowIso() });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('allegation.category');
    const reused = await call('POST', `/matters/${reference}/events`, { event: 'allegation-added', allegation: { ...added, id: 'a1' }, occurredAt: nowIso() });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ field: 'allegation.id', rule: 'allegation-id-unique' });
    expect((await call('POST', `/matters/${reference}/events`, { event: 'allegation-added', allegation: added, occurredAt: nowIso() })).status).toBe(200);
    const matter = (await call('GET', `/matters/${reference}`)).body;
    expect(matter.allegations.map((a: { id: string; category: string; subjectIds: string[] }) => [a.id, a.category, a.subjectIds])).toEqual([
      ['a1', 'B4', ['pc-1', 'pc-2']],
      ['a2', 'C1', ['pc-2']],
      ['a3', 'H1', ['pc-1']],
    ]);
    const trail = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; details: Record<string, unknown> }[];
    expect(trail.find((a) => a.action === 'matter-referred')?.details.allegations).toEqual([pushed, swore]);
    expect(trail.filter((a) => a.action === 'event:allegation-added').map((a) => (a.details.allegation as { id: string }).id)).toEqual(['a3']);
  });

  it('decisions name the allegations they concern; one not of the matter, or not against the subject, is refused (400) naming the field', async () => {
    await waitFor(async () => (await call('GET', `/matters/${reference}`)).body.subjects?.length === 2);
    const unknown = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', allegations: ['a1', 'a9'], occurredAt: nowIso() }, AA);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'allegations[1]', rule: 'allegation-known' });
    const misplaced = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'withdrawal', route: 'no-further-action', reason: 'no longer believed', allegations: ['a1'], occurredAt: nowIso() }, AA);
    expect(misplaced.status).toBe(400);
    expect(misplaced.body).toMatchObject({ field: 'allegations', rule: 'allegations-named-by' });
    const notHis = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', allegations: ['a2'], occurredAt: nowIso() }, AA);
    expect(notHis.body).toMatchObject({ field: 'allegations[0]', rule: 'allegation-against-subject' });
    await step('pc-1', 'decisions', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', allegations: ['a1', 'a3'] }, AA);
    for (const event of ['notice-of-investigation-served', 'interview-held', 'investigator-report-submitted']) await step('pc-1', 'events', { event }, CASE_OFFICER);
    await step('pc-1', 'decisions', { decision: 'case-to-answer', caseToAnswer: 'misconduct', allegations: ['a3'] }, AA);
    await step('pc-1', 'events', { event: 'notice-of-referral-served' }, CASE_OFFICER);
    await step('pc-1', 'events', { event: 'proceedings-held' }, CASE_OFFICER);
    const badFinding = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'outcome', outcome: 'written-warning', finding: 'misconduct', allegationFindings: [{ allegationId: 'a2', finding: 'misconduct' }], occurredAt: nowIso() }, CASE_OFFICER);
    expect(badFinding.body).toMatchObject({ field: 'allegationFindings[0].allegationId', rule: 'allegation-against-subject' });
  });

  it('an outcome records the finding on each allegation, shown on the matter and carried into both returns', async () => {
    await step('pc-1', 'decisions', { decision: 'outcome', outcome: 'written-warning', finding: 'misconduct', allegationFindings: [{ allegationId: 'a1', finding: 'neither' }, { allegationId: 'a3', finding: 'misconduct' }] }, CASE_OFFICER);
    const a3 = (await call('GET', `/matters/${reference}`)).body.allegations.find((a: { id: string }) => a.id === 'a3');
    expect(a3.findings).toEqual([{ subjectId: 'pc-1', finding: 'misconduct', findingOn: today() }]);

    const period = `from=${today()}&to=${today()}`;
    const homeOffice = await call('GET', `/reports/returns/home-office-misconduct?${period}`, undefined, AA);
    expect(homeOffice.status).toBe(200);
    const mine = (homeOffice.body as string).split('\r\n').filter((l) => l.includes(`,${reference},`));
    expect(mine).toEqual([`e2e-force,${reference},complaint,${today()},pc-1,police-officer,PC,misconduct,misconduct,misconduct-meeting,${today()},misconduct,written-warning,${today()},0,no,no,,,,,,2,B4;H1,honesty-and-integrity;use-of-force,1,1,not-recorded,not-recorded,not-recorded`]);

    const iopc = await call('GET', `/reports/returns/iopc-complaints?${period}`, undefined, AA);
    const lines = (iopc.body as string).split('\r\n').filter((l) => l.includes(`,${reference},`)).map((l) => l.split(`,${reference},${today()},local,`)[1]);
    expect(lines).toEqual([
      'a1,B,"Police powers, policies and procedures",B4,Use of force,pc-1,neither,' + `${today()},0`,
      'a1,B,"Police powers, policies and procedures",B4,Use of force,pc-2,,,',
      'a2,C,Individual behaviours,C1,Impolite language or tone,pc-2,,,',
      'a3,H,Other,H1,Other,pc-1,misconduct,' + `${today()},0`,
    ]);
    const byCategory = await call('GET', `/reports/returns/iopc-complaints/by-category?${period}`, undefined, AA);
    expect(byCategory.status).toBe(200);
    expect((byCategory.body as string).split('\r\n')[0]).toBe('category_group,category,category_name,allegations,allegations_finalised,mean_working_days_to_finalise');
    expect(byCategory.body).toMatch(/\r\nH,H1,Other,\d+,\d+,/);
    const backwards = await call('GET', `/reports/returns/iopc-complaints?from=${today()}&to=2020-01-01`, undefined, AA);
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ field: 'to' });
  });

  it('an appeal allowed finds on the allegations afresh, replacing the outcome’s findings; one dismissed may not (400), and the Home Office return shows the appeal', async () => {
    await step('pc-1', 'events', { event: 'outcome-notified' }, CASE_OFFICER);
    await step('pc-1', 'events', { event: 'appeal-lodged' }, CASE_OFFICER);
    const dismissed = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'appeal-determination', result: 'dismissed', allegationFindings: [{ allegationId: 'a3', finding: 'neither' }], occurredAt: nowIso() }, CASE_OFFICER);
    expect(dismissed.status).toBe(400);
    expect(dismissed.body).toMatchObject({ field: 'allegationFindings', rule: 'allegation-findings-with-outcome', regulation: 'CR reg 41(15) / CR reg 47' });
    const notHis = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'appeal-determination', result: 'allowed', allegationFindings: [{ allegationId: 'a2', finding: 'neither' }], occurredAt: nowIso() }, CASE_OFFICER);
    expect(notHis.body).toMatchObject({ field: 'allegationFindings[0].allegationId', rule: 'allegation-against-subject' });
    await step('pc-1', 'decisions', { decision: 'appeal-determination', result: 'allowed', substitutedOutcome: 'no-action', allegationFindings: [{ allegationId: 'a3', finding: 'neither' }] }, CASE_OFFICER);

    await waitFor(async () => (await call('GET', `/matters/${reference}`)).body.allegations.find((a: { id: string }) => a.id === 'a3').findings[0].finding === 'neither');
    const a1 = (await call('GET', `/matters/${reference}`)).body.allegations.find((a: { id: string }) => a.id === 'a1');
    expect(a1.findings.find((f: { subjectId: string }) => f.subjectId === 'pc-1')).toEqual({ subjectId: 'pc-1', finding: 'neither', findingOn: today() });
    const trail = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; details: Record<string, unknown> }[];
    expect(trail.find((a) => a.action === 'decision:appeal-determination')?.details.allegationFindings).toEqual([{ allegationId: 'a3', finding: 'neither' }]);

    const homeOffice = await call('GET', `/reports/returns/home-office-misconduct?from=${today()}&to=${today()}`, undefined, AA);
    const mine = (homeOffice.body as string).split('\r\n').filter((l) => l.includes(`,${reference},`));
    expect(mine).toEqual([`e2e-force,${reference},complaint,${today()},pc-1,police-officer,PC,misconduct,misconduct,misconduct-meeting,${today()},misconduct,written-warning,${today()},0,no,no,appeal-meeting,${today()},allowed,${today()},no-action,2,B4;H1,honesty-and-integrity;use-of-force,0,2,not-recorded,not-recorded,not-recorded`]);
  });
});
