import * as fc from 'fast-check';
import { DECISION_RULES, EVENT_RULES, SUBJECT_STAGES, type SubjectStage } from '@conduct/domain';
import type { MatterView, SubjectView } from '@conduct/workflows';
import {
  SUBJECT_VOCABULARY,
  acceptSubjectCommand,
  allowedAt,
  applyQuirk,
  buildSubjectCommand,
  checkAnswer,
  chooseSubjectCommand,
  handledByWorkflow,
  newSubjectFacts,
  observeMatter,
  observeSubject,
  payloadSeed,
  scenarioArbitrary,
  subjectInvariants,
  type SubjectFacts,
} from './proceedings-model';

// The model of the model-based test, on its own: without Temporal, its generators draw from the domain's
// vocabulary and its checks catch the breaches they are meant to.

function view(v: Partial<SubjectView>): SubjectView {
  return {
    matterReference: 'M',
    subjectId: 's1',
    kind: 'police-officer',
    stage: 'severity-assessment',
    severity: null,
    misconductHearingBecause: null,
    caseToAnswer: null,
    form: null,
    outcome: null,
    closedBecause: null,
    heldForCriminalProceedings: false,
    suspended: false,
    duties: 'full',
    leftService: null,
    warningLiveUntil: null,
    warningExpired: false,
    acceleratedHearingWindow: null,
    panel: null,
    reflectivePractice: null,
    vetting: null,
    openDeadlines: [],
    deadlines: [],
    revision: 1,
    ...v,
  };
}

function facts(f: Partial<SubjectFacts> = {}): SubjectFacts {
  return { ...newSubjectFacts({ kind: 'police-officer', finalWrittenWarningLive: false }), ...f };
}

const why = 'the reasons as given';
const clock = { nowMs: Date.UTC(2030, 0, 15, 10), receivedOn: '2030-01-05' };

describe('the model of proceedings', () => {
  it("draws its commands from the domain's vocabulary: every decision and event of stages.ts", () => {
    const names = SUBJECT_VOCABULARY.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([...Object.keys(DECISION_RULES), ...Object.keys(EVENT_RULES)]));
    // The domain names two the workflow does not handle; the model sends them unguided, to see them refused.
    expect(SUBJECT_VOCABULARY.filter((c) => !handledByWorkflow(c)).map((c) => c.name).sort()).toEqual(['complainant-updated', 'criminal-hold']);
  });

  it('a guided step picks only commands stages.ts allows at the stage', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUBJECT_STAGES), fc.nat(), (stage: SubjectStage, pick) => {
        const c = chooseSubjectCommand(stage, true, pick);
        expect(allowedAt(stage, c) && handledByWorkflow(c)).toBe(true);
      }),
    );
  });

  it('builds a plausible command for every word, and quirks make some implausible', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUBJECT_VOCABULARY), payloadSeed, (c, seed) => {
        const cmd = buildSubjectCommand(c, seed, clock, undefined);
        expect(cmd.actor).toBeDefined();
        expect(Date.parse(cmd.occurredAt as string)).toBeLessThanOrEqual(clock.nowMs);
        if (c.type === 'decision') expect(cmd.decision).toBe(c.name);
        if (c.type === 'event') expect(cmd.event).toBe(c.name);
        const odd = applyQuirk(cmd, { ...seed, quirk: 'future' }, clock);
        expect(Date.parse(odd.occurredAt as string)).toBeGreaterThan(clock.nowMs);
      }),
    );
  });

  it('generates the same scenarios from the same seed, so a failing run can be replayed', () => {
    const arb = scenarioArbitrary({ minSteps: 3, maxSteps: 6 });
    expect(fc.sample(arb, { seed: 42, numRuns: 3 })).toEqual(fc.sample(arb, { seed: 42, numRuns: 3 }));
  });

  it('an update not answered in time, a refusal that is not a RuleViolation or names no rule, is a problem; a RuleViolation naming its rule is not', () => {
    expect(checkAnswer('x', { kind: 'timeout', ms: 30_000 }, false)).toEqual([expect.stringMatching(/wedged/)]);
    expect(checkAnswer('x', { kind: 'refused', type: 'TypeError', rule: undefined, regulation: undefined, hasRegulation: false, message: 'boom' }, false)).toHaveLength(3);
    expect(checkAnswer('x', { kind: 'refused', type: 'UnexpectedHandlerFailure', rule: undefined, regulation: undefined, hasRegulation: false, message: 'boom' }, false)[0]).toMatch(/not a RuleViolation/);
    expect(checkAnswer('x', { kind: 'refused', type: 'RuleViolation', rule: 'case-to-answer-after-report', regulation: 'CR reg 23', hasRegulation: true, message: 'no' }, false)).toEqual([]);
    expect(checkAnswer('x', { kind: 'refused', type: 'RuleViolation', rule: 'occurred-at-valid', regulation: null, hasRegulation: true, message: 'no' }, false)).toEqual([]);
    expect(checkAnswer('x', { kind: 'finished' }, false)).toHaveLength(1);
  });

  it('no outcome before the meeting or hearing is held, and no case-to-answer decision before the report', () => {
    expect(subjectInvariants(facts({ proceedingsHeld: false }), view({ stage: 'outcome', outcome: 'written-warning', caseToAnswer: 'misconduct', form: 'misconduct-meeting' }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/no meeting or hearing held/), expect.stringMatching(/before the investigator's report/)]),
    );
    expect(subjectInvariants(facts({ proceedingsHeld: true, reportSubmitted: true }), view({ stage: 'outcome', outcome: 'written-warning', caseToAnswer: 'misconduct', form: 'misconduct-meeting' }))).toEqual([]);
  });

  it('an accelerated hearing on a case to answer for misconduct breaks CR reg 49; a member of staff at a hearing breaks the staff route', () => {
    const afterReport = facts({ reportSubmitted: true });
    expect(subjectInvariants(afterReport, view({ stage: 'accelerated-hearing', form: 'accelerated-hearing', caseToAnswer: 'misconduct' }))).toEqual([expect.stringMatching(/reg 49/)]);
    const staff = facts({ kind: 'police-staff', reportSubmitted: true });
    expect(subjectInvariants(staff, view({ kind: 'police-staff', stage: 'misconduct-hearing', form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct' }))).toEqual([expect.stringMatching(/police-staff referred to misconduct-hearing/)]);
    const fww = facts({ finalWrittenWarningLive: true, reportSubmitted: true });
    expect(subjectInvariants(fww, view({ stage: 'misconduct-meeting', form: 'misconduct-meeting', caseToAnswer: 'misconduct' }))).toEqual([expect.stringMatching(/reg 42\(5\)/)]);
  });

  it('a warning or a barred-list report left in force by an appeal that changed the outcome, and duties that contradict the suspension, are problems', () => {
    const decided = facts({ stage: 'closed', reportSubmitted: true, proceedingsHeld: true, outcomeNotified: true });
    const closed = { stage: 'closed' as const, closedBecause: 'outcome', caseToAnswer: 'misconduct', form: 'misconduct-meeting' as const };
    expect(subjectInvariants(decided, view({ ...closed, outcome: 'no-action', warningLiveUntil: '2025-01-01' }))).toEqual([expect.stringMatching(/warning in force/)]);
    expect(subjectInvariants(decided, view({ ...closed, outcome: 'written-warning', warningLiveUntil: '2025-01-01' }))).toEqual([]);
    const owed = { key: 'barred-list-report', ruleId: 'barredListReport', status: 'open' } as SubjectView['openDeadlines'][number];
    expect(subjectInvariants(decided, view({ ...closed, outcome: 'final-written-warning', openDeadlines: [owed] }))).toEqual([expect.stringMatching(/barred-list report owed/)]);
    expect(subjectInvariants(facts(), view({ suspended: true, duties: 'redeployed' }))).toEqual([expect.stringMatching(/duties redeployed while suspended/)]);
    const review = { key: 'suspension-review', ruleId: 'suspensionReview', status: 'open' } as SubjectView['openDeadlines'][number];
    expect(subjectInvariants(facts(), view({ duties: 'restricted', openDeadlines: [review] }))).toEqual([expect.stringMatching(/suspension review open/)]);
  });

  it('a subject moves forward along the stage machine only, and a command accepted where stages.ts forbids it is a problem', () => {
    const f = facts({ stage: 'outcome', reportSubmitted: true, proceedingsHeld: true });
    expect(observeSubject(f, view({ stage: 'investigation' }), 'x')).toEqual([expect.stringMatching(/from outcome to investigation/)]);
    const g = facts({ stage: 'investigation' });
    const problems = acceptSubjectCommand(g, 'decision', { decision: 'outcome', outcome: 'no-action', rationale: why }, view({ stage: 'investigation' }), 'x');
    expect(problems).toEqual([expect.stringMatching(/accepted at stage investigation/)]);
    const h = facts({ stage: 'awaiting-case-to-answer', reportSubmitted: true });
    expect(acceptSubjectCommand(h, 'decision', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', rationale: why }, view({ stage: 'misconduct-hearing', form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct' }), 'x')).toEqual([]);
    expect(h.stage).toBe('misconduct-hearing');
  });

  it("a former officer's gross misconduct routed against the rule set (CR Part 3A from 28 May 2025) is a problem", () => {
    const left = { leftService: { how: 'retired' as const, on: '2030-01-10' }, duties: null, caseToAnswer: 'gross-misconduct' };
    const gm = { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', rationale: why };
    const hearing = view({ ...left, stage: 'misconduct-hearing', form: 'misconduct-hearing' });
    const amh = view({ ...left, stage: 'accelerated-hearing', form: 'accelerated-hearing' });
    const at = (ruleSet: SubjectFacts['ruleSet']) => facts({ stage: 'awaiting-case-to-answer', reportSubmitted: true, ruleSet });
    expect(acceptSubjectCommand(at('rules-2025'), 'decision', gm, hearing, 'x')).toEqual([expect.stringMatching(/went to misconduct-hearing, not accelerated-hearing/)]);
    expect(acceptSubjectCommand(at('rules-2025'), 'decision', gm, amh, 'x')).toEqual([]);
    expect(acceptSubjectCommand(at('rules-2025'), 'decision', { ...gm, misconductHearingBecause: 'officer-chose-misconduct-hearing' }, hearing, 'x')).toEqual([]);
    expect(acceptSubjectCommand(at('rules-2024'), 'decision', gm, hearing, 'x')).toEqual([]);
    expect(acceptSubjectCommand(at('rules-2024'), 'decision', gm, amh, 'x')).toEqual([expect.stringMatching(/went to accelerated-hearing, not misconduct-hearing/)]);
  });

  it('a decision accepted without its rationale is a problem, on a subject and on the matter; one that says why is not', () => {
    const severity = { decision: 'severity-assessment', severity: 'misconduct' };
    const after = view({ stage: 'investigation', severity: 'misconduct' });
    expect(acceptSubjectCommand(facts(), 'decision', { ...severity, rationale: why }, after, 'x')).toEqual([]);
    for (const rationale of [undefined, '', '  ']) {
      expect(acceptSubjectCommand(facts(), 'decision', { ...severity, rationale }, after, 'x')).toEqual([expect.stringMatching(/accepted without its rationale \(decision-rationale\)/)]);
    }
    const matter = (mode: string | null) => ({ modeOfInvestigation: mode, referredToIopcVoluntarily: false, iopcReferralRequired: true, stage: mode ? 'investigation' : 'awaiting-mode-of-investigation', subjects: [] }) as unknown as MatterView;
    const fresh = () => ({ modeDecisions: 0, mode: null });
    expect(observeMatter(fresh(), matter('independent'), { decision: 'mode-of-investigation', rationale: why }, 'x')).toEqual([]);
    expect(observeMatter(fresh(), matter('independent'), { decision: 'mode-of-investigation' }, 'x')).toEqual([expect.stringMatching(/decided without its rationale/)]);
  });

  it("the quirk 'no-rationale' leaves a decision's rationale out or blank", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUBJECT_VOCABULARY.filter((c) => c.type === 'decision')), payloadSeed, (c, seed) => {
        const cmd = buildSubjectCommand(c, seed, clock, undefined);
        expect(typeof cmd.rationale === 'string' && (cmd.rationale as string).trim()).toBeTruthy();
        const odd = applyQuirk(cmd, { ...seed, quirk: 'no-rationale' }, clock);
        expect(odd.rationale === undefined || (odd.rationale as string).trim() === '').toBe(true);
      }),
    );
  });

  it('a referral to reflective practice left untracked, made for a kind the CR do not govern, or done with its deadlines open, is a problem', () => {
    const closed = { stage: 'closed' as const, closedBecause: 'reflective-practice', duties: 'full' as const };
    const route = { referredOn: '2030-01-10' };
    expect(subjectInvariants(facts(), view({ ...closed, reflectivePractice: route }))).toEqual([]);
    expect(subjectInvariants(facts({ kind: 'special-constable' }), view({ ...closed, kind: 'special-constable', reflectivePractice: route }))).toEqual([]);
    expect(subjectInvariants(facts(), view({ ...closed, reflectivePractice: null }))).toEqual([expect.stringMatching(/no route tracked/)]);
    expect(subjectInvariants(facts({ kind: 'designated-police-volunteer' }), view({ ...closed, kind: 'designated-police-volunteer', reflectivePractice: route }))).toEqual([
      expect.stringMatching(/designated-police-volunteer referred to reflective practice/),
    ]);
    const open = { key: 'reflective-practice-check', status: 'open' } as SubjectView['openDeadlines'][number];
    expect(subjectInvariants(facts(), view({ ...closed, reflectivePractice: { ...route, completedOn: '2030-06-01' }, openDeadlines: [open] }))).toEqual([expect.stringMatching(/completed with its deadlines still open/)]);
  });

  it('a referral to vetting under a rule set without it, for police staff, or left untracked is a problem; its dismissal owes a barred-list report', () => {
    const closed = { stage: 'closed' as const, closedBecause: 'vetting-referral', duties: 'full' as const };
    const route = { referredOn: '2030-01-10' };
    const under2025 = facts({ ruleSet: 'rules-2025' });
    expect(subjectInvariants(under2025, view({ ...closed, vetting: route }))).toEqual([]);
    expect(subjectInvariants(facts({ ruleSet: 'rules-2024' }), view({ ...closed, vetting: route }))).toEqual([expect.stringMatching(/under rules-2024, which has no CR reg 14\(2\)\(aa\)/)]);
    expect(subjectInvariants(facts({ ruleSet: 'rules-2025', kind: 'police-staff' }), view({ ...closed, kind: 'police-staff', vetting: route }))).toEqual([expect.stringMatching(/police-staff referred to vetting/)]);
    expect(subjectInvariants(under2025, view({ ...closed, vetting: null }))).toEqual([expect.stringMatching(/no route tracked/)]);
    const withdrawn = { ...route, withdrawalNoticeServedOn: '2030-01-11', result: 'clearance-withdrawn' as const, decidedOn: '2030-01-20', dismissedOn: '2030-01-20' };
    const barred = { key: 'barred-list-report', status: 'open' } as SubjectView['openDeadlines'][number];
    expect(subjectInvariants(under2025, view({ ...closed, vetting: withdrawn, openDeadlines: [barred] }))).toEqual([]);
    expect(subjectInvariants(under2025, view({ ...closed, vetting: { ...withdrawn, clearanceRestoredOn: '2030-02-01' }, openDeadlines: [barred] }))).toEqual([expect.stringMatching(/barred-list report owed/)]);
  });
});
