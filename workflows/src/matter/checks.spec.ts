import { ApplicationFailure } from '@temporalio/workflow';
import { RULE_VIOLATION } from '../refusal';
import type { Deadline, ExtensionCommand, MatterDecisionCommand, MatterEventCommand, MatterReferral, MatterState } from '../types';
import { Referral, alreadyApplied, checkDecisionCommand, checkEventCommand, checkExtensionCommand } from './checks';
import { newMatterState } from './state';

// The checks a matter's workflow runs on each command, without Temporal: a state, the referral, a command, the time.
const now = Date.parse('2026-03-02T12:00:00Z');
const at = '2026-03-02T10:00:00Z';
const actor = { id: 'aa-1', role: 'appropriate-authority' } as MatterEventCommand['actor'];
const complaint: Referral = { kind: 'complaint', receivedOn: '2026-01-05' };
const conductMatter: Referral = { kind: 'conduct-matter', receivedOn: '2026-01-05' };

function referral(over: Partial<MatterReferral> = {}): MatterReferral {
  return { reference: 'M-1', kind: 'conduct-matter', forceId: 'force-1', appropriateAuthority: 'aa', receivedOn: '2026-01-05', subjects: [{ subjectId: 'PC-1', kind: 'police-officer' }], referredBy: actor, referredAt: at, ...over } as MatterReferral;
}

function matter(over: Partial<MatterState> = {}, from: Partial<MatterReferral> = {}): MatterState {
  return { ...newMatterState(referral(from)), ...over };
}

function deadline(key: string, over: Partial<Deadline> = {}): Deadline {
  return { key, ruleId: 'timelinessReport', name: key, regulation: 'CR reg 19', trigger: '2026-01-05', dueDate: '2026-07-06', dueAt: '2026-07-06T23:59:59.999Z', reminded: false, status: 'open', extensions: [], target: false, ...over };
}

const event = (e: string, over: Record<string, unknown> = {}) => ({ actor, occurredAt: at, event: e, ...over }) as MatterEventCommand;
const mode = (m: unknown, over: Record<string, unknown> = {}) => ({ actor, occurredAt: at, decision: 'mode-of-investigation', mode: m, ...over }) as MatterDecisionCommand;

/** The rule a check refused the command under, or 'accepted'. */
function ruleOf(check: () => void): string {
  try {
    check();
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).type).toBe(RULE_VIOLATION);
    return ((err as ApplicationFailure).details?.[0] as { rule: string }).rule;
  }
}

describe("a matter as it is referred (newMatterState)", () => {
  it('a DSI matter awaits the Director General’s mode of investigation; a conduct matter outside the categories is investigated locally', () => {
    expect(matter({}, { kind: 'dsi-matter' })).toMatchObject({ stage: 'awaiting-mode-of-investigation', iopcReferralRequired: true, modeOfInvestigation: undefined });
    expect(matter()).toMatchObject({ stage: 'investigation', iopcReferralRequired: false, modeOfInvestigation: 'local' });
    expect(matter().subjects['PC-1']).toEqual({ closed: false, workflowId: expect.stringContaining('PC-1') });
  });
});

describe("checks on the Director General's mode of investigation (Sch3 para 15)", () => {
  const awaiting = () => matter({}, { kind: 'dsi-matter' });

  it('accepts a mode of investigation for a matter referred to the IOPC', () => {
    expect(ruleOf(() => checkDecisionCommand(awaiting(), mode('independent'), now))).toBe('accepted');
  });

  it('refuses a command that does not say who made it', () => {
    expect(ruleOf(() => checkDecisionCommand(awaiting(), mode('independent', { actor: undefined }), now))).toBe('actor-required');
  });

  it('refuses a decision dated in the future', () => {
    expect(ruleOf(() => checkDecisionCommand(awaiting(), mode('independent', { occurredAt: '2026-03-03T10:00:00Z' }), now))).toBe('occurred-at-not-in-future');
  });

  it('refuses a decision the matter does not know', () => {
    expect(ruleOf(() => checkDecisionCommand(awaiting(), { ...mode('independent'), decision: 'case-to-answer' } as unknown as MatterDecisionCommand, now))).toBe('known-decision');
  });

  it('refuses a mode for a matter not referred to the IOPC, and accepts it once referred voluntarily', () => {
    expect(ruleOf(() => checkDecisionCommand(matter({ modeOfInvestigation: undefined }), mode('directed'), now))).toBe('mode-of-investigation-after-referral');
    expect(ruleOf(() => checkDecisionCommand(matter({ modeOfInvestigation: undefined, referredToIopcVoluntarily: true }), mode('directed'), now))).toBe('accepted');
  });

  it('refuses a second mode, and a mode the regulations do not know', () => {
    expect(ruleOf(() => checkDecisionCommand(matter({ modeOfInvestigation: 'local' }, { kind: 'dsi-matter' }), mode('directed'), now))).toBe('mode-of-investigation-once');
    expect(ruleOf(() => checkDecisionCommand(awaiting(), mode('by-post'), now))).toBe('mode-known');
  });

  it('answers a retried decision that was already applied without checking it again', () => {
    const s = matter({ modeOfInvestigation: 'independent', appliedCommands: ['key-1'] }, { kind: 'dsi-matter' });
    const retried = mode('independent', { commandId: 'key-1' });
    expect(alreadyApplied(s, retried)).toBe(true);
    expect(ruleOf(() => checkDecisionCommand(s, retried, now))).toBe('accepted');
  });
});

describe('checks on events about the matter as a whole', () => {
  it('refuses an event the matter does not know, and a note that is not text', () => {
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('hearing-held'), now))).toBe('known-event');
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('investigation-completed', { note: 42 }), now))).toBe('note-text');
  });

  it('accepts a voluntary referral of a complaint to the IOPC, once, while the matter is open (PRA 2002 Sch 3 para 4(2))', () => {
    expect(ruleOf(() => checkEventCommand(matter({}, { kind: 'complaint' }), complaint, event('referred-to-iopc'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(matter({ referredToIopcOn: '2026-02-01' }, { kind: 'complaint' }), complaint, event('referred-to-iopc'), now))).toBe('iopc-referral-once');
    expect(ruleOf(() => checkEventCommand(matter({ stage: 'closed' }, { kind: 'complaint' }), complaint, event('referred-to-iopc'), now))).toBe('iopc-referral-while-open');
  });

  it('refuses a referral of a conduct matter outside the recordable categories (CMR reg 7)', () => {
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('referred-to-iopc'), now))).toBe('iopc-referral-recordable');
  });

  it('refuses a second referral of a matter that had to be referred (CMR reg 4)', () => {
    const dsi: Referral = { kind: 'dsi-matter', receivedOn: '2026-01-05' };
    expect(ruleOf(() => checkEventCommand(matter({ referredToIopcOn: '2026-01-10' }, { kind: 'dsi-matter' }), dsi, event('referred-to-iopc'), now))).toBe('iopc-referral-once');
  });

  it('refuses to complete the investigation twice', () => {
    expect(ruleOf(() => checkEventCommand(matter({ investigationCompletedOn: '2026-02-01' }), conductMatter, event('investigation-completed'), now))).toBe('investigation-completed-once');
  });

  it('updates the complainant only on a complaint, and only with what they were told (CMR reg 34)', () => {
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('complainant-updated', { note: 'progress' }), now))).toBe('complaints-only');
    expect(ruleOf(() => checkEventCommand(matter({}, { kind: 'complaint' }), complaint, event('complainant-updated', { note: '  ' }), now))).toBe('update-content-recorded');
    expect(ruleOf(() => checkEventCommand(matter({}, { kind: 'complaint' }), complaint, event('complainant-updated', { note: 'progress' }), now))).toBe('accepted');
  });

  it('accepts a timeliness report only while one is outstanding (CR reg 19 / CMR reg 13)', () => {
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('timeliness-report-sent'), now))).toBe('timeliness-report-due');
    expect(ruleOf(() => checkEventCommand(matter({ deadlines: [deadline('timeliness-report-1')] }), conductMatter, event('timeliness-report-sent'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(matter({ deadlines: [deadline('timeliness-report-1', { status: 'met' })] }), conductMatter, event('timeliness-report-sent'), now))).toBe('timeliness-report-due');
  });

  it("a report sent records each officer's copy, sent or withheld under the harm test with its reason (CR reg 19(4))", () => {
    const owed = matter({ deadlines: [deadline('timeliness-report-1')] });
    const withSubjects = { ...conductMatter, subjects: referral().subjects };
    expect(ruleOf(() => checkEventCommand(owed, withSubjects, event('timeliness-report-sent', { officerCopies: [{ subjectId: 'PC-1', sent: false, withheldReason: 'it would reveal a covert source' }] }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(owed, withSubjects, event('timeliness-report-sent', { officerCopies: [{ subjectId: 'PC-1', sent: false }] }), now))).toBe('officer-copy-harm-test-reason');
    expect(ruleOf(() => checkEventCommand(owed, withSubjects, event('timeliness-report-sent', { officerCopies: [{ subjectId: 'PC-9', sent: true }] }), now))).toBe('officer-copy-subject');
  });

  it('a report withheld for prejudice needs its reason and a report owed (CR reg 19(3))', () => {
    const owed = matter({ deadlines: [deadline('timeliness-report-1')] });
    expect(ruleOf(() => checkEventCommand(owed, conductMatter, event('timeliness-report-withheld', { note: 'the officer would learn of a covert line of inquiry' }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(owed, conductMatter, event('timeliness-report-withheld', { note: ' ' }), now))).toBe('withholding-reason-recorded');
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('timeliness-report-withheld', { note: 'prejudice' }), now))).toBe('timeliness-report-due');
  });

  it("where the Director General reports, the force has no report to withhold; in a force-run Schedule 3 investigation it is withheld once, and the Director General's is still owed", () => {
    const independent = matter({ modeOfInvestigation: 'independent', deadlines: [deadline('timeliness-report-1')] }, { kind: 'complaint' });
    expect(ruleOf(() => checkEventCommand(independent, complaint, event('timeliness-report-withheld', { note: 'prejudice' }), now))).toBe('timeliness-report-withheld-by-reporter');
    const withheld = matter({ deadlines: [deadline('timeliness-report-1')], timelinessReportRecords: [{ key: 'timeliness-report-1', dueDate: '2026-07-06', withheld: { on: '2026-03-02', from: ['local-policing-body'], reason: 'prejudice', regulation: 'CMR reg 13' } }] }, { kind: 'complaint' });
    expect(ruleOf(() => checkEventCommand(withheld, complaint, event('timeliness-report-withheld', { note: 'prejudice' }), now))).toBe('timeliness-report-withheld-once');
    expect(ruleOf(() => checkEventCommand(withheld, complaint, event('timeliness-report-sent'), now))).toBe('accepted');
  });

  it('refuses an event dated before the matter reached the appropriate authority', () => {
    expect(ruleOf(() => checkEventCommand(matter(), conductMatter, event('investigation-completed', { occurredAt: '2026-01-02T10:00:00Z' }), now))).toBe('occurred-at-after-matter-began');
  });
});

describe('checks on an extension of a matter deadline', () => {
  const extension = (over: Record<string, unknown> = {}) => ({ actor, occurredAt: at, key: 'timeliness-report-1', newDueDate: '2026-08-03', reason: 'r', agreedBy: 'aa', ...over }) as unknown as ExtensionCommand;

  it('refuses an extension of a deadline the matter does not have open, or of one the regulations do not let be extended', () => {
    const s = matter({ deadlines: [deadline('timeliness-report-1')] });
    expect(ruleOf(() => checkExtensionCommand(s, extension({ key: 'no-such-deadline' }), now))).toBe('deadline-open');
    expect(ruleOf(() => checkExtensionCommand(s, extension(), now))).toBe('deadline-not-extendable');
  });

  it('answers a retried extension without refusing it as no longer later than the due date', () => {
    const s = matter({ appliedCommands: ['key-1'], deadlines: [deadline('timeliness-report-1', { dueDate: '2026-08-03' })] });
    expect(ruleOf(() => checkExtensionCommand(s, extension({ commandId: 'key-1' }), now))).toBe('accepted');
  });
});

describe("the investigator's appointment on the matter (CR reg 15(3))", () => {
  const withChain: Referral = { kind: 'conduct-matter', receivedOn: '2026-01-05', forceId: 'force-1', subjects: [{ subjectId: 'PS-1', kind: 'police-officer', rank: 'Sergeant', unit: 'Response 3', lineManagers: ['INSP-4'] }] };
  const appoint = (investigator: Record<string, unknown>, over: Record<string, unknown> = {}) => event('investigator-appointed', { investigator, ...over });

  it('refuses one who works under the management of the officer concerned, or an interested party, naming the rule and regulation', () => {
    expect(ruleOf(() => checkEventCommand(matter(), withChain, appoint({ id: 'PC-9', lineManagers: ['PS-1'] }), now))).toBe('investigator-not-managed-by-subject');
    expect(ruleOf(() => checkEventCommand(matter(), withChain, appoint({ id: 'DS-7', interestedParty: true }), now))).toBe('investigator-not-interested-party');
    expect(ruleOf(() => checkEventCommand(matter(), withChain, appoint({ id: 'DS-7', unit: 'PSD' }), now))).toBe('accepted');
  });

  it("refuses one from the subject's unit where the force's setting says so, and knows the unit recorded after referral", () => {
    const sameUnit = appoint({ id: 'PS-5', unit: 'Response 3' }, { investigatorSettings: { refuseInvestigatorFromSubjectsUnit: true } });
    expect(ruleOf(() => checkEventCommand(matter(), withChain, sameUnit, now))).toBe('investigator-not-from-subjects-unit');
    expect(ruleOf(() => checkEventCommand(matter(), withChain, appoint({ id: 'PS-5', unit: 'Response 3' }), now))).toBe('accepted');
    const moved = matter({ subjectLineManagement: { 'PS-1': { unit: 'Custody' } } });
    expect(ruleOf(() => checkEventCommand(moved, withChain, sameUnit, now))).toBe('accepted');
  });

  it("records a subject's line management only for a subject of the matter, with something to record", () => {
    expect(ruleOf(() => checkEventCommand(matter(), withChain, event('subject-line-management-recorded', { subjectId: 'PS-1', unit: 'Custody' }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(matter(), withChain, event('subject-line-management-recorded', { subjectId: 'PS-2', unit: 'Custody' }), now))).toBe('subject-of-matter');
    expect(ruleOf(() => checkEventCommand(matter(), withChain, event('subject-line-management-recorded', { subjectId: 'PS-1' }), now))).toBe('line-management-given');
  });
});

describe("the Director General's decision carries its rationale (IOPC statutory guidance)", () => {
  const awaitingDg = (over: Partial<MatterState> = {}) => matter({ stage: 'awaiting-mode-of-investigation', iopcReferralRequired: true, modeOfInvestigation: undefined, ...over });

  it('a matter started from the patch on refuses a mode of investigation without one, or with a blank one', () => {
    expect(ruleOf(() => checkDecisionCommand(awaitingDg({ decisionRationaleRequired: true }), mode('independent'), now))).toBe('decision-rationale');
    expect(ruleOf(() => checkDecisionCommand(awaitingDg({ decisionRationaleRequired: true }), mode('independent', { rationale: '  ' }), now))).toBe('decision-rationale');
    expect(ruleOf(() => checkDecisionCommand(awaitingDg({ decisionRationaleRequired: true }), mode('independent', { rationale: 'a death in custody' }), now))).toBe('accepted');
  });

  it('a matter started before the patch takes one without, as it did', () => {
    expect(ruleOf(() => checkDecisionCommand(awaitingDg(), mode('independent'), now))).toBe('accepted');
  });
});


describe('an allegation added after referral', () => {
  const withSubjects: Referral = { ...conductMatter, subjects: [{ subjectId: 'PC-1', kind: 'police-officer' }, { subjectId: 'PC-2', kind: 'police-officer' }] };
  const allegation = (over: Record<string, unknown> = {}) => event('allegation-added', { allegation: { id: 'a2', alleged: 'swore at the complainant', subjectIds: ['PC-2'], category: 'C1', standards: ['authority-respect-and-courtesy'], ...over } });
  const held = { allegations: [{ id: 'a1', alleged: 'pushed the complainant', subjectIds: ['PC-1'], category: 'B4' as const, standards: ['use-of-force' as const] }] };

  it('is accepted against a subject of the matter, in a category of the IOPC guidance', () => {
    expect(ruleOf(() => checkEventCommand(matter(held), withSubjects, allegation(), now))).toBe('accepted');
  });

  it('is refused in an unknown category, against someone not a subject, with an id already used, or on a closed matter', () => {
    expect(ruleOf(() => checkEventCommand(matter(held), withSubjects, allegation({ category: 'Z9' }), now))).toBe('allegation-category-known');
    expect(ruleOf(() => checkEventCommand(matter(held), withSubjects, allegation({ subjectIds: ['PC-9'] }), now))).toBe('allegation-against-subjects');
    expect(ruleOf(() => checkEventCommand(matter(held), withSubjects, allegation({ id: 'a1' }), now))).toBe('allegation-id-unique');
    expect(ruleOf(() => checkEventCommand(matter({ ...held, stage: 'closed' }), withSubjects, allegation(), now))).toBe('allegation-while-open');
    expect(ruleOf(() => checkEventCommand(matter(held), withSubjects, event('allegation-added'), now))).toBe('allegation-given');
  });

  it('may be the first on a matter referred before allegations were held', () => {
    expect(ruleOf(() => checkEventCommand(matter(), withSubjects, allegation(), now))).toBe('accepted');
  });
});
