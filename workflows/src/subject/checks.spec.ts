import { ApplicationFailure } from '@temporalio/workflow';
import { ruleSetFor, type Panel } from '@conduct/domain';
import { RULE_VIOLATION } from '../refusal';
import type { Deadline, DecisionCommand, EventCommand, ExtensionCommand, PanelRecord, SubjectState } from '../types';
import { Track, alreadyApplied, checkDecisionCommand, checkEventCommand, checkExtensionCommand } from './checks';
import { newSubjectState } from './state';

// The checks a subject's workflow runs on each command, without Temporal: a state, the subject, a command, the time.
const now = Date.parse('2026-03-02T12:00:00Z');
const officer: Track = { subject: { subjectId: 'PC-1', kind: 'police-officer' }, receivedOn: '2026-01-05', forceId: 'force-1' };
const staff: Track = { subject: { subjectId: 'STAFF-1', kind: 'police-staff' }, receivedOn: '2026-01-05', forceId: 'force-1' };
const actor = { id: 'aa-1', role: 'appropriate-authority' } as DecisionCommand['actor'];
const at = '2026-03-02T10:00:00Z';

function track(over: Partial<SubjectState> = {}): SubjectState {
  return { ...newSubjectState(), ...over };
}

function deadline(key: string, over: Partial<Deadline> = {}): Deadline {
  return {
    key,
    ruleId: 'noticeOfInvestigation',
    name: key,
    regulation: 'CR',
    trigger: '2026-02-01',
    dueDate: '2026-03-20',
    dueAt: '2026-03-20T23:59:59.999Z',
    reminded: false,
    status: 'open',
    extensions: [],
    target: false,
    ...over,
  };
}

const decision = (d: Record<string, unknown>) => ({ actor, occurredAt: at, ...d }) as unknown as DecisionCommand;
const event = (e: EventCommand['event'], over: Record<string, unknown> = {}): EventCommand => ({ actor, occurredAt: at, event: e, ...over }) as EventCommand;

/** The details of a check's refusal (rule, regulation, rule set), or null when accepted. */
function detailsOf(check: () => void): Record<string, unknown> | null {
  try {
    check();
    return null;
  } catch (err) {
    return (err as ApplicationFailure).details?.[0] as Record<string, unknown>;
  }
}

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

describe('checks on a decision of the appropriate authority', () => {
  it('accepts a severity assessment of gross misconduct at the start of the track', () => {
    expect(ruleOf(() => checkDecisionCommand(track(), officer, decision({ decision: 'severity-assessment', severity: 'gross-misconduct' }), now))).toBe('accepted');
  });

  it('refuses a command that does not say who made it', () => {
    expect(ruleOf(() => checkDecisionCommand(track(), officer, { occurredAt: at, decision: 'severity-assessment', severity: 'misconduct' } as unknown as DecisionCommand, now))).toBe('actor-required');
  });

  it('refuses a decision dated in the future', () => {
    expect(ruleOf(() => checkDecisionCommand(track(), officer, decision({ decision: 'severity-assessment', severity: 'misconduct', occurredAt: '2026-03-03T10:00:00Z' }), now))).toBe('occurred-at-not-in-future');
  });

  it('refuses a decision dated before the matter reached the appropriate authority', () => {
    expect(ruleOf(() => checkDecisionCommand(track(), officer, decision({ decision: 'severity-assessment', severity: 'misconduct', occurredAt: '2026-01-02T10:00:00Z' }), now))).toBe('occurred-at-after-matter-began');
  });

  it('refuses a severity that is not one the regulations know', () => {
    expect(ruleOf(() => checkDecisionCommand(track(), officer, decision({ decision: 'severity-assessment', severity: 'serious' }), now))).toBe('severity-known');
  });

  it('answers a retried command that was already applied without checking it again', () => {
    const s = track({ stage: 'closed', appliedCommands: ['key-1'] });
    const retried = decision({ decision: 'severity-assessment', severity: 'misconduct', commandId: 'key-1' });
    expect(alreadyApplied(s, retried)).toBe(true);
    expect(ruleOf(() => checkDecisionCommand(s, officer, retried, now))).toBe('accepted');
  });

  it('does not let the severity of a former officer be revised below gross misconduct (CR reg 4)', () => {
    const s = track({ stage: 'investigation', severity: 'gross-misconduct', leftService: { how: 'resigned', on: '2026-02-01' } });
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'severity-revision', severity: 'misconduct', reason: 'r' }), now))).toBe('former-officer-gross-misconduct-only');
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'severity-revision', severity: 'gross-misconduct', reason: 'r' }), now))).toBe('accepted');
  });

  it('finds no case to answer for misconduct against a former officer (CR reg 4)', () => {
    const s = track({ stage: 'awaiting-case-to-answer', severity: 'gross-misconduct', leftService: { how: 'retired', on: '2026-02-01' } });
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'case-to-answer', caseToAnswer: 'misconduct' }), now))).toBe('former-officer-gross-misconduct-only');
  });

  it('records a former officer\'s choice of a misconduct hearing under the 2025 rules, and refuses it where Part 3A does not apply, naming the rule set', () => {
    const former = track({ stage: 'awaiting-case-to-answer', severity: 'gross-misconduct', leftService: { how: 'retired', on: '2026-02-01' } });
    const june2025: Track = { ...officer, ruleSet: ruleSetFor('2025-06-16') };
    const april2025: Track = { ...officer, ruleSet: ruleSetFor('2025-04-15') };
    const chose = (over: Record<string, unknown> = {}) => decision({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', misconductHearingBecause: 'officer-chose-misconduct-hearing', ...over });
    expect(ruleOf(() => checkDecisionCommand(former, june2025, chose(), now))).toBe('accepted');
    expect(ruleOf(() => checkDecisionCommand(former, june2025, chose({ misconductHearingBecause: 'appropriate-authority-decided-necessary' }), now))).toBe('accepted');
    expect(ruleOf(() => checkDecisionCommand(former, june2025, chose({ misconductHearingBecause: 'panel-preferred' }), now))).toBe('former-officer-accelerated-hearing');
    // April 2025 (the 2024 rules) and a track with no rule set (2020): no presumption, so nothing to choose.
    expect(detailsOf(() => checkDecisionCommand(former, april2025, chose(), now))).toMatchObject({ rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2024' });
    expect(detailsOf(() => checkDecisionCommand(former, officer, chose(), now))).toMatchObject({ rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2020' });
    // A serving officer, no case to answer, or police staff: refused too.
    const serving = track({ stage: 'awaiting-case-to-answer', severity: 'gross-misconduct' });
    expect(detailsOf(() => checkDecisionCommand(serving, june2025, chose(), now))).toMatchObject({ rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2025' });
    expect(ruleOf(() => checkDecisionCommand(former, june2025, chose({ caseToAnswer: 'none' }), now))).toBe('former-officer-accelerated-hearing');
    expect(ruleOf(() => checkDecisionCommand(former, { ...staff, ruleSet: ruleSetFor('2025-06-16') }, chose(), now))).toBe('former-officer-accelerated-hearing');
    // Without a choice the case is accepted under either rule set (and routed by the handler).
    expect(ruleOf(() => checkDecisionCommand(former, june2025, decision({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' }), now))).toBe('accepted');
    expect(ruleOf(() => checkDecisionCommand(former, april2025, decision({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' }), now))).toBe('accepted');
  });

  it('lets a case to answer against police staff go to local procedures, without a form of proceedings', () => {
    const s = track({ stage: 'awaiting-case-to-answer', severity: 'gross-misconduct' });
    expect(ruleOf(() => checkDecisionCommand(s, staff, decision({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' }), now))).toBe('accepted');
  });

  it('records no outcome before the meeting or hearing has been held (CR reg 42)', () => {
    const s = track({ stage: 'misconduct-hearing', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing' });
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'outcome', outcome: 'dismissal-without-notice' }), now))).toBe('outcome-after-proceedings-held');
  });

  it('refuses dismissal without notice as the outcome of a misconduct meeting (CR reg 42)', () => {
    const s = track({ stage: 'misconduct-meeting', severity: 'misconduct', caseToAnswer: 'misconduct', form: 'misconduct-meeting', proceedingsHeldOn: '2026-03-01' });
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'outcome', outcome: 'dismissal-without-notice' }), now))).toBe('meeting-outcomes');
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'outcome', outcome: 'written-warning' }), now))).toBe('accepted');
  });

  it('lets only a hearing set the period of a final written warning', () => {
    const meeting = track({ stage: 'misconduct-meeting', severity: 'misconduct', caseToAnswer: 'misconduct', form: 'misconduct-meeting', proceedingsHeldOn: '2026-03-01' });
    expect(ruleOf(() => checkDecisionCommand(meeting, officer, decision({ decision: 'outcome', outcome: 'final-written-warning', warningMonths: 36 }), now))).toBe('warning-period');
  });

  it('under the 2025 rules refuses no action on a finding of misconduct, naming the rule set; under the 2024 rules accepts it', () => {
    const held = track({ stage: 'misconduct-hearing', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', proceedingsHeldOn: '2026-03-01' });
    const under = (ruleSet: Track['ruleSet']): Track => ({ ...officer, ruleSet });
    const june2025 = under(ruleSetFor('2025-06-16'));
    const april2025 = under(ruleSetFor('2025-04-15'));
    const noAction = decision({ decision: 'outcome', outcome: 'no-action', finding: 'misconduct' });
    expect(ruleOf(() => checkDecisionCommand(held, june2025, noAction, now))).toBe('misconduct-finding-carries-disciplinary-action');
    expect(detailsOf(() => checkDecisionCommand(held, june2025, noAction, now))).toMatchObject({ ruleSet: 'rules-2025' });
    expect(ruleOf(() => checkDecisionCommand(held, april2025, noAction, now))).toBe('accepted');
    // A track started before rule sets were recorded is under the 2020 rules.
    expect(ruleOf(() => checkDecisionCommand(held, officer, noAction, now))).toBe('accepted');
    // Gross misconduct: a lesser sanction only with the panel's reasons.
    const fww = (over: Record<string, unknown> = {}) => decision({ decision: 'outcome', outcome: 'final-written-warning', finding: 'gross-misconduct', ...over });
    expect(ruleOf(() => checkDecisionCommand(held, june2025, fww(), now))).toBe('gross-misconduct-dismissal-unless-exceptional');
    expect(ruleOf(() => checkDecisionCommand(held, june2025, fww({ exceptionalCircumstances: 'acted to protect a child' }), now))).toBe('accepted');
    expect(ruleOf(() => checkDecisionCommand(held, april2025, fww(), now))).toBe('accepted');
  });

  it('refuses a finding that is not one of CR reg 41(15)\'s, or that the proceedings cannot make', () => {
    const meeting = track({ stage: 'misconduct-meeting', severity: 'misconduct', caseToAnswer: 'misconduct', form: 'misconduct-meeting', proceedingsHeldOn: '2026-03-01' });
    expect(ruleOf(() => checkDecisionCommand(meeting, officer, decision({ decision: 'outcome', outcome: 'written-warning', finding: 'serious' }), now))).toBe('finding-known');
    expect(ruleOf(() => checkDecisionCommand(meeting, officer, decision({ decision: 'outcome', outcome: 'written-warning', finding: 'gross-misconduct' }), now))).toBe('finding-open-on-case');
  });

  it('certifies the special conditions only for gross misconduct (CR reg 49)', () => {
    const s = track({ stage: 'investigation', severity: 'misconduct' });
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'special-conditions', reason: 'r' }), now))).toBe('special-conditions-gross-misconduct');
  });

  it('names only Standards of Professional Behaviour for a dismissal substituted on appeal (CR Sch 2)', () => {
    const s = track({ stage: 'appeal', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', proceedingsHeldOn: '2026-02-20', outcome: 'final-written-warning', appealLodged: true });
    const substitute = (standardsBreached: string[]) => decision({ decision: 'appeal-determination', result: 'allowed', substitutedOutcome: 'dismissal-without-notice', conduct: 'assault', standardsBreached });
    expect(ruleOf(() => checkDecisionCommand(s, officer, substitute(['use-of-force']), now))).toBe('accepted');
    expect(ruleOf(() => checkDecisionCommand(s, officer, substitute(['punctuality']), now))).toBe('standards-of-professional-behaviour');
  });

  it('determines no appeal that was never lodged (CR reg 47)', () => {
    const s = track({ stage: 'appeal', severity: 'misconduct', caseToAnswer: 'misconduct', form: 'misconduct-meeting', proceedingsHeldOn: '2026-02-20', outcome: 'written-warning' });
    expect(ruleOf(() => checkDecisionCommand(s, officer, decision({ decision: 'appeal-determination', result: 'dismissed' }), now))).toBe('appeal-determination-after-appeal');
  });
});

describe('checks on an event recorded by a case officer or investigator', () => {
  it('arranges no interview before the notice of investigation is served (CR reg 20)', () => {
    const s = track({ stage: 'investigation', severity: 'misconduct' });
    expect(ruleOf(() => checkEventCommand(s, officer, event('interview-arranged', { scheduledFor: '2026-03-10' }), now))).toBe('no-interview-before-notice');
    expect(ruleOf(() => checkEventCommand({ ...s, noticeOfInvestigationServedOn: '2026-02-01' }, officer, event('interview-arranged', { scheduledFor: '2026-03-10' }), now))).toBe('accepted');
  });

  it('suspends police officers only, not police staff (CR reg 11)', () => {
    const s = track({ stage: 'investigation', severity: 'gross-misconduct' });
    expect(ruleOf(() => checkEventCommand(s, staff, event('suspended'), now))).toBe('suspension-officers-only');
    expect(ruleOf(() => checkEventCommand(s, officer, event('suspended'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand({ ...s, suspended: true }, officer, event('suspended'), now))).toBe('suspension-in-force');
  });

  it('places an officer on restricted duties or redeploys them as an alternative to suspension, not while suspended, and returns them to full duties only from there (CR reg 11(4)(a))', () => {
    const s = track({ stage: 'investigation', severity: 'gross-misconduct' });
    expect(ruleOf(() => checkEventCommand(s, officer, event('placed-on-restricted-duties'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(s, officer, event('redeployed'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(s, staff, event('redeployed'), now))).toBe('duties-officers-only');
    expect(ruleOf(() => checkEventCommand({ ...s, suspended: true }, officer, event('placed-on-restricted-duties'), now))).toBe('suspension-in-force');
    expect(ruleOf(() => checkEventCommand({ ...s, restrictedDuties: 'restricted' }, officer, event('placed-on-restricted-duties'), now))).toBe('duties-changed');
    expect(ruleOf(() => checkEventCommand({ ...s, restrictedDuties: 'restricted' }, officer, event('redeployed'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand({ ...s, leftService: { how: 'resigned', on: '2026-02-01' } }, officer, event('redeployed'), now))).toBe('duties-serving-officers');
    expect(ruleOf(() => checkEventCommand(s, officer, event('returned-to-full-duties'), now))).toBe('duties-restricted');
    expect(ruleOf(() => checkEventCommand({ ...s, suspended: true }, officer, event('returned-to-full-duties'), now))).toBe('duties-restricted');
    expect(ruleOf(() => checkEventCommand({ ...s, restrictedDuties: 'redeployed' }, officer, event('returned-to-full-duties'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand({ ...s, stage: 'closed' }, officer, event('redeployed'), now))).toBe('duties-while-open');
  });

  it('schedules no hearing while criminal proceedings are pending (CR reg 10)', () => {
    const s = track({ stage: 'misconduct-hearing', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', heldForCriminalProceedings: true });
    expect(ruleOf(() => checkEventCommand(s, officer, event('proceedings-scheduled', { scheduledFor: '2026-04-01' }), now))).toBe('criminal-proceedings-hold');
  });

  it('holds an accelerated hearing only within its 10 to 15 working-day window (CR reg 52)', () => {
    const window = deadline('accelerated-hearing', { ruleId: 'acceleratedHearing', earliest: '2026-03-16', dueDate: '2026-03-23' });
    const s = track({ stage: 'accelerated-hearing', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'accelerated-hearing', deadlines: [window] });
    expect(ruleOf(() => checkEventCommand(s, officer, event('proceedings-scheduled', { scheduledFor: '2026-03-10' }), now))).toBe('accelerated-hearing-window');
    expect(ruleOf(() => checkEventCommand(s, officer, event('proceedings-scheduled', { scheduledFor: '2026-03-18' }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand({ ...s, deadlines: [] }, officer, event('proceedings-scheduled', { scheduledFor: '2026-03-18' }), now))).toBe('accelerated-hearing-after-notice');
  });

  it('holds the proceedings once', () => {
    const s = track({ stage: 'misconduct-meeting', severity: 'misconduct', caseToAnswer: 'misconduct', form: 'misconduct-meeting', proceedingsHeldOn: '2026-02-20' });
    expect(ruleOf(() => checkEventCommand(s, officer, event('proceedings-held'), now))).toBe('proceedings-held-once');
  });

  it('records a subject leaving the service once (CR reg 4)', () => {
    const s = track({ stage: 'investigation', severity: 'gross-misconduct', leftService: { how: 'resigned', on: '2026-02-01' } });
    expect(ruleOf(() => checkEventCommand(s, officer, event('retired'), now))).toBe('left-service-once');
  });

  it('lodges an appeal only while the appeal window is open (CR reg 45)', () => {
    const s = track({ stage: 'appeal', severity: 'misconduct', caseToAnswer: 'misconduct', form: 'misconduct-meeting', outcome: 'written-warning' });
    expect(ruleOf(() => checkEventCommand(s, officer, event('appeal-lodged'), now))).toBe('appeal-within-window');
    const open = { ...s, deadlines: [deadline('appeal-window', { ruleId: 'appealFromMeeting' })] };
    expect(ruleOf(() => checkEventCommand(open, officer, event('appeal-lodged'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand({ ...open, appealLodged: true }, officer, event('appeal-lodged'), now))).toBe('appeal-lodged-once');
  });

  it('records a barred-list report as sent only while one is owed', () => {
    const s = track({ stage: 'closed', outcome: 'dismissal-without-notice' });
    expect(ruleOf(() => checkEventCommand(s, officer, event('barred-list-report-sent'), now))).toBe('barred-list-report-pending');
  });

  it('records the further barred-list report, after a dismissal is overturned on appeal, as sent while it is owed (reg 5)', () => {
    const s = track({ stage: 'closed', outcome: 'final-written-warning', deadlines: [deadline('barred-list-report', { ruleId: 'barredListReport', status: 'cancelled' }), deadline('barred-list-removal', { ruleId: 'barredListRemoval' })] });
    expect(ruleOf(() => checkEventCommand(s, officer, event('barred-list-report-sent'), now))).toBe('accepted');
  });

  it('completes a list report only while it is owed, and only with fields a list report carries', () => {
    const owed = track({
      stage: 'closed',
      outcome: 'dismissal-without-notice',
      listReports: { 'barred-list-report': { payload: {}, corrections: 0 } },
      deadlines: [deadline('barred-list-report', { ruleId: 'barredListReport' })],
    });
    const supply = (details: Record<string, unknown>) => event('list-report-details-supplied', { report: 'barred-list-report', details });
    expect(ruleOf(() => checkEventCommand(owed, officer, supply({ dateOfBirth: '1980-01-01' }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(owed, officer, supply({ shoeSize: 9 }), now))).toBe('list-report-details-known');
    expect(ruleOf(() => checkEventCommand(owed, officer, supply({ dateOfBirth: '1 Jan 1980' }), now))).toBe('date-of-birth-format');
    expect(ruleOf(() => checkEventCommand({ ...owed, deadlines: [] }, officer, supply({ dateOfBirth: '1980-01-01' }), now))).toBe('list-report-completed-while-owed');
  });
});

describe('checks on an extension of a deadline', () => {
  const extension = (over: Partial<ExtensionCommand> = {}): ExtensionCommand => ({ actor, occurredAt: at, key: 'representations', newDueDate: '2026-04-01', reason: 'illness', agreedBy: 'investigator', ...over });

  it('extends only a deadline the subject still owes', () => {
    expect(ruleOf(() => checkExtensionCommand(track({ stage: 'investigation' }), extension(), now))).toBe('deadline-open');
  });

  it('extends a deadline only to a later date, with a reason and who agreed it', () => {
    const s = track({ stage: 'investigation', deadlines: [deadline('representations', { ruleId: 'representations' })] });
    expect(ruleOf(() => checkExtensionCommand(s, extension({ newDueDate: '2026-03-01' }), now))).toBe('extension-later-than-due');
    expect(ruleOf(() => checkExtensionCommand(s, extension({ agreedBy: ' ' }), now))).not.toBe('accepted');
  });
});

describe('panels and chairs on the track (SI 2024/521)', () => {
  const under = (receivedOn: string): Track => ({ ...officer, subject: { ...officer.subject, rank: 'PC' }, receivedOn, ruleSet: ruleSetFor(receivedOn) });
  const delegate: Panel = { chair: { id: 'acc-1', role: 'senior-officer', rank: 'ACC' }, independentMembers: [{ id: 'im-1' }, { id: 'im-2' }], legallyQualifiedAdviser: { id: 'lqa-1' } };
  const lqc = { chair: { id: 'lqc-1', role: 'legally-qualified-chair' }, independentMembers: [{ id: 'im-1' }], policeMember: { id: 'supt-1', rank: 'Superintendent' } };
  const atHearing = track({ stage: 'misconduct-hearing' });
  const appointed: PanelRecord = { panel: delegate, ruleSet: 'rules-2024', why: 'w', appointedOn: '2024-06-01', vacant: [], objections: [] };

  it("a chief officer's delegate is refused under the rule set of 6 May 2024 and accepted under that of 7 May 2024; the 2020 legally qualified chair the other way", () => {
    expect(detailsOf(() => checkEventCommand(atHearing, under('2024-05-06'), event('panel-appointed', { panel: delegate }), now))).toMatchObject({ rule: 'panel-chair-role', ruleSet: 'rules-2020' });
    expect(ruleOf(() => checkEventCommand(atHearing, under('2024-05-07'), event('panel-appointed', { panel: delegate }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(atHearing, under('2024-05-06'), event('panel-appointed', { panel: lqc }), now))).toBe('accepted');
    expect(detailsOf(() => checkEventCommand(atHearing, under('2024-05-07'), event('panel-appointed', { panel: lqc }), now))).toMatchObject({ rule: 'panel-chair-role', ruleSet: 'rules-2024' });
  });

  it('PANEL_RULES may key the panel on the notice of referral: a matter of 6 May 2024 whose notice was given on 7 May takes the 2024 panel', () => {
    const s = track({ stage: 'misconduct-hearing', noticeOfReferralServedOn: '2024-05-07' });
    expect(ruleOf(() => checkEventCommand(s, under('2024-05-06'), event('panel-appointed', { panel: delegate, panelRules: { keyedOn: 'notice-of-referral' } }), now))).toBe('accepted');
  });

  it('a panel is appointed only for a hearing, before it is held', () => {
    expect(ruleOf(() => checkEventCommand(track({ stage: 'misconduct-meeting' }), under('2024-05-07'), event('panel-appointed', { panel: delegate }), now))).toBe('panel-for-hearing');
    expect(ruleOf(() => checkEventCommand(track({ stage: 'misconduct-hearing', proceedingsHeldOn: '2026-03-01' }), under('2024-05-07'), event('panel-appointed', { panel: delegate }), now))).toBe('panel-before-hearing');
  });

  it('an objection names a panel member, with grounds; its determination follows it; a replacement fills only a place an upheld objection emptied', () => {
    const s = track({ stage: 'misconduct-hearing', panel: structuredClone(appointed) });
    const t = under('2024-05-07');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-objection-made', { member: 'someone-else', grounds: 'g' }), now))).toBe('objection-names-panel-member');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-objection-made', { member: 'im-1', grounds: ' ' }), now))).toBe('objection-grounds');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-objection-made', { member: 'im-1', grounds: 'knows the officer' }), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-objection-determined', { member: 'im-1', upheld: true }), now))).toBe('objection-determined-once-made');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-member-replaced', { member: 'im-1', replacement: { id: 'im-3' } }), now))).toBe('replacement-after-upheld-objection');
    expect(ruleOf(() => checkEventCommand(track({ stage: 'misconduct-hearing' }), t, event('panel-objection-made', { member: 'im-1', grounds: 'g' }), now))).toBe('panel-appointed-first');
  });

  it('a hearing with a recorded panel sits only with the panel whole and its objections determined', () => {
    const t = under('2024-05-07');
    const vacant = track({ stage: 'misconduct-hearing', panel: { ...structuredClone(appointed), vacant: [{ seat: 'independent-member', member: 'im-2' }] } });
    expect(detailsOf(() => checkEventCommand(vacant, t, event('proceedings-held'), now))).toMatchObject({ rule: 'panel-complete-at-hearing', ruleSet: 'rules-2024' });
    const pending = track({ stage: 'misconduct-hearing', panel: { ...structuredClone(appointed), objections: [{ member: 'im-1', grounds: 'g', madeOn: '2026-03-01' }] } });
    expect(ruleOf(() => checkEventCommand(pending, t, event('proceedings-held'), now))).toBe('objections-determined-before-hearing');
    expect(ruleOf(() => checkEventCommand(track({ stage: 'misconduct-hearing', panel: structuredClone(appointed) }), t, event('proceedings-held'), now))).toBe('accepted');
    // No panel recorded (a client that does not record panels, or a track from before them): the hearing is held as before.
    expect(ruleOf(() => checkEventCommand(track({ stage: 'misconduct-hearing' }), t, event('proceedings-held'), now))).toBe('accepted');
  });

  it('a replacement is checked as the whole panel would be: an interested party is refused', () => {
    const s = track({ stage: 'misconduct-hearing', panel: { ...structuredClone(appointed), panel: { ...delegate, independentMembers: [{ id: 'im-2' }] }, vacant: [{ seat: 'independent-member', member: 'im-1' }] } });
    const t = under('2024-05-07');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-member-replaced', { member: 'im-1', replacement: { id: 'im-3', interestedParty: true } }), now))).toBe('panel-member-not-interested-party');
    expect(ruleOf(() => checkEventCommand(s, t, event('panel-member-replaced', { member: 'im-1', replacement: { id: 'im-3' } }), now))).toBe('accepted');
  });
});

describe('every decision carries its rationale (IOPC statutory guidance)', () => {
  const assess = { decision: 'severity-assessment', severity: 'misconduct' };
  const required = () => track({ decisionRationaleRequired: true });

  it('a track started from the patch on refuses a decision without one, or with a blank one, naming the rule', () => {
    for (const rationale of [undefined, '', ' \t ']) {
      expect(detailsOf(() => checkDecisionCommand(required(), officer, decision({ ...assess, rationale }), now))).toMatchObject({ rule: 'decision-rationale' });
    }
    expect(detailsOf(() => checkDecisionCommand(required(), officer, decision({ ...assess, rationale: 'if proved, a breach justifying a written warning' }), now))).toBeNull();
  });

  it('a track started before the patch takes a decision without one, as it did (the API requires it of new requests)', () => {
    expect(detailsOf(() => checkDecisionCommand(track(), officer, decision(assess), now))).toBeNull();
  });

  it('a retried decision already applied is answered, not checked again', () => {
    const s = required();
    s.appliedCommands.push('key-1');
    expect(detailsOf(() => checkDecisionCommand(s, officer, decision({ ...assess, commandId: 'key-1' }), now))).toBeNull();
  });
});


describe('a referral under the Vetting Regulations (CR reg 14(2)(aa), from 28 May 2025)', () => {
  const refer = (over: Record<string, unknown> = {}) => decision({ decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', ...over });
  const under = (receivedOn: string): Track => ({ ...officer, receivedOn, ruleSet: ruleSetFor(receivedOn) });

  it('on a track that follows it, is refused under the 2020 and 2024 rules naming the rule set, and allowed under the 2025 rules', () => {
    const tracked = track({ vettingRouteTracked: true });
    expect(detailsOf(() => checkDecisionCommand(tracked, under('2023-03-01'), refer(), now))).toMatchObject({ rule: 'vetting-referral-rule-set', ruleSet: 'rules-2020' });
    expect(detailsOf(() => checkDecisionCommand(tracked, under('2025-04-14'), refer(), now))).toMatchObject({ rule: 'vetting-referral-rule-set', ruleSet: 'rules-2024' });
    expect(detailsOf(() => checkDecisionCommand(tracked, under('2025-06-16'), refer(), now))).toBeNull();
    // The same refusal for no case to answer and a withdrawal routed there.
    const awaiting = track({ vettingRouteTracked: true, stage: 'awaiting-case-to-answer' });
    expect(ruleOf(() => checkDecisionCommand(awaiting, under('2025-04-14'), decision({ decision: 'case-to-answer', caseToAnswer: 'none', routeIfNone: 'vetting-referral' }), now))).toBe('vetting-referral-rule-set');
    expect(ruleOf(() => checkDecisionCommand(awaiting, under('2025-04-14'), decision({ decision: 'withdrawal', route: 'vetting-referral', reason: 'r' }), now))).toBe('vetting-referral-rule-set');
  });

  it('is refused for an officer who has left: clearance ends on leaving (SI 2025/502 reg 6)', () => {
    const left = track({ vettingRouteTracked: true, leftService: { how: 'resigned', on: '2026-02-01' } });
    expect(detailsOf(() => checkDecisionCommand(left, under('2025-06-16'), refer(), now))).toMatchObject({ rule: 'vetting-referral-serving', regulation: 'SI 2025/502 reg 6' });
  });

  it('on a track started before the patch, is accepted as it was (a closed track, no route)', () => {
    expect(detailsOf(() => checkDecisionCommand(track(), under('2023-03-01'), refer(), now))).toBeNull();
  });

  it("the route's events need a route: refused on a track closed another way", () => {
    const closed = track({ vettingRouteTracked: true, stage: 'closed', closedBecause: 'no-further-action', closedOn: '2026-03-01' });
    expect(ruleOf(() => checkEventCommand(closed, officer, event('vetting-withdrawal-notice-served'), now))).toBe('vetting-referred');
    const referred = { ...closed, closedBecause: 'vetting-referral', vetting: { referredOn: '2026-03-01', withdrawalNoticeServedOn: '2026-03-01' } };
    expect(ruleOf(() => checkEventCommand(referred, officer, event('vetting-clearance-withdrawn'), now))).toBe('accepted');
    expect(ruleOf(() => checkEventCommand(referred, officer, event('vetting-clearance-withdrawn', { standardsBreached: ['punctuality'] }), now))).toBe('standards-of-professional-behaviour');
  });
});
