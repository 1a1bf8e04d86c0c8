import { randomUUID } from 'crypto';
import { COMMAND_GRANTS, Grant, MATTER_DECISIONS, MATTER_EVENTS, READ_GRANTS, ROLES, Role, SUBJECT_DECISIONS, SUBJECT_EVENTS, subjectDecisionGrant, subjectEventGrant } from '@conduct/domain';
import { ApiResponse, Who, call, nowIso, today } from '../support/api-client';

/**
 * Who may do what, proven for every command: generated from the grants table (libs/domain/src/grants.ts and
 * the stage rules), every command is sent over HTTP as every role, in three force cases, and each answer is
 * checked against what the table says:
 *
 * - the role may not send it → 403, `rolesAllowed` the table's roles, whatever the force (the role is checked
 *   before the matter is looked up);
 * - the role may, on its own force → it reaches the workflow: 2xx, or 409 naming a stage rule (not a `:role`
 *   rule) when the stage does not allow it, which proves the API let it through;
 * - the role may, on another force (no grant) → 404 for a matter or a recommendation, as if it did not exist;
 *   403 naming `forceId` for a referral or a recommendation made for that force (there is nothing to hide);
 * - the role may, across forces (a token granting the force in `forces`) → an administrator as on its own
 *   force; oversight only for the IOPC's own decisions; a grant means nothing to the force's own roles (404).
 *
 * Every refusal is sent first, and then the matter's audit trail (which also holds the recommendations' lines),
 * its projection and the recommendation are unchanged, and no refused referral or recommendation exists. Then
 * the commands let through are sent one by one: a 2xx adds audit lines naming its caller, a 409 adds none.
 */

type ForceCase = 'own force' | 'another force' | 'across forces';
const FORCE_CASES: ForceCase[] = ['own force', 'another force', 'across forces'];

const run = randomUUID().slice(0, 8);
const HOME = `perm-home-${run}`;
const AWAY = `perm-away-${run}`;
const MATTER = `PERM-${run}`;
const RECOMMENDATION = `PERM-${run}-R1`;
const subjectPath = `/matters/${MATTER}/subjects/pc-1`;

const who = (role: Role, c: ForceCase): Who => ({
  id: `${role}@${c.replace(' ', '-')}`,
  role,
  force: c === 'own force' ? HOME : AWAY,
  forces: c === 'across forces' ? [HOME] : undefined,
});
const HOME_AA = who('appropriate-authority', 'own force');
const HOME_CO = who('case-officer', 'own force');
const READER: Who = { id: 'perm-reader', role: 'oversight', force: 'iopc', forces: ['*'] };

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Command {
  name: string;
  grant: Grant;
  /** A referral or a recommendation: made for a force, so another force's attempt is 403 on forceId. */
  creates?: 'matter' | 'recommendation';
  path: string;
  body: () => Record<string, unknown>;
}

/** Every command the API accepts, from the grants table, each with a body that passes validation. */
function commands(): Command[] {
  const decisionBodies: Record<(typeof SUBJECT_DECISIONS)[number], Record<string, unknown>> = {
    'severity-assessment': { severity: 'misconduct', likelyForm: 'meeting' },
    'severity-revision': { severity: 'gross-misconduct', reason: 'new evidence' },
    'case-to-answer': { caseToAnswer: 'misconduct' },
    'special-conditions': { reason: 'the statements suffice' },
    withdrawal: { route: 'no-further-action', reason: 'no longer believed' },
    outcome: { outcome: 'written-warning' },
    'appeal-determination': { result: 'allowed', substitutedOutcome: 'no-action' },
  };
  const eventBodies: Partial<Record<(typeof SUBJECT_EVENTS)[number], Record<string, unknown>>> = {
    'notice-of-investigation-delayed': { note: 'service would prejudice the investigation' },
    'list-report-details-supplied': { report: 'barred-list-report', details: { fullName: 'A Person' } },
    'panel-appointed': { panel: { chair: { id: 'acc-1', role: 'senior-officer', rank: 'ACC' }, independentMembers: [{ id: 'im-1' }, { id: 'im-2' }], legallyQualifiedAdviser: { id: 'lqa-1' } } },
    'panel-objection-made': { member: 'im-1', grounds: 'knows the officer' },
    'panel-objection-determined': { member: 'im-1', upheld: false },
    'panel-member-replaced': { member: 'im-1', replacement: { id: 'im-3' } },
    'reflective-review-report-agreed': { actionsDueBy: inDays(60), reviewOn: inDays(90) },
  };
  const matterEventBodies: Partial<Record<(typeof MATTER_EVENTS)[number], Record<string, unknown>>> = {
    'investigator-appointed': { investigator: { id: 'ds-7', unit: 'PSD' } },
    'subject-line-management-recorded': { subjectId: 'pc-1', unit: 'Response 1' },
  };
  // Each allegation added has an id of its own (a second with the same id is refused, 400).
  const allegationBody = (e: string) => (e === 'allegation-added' ? { allegation: { id: `al-${randomUUID().slice(0, 8)}`, alleged: 'was rude to a member of the public', subjectIds: ['pc-1'], category: 'C1', standards: [] } } : {});
  const extension = () => ({ newDueDate: inDays(120), reason: 'on application', agreedBy: 'the chair', occurredAt: nowIso() });
  return [
    {
      name: 'referral', grant: COMMAND_GRANTS.referral, creates: 'matter', path: '/matters',
      body: () => ({ reference: `PERM-${run}-${randomUUID().slice(0, 8)}`, kind: 'conduct-matter', forceId: HOME, appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] }),
    },
    ...SUBJECT_DECISIONS.map((d) => ({ name: `subject decision ${d}`, grant: subjectDecisionGrant(d), path: `${subjectPath}/decisions`, body: () => ({ decision: d, ...decisionBodies[d], occurredAt: nowIso() }) })),
    ...SUBJECT_EVENTS.map((e) => ({ name: `subject event ${e}`, grant: subjectEventGrant(e), path: `${subjectPath}/events`, body: () => ({ event: e, ...eventBodies[e], occurredAt: nowIso() }) })),
    { name: 'subject deadline extension', grant: COMMAND_GRANTS['subject-deadline-extension'], path: `${subjectPath}/deadlines/appeal-decision-notice/extensions`, body: extension },
    ...MATTER_DECISIONS.map((d) => ({ name: `matter decision ${d}`, grant: COMMAND_GRANTS[d], path: `/matters/${MATTER}/decisions`, body: () => ({ decision: d, mode: 'directed', occurredAt: nowIso() }) })),
    ...MATTER_EVENTS.map((e) => ({ name: `matter event ${e}`, grant: COMMAND_GRANTS['matter-event'], path: `/matters/${MATTER}/events`, body: () => ({ event: e, note: 'progress', ...matterEventBodies[e], ...allegationBody(e), occurredAt: nowIso() }) })),
    { name: 'matter deadline extension', grant: COMMAND_GRANTS['matter-deadline-extension'], path: `/matters/${MATTER}/deadlines/timeliness-report-1/extensions`, body: extension },
    {
      name: 'recommendation', grant: COMMAND_GRANTS.recommendation, creates: 'recommendation', path: '/recommendations',
      body: () => ({ reference: `PERM-${run}-R-${randomUUID().slice(0, 8)}`, matterReference: MATTER, forceId: HOME, recipient: 'Chief Constable', madeOn: today(), text: 'Training' }),
    },
    { name: 'recommendation response', grant: COMMAND_GRANTS['recommendation-response'], path: `/recommendations/${RECOMMENDATION}/response`, body: () => ({ accepted: true, summary: 'accepted', occurredAt: nowIso() }) },
    { name: 'recommendation publication', grant: COMMAND_GRANTS['recommendation-publication'], path: `/recommendations/${RECOMMENDATION}/publication`, body: () => ({ occurredAt: nowIso() }) },
    { name: 'recommendation extension', grant: COMMAND_GRANTS['recommendation-extension'], path: `/recommendations/${RECOMMENDATION}/deadlines/response/extensions`, body: extension },
  ];
}

type Expected = { kind: 'let through' } | { kind: 'role refused'; rolesAllowed: readonly Role[] } | { kind: 'not found' } | { kind: 'force refused' };

/** What the rules say the answer is: the table gives the roles; the force rules are written out here. */
function expected(cmd: Command, role: Role, c: ForceCase): Expected {
  if (!cmd.grant.roles.includes(role)) return { kind: 'role refused', rolesAllowed: cmd.grant.roles };
  const acrossAllowed = c === 'across forces' && (role === 'administrator' || (role === 'oversight' && cmd.grant.iopcDecision));
  if (c === 'own force' || acrossAllowed) return { kind: 'let through' };
  // Another force: nothing to see (a grant is ignored for the force's own roles, and only reads for oversight).
  const seesAcross = c === 'across forces' && (role === 'administrator' || role === 'oversight');
  if (cmd.creates || seesAcross) return { kind: 'force refused' };
  return { kind: 'not found' };
}

async function ok(res: Promise<ApiResponse>, what: string): Promise<ApiResponse> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** Everything a command could change: the matter's audit trail and projection, and the recommendation. */
async function snapshot() {
  const [audit, matter, recommendation] = await Promise.all([
    call('GET', `/matters/${MATTER}/audit`, undefined, HOME_AA),
    call('GET', `/matters/${MATTER}`, undefined, HOME_AA),
    call('GET', `/recommendations/${RECOMMENDATION}`, undefined, HOME_AA),
  ]);
  return { audit: audit.body as { actor: string; action: string }[], matter: matter.body, recommendation: recommendation.body };
}

/** Waits until the matter's audit trail has stopped growing (its tracks' asynchronous steps are done). */
async function quiescent() {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const n = (await snapshot()).audit.length;
    if (n === last) return;
    last = n;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function pool<T>(items: T[], size: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

describe('who may do what: every command, as every role, on its own force, another force and across forces', () => {
  const cmds = commands();
  const cases = cmds.flatMap((cmd) => ROLES.flatMap((role) => FORCE_CASES.map((c) => ({ cmd, role, c, expect: expected(cmd, role, c) }))));
  const refused = cases.filter((x) => x.expect.kind !== 'let through');
  const letThrough = cases.filter((x) => x.expect.kind === 'let through');
  const created: { kind: 'matter' | 'recommendation'; reference: string }[] = [];
  const started = Date.now();

  beforeAll(async () => {
    // One matter whose subject is on appeal from a written warning (where the reported bug overturned it), and one
    // recommendation on it.
    await ok(call('POST', '/matters', { reference: MATTER, kind: 'complaint', forceId: HOME, appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: `PERM-${run}` }] }, HOME_CO), 'referral');
    const steps: [string, Record<string, unknown>, Who][] = [
      ['decisions', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting' }, HOME_AA],
      ['events', { event: 'notice-of-investigation-served' }, HOME_CO],
      ['events', { event: 'investigator-report-submitted' }, HOME_CO],
      ['decisions', { decision: 'case-to-answer', caseToAnswer: 'misconduct' }, HOME_AA],
      ['events', { event: 'notice-of-referral-served' }, HOME_CO],
      ['events', { event: 'proceedings-held' }, HOME_CO],
      ['decisions', { decision: 'outcome', outcome: 'written-warning' }, HOME_CO],
      ['events', { event: 'outcome-notified' }, HOME_CO],
      ['events', { event: 'appeal-lodged' }, HOME_CO],
    ];
    for (const [kind, body, by] of steps) await ok(call('POST', `${subjectPath}/${kind}`, { ...body, occurredAt: nowIso() }, by), `${kind} ${JSON.stringify(body)}`);
    await ok(call('POST', '/recommendations', { reference: RECOMMENDATION, matterReference: MATTER, forceId: HOME, recipient: 'Chief Constable', madeOn: today(), text: 'Training' }, who('oversight', 'own force')), 'recommendation');
    await quiescent();
    expect((await snapshot()).matter.subjects[0]).toMatchObject({ stage: 'appeal', outcome: 'written-warning' });
  });

  afterAll(() => {
    console.log(
      `permissions matrix: ${cmds.length} commands × ${ROLES.length} roles × ${FORCE_CASES.length} force cases = ${cases.length} requests ` +
        `(${refused.length} refused, ${letThrough.length} let through) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  it('an oversight user, of the force or granted it, cannot overturn a written warning on appeal: 403, and the warning stands', async () => {
    const before = await snapshot();
    for (const oversight of [who('oversight', 'own force'), who('oversight', 'across forces'), { id: 'iopc-all', role: 'oversight', force: 'iopc', forces: ['*'] }]) {
      const res = await call('POST', `${subjectPath}/decisions`, { decision: 'appeal-determination', result: 'allowed', substitutedOutcome: 'no-action', occurredAt: nowIso() }, oversight);
      expect([oversight.id, res.status, [...(res.body.rolesAllowed ?? [])].sort()]).toEqual([oversight.id, 403, [...subjectDecisionGrant('appeal-determination').roles].sort()]);
      expect(res.body.rolesAllowed).not.toContain('oversight');
    }
    expect(await snapshot()).toEqual(before);
    expect(before.matter.subjects[0]).toMatchObject({ stage: 'appeal', outcome: 'written-warning' });
  });

  it(`refuses every command the table does not grant (403 naming the roles that may, 404 for another force's matter) and records nothing`, async () => {
    const before = await snapshot();
    const failures: string[] = [];
    await pool(refused, 8, async ({ cmd, role, c, expect: e }) => {
      const body = cmd.body();
      if (cmd.creates) created.push({ kind: cmd.creates, reference: String(body.reference) });
      const res = await call('POST', cmd.path, body, who(role, c));
      const got =
        res.status === 403 && Array.isArray(res.body?.rolesAllowed) ? { kind: 'role refused', rolesAllowed: [...res.body.rolesAllowed].sort() }
        : res.status === 403 && res.body?.field === 'forceId' ? { kind: 'force refused' }
        : res.status === 404 ? { kind: 'not found' }
        : { kind: `HTTP ${res.status}`, body: res.body };
      const want = e.kind === 'role refused' ? { kind: e.kind, rolesAllowed: [...e.rolesAllowed].sort() } : { kind: e.kind };
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${cmd.name} as ${role} (${c}): expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    });
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
    for (const { kind, reference } of created) {
      expect([kind, reference, (await call('GET', kind === 'matter' ? `/matters/${reference}` : `/recommendations/${reference}`, undefined, READER)).status]).toEqual([kind, reference, 404]);
    }
  });

  it('lets every granted command through to the workflow: 2xx recording lines that name the caller, or 409 naming a stage rule and recording nothing', async () => {
    const failures: string[] = [];
    const answers: Record<string, number> = {};
    for (const { cmd, role, c } of letThrough) {
      const caller = who(role, c);
      const body = cmd.body();
      const before = await snapshot();
      const res = await call('POST', cmd.path, body, caller);
      answers[res.status] = (answers[res.status] ?? 0) + 1;
      const label = `${cmd.name} as ${role} (${c})`;
      if (res.status === 409) {
        if (typeof res.body?.rule !== 'string' || res.body.rule.endsWith(':role')) failures.push(`${label}: 409 without a stage rule: ${JSON.stringify(res.body)}`);
        const after = await snapshot();
        const mine = after.audit.slice(before.audit.length).filter((l) => l.actor === caller.id);
        if (mine.length) failures.push(`${label}: refused (409) but recorded ${JSON.stringify(mine)}`);
        if (JSON.stringify(after.recommendation) !== JSON.stringify(before.recommendation)) failures.push(`${label}: refused (409) but the recommendation changed`);
      } else if (res.status >= 200 && res.status < 300) {
        if (cmd.creates) {
          const reference = String(body.reference);
          const view = await call('GET', cmd.creates === 'matter' ? `/matters/${reference}` : `/recommendations/${reference}`, undefined, READER);
          if (view.status !== 200 || view.body.forceId !== HOME) failures.push(`${label}: ${cmd.creates} ${reference} not found in ${HOME} after ${res.status}`);
        } else {
          const after = await snapshot();
          const lines = after.audit.slice(before.audit.length);
          if (!lines.some((l) => l.actor === caller.id)) failures.push(`${label}: ${res.status} but no audit line names ${caller.id}: ${JSON.stringify(lines)}`);
        }
        await quiescent(); // what the step set off (a closed track telling its matter) is done before the next
      } else {
        failures.push(`${label}: expected 2xx or a 409 stage refusal, got ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    console.log(`permissions matrix, let through: ${JSON.stringify(answers)}`);
    expect(failures).toEqual([]);
    // The reported bug: an oversight user, of the force or granted it, never records an appeal determination.
    const audit = (await snapshot()).audit as { actor: string; action: string; actorRole: string }[];
    const determinations = audit.filter((l) => l.action === 'decision:appeal-determination');
    expect(determinations).toHaveLength(1);
    expect(subjectDecisionGrant('appeal-determination').roles).toContain(determinations[0].actorRole);
    expect(audit.filter((l) => l.actorRole === 'oversight').map((l) => l.action).sort()).toEqual(expect.not.arrayContaining([expect.stringMatching(/^(decision|event):/)]));
  });

  it("reads a person's record only as the read grants say: 403 naming the roles that may, 404 for a force not seen, audited when read", async () => {
    const path = `/people?forceId=${HOME}&numberKind=warrant-number&number=PERM-${run}`;
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const c of FORCE_CASES) {
        const res = await call('GET', path, undefined, who(role, c));
        const granted = (READ_GRANTS.person.roles as readonly Role[]).includes(role);
        // Reads follow the matter's: the own force, or a force granted in the token to an administrator or oversight
        // (a grant means nothing to the force's own roles).
        const sees = c === 'own force' || (c === 'across forces' && (role === 'administrator' || role === 'oversight'));
        const want = !granted ? 403 : sees ? 200 : 404;
        if (res.status !== want || (want === 403 && JSON.stringify(res.body.rolesAllowed) !== JSON.stringify(READ_GRANTS.person.roles))) failures.push(`${role} on ${c}: ${res.status}, wanted ${want}`);
      }
    }
    expect(failures).toEqual([]);
    const reads = (await snapshot()).audit.filter((a) => a.action === 'person-read').map((a) => a.actor);
    expect(reads.sort()).toEqual([who('appropriate-authority', 'own force').id, who('administrator', 'own force').id, who('administrator', 'across forces').id].sort());
  });
});
