import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, Who, call, nowIso, today } from '../support/api-client';

const referral = (reference: string, extra: Record<string, unknown> = {}) => ({
  reference,
  kind: 'conduct-matter',
  forceId: 'e2e-force',
  appropriateAuthority: 'Chief Constable',
  receivedOn: today(),
  subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }],
  ...extra,
});

async function referred(extra: Record<string, unknown> = {}, who: Who = CASE_OFFICER): Promise<string> {
  const reference = `API-${randomUUID().slice(0, 8)}`;
  const body = referral(reference, extra);
  const res = await call('POST', '/matters', body, who);
  expect(res.status).toBe(201);
  // The subjects' own workflows write their rows a moment after the matter's.
  for (let i = 0; i < 100; i++) {
    if ((await call('GET', `/matters/${reference}`, undefined, who)).body.subjects?.length === body.subjects.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return reference;
}

describe('clear errors, over HTTP', () => {
  it('400 names each bad field, and nothing is started', async () => {
    const reference = `BAD-${randomUUID().slice(0, 8)}`;
    const res = await call('POST', '/matters', { ...referral(reference), kind: 'parking-ticket', receivedOn: '2020-02-30', subjects: [] });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.body.message);
    expect(text).toMatch(/kind/);
    expect(text).toMatch(/receivedOn/);
    expect(text).toMatch(/subjects/);
    expect((await call('GET', `/matters/${reference}`)).status).toBe(404);
  });

  it('400 for unknown fields, malformed JSON, wrong types and dates in the future', async () => {
    const reference = `BAD-${randomUUID().slice(0, 8)}`;
    expect((await call('POST', '/matters', { ...referral(reference), secret: 1 })).status).toBe(400);
    expect((await call('POST', '/matters', '{"reference": "x",')).status).toBe(400);
    expect((await call('POST', '/matters', { ...referral(reference), subjects: 'pc-1' })).status).toBe(400);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await call('POST', '/matters', { ...referral(reference), receivedOn: tomorrow })).status).toBe(400);
    const existing = await referred();
    const future = await call('POST', `/matters/${existing}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, AA);
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body.message)).toMatch(/occurredAt/);
  });

  it('401 without a valid token, 403 naming the roles that may decide, 404 for what does not exist', async () => {
    const reference = await referred();
    expect((await call('POST', '/matters', referral(`X-${randomUUID().slice(0, 8)}`), null)).status).toBe(401);
    expect((await call('GET', `/matters/${reference}`, undefined, null, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const forbidden = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: nowIso() }, { id: 'someone', role: 'oversight' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/appropriate-authority/);
    expect((await call('GET', '/matters/NO-SUCH-MATTER')).status).toBe(404);
    expect((await call('POST', `/matters/${reference}/subjects/nobody/events`, { event: 'suspended', occurredAt: nowIso() })).status).toBe(404);
  });

  it('409 names the rule and its regulation when an event is not allowed at the stage', async () => {
    const reference = await referred();
    await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: nowIso() }, AA);
    const res = await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'interview-held', occurredAt: nowIso() });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ rule: 'no-interview-before-notice', regulation: 'CR reg 20' });
  });

  it('a retried referral with the same Idempotency-Key is answered with the matter it created; without it, refused', async () => {
    const reference = `IDEM-${randomUUID().slice(0, 8)}`;
    const first = await call('POST', '/matters', referral(reference), CASE_OFFICER, { 'idempotency-key': `refer-${reference}` });
    const retry = await call('POST', '/matters', referral(reference), CASE_OFFICER, { 'idempotency-key': `refer-${reference}` });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.reference).toBe(reference);
    expect((await call('POST', '/matters', referral(reference), CASE_OFFICER, { 'idempotency-key': 'another' })).status).toBe(409);
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string }[];
    expect(audit.filter((a) => a.action === 'matter-referred')).toHaveLength(1);
  });

  it('a retried command with the same Idempotency-Key acts once', async () => {
    const reference = await referred();
    const body = { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: nowIso() };
    const first = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, body, AA, { 'idempotency-key': 'retry-1' });
    const second = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, body, AA, { 'idempotency-key': 'retry-1' });
    expect([first.status, second.status]).toEqual([200, 200]);
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string }[];
    expect(audit.filter((a) => a.action === 'decision:severity-assessment')).toHaveLength(1);
  });

  it('the same command sent twice at once with one Idempotency-Key acts once: both answered alike, one audit line', async () => {
    const reference = await referred();
    const body = { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: nowIso() };
    const [a, b] = await Promise.all([1, 2].map(() => call('POST', `/matters/${reference}/subjects/pc-1/decisions`, body, AA, { 'idempotency-key': `race-${reference}` })));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.revision).toBe(b.body.revision);
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string }[];
    expect(audit.filter((x) => x.action === 'decision:severity-assessment')).toHaveLength(1);
  });
});

describe('the rest of the lifecycle is reachable over HTTP', () => {
  it('a matter that must go to the IOPC waits for the Director General’s mode of investigation', async () => {
    const reference = await referred({ kind: 'recordable-conduct-matter', recordableCategories: ['serious-assault'] });
    expect((await call('GET', `/matters/${reference}`)).body).toMatchObject({ stage: 'awaiting-mode-of-investigation', iopcReferralRequired: true });
    const iopc = { id: 'iopc-dg', role: 'oversight', force: 'iopc', forces: ['*'] };
    expect((await call('POST', `/matters/${reference}/decisions`, { decision: 'mode-of-investigation', mode: 'directed', occurredAt: nowIso() }, iopc)).status).toBe(200);
    const again = await call('POST', `/matters/${reference}/decisions`, { decision: 'mode-of-investigation', mode: 'local', occurredAt: nowIso() }, iopc);
    expect(again.status).toBe(409);
    expect(again.body.regulation).toBe('Sch3 para 15');
    expect((await call('GET', `/matters/${reference}`)).body.modeOfInvestigation).toBe('directed');
  });

  it('a complaint no category requires to be referred may be referred voluntarily (PRA 2002 Sch 3 para 4(2)); the Director General then decides the mode', async () => {
    const reference = await referred({ kind: 'complaint' });
    expect((await call('GET', `/matters/${reference}`)).body).toMatchObject({ stage: 'investigation', iopcReferralRequired: false });
    const referral = await call('POST', `/matters/${reference}/events`, { event: 'referred-to-iopc', note: 'the gravity of the allegation', occurredAt: nowIso() });
    expect(referral.status).toBe(200);
    expect(referral.body).toMatchObject({ stage: 'awaiting-mode-of-investigation', referredToIopcVoluntarily: true, modeOfInvestigation: null });
    const iopc = { id: 'iopc-dg', role: 'oversight', force: 'iopc', forces: ['*'] };
    expect((await call('POST', `/matters/${reference}/decisions`, { decision: 'mode-of-investigation', mode: 'independent', occurredAt: nowIso() }, iopc)).status).toBe(200);
    expect((await call('GET', `/matters/${reference}`)).body).toMatchObject({ stage: 'investigation', modeOfInvestigation: 'independent' });
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; regulation: string | null }[];
    expect(audit.find((x) => x.action === 'event:referred-to-iopc')?.regulation).toBe('PRA 2002 Sch 3 para 4(2)');
  });

  it('searches by force, stage, warrant number and deadlines due', async () => {
    const force = `search-${randomUUID().slice(0, 6)}`;
    const who = { id: 'co-search', role: 'case-officer', force };
    const reference = await referred({ forceId: force, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', warrantNumber: `W-${force}` }] }, who);
    const search = async (q: string) => (await call('GET', `/matters?${q}`, undefined, who)).body;
    expect(await search('total=true')).toMatchObject({ total: 1, next: null, items: [{ reference }] });
    expect(await search('')).not.toHaveProperty('total');
    expect((await search(`warrantNumber=W-${force}`)).items.map((i: { reference: string }) => i.reference)).toEqual([reference]);
    expect((await search('stage=severity-assessment&total=true')).total).toBe(1);
    expect((await search('stage=misconduct-hearing&total=true')).total).toBe(0);
    expect((await search('dueWithinDays=400&total=true')).total).toBe(1);
    expect((await search('overdue=true&total=true')).total).toBe(0);
    expect((await call('GET', `/matters?limit=0`)).status).toBe(400);
  });

  it('pages newest first by cursor: every matter once, in order; a bad cursor, or a cursor with an offset, is refused', async () => {
    const force = `pages-${randomUUID().slice(0, 6)}`;
    const who = { id: 'co-pages', role: 'case-officer', force };
    const receivedOn = ['2024-03-01', '2024-03-02', '2024-03-02', '2024-03-02', '2024-03-05'];
    const references: string[] = [];
    for (const day of receivedOn) references.push(await referred({ forceId: force, receivedOn: day }, who));
    const seen: { reference: string; receivedOn: string }[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { reference: string; receivedOn: string }[]; next: string | null } } = await call('GET', `/matters?limit=2${next ? `&after=${next}` : ''}`, undefined, who);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      next = res.body.next;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((m) => m.reference).sort()).toEqual([...references].sort());
    const order = seen.map((m) => `${m.receivedOn}|${m.reference}`);
    expect(order).toEqual([...order].sort().reverse());
    const bad = await call('GET', `/matters?after=not-a-cursor`, undefined, who);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('after');
    const first = (await call('GET', `/matters?limit=2`, undefined, who)).body;
    const both = await call('GET', `/matters?limit=2&offset=2&after=${first.next}`, undefined, who);
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toMatch(/after and offset/);
  });

  it('an IOPC recommendation made on 20 January 2022 has its response due on 17 March 2022', async () => {
    const reference = `REC-${randomUUID().slice(0, 8)}`;
    const iopc = { id: 'iopc', role: 'oversight', force: 'iopc', forces: ['*'] };
    const made = await call('POST', '/recommendations', { reference, matterReference: 'MPS-2020-0623', forceId: 'e2e-force', recipient: 'Commissioner', madeOn: '2022-01-20', text: 'Training' }, iopc);
    expect(made.status).toBe(201);
    expect(made.body.deadlines[0]).toMatchObject({ ruleId: 'recommendationResponse', dueDate: '2022-03-17', regulation: expect.stringMatching(/28B/) });
    const response = await call('POST', `/recommendations/${reference}/response`, { accepted: true, summary: 'accepted', occurredAt: '2022-03-10T10:00:00Z' }, AA);
    expect(response.status).toBe(200);
    expect(response.body.stage).toBe('awaiting-publication');
    expect((await call('POST', `/recommendations/${reference}/publication`, { occurredAt: '2022-03-25T10:00:00Z' }, iopc)).body.stage).toBe('published');
    expect((await call('POST', `/recommendations/${reference}/response`, { accepted: false, summary: 'x', occurredAt: nowIso() }, AA)).status).toBe(409);
  });

  it('publishes the rules in force and the OpenAPI contract', async () => {
    const rules = (await call('GET', '/rules')).body;
    expect(rules.deadlines.find((r: { id: string }) => r.id === 'barredListReport')).toMatchObject({ length: 5, unit: 'working-days', status: 'C' });
    const spec = (await call('GET', '/docs-json')).body;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/matters', '/matters/{reference}/subjects/{subjectId}/decisions', '/recommendations', '/health', '/rules']));
    expect((await call('GET', '/health')).body).toEqual({ status: 'ok', checks: { database: 'up', temporal: 'up' } });
    const traced = await fetch(`${process.env.E2E_API_URL}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(traced.headers.get('x-request-id')).toBe('trace-123');
  });
});

describe('case officers record events on every track', () => {
  it('a resignation during the investigation queues one advisory-list report', async () => {
    const reference = await referred();
    await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: nowIso() }, AA);
    const res = await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'resigned', occurredAt: nowIso() }, CASE_OFFICER);
    expect(res.status).toBe(200);
    const outbox = (await call('GET', `/matters/${reference}/outbox`)).body as { purpose: string; recipient: string }[];
    expect(outbox.filter((m) => m.purpose === 'advisory-list-report')).toEqual([expect.objectContaining({ recipient: 'college-of-policing' })]);
  });

  it('an officer placed on restricted duties, then redeployed, shows so in GET /matters/{ref}, with no suspension review (CR reg 11(4)(a))', async () => {
    const reference = await referred();
    await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: nowIso() }, AA);
    expect((await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'placed-on-restricted-duties', occurredAt: nowIso() }, CASE_OFFICER)).status).toBe(200);
    expect((await call('GET', `/matters/${reference}`)).body.subjects[0].status).toMatchObject({ duties: 'restricted', suspended: false });
    expect((await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'redeployed', occurredAt: nowIso() }, CASE_OFFICER)).status).toBe(200);
    const subject = (await call('GET', `/matters/${reference}`)).body.subjects[0];
    expect(subject.status).toMatchObject({ duties: 'redeployed', suspended: false });
    expect(subject.deadlines.map((d: { ruleId: string }) => d.ruleId)).not.toContain('suspensionReview');
    const again = await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'redeployed', occurredAt: nowIso() }, CASE_OFFICER);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ rule: 'duties-changed', regulation: 'CR reg 11(4)(a)' });
  });

  it('the dispatcher in the worker leaves a message with no configured route pending, and GET /outbox surfaces it with the reason', async () => {
    const reference = await referred();
    await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: nowIso() }, AA);
    await call('POST', `/matters/${reference}/subjects/pc-1/events`, { event: 'retired', occurredAt: nowIso() }, CASE_OFFICER);
    type Row = { id: string; matterReference: string; purpose: string; status: string; lastError: string | null; payload?: unknown };
    let report: Row | undefined;
    for (let i = 0; i < 100 && !report?.lastError; i++) {
      const pending = (await call('GET', '/outbox?status=pending&limit=1000')).body as Row[];
      report = pending.find((m) => m.matterReference === reference && m.purpose === 'advisory-list-report');
      if (!report?.lastError) await new Promise((r) => setTimeout(r, 200));
    }
    expect(report).toMatchObject({ status: 'pending', lastError: 'no-route' });
    expect(report).not.toHaveProperty('payload');
    expect((await call('GET', `/outbox/${report!.id}/attempts`)).body).toMatchObject({ id: report!.id, attempts: [] });
    expect((await call('GET', '/outbox?status=dead')).status).toBe(200);
    expect((await call('GET', '/outbox?status=lost')).status).toBe(400);
  });
});

describe('forces and roles', () => {
  it('a user never sees or changes another force’s matters: the answer is 404, as if it did not exist', async () => {
    const reference = await referred();
    const other = { id: 'co-other', role: 'case-officer', force: 'other-force' };
    const otherAa = { id: 'aa-other', role: 'appropriate-authority', force: 'other-force' };
    expect((await call('GET', `/matters/${reference}`, undefined, other)).status).toBe(404);
    expect((await call('GET', `/matters/${reference}/audit`, undefined, other)).status).toBe(404);
    expect((await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: nowIso() }, otherAa)).status).toBe(404);
    expect((await call('GET', `/matters?limit=500`, undefined, other)).body.items.map((i: { reference: string }) => i.reference)).not.toContain(reference);
    expect((await call('POST', '/matters', referral(`X-${randomUUID().slice(0, 8)}`), other)).status).toBe(403);
    expect(((await call('GET', `/matters/${reference}/audit`)).body as { action: string }[]).map((a) => a.action)).not.toContain('decision:severity-assessment');
  });

  it('oversight granted across forces reads every force, and may not make the appropriate authority’s decisions', async () => {
    const reference = await referred();
    const iopc = { id: 'iopc-reader', role: 'oversight', force: 'iopc', forces: ['*'] };
    expect((await call('GET', `/matters/${reference}`, undefined, iopc)).status).toBe(200);
    const res = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: nowIso() }, iopc);
    expect(res.status).toBe(403);
    expect(res.body.rolesAllowed).toContain('appropriate-authority');
    const localPolicingBody = { id: 'lpb', role: 'oversight', force: 'lpb-of-other-force', forces: ['other-force'] };
    expect((await call('GET', `/matters/${reference}`, undefined, localPolicingBody)).status).toBe(404);
  });
});
