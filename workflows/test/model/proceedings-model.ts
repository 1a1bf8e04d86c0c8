/**
 * The model behind the model-based test (../model.test.ts): pure, no Temporal. It generates random
 * scenarios (a matter of any kind, its subjects of any kind, and a sequence of commands drawn from the
 * domain's own vocabulary, with plausible payloads and some implausible ones), and checks what the
 * workflows answered against the stage machine of libs/domain/src/stages.ts.
 *
 * Steps are generated without knowing the state; a "guided" step picks, when it runs, among the commands
 * the stage machine allows at the subject's current stage (so sequences reach hearings, outcomes and
 * appeals), an unguided one among every command there is (so most are refused, as they must be).
 */
import * as fc from 'fast-check';
import {
  DECISION_RULES,
  EVENT_RULES,
  LIST_REPORTS,
  MATTER_KINDS,
  RECORDABLE_CATEGORIES,
  STANDARDS_OF_PROFESSIONAL_BEHAVIOUR,
  SUBJECT_STAGES,
  CASE_TO_ANSWER_FINDINGS,
  FORMER_OFFICER_MISCONDUCT_HEARING_REASONS,
  LIKELY_FORMS,
  RULE_SET,
  type RuleSetId,
  MATTER_EVENTS,
  MODES_OF_INVESTIGATION,
  NO_PROCEEDINGS_ROUTES,
  OUTCOMES,
  SEVERITIES,
  SUBJECT_DECISIONS,
  SUBJECT_EVENTS,
  SUBJECT_KINDS,
  addCalendarDays,
  londonDateOf,
  type Decision,
  type MatterKind,
  type SubjectEvent,
  type SubjectKind,
  type SubjectStage,
  DECISION_RATIONALE,
  REFLECTIVE_PRACTICE_EVENTS,
  VETTING,
  VETTING_EVENTS,
  SUBJECT_KIND_RULES,
  checkRationale,
} from '@conduct/domain';
import {
  type Actor,
  type MatterView,
  type RecommendationView,
  type SubjectView,
} from '@conduct/workflows';

// ---- Vocabulary -------------------------------------------------------------------------------------

export { SUBJECT_KINDS };

export type SubjectCommandName = { type: 'decision'; name: Decision | string } | { type: 'event'; name: SubjectEvent | string } | { type: 'extension'; name: 'deadline-extension' };

/** Every command the domain names for a subject: its decisions, its events, and extending a deadline. */
export const SUBJECT_VOCABULARY: readonly SubjectCommandName[] = [
  ...(Object.keys(DECISION_RULES) as Decision[]).map((name) => (name === 'deadline-extension' ? { type: 'extension' as const, name } : { type: 'decision' as const, name })),
  ...(Object.keys(EVENT_RULES) as SubjectEvent[]).map((name) => ({ type: 'event' as const, name })),
];

/** Those the subject's workflow handles (the domain also names a criminal-hold decision and a subject-level complainant update, which it does not). */
export function handledByWorkflow(c: SubjectCommandName): boolean {
  if (c.type === 'decision') return (SUBJECT_DECISIONS as readonly string[]).includes(c.name);
  if (c.type === 'event') return (SUBJECT_EVENTS as readonly string[]).includes(c.name);
  return true;
}

/** Whether stages.ts allows the command at the stage. */
export function allowedAt(stage: SubjectStage, c: SubjectCommandName): boolean {
  if (c.type === 'event') return EVENT_RULES[c.name as SubjectEvent]?.allowedIn.includes(stage) ?? false;
  return DECISION_RULES[(c.type === 'extension' ? 'deadline-extension' : c.name) as Decision]?.allowedIn.includes(stage) ?? false;
}

export const MATTER_VOCABULARY = [{ type: 'decision' as const, name: 'mode-of-investigation' }, ...MATTER_EVENTS.map((name) => ({ type: 'event' as const, name })), { type: 'extension' as const, name: 'deadline-extension' }];
export const RECOMMENDATION_VOCABULARY = ['response', 'publication', 'deadline-extension'] as const;

// ---- Scenarios ----------------------------------------------------------------------------------------

/** Random choices for a command's payload, drawn before the state is known; most give a plausible value. */
export interface PayloadSeed {
  severity: number;
  likelyForm: number;
  caseToAnswer: number;
  route: number;
  outcome: number;
  warningMonths: number | 'none' | 'fraction' | 'text';
  result: number;
  substitute: number | 'none';
  standards: number[];
  backdateMinutes: number;
  scheduledDays: number;
  inWindow: boolean;
  report: number;
  extensionDays: number;
  pickDeadline: number;
  mode: number;
  accepted: boolean;
  withCommandId: boolean;
  /** An implausible payload, now and then. */
  quirk: Quirk;
  quirkField: number;
}

export const QUIRKS = ['future', 'before-matter', 'before-2013', 'not-an-instant', 'instant-as-number', 'no-actor', 'wrong-type', 'unknown-value', 'no-rationale'] as const;
export type Quirk = 'none' | (typeof QUIRKS)[number];

export type Step =
  /** A command on one subject: guided (allowed at the current stage, per stages.ts) or from the whole vocabulary. */
  | { kind: 'subject'; subject: number; guided: boolean; pick: number; seed: PayloadSeed }
  /** Two guided commands on one subject sent at the same moment. */
  | { kind: 'together'; subject: number; picks: [number, number]; seeds: [PayloadSeed, PayloadSeed] }
  /** The last command accepted on this subject, sent again with the same command id (a retried request). */
  | { kind: 'retry'; subject: number }
  | { kind: 'matter'; pick: number; seed: PayloadSeed }
  | { kind: 'recommendation'; pick: number; seed: PayloadSeed }
  /** Time passes (on the time-skipping server): reminders, missed deadlines, windows closing, warnings expiring. */
  | { kind: 'time'; days: number };

export interface SubjectSpec {
  kind: SubjectKind;
  finalWrittenWarningLive: boolean;
}

export interface Scenario {
  matterKind: MatterKind;
  recordableCategories: string[];
  subjects: SubjectSpec[];
  withRecommendation: boolean;
  steps: Step[];
}

const small = fc.nat({ max: 1_000 });

export const payloadSeed: fc.Arbitrary<PayloadSeed> = fc.record({
  severity: small,
  likelyForm: small,
  caseToAnswer: small,
  route: small,
  outcome: small,
  warningMonths: fc.oneof({ weight: 8, arbitrary: fc.constant('none' as const) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 72 }) }, { weight: 1, arbitrary: fc.constantFrom('fraction' as const, 'text' as const) }),
  result: small,
  substitute: fc.oneof(fc.constant('none' as const), small),
  standards: fc.array(small, { maxLength: 3 }),
  backdateMinutes: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 60, max: 4 * 24 * 60 }) }),
  scheduledDays: fc.integer({ min: 0, max: 30 }),
  inWindow: fc.boolean(),
  report: small,
  extensionDays: fc.integer({ min: -2, max: 30 }),
  pickDeadline: small,
  mode: small,
  accepted: fc.boolean(),
  withCommandId: fc.boolean(),
  quirk: fc.oneof({ weight: 14, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom(...QUIRKS) }),
  quirkField: small,
});

export function stepArbitrary(subjects: number, withRecommendation: boolean): fc.Arbitrary<Step> {
  const subject = fc.nat({ max: subjects - 1 });
  const options: fc.WeightedArbitrary<Step>[] = [
    { weight: 20, arbitrary: fc.record({ kind: fc.constant('subject' as const), subject, guided: fc.constant(true), pick: small, seed: payloadSeed }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('subject' as const), subject, guided: fc.constant(false), pick: small, seed: payloadSeed }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('together' as const), subject, picks: fc.tuple(small, small), seeds: fc.tuple(payloadSeed, payloadSeed) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), subject }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('matter' as const), pick: small, seed: payloadSeed }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), days: fc.constantFrom(1, 3, 8, 20, 40, 400) }) },
  ];
  if (withRecommendation) options.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('recommendation' as const), pick: small, seed: payloadSeed }) });
  return fc.oneof(...options);
}

export function scenarioArbitrary(opts: { minSteps: number; maxSteps: number }): fc.Arbitrary<Scenario> {
  return fc
    .record({
      matterKind: fc.constantFrom(...MATTER_KINDS),
      recordableCategories: fc.subarray(Object.keys(RECORDABLE_CATEGORIES), { maxLength: 2 }),
      subjects: fc.array(fc.record({ kind: fc.constantFrom(...SUBJECT_KINDS), finalWrittenWarningLive: fc.boolean() }), { minLength: 1, maxLength: 2 }),
      withRecommendation: fc.boolean(),
    })
    .chain((m) => fc.array(stepArbitrary(m.subjects.length, m.withRecommendation), { minLength: opts.minSteps, maxLength: opts.maxSteps }).map((steps) => ({ ...m, steps })));
}

// ---- Building commands from steps ------------------------------------------------------------------------

export const APPROPRIATE_AUTHORITY: Actor = { id: 'aa-model', role: 'appropriate-authority' };
export const CASE_OFFICER: Actor = { id: 'co-model', role: 'case-officer' };

export interface Clock {
  nowMs: number;
  receivedOn: string;
}

const at = <T>(list: readonly T[], n: number): T => list[n % list.length];

/** The commands that carry a case along its route: a guided step picks them twice as often as the side events. */
export const PROGRESS: readonly string[] = [
  'severity-assessment', 'notice-of-investigation-served', 'investigator-report-submitted', 'case-to-answer', 'special-conditions',
  'notice-of-referral-served', 'officer-response-received', 'documents-supplied-to-chair', 'pre-hearing-held', 'proceedings-scheduled',
  'proceedings-held', 'outcome', 'outcome-report-delivered', 'outcome-notified', 'appeal-lodged', 'appeal-determination',
];

/**
 * Whether a command allowed at the stage also finds what it needs, as far as the subject's view shows it:
 * a guided step skips the ones that could only be refused (a list report sent when none is owed, a
 * suspension reviewed when there is none), so sequences go deep; unguided steps still send them.
 */
export function plausible(c: SubjectCommandName, view: SubjectView | undefined, kind: SubjectKind): boolean {
  // A missed deadline whose step was recorded late (settledAt) is owed no longer.
  const owed = (key: string) => !!view?.deadlines.some((d) => d.key === key && (d.status === 'open' || (d.status === 'missed' && !d.settledAt)));
  switch (c.name) {
    case 'barred-list-report-sent':
      return owed('barred-list-report') || owed('barred-list-removal');
    case 'advisory-list-report-sent':
      return owed('advisory-list-report');
    case 'list-report-details-supplied':
      return LIST_REPORTS.some(owed);
    case 'suspended':
      return SUBJECT_KIND_RULES[kind].suspension && !view?.suspended;
    case 'suspension-reviewed':
    case 'suspension-lifted':
      return !!view?.suspended;
    case 'placed-on-restricted-duties':
    case 'redeployed':
      return SUBJECT_KIND_RULES[kind].suspension && !!view && view.duties !== 'suspended' && view.duties !== null && view.duties !== (c.name === 'redeployed' ? 'redeployed' : 'restricted');
    case 'returned-to-full-duties':
      return view?.duties === 'restricted' || view?.duties === 'redeployed';
    case 'criminal-proceedings-concluded':
      return !!view?.heldForCriminalProceedings;
    // Objections and replacements need a panel, an objection awaiting determination, a place emptied.
    case 'panel-objection-made':
      return !!view?.panel;
    case 'panel-objection-determined':
      return !!view?.panel?.objections.some((o) => o.upheld === undefined);
    case 'panel-member-replaced':
      return !!view?.panel?.vacant.length;
    case 'deadline-extension':
      return !!view?.openDeadlines.length;
    // Reflective practice (CR Part 6): only on a track referred to it and not yet done; the report first.
    case 'reflective-review-report-agreed':
      return !!view?.reflectivePractice && !view.reflectivePractice.reportAgreedOn;
    case 'reflective-practice-actions-completed':
    case 'reflective-practice-reviewed':
    case 'reflective-practice-checked':
      return !!view?.reflectivePractice?.reportAgreedOn && !view.reflectivePractice.completedOn;
    // The vetting route (SI 2025/502): only on a track referred to it and not yet ended; the notice before a withdrawal, appeals after it.
    case 'vetting-withdrawal-notice-served':
    case 'vetting-clearance-kept':
      return !!view?.vetting && !view.vetting.result && (c.name !== 'vetting-withdrawal-notice-served' || !view.vetting.withdrawalNoticeServedOn);
    case 'vetting-representations-received':
    case 'vetting-clearance-withdrawn':
      return !!view?.vetting?.withdrawalNoticeServedOn && !view.vetting.result && (c.name !== 'vetting-representations-received' || !view.vetting.representationsReceivedOn);
    case 'vetting-appeal-lodged':
      return view?.vetting?.result === 'clearance-withdrawn' && !view.vetting.appealLodgedOn && !view.vetting.endedOn;
    case 'vetting-appeal-allowed':
    case 'vetting-appeal-dismissed':
      return !!view?.vetting?.appealLodgedOn && !view.vetting.appealResult;
    case 'vetting-pat-appeal-lodged':
      return view?.vetting?.appealResult === 'dismissed' && !view.vetting.patAppealLodgedOn;
    case 'vetting-pat-appeal-allowed':
    case 'vetting-pat-appeal-dismissed':
      return !!view?.vetting?.patAppealLodgedOn && !view.vetting.endedOn;
    default:
      return true;
  }
}

/** At each stage, the commands that move the case to its next stage: a guided step picks them most often. */
export const ADVANCES: Readonly<Record<SubjectStage, readonly string[]>> = {
  'severity-assessment': ['severity-assessment'],
  investigation: ['notice-of-investigation-served', 'investigator-report-submitted'],
  'awaiting-case-to-answer': ['case-to-answer', 'special-conditions'],
  'misconduct-meeting': ['notice-of-referral-served', 'proceedings-held', 'outcome'],
  'misconduct-hearing': ['notice-of-referral-served', 'panel-appointed', 'proceedings-held', 'outcome'],
  'accelerated-hearing': ['notice-of-referral-served', 'proceedings-scheduled', 'proceedings-held', 'outcome'],
  outcome: ['outcome-notified'],
  appeal: ['appeal-lodged', 'appeal-determination'],
  closed: [...REFLECTIVE_PRACTICE_EVENTS, ...VETTING_EVENTS],
};

/** A subject command the model chooses for a step: guided by the stage (and the view), or from the whole vocabulary. */
export function chooseSubjectCommand(stage: SubjectStage, guided: boolean, pick: number, view?: SubjectView, kind: SubjectKind = 'police-officer'): SubjectCommandName {
  if (!guided) return at(SUBJECT_VOCABULARY, pick);
  const allowedHere = SUBJECT_VOCABULARY.filter((c) => handledByWorkflow(c) && allowedAt(stage, c));
  const likely = allowedHere.filter((c) => plausible(c, view, kind));
  const allowed = likely.length ? likely : allowedHere;
  const candidates = allowed.flatMap((c) => Array<SubjectCommandName>(ADVANCES[stage].includes(c.name) ? 8 : PROGRESS.includes(c.name) ? 2 : 1).fill(c));
  return at(candidates.length ? candidates : SUBJECT_VOCABULARY, pick);
}

/** Every decision says why it was made (DECISION_RATIONALE); the quirk 'no-rationale' leaves it out or blank. */
const MODEL_RATIONALE = 'decided by the model: the reasons as the decision maker gave them';

function occurredAt(seed: PayloadSeed, clock: Clock): string {
  return new Date(clock.nowMs - seed.backdateMinutes * 60_000).toISOString();
}

function weighted<T>(list: readonly T[], n: number, first: number): T {
  // The first `first` entries twice as likely: plausible choices before the rare one.
  const extended = [...list.slice(0, first), ...list];
  return at(extended, n);
}

/** The payload of a subject command, from its seed and what the subject's view shows (its deadlines). */
export function buildSubjectCommand(c: SubjectCommandName, seed: PayloadSeed, clock: Clock, view: SubjectView | undefined): Record<string, unknown> {
  const base: Record<string, unknown> = {
    actor: c.type === 'decision' ? APPROPRIATE_AUTHORITY : CASE_OFFICER,
    occurredAt: occurredAt(seed, clock),
    ...(seed.withCommandId ? { commandId: `cmd-${clock.nowMs}-${seed.pickDeadline}-${seed.quirkField}` } : {}),
  };
  const today = londonDateOf(clock.nowMs);
  if (c.type === 'extension') {
    const open = view?.openDeadlines ?? [];
    const d = open.length ? at(open, seed.pickDeadline) : undefined;
    return { ...base, key: d?.key ?? 'representations', newDueDate: addCalendarDays(d?.dueDate ?? today, seed.extensionDays), reason: 'more time asked for', agreedBy: 'the investigator' };
  }
  if (c.type === 'decision') {
    const cmd: Record<string, unknown> = { ...base, decision: c.name, rationale: MODEL_RATIONALE };
    switch (c.name) {
      case 'severity-assessment':
      case 'severity-revision':
        cmd.severity = weighted(SEVERITIES, seed.severity, 2);
        if (seed.likelyForm % 3) cmd.likelyForm = at(LIKELY_FORMS, seed.likelyForm);
        if (c.name === 'severity-assessment' && seed.route % 2) cmd.routeIfNeither = at(NO_PROCEEDINGS_ROUTES, seed.route);
        if (c.name === 'severity-revision') cmd.reason = 'new evidence';
        break;
      case 'case-to-answer':
        cmd.caseToAnswer = weighted(CASE_TO_ANSWER_FINDINGS, seed.caseToAnswer, 2);
        if (seed.route % 2) cmd.routeIfNone = at(NO_PROCEEDINGS_ROUTES, seed.route);
        if (seed.result % 4 === 0) cmd.severalUnconnectedIncidents = true;
        // Now and then a former officer's choice of a misconduct hearing (CR reg 21A(3)), refused where Part 3A does not apply.
        if (seed.outcome % 3 === 0) cmd.misconductHearingBecause = at(FORMER_OFFICER_MISCONDUCT_HEARING_REASONS, seed.route);
        break;
      case 'special-conditions':
        cmd.reason = 'conviction; the public interest requires it';
        break;
      case 'withdrawal':
        cmd.route = at(NO_PROCEEDINGS_ROUTES, seed.route);
        cmd.reason = 'no longer believed';
        break;
      case 'outcome':
        cmd.outcome = at(OUTCOMES, seed.outcome);
        if (seed.warningMonths === 'fraction') cmd.warningMonths = 30.5;
        else if (seed.warningMonths === 'text') cmd.warningMonths = 'thirty';
        else if (seed.warningMonths !== 'none') cmd.warningMonths = seed.warningMonths;
        if (seed.standards.length) cmd.standardsBreached = seed.standards.map((n) => at(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, n));
        if (seed.report % 2) cmd.conduct = 'the conduct found';
        if (seed.report % 3) cmd.publicationExemption = { requested: false };
        break;
      case 'appeal-determination':
        cmd.result = at(['dismissed', 'allowed'], seed.result);
        if (seed.substitute !== 'none') cmd.substitutedOutcome = at(OUTCOMES, seed.substitute);
        break;
    }
    return cmd;
  }
  const cmd: Record<string, unknown> = { ...base, event: c.name };
  switch (c.name) {
    case 'interview-arranged':
      cmd.scheduledFor = addCalendarDays(today, seed.scheduledDays);
      break;
    case 'proceedings-scheduled': {
      const window = view?.openDeadlines.find((d) => d.key === 'accelerated-hearing') ?? view?.deadlines.find((d) => d.key === 'accelerated-hearing' && d.status === 'missed');
      cmd.scheduledFor = window?.earliest && seed.inWindow ? addCalendarDays(window.earliest, seed.scheduledDays % 5) : addCalendarDays(today, seed.scheduledDays);
      break;
    }
    case 'resigned':
    case 'retired':
      cmd.allegationSummary = 'took cash seized as evidence';
      break;
    case 'reflective-review-report-agreed':
      // The report's dates: after the day it is agreed, now and then on it (refused).
      cmd.actionsDueBy = addCalendarDays(today, seed.scheduledDays + (seed.inWindow ? 1 : 0));
      cmd.reviewOn = addCalendarDays(today, seed.scheduledDays + 14);
      break;
    case 'vetting-clearance-withdrawn':
      // Now and then without what the barred-list report needs (supplied later), or with a standard that is not one.
      if (seed.report % 2) cmd.conduct = 'undeclared association';
      if (seed.standards.length) cmd.standardsBreached = seed.standards.map((n) => at(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, n));
      if (seed.report % 3) cmd.publicationExemption = { requested: false };
      break;
    case 'list-report-details-supplied':
      cmd.report = at(LIST_REPORTS, seed.report);
      cmd.details = seed.report % 5 === 0 ? { shoeSize: 9 } : { fullName: 'Sam Sergeant', dateOfBirth: '1981-03-14' };
      break;
    // Panels: mostly the panel of the 2024 rules (which the model's matters are under), now and then the 2020 one or one short of a member.
    case 'panel-appointed':
      cmd.panel = at(MODEL_PANELS, seed.report % 5 < 3 ? 0 : seed.report);
      break;
    case 'panel-objection-made':
    case 'panel-objection-determined':
    case 'panel-member-replaced': {
      const pending = view?.panel?.objections.filter((o) => o.upheld === undefined).map((o) => o.member) ?? [];
      const vacant = view?.panel?.vacant.map((v) => v.member) ?? [];
      const members = c.name === 'panel-objection-determined' ? pending : c.name === 'panel-member-replaced' ? vacant : (view?.panel ? [view.panel.panel.chair.id, ...(view.panel.panel.independentMembers ?? []).map((m) => m.id)] : []);
      cmd.member = members.length && seed.inWindow ? at(members, seed.pickDeadline) : 'nobody';
      if (c.name === 'panel-objection-made') cmd.grounds = 'knows the officer';
      if (c.name === 'panel-objection-determined') cmd.upheld = seed.accepted;
      if (c.name === 'panel-member-replaced') cmd.replacement = { id: `im-${seed.pickDeadline}`, ...(cmd.member === view?.panel?.panel.chair.id ? { role: 'senior-officer', rank: 'ACC' } : {}) };
      break;
    }
    default:
      if (seed.report % 2) cmd.note = 'recorded by the model';
  }
  return cmd;
}

export function buildMatterCommand(pick: number, seed: PayloadSeed, clock: Clock, view: MatterView | undefined): { type: 'decision' | 'event' | 'extension'; cmd: Record<string, unknown> } {
  const c = at(MATTER_VOCABULARY, pick);
  const base = { actor: c.type === 'decision' ? APPROPRIATE_AUTHORITY : CASE_OFFICER, occurredAt: occurredAt(seed, clock), ...(seed.withCommandId ? { commandId: `mcmd-${clock.nowMs}-${seed.quirkField}` } : {}) };
  if (c.type === 'decision') return { type: 'decision', cmd: { ...base, decision: 'mode-of-investigation', mode: at(MODES_OF_INVESTIGATION, seed.mode), rationale: MODEL_RATIONALE } };
  if (c.type === 'extension') {
    const open = view?.openDeadlines ?? [];
    const d = open.length ? at(open, seed.pickDeadline) : undefined;
    return { type: 'extension', cmd: { ...base, key: d?.key ?? 'timeliness-report-1', newDueDate: addCalendarDays(d?.dueDate ?? londonDateOf(clock.nowMs), seed.extensionDays), reason: 'asked', agreedBy: 'the IOPC' } };
  }
  const details: Record<string, unknown> = {};
  // The investigator: now and then one managed by a subject (refused, CR reg 15(3)), or from a subject's unit under a force that refuses that.
  if (c.name === 'investigator-appointed') {
    details.investigator = { id: `inv-${seed.pickDeadline}`, unit: seed.mode % 2 ? 'Response 1' : 'PSD', lineManagers: seed.report % 4 === 0 ? ['s1', 'insp-1'] : ['di-1'] };
    if (seed.route % 2) details.investigatorSettings = { refuseInvestigatorFromSubjectsUnit: true };
  }
  if (c.name === 'subject-line-management-recorded') Object.assign(details, { subjectId: seed.pickDeadline % 4 === 0 ? 's9' : 's1', unit: 'Custody' });
  // An allegation: now and then against someone not a subject, or in a category the IOPC does not have (refused), or an id used before.
  if (c.name === 'allegation-added') {
    details.allegation = { id: `al-${seed.pickDeadline % 3}`, alleged: 'pushed a detainee', subjectIds: [seed.pickDeadline % 4 === 0 ? 's9' : 's1'], category: seed.mode % 3 === 0 ? 'Z9' : 'B4', standards: ['use-of-force'] };
  }
  return { type: 'event', cmd: { ...base, event: c.name, ...details, ...(c.name === 'complainant-updated' || seed.report % 2 ? { note: 'told the complainant of progress' } : {}) } };
}

/** The panels the model appoints: the 2024 rules' (a delegated chair, two independent members, an adviser), the 2020 rules', one short of an adviser. */
export const MODEL_PANELS = [
  { chair: { id: 'acc-1', role: 'senior-officer', rank: 'ACC' }, independentMembers: [{ id: 'im-1' }, { id: 'im-2' }], legallyQualifiedAdviser: { id: 'lqa-1' } },
  { chair: { id: 'lqc-1', role: 'legally-qualified-chair' }, independentMembers: [{ id: 'im-1' }], policeMember: { id: 'supt-1', rank: 'Superintendent' } },
  { chair: { id: 'cc-1', role: 'chief-officer' }, independentMembers: [{ id: 'im-1' }, { id: 'im-2' }] },
] as const;

export function buildRecommendationCommand(pick: number, seed: PayloadSeed, clock: Clock, view: RecommendationView | undefined): { type: (typeof RECOMMENDATION_VOCABULARY)[number]; cmd: Record<string, unknown> } {
  const type = at(RECOMMENDATION_VOCABULARY, pick);
  const base = { actor: CASE_OFFICER, occurredAt: occurredAt(seed, clock) };
  if (type === 'response') return { type, cmd: { ...base, accepted: seed.accepted, summary: 'we will change the training' } };
  if (type === 'publication') return { type, cmd: base };
  const d = view?.deadlines.length ? at(view.deadlines, seed.pickDeadline) : undefined;
  return { type, cmd: { ...base, key: d?.key ?? 'response', newDueDate: addCalendarDays(d?.dueDate ?? londonDateOf(clock.nowMs), seed.extensionDays), reason: 'asked', agreedBy: 'the IOPC' } };
}

const WEIRD_VALUES: readonly unknown[] = [42, 'banana', {}, [], null, true];

/** Makes a command implausible, as a client that skipped the API's checks might send it. */
export function applyQuirk(cmd: Record<string, unknown>, seed: PayloadSeed, clock: Clock): Record<string, unknown> {
  const out = { ...cmd };
  switch (seed.quirk) {
    case 'none':
      return out;
    case 'future':
      out.occurredAt = new Date(clock.nowMs + 2 * 86_400_000).toISOString();
      return out;
    case 'before-matter':
      out.occurredAt = `${addCalendarDays(clock.receivedOn, -3)}T12:00:00.000Z`;
      return out;
    case 'before-2013':
      out.occurredAt = '2005-06-01T10:00:00.000Z';
      return out;
    case 'not-an-instant':
      out.occurredAt = at(['yesterday', '2024-13-45T10:00:00Z', '2024-06-01', ''], seed.quirkField);
      return out;
    case 'instant-as-number':
      out.occurredAt = clock.nowMs;
      return out;
    case 'no-actor':
      delete out.actor;
      return out;
    case 'wrong-type': {
      const fields = Object.keys(out).filter((k) => k !== 'actor' && k !== 'occurredAt' && k !== 'commandId');
      if (fields.length) out[at(fields, seed.quirkField)] = at(WEIRD_VALUES, seed.quirkField >> 3);
      return out;
    }
    case 'unknown-value': {
      const field = ['severity', 'caseToAnswer', 'outcome', 'route', 'result', 'mode', 'event', 'decision', 'report'].find((k) => k in out);
      if (field) out[field] = 'something-else';
      return out;
    }
    case 'no-rationale':
      // A decision that does not say why: left out, empty or blank.
      if (seed.quirkField % 3 === 0) delete out.rationale;
      else if ('rationale' in out) out.rationale = seed.quirkField % 3 === 1 ? '' : ' \n ';
      return out;
  }
}

// ---- What the workflows answered -------------------------------------------------------------------------

export type Answer<V> =
  | { kind: 'accepted'; view: V }
  | { kind: 'refused'; type: string | undefined; rule: unknown; regulation: unknown; hasRegulation: boolean; message: string }
  /** The workflow had finished (the API answers 409 'workflow-open'). */
  | { kind: 'finished' }
  | { kind: 'timeout'; ms: number }
  | { kind: 'error'; message: string };

/** Every update is answered in bounded time, and a refusal is a RuleViolation naming its rule (and its regulation, or null). */
export function checkAnswer(what: string, answer: Answer<unknown>, expectFinishedPossible: boolean): string[] {
  switch (answer.kind) {
    case 'accepted':
      return [];
    case 'timeout':
      return [`${what}: not answered within ${answer.ms} ms (the workflow is wedged)`];
    case 'error':
      return [`${what}: answered with an error that is not a refusal: ${answer.message}`];
    case 'finished':
      return expectFinishedPossible ? [] : [`${what}: the workflow had finished while the model expected it open`];
    case 'refused': {
      const problems: string[] = [];
      if (answer.type !== 'RuleViolation') problems.push(`${what}: refused with ${answer.type ?? 'no type'} (${answer.message}), not a RuleViolation`);
      if (typeof answer.rule !== 'string' || !answer.rule) problems.push(`${what}: refusal names no rule (${answer.message})`);
      if (!answer.hasRegulation || (answer.regulation !== null && typeof answer.regulation !== 'string')) problems.push(`${what}: refusal does not say which regulation (or null) (${answer.message})`);
      return problems;
    }
  }
}

// ---- The subject's stage machine (libs/domain/src/stages.ts) ----------------------------------------------

const REFERRED: readonly SubjectStage[] = ['misconduct-meeting', 'misconduct-hearing', 'accelerated-hearing'];

/**
 * The moves the procedure allows (stages.ts lists the stages in order; a subject moves forward only, and
 * may close from any open stage: no case, withdrawal, leaving the service, an outcome needing no appeal).
 */
export const STAGE_MOVES: Readonly<Record<SubjectStage, readonly SubjectStage[]>> = {
  'severity-assessment': ['investigation', 'closed'],
  investigation: ['awaiting-case-to-answer', 'closed'],
  'awaiting-case-to-answer': [...REFERRED, 'closed'],
  'misconduct-meeting': ['outcome', 'closed'],
  // A special conditions certificate after referral to an ordinary hearing moves it to an accelerated one (reg 49).
  'misconduct-hearing': ['accelerated-hearing', 'outcome', 'closed'],
  'accelerated-hearing': ['outcome', 'closed'],
  outcome: ['appeal', 'closed'],
  appeal: ['closed'],
  closed: [],
};

/** What the model knows of one subject: what its views showed, and which commands were accepted. */
export interface SubjectFacts {
  kind: SubjectKind;
  finalWrittenWarningLive: boolean;
  stage: SubjectStage;
  reportSubmitted: boolean;
  proceedingsHeld: boolean;
  specialConditions: boolean;
  outcomeNotified: boolean;
  /** The rule set the matter is under (the model's matters are received on one day, so one rule set). */
  ruleSet: RuleSetId;
  lastAccepted?: { type: 'decision' | 'event' | 'extension'; cmd: Record<string, unknown> };
}

export function newSubjectFacts(spec: SubjectSpec, ruleSet: RuleSetId = 'rules-2020'): SubjectFacts {
  return { kind: spec.kind, finalWrittenWarningLive: spec.finalWrittenWarningLive, stage: 'severity-assessment', reportSubmitted: false, proceedingsHeld: false, specialConditions: false, outcomeNotified: false, ruleSet };
}

/**
 * Where the model expects a former officer's case to answer for gross misconduct to go: an accelerated hearing
 * under the special conditions (CR reg 49), or, where the rule set presumes one (CR Part 3A, from 28 May 2025),
 * unless the officer chose, or the appropriate authority decided on, a misconduct hearing; else a misconduct hearing.
 */
export function expectedFormerOfficerForm(facts: SubjectFacts, misconductHearingBecause: unknown): 'accelerated-hearing' | 'misconduct-hearing' {
  if (facts.specialConditions) return 'accelerated-hearing';
  if (RULE_SET[facts.ruleSet].routing.formerOfficerAcceleratedHearingByDefault && misconductHearingBecause === undefined) return 'accelerated-hearing';
  return 'misconduct-hearing';
}

export function commandName(type: 'decision' | 'event' | 'extension', cmd: Record<string, unknown>): SubjectCommandName {
  if (type === 'extension') return { type, name: 'deadline-extension' };
  return type === 'decision' ? { type, name: String(cmd.decision) } : { type, name: String(cmd.event) };
}

/**
 * An accepted command: it was allowed at the stage it found (stages.ts), it moved the subject along the
 * stage machine only, and the view after it keeps the invariants. Updates the facts.
 */
export function acceptSubjectCommand(facts: SubjectFacts, type: 'decision' | 'event' | 'extension', cmd: Record<string, unknown>, after: SubjectView, what: string): string[] {
  const problems: string[] = [];
  const c = commandName(type, cmd);
  const retried = facts.lastAccepted && cmd.commandId !== undefined && facts.lastAccepted.cmd.commandId === cmd.commandId;
  // A window closing while no one looked (the appeal window) may have closed the track just before.
  const stagesFound: SubjectStage[] = facts.stage === 'appeal' ? ['appeal', 'closed'] : [facts.stage];
  if (!retried && !stagesFound.some((st) => allowedAt(st, c))) problems.push(`${what}: ${c.type} ${c.name} was accepted at stage ${facts.stage}, where stages.ts does not allow it`);
  if (!handledByWorkflow(c)) problems.push(`${what}: ${c.type} ${c.name} is not one the workflow handles, yet it was accepted`);
  if (!retried && c.name === 'case-to-answer' && after.leftService && cmd.caseToAnswer === 'gross-misconduct' && SUBJECT_KIND_RULES[facts.kind].conductRegulations) {
    const expected = expectedFormerOfficerForm(facts, cmd.misconductHearingBecause);
    if (after.form !== expected) problems.push(`${what}: a former officer's gross misconduct under ${facts.ruleSet} went to ${after.form}, not ${expected} (CR Part 3A / reg 49)`);
  }
  if (!retried && c.type === 'decision' && !checkRationale(cmd.rationale).allowed) problems.push(`${what}: decision ${c.name} was accepted without its rationale (${DECISION_RATIONALE.rule})`);
  if (!retried) {
    if (c.name === 'investigator-report-submitted') facts.reportSubmitted = true;
    if (c.name === 'proceedings-held') facts.proceedingsHeld = true;
    if (c.name === 'special-conditions') facts.specialConditions = true;
    if (c.name === 'outcome-notified') facts.outcomeNotified = true;
    facts.lastAccepted = { type, cmd };
  }
  problems.push(...observeSubject(facts, after, what));
  return problems;
}

/** A view of the subject, after a command or time passing: the stage moved only as the machine allows, and the invariants hold. */
export function observeSubject(facts: SubjectFacts, view: SubjectView, what: string): string[] {
  const problems: string[] = [];
  if (!SUBJECT_STAGES.includes(view.stage)) problems.push(`${what}: unknown stage ${view.stage}`);
  else if (view.stage !== facts.stage && !reachable(facts.stage, view.stage)) problems.push(`${what}: stage moved from ${facts.stage} to ${view.stage}, which the stage machine does not allow`);
  problems.push(...subjectInvariants(facts, view).map((p) => `${what}: ${p}`));
  facts.stage = view.stage;
  return problems;
}

function reachable(from: SubjectStage, to: SubjectStage): boolean {
  const seen = new Set<SubjectStage>();
  const next = [from];
  while (next.length) {
    const s = next.pop()!;
    for (const t of STAGE_MOVES[s]) {
      if (t === to) return true;
      if (!seen.has(t)) {
        seen.add(t);
        next.push(t);
      }
    }
  }
  return false;
}

/** The stage machine's invariants on one view of a subject. */
export function subjectInvariants(facts: SubjectFacts, v: SubjectView): string[] {
  const problems: string[] = [];
  const open = v.stage !== 'closed';
  if (v.outcome !== null && !facts.proceedingsHeld) problems.push(`an outcome (${v.outcome}) with no meeting or hearing held`);
  if (v.caseToAnswer !== null && !facts.reportSubmitted) problems.push(`a case-to-answer decision (${v.caseToAnswer}) before the investigator's report`);
  if (v.outcome !== null && !(OUTCOMES as readonly string[]).includes(v.outcome)) problems.push(`outcome ${JSON.stringify(v.outcome)} is not one of CR reg 42's`);
  if (v.severity !== null && !(SEVERITIES as readonly string[]).includes(v.severity)) problems.push(`severity ${JSON.stringify(v.severity)} is not one of CR reg 14's`);
  if (v.caseToAnswer !== null && !(CASE_TO_ANSWER_FINDINGS as readonly string[]).includes(v.caseToAnswer)) problems.push(`caseToAnswer ${JSON.stringify(v.caseToAnswer)} is not a finding of CR reg 23`);
  if (REFERRED.includes(v.stage)) {
    if (v.form !== v.stage) problems.push(`at stage ${v.stage} the form of proceedings is ${v.form}`);
    if (v.caseToAnswer !== 'misconduct' && v.caseToAnswer !== 'gross-misconduct') problems.push(`referred to ${v.stage} with caseToAnswer ${v.caseToAnswer}`);
    if (!SUBJECT_KIND_RULES[facts.kind].conductRegulations) problems.push(`a ${facts.kind} referred to ${v.stage} (they go to their force's own procedure)`);
  }
  // A panel is checked under the matter's rule set (PANEL_RULES keys nothing in the model), and only recorded for a hearing.
  if (v.panel && v.panel.ruleSet !== facts.ruleSet) problems.push(`a panel recorded under ${v.panel.ruleSet}, not the matter's ${facts.ruleSet}`);
  if (v.panel && !['misconduct-hearing', 'accelerated-hearing'].includes(v.form ?? '')) problems.push(`a panel recorded for ${v.form}`);
  if (v.stage === 'accelerated-hearing' && v.caseToAnswer !== 'gross-misconduct') problems.push(`an accelerated hearing on a case to answer for ${v.caseToAnswer} (CR reg 49: gross misconduct only)`);
  if (v.stage === 'misconduct-meeting' && (v.caseToAnswer !== 'misconduct' || facts.finalWrittenWarningLive)) problems.push(`a misconduct meeting on ${v.caseToAnswer}${facts.finalWrittenWarningLive ? ' with a final written warning live (reg 42(5): a hearing)' : ''}`);
  if (['outcome', 'appeal'].includes(v.stage) && v.outcome === null) problems.push(`stage ${v.stage} with no outcome`);
  if (v.stage === 'appeal' && !facts.outcomeNotified) problems.push('an appeal stage before the outcome was notified');
  if (open && v.closedBecause !== null) problems.push(`open at ${v.stage} but closed because ${v.closedBecause}`);
  if (!open && v.closedBecause === null) problems.push('closed with no reason');
  if (v.leftService && open && (v.caseToAnswer ?? v.severity) !== 'gross-misconduct') problems.push(`a former officer's case open at ${v.stage} on ${v.caseToAnswer ?? v.severity} (CR reg 4: gross misconduct only)`);
  if (v.outcome === 'would-have-been-dismissed' && !v.leftService) problems.push('"would have been dismissed" against a serving officer (CR reg 4)');
  if (v.suspended && !SUBJECT_KIND_RULES[facts.kind].suspension) problems.push(`a ${facts.kind} suspended under CR reg 11`);
  if ((v.duties === 'suspended') !== v.suspended) problems.push(`duties ${v.duties} while suspended is ${v.suspended}`);
  if ((v.duties === 'restricted' || v.duties === 'redeployed') && !SUBJECT_KIND_RULES[facts.kind].suspension) problems.push(`a ${facts.kind} ${v.duties} under CR reg 11(4)(a)`);
  // A suspension recorded after leaving is accepted today (the 'suspended' check does not ask), so it is not counted here.
  if (v.leftService && v.duties !== null && v.duties !== 'suspended') problems.push(`a former officer with duties ${v.duties}`);
  if (!v.suspended && v.openDeadlines.some((d) => d.ruleId === 'suspensionReview')) problems.push('a suspension review open for an officer who is not suspended (restricted duties and redeployment have none)');
  const warning = v.outcome === 'written-warning' || v.outcome === 'final-written-warning';
  if (!warning && (v.warningLiveUntil !== null || v.openDeadlines.some((d) => d.key === 'warning-live'))) problems.push(`a warning in force with the outcome ${v.outcome} (quashed or replaced on appeal?)`);
  // A withdrawal of vetting clearance dismisses without notice too (SI 2025/502), on the route, not as an outcome; restored on appeal, it is not.
  const dismissedByVetting = !!v.vetting?.dismissedOn && !v.vetting.clearanceRestoredOn;
  if (v.outcome !== 'dismissal-without-notice' && v.outcome !== 'would-have-been-dismissed' && !dismissedByVetting && v.openDeadlines.some((d) => d.key === 'barred-list-report')) problems.push(`a barred-list report owed with the outcome ${v.outcome}`);
  // Reflective practice (CR Part 6) is a route, not a dead end: every referral (all the model's tracks follow the patch) is tracked until done, for officers only.
  const rprp = v.closedBecause === 'reflective-practice';
  if (rprp && !SUBJECT_KIND_RULES[facts.kind].conductRegulations) problems.push(`a ${facts.kind} referred to reflective practice (CR Part 6 is for those the CR govern)`);
  if (rprp && v.reflectivePractice === null) problems.push('referred to reflective practice with no route tracked (a dead end)');
  if (!rprp && v.reflectivePractice !== null) problems.push(`a reflective practice route on a track closed because ${v.closedBecause}`);
  if (v.reflectivePractice?.completedOn && v.openDeadlines.some((d) => d.key.startsWith('reflective-'))) problems.push('reflective practice completed with its deadlines still open');
  // The vetting route: a referral only under a rule set that has it, for those the duty binds, tracked until it ends.
  const vetting = v.closedBecause === 'vetting-referral';
  if (vetting && !RULE_SET[facts.ruleSet].routing.vettingReferral) problems.push(`referred to vetting under ${facts.ruleSet}, which has no CR reg 14(2)(aa)`);
  if (vetting && !VETTING.subjectKinds.includes(facts.kind)) problems.push(`a ${facts.kind} referred to vetting`);
  if (vetting && v.vetting === null) problems.push('referred to vetting with no route tracked (a dead end)');
  if (vetting && v.leftService) problems.push('a former officer referred to vetting (clearance ends on leaving, SI 2025/502 reg 6)');
  if (!vetting && v.vetting !== null) problems.push(`a vetting route on a track closed because ${v.closedBecause}`);
  if (v.vetting?.endedOn && v.openDeadlines.some((d) => d.key.startsWith('vetting-'))) problems.push('the vetting route ended with its deadlines still open');
  if (v.vetting && v.outcome !== null) problems.push(`an outcome (${v.outcome}) on a track referred to vetting (its dismissal is the route's, not CR reg 42's)`);
  const keys = v.openDeadlines.map((d) => d.key);
  if (new Set(keys).size !== keys.length) problems.push(`two open deadlines share a key: ${keys.join(', ')}`);
  return problems;
}

// ---- The matter and the recommendation -----------------------------------------------------------------

export interface MatterFacts {
  modeDecisions: number;
  mode: string | null;
  /** Referred voluntarily, so the mode went from the force's own to the DG's decision. */
  handedToDg?: boolean;
}

export function observeMatter(facts: MatterFacts, v: MatterView, accepted: { decision?: string; rationale?: unknown } | undefined, what: string): string[] {
  const problems: string[] = [];
  // The mode set by this decision (not a retried one answered as before): it had to say why.
  if (accepted?.decision === 'mode-of-investigation' && facts.mode === null && v.modeOfInvestigation !== null && !checkRationale(accepted.rationale).allowed) {
    problems.push(`${what}: the mode of investigation was decided without its rationale (${DECISION_RATIONALE.rule})`);
  }
  if (accepted?.decision === 'mode-of-investigation') facts.modeDecisions += 1;
  if (facts.modeDecisions > 1) problems.push(`${what}: the mode of investigation was decided ${facts.modeDecisions} times (Sch3 para 15: once)`);
  // A voluntary referral (Sch 3 paras 4(2)/13(2)/14C(2)) hands a locally investigated matter to the DG, once.
  const handedToDg = facts.mode === 'local' && v.modeOfInvestigation === null && v.referredToIopcVoluntarily && !facts.handedToDg;
  if (handedToDg) facts.handedToDg = true;
  if (facts.mode !== null && v.modeOfInvestigation !== facts.mode && !handedToDg) problems.push(`${what}: the mode of investigation changed from ${facts.mode} to ${v.modeOfInvestigation}`);
  if (v.modeOfInvestigation !== null && !(MODES_OF_INVESTIGATION as readonly string[]).includes(v.modeOfInvestigation)) problems.push(`${what}: mode ${JSON.stringify(v.modeOfInvestigation)} is not one of Sch3 para 15's`);
  if (v.stage === 'awaiting-mode-of-investigation' && !v.iopcReferralRequired && !v.referredToIopcVoluntarily) problems.push(`${what}: awaiting the Director General on a matter that was not referred`);
  if (v.stage === 'closed' && v.subjects.some((x) => !x.closed)) problems.push(`${what}: the matter closed with a subject's track open`);
  facts.mode = v.modeOfInvestigation;
  return problems;
}

export interface RecommendationFacts {
  responses: number;
  publications: number;
}

export function observeRecommendation(facts: RecommendationFacts, v: RecommendationView, accepted: 'response' | 'publication' | 'deadline-extension' | undefined, what: string): string[] {
  const problems: string[] = [];
  if (accepted === 'response') facts.responses += 1;
  if (accepted === 'publication') facts.publications += 1;
  if (facts.responses > 1) problems.push(`${what}: the response was recorded ${facts.responses} times (Sch3 para 28B: once)`);
  if (facts.publications > 1) problems.push(`${what}: published ${facts.publications} times`);
  if (v.stage !== 'awaiting-response' && v.response === null) problems.push(`${what}: at ${v.stage} with no response recorded`);
  if (v.stage === 'published' && v.publishedOn === null) problems.push(`${what}: published with no date`);
  const open = v.deadlines.filter((d) => d.status === 'open').map((d) => d.key);
  if (new Set(open).size !== open.length) problems.push(`${what}: two open deadlines share a key: ${open.join(', ')}`);
  return problems;
}
