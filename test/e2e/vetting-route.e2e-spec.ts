import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call } from '../support/api-client';
import { WebClient, textOf } from '../support/web-client';

// Over HTTP: a referral under the Police (Vetting) Regulations 2025 from the severity assessment (CR reg 14(2)(aa), from
// 28 May 2025) carried to the withdrawal of clearance, the dismissal without notice and its barred-list report; and the
// same referral refused for a matter under the 2020 rules. The dates are those of the law, all in the past.
describe('the vetting referral route over HTTP', () => {
  const day = (from: string, n: number) => new Date(Date.parse(`${from}T10:00:00Z`) + n * 86_400_000).toISOString();

  async function referred(receivedOn: string): Promise<{ reference: string; subject: string }> {
    const reference = `VET-${randomUUID().slice(0, 8)}`;
    const res = await call('POST', '/matters', {
      reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn,
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: 'W-7710', name: 'Pat Constable', dateOfBirth: '1985-04-02' }],
    });
    expect(res.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    return { reference, subject: `/matters/${reference}/subjects/pc-1` };
  }

  it('a subject assessed in June 2025 and referred under the Vetting Regulations: notice, representations, clearance withdrawn, dismissed without notice and reported to the barred list', async () => {
    const { reference, subject } = await referred('2025-06-16');
    const assessed = await call('POST', `${subject}/decisions`, {
      decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral',
      rationale: 'not misconduct, but it calls into question whether the officer can hold vetting clearance', occurredAt: day('2025-06-16', 3),
    }, AA);
    expect(assessed.status).toBe(200);
    let pc = (await call('GET', `/matters/${reference}`)).body.subjects[0];
    expect(pc).toMatchObject({ stage: 'closed', closedBecause: 'vetting-referral', status: { vetting: { referredOn: '2025-06-19' } } });

    // Withdrawal before the officer was told of the assessment is refused, naming the rule.
    const early = await call('POST', `${subject}/events`, { event: 'vetting-clearance-withdrawn', occurredAt: day('2025-06-16', 10) }, CASE_OFFICER);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ rule: 'vetting-notice-first', regulation: 'SI 2025/502 Part 3' });

    for (const [event, n] of [['vetting-withdrawal-notice-served', 10], ['vetting-representations-received', 20]] as const) {
      const res = await call('POST', `${subject}/events`, { event, occurredAt: day('2025-06-16', n) }, CASE_OFFICER);
      expect([event, res.status]).toEqual([event, 200]);
    }
    const withdrawn = await call('POST', `${subject}/events`, {
      event: 'vetting-clearance-withdrawn', occurredAt: day('2025-06-16', 30),
      conduct: 'Undeclared association with a person convicted of supplying drugs', standardsBreached: ['honesty-and-integrity'], publicationExemption: { requested: false },
    }, CASE_OFFICER);
    expect(withdrawn.status).toBe(200);
    pc = (await call('GET', `/matters/${reference}`)).body.subjects[0];
    expect(pc.status.vetting).toMatchObject({ result: 'clearance-withdrawn', dismissedOn: '2025-07-16' });
    expect(pc.deadlines.filter((d: { status: string }) => d.status !== 'cancelled').map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['barred-list-report', 'vetting-appeal']));

    const outbox = (await call('GET', `/matters/${reference}/outbox`)).body as { purpose: string; recipient: string; payload?: Record<string, unknown> }[];
    const reports = outbox.filter((m) => m.purpose === 'barred-list-report');
    expect(reports).toEqual([expect.objectContaining({ recipient: 'college-of-policing' })]);
    // The matter's outbox leaves out a list report's personal fields; the rest says what was reported and why.
    expect(reports[0].payload).toMatchObject({ outcome: 'dismissal-without-notice', decidedOn: '2025-07-16', rank: 'PC', warrantNumber: 'W-7710', dismissedUnder: 'Police (Vetting) Regulations 2025 (SI 2025/502)' });
    expect(JSON.stringify(reports[0].payload)).not.toContain('Pat Constable');
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['decision:severity-assessment', 'event:vetting-clearance-withdrawn', 'dismissed-without-notice']));
  });

  it('a matter under the 2020 rules is refused the referral with 409 naming the rule and the rule set, and nothing is recorded', async () => {
    const { reference, subject } = await referred('2023-03-01');
    const refused = await call('POST', `${subject}/decisions`, { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', rationale: 'unsuitable to hold clearance', occurredAt: day('2023-03-01', 3) }, AA);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ rule: 'vetting-referral-rule-set', regulation: 'CR reg 14(2)(aa) (SI 2025/558 reg 9)', ruleSet: 'rules-2020' });
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string }[];
    expect(audit.filter((a) => a.action.startsWith('decision:'))).toEqual([]);
    expect((await call('GET', `/matters/${reference}`)).body.subjects[0]).toMatchObject({ stage: 'severity-assessment' });
  });

  it('on the web, a case officer is offered the route\'s steps on the matter page, and the withdrawal\'s question page asks for the barred-list report\'s details', async () => {
    const { reference, subject } = await referred('2025-06-16');
    expect((await call('POST', `${subject}/decisions`, { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', rationale: 'suitability to hold clearance', occurredAt: day('2025-06-16', 3) }, AA)).status).toBe(200);
    const co = new WebClient();
    await co.signIn({ ...CASE_OFFICER, id: 'co-web-vetting', name: 'co-web-vetting' });
    const page = await co.get(`/matter/${reference}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const words of ['Notice of the vetting withdrawal assessment', 'Withdrawal of vetting clearance', 'Decision to keep vetting clearance']) expect(text).toContain(words);
    const question = await co.get(`/matter/${reference}/act/event-vetting-clearance-withdrawn?subject=pc-1`);
    expect(question.status).toBe(200);
    expect(textOf(question.html)).toContain('Why clearance was withdrawn (optional)');
  });

  it('GET /rules shows the referral under the 2025 rules only, and the vetting periods as unconfirmed', async () => {
    const rules = (await call('GET', '/rules')).body;
    expect(rules.ruleSets.map((r: { id: string; routing: { vettingReferral: boolean } }) => [r.id, r.routing.vettingReferral])).toEqual([['rules-2020', false], ['rules-2024', false], ['rules-2025', true]]);
    expect(rules.deadlines.filter((r: { id: string }) => r.id.startsWith('vetting')).map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['vettingRepresentations', 'U'], ['vettingAppeal', 'U'], ['vettingPatAppeal', 'U'],
    ]);
  });
});
