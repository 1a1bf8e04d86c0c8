/**
 * The shapes that cross the boundary between the API, the workflows and the activities.
 * Plain data only: they are serialised into Temporal's history.
 */
import type {
  Allegation,
  AllegationFinding,
  CaseToAnswerFinding,
  FormerOfficerMisconductHearingReason,
  DeadlineRuleId,
  Finding,
  Investigator,
  InvestigatorForceSettings,
  IsoDate,
  Panel,
  PanelChair,
  PanelMember,
  PanelRuleOverrides,
  PanelSeat,
  LikelyForm,
  ListReport,
  ListReportDetails,
  MatterEventName,
  MatterKind,
  ModeOfInvestigation,
  NoProceedingsRoute,
  OfficerCopy,
  TimelinessStart,
  Duties,
  Outcome,
  ProceedingsForm,
  PublicationExemption,
  Regime,
  ReflectivePracticeRecord,
  VettingRecord,
  Role,
  RuleSetChoice,
  RuleSetId,
  Severity,
  SubjectKind,
  StandardOfProfessionalBehaviour,
  SubjectDecisionName,
  SubjectEventName,
  SubjectStage,
} from '@conduct/domain';

export type { NoProceedingsRoute };

export interface Actor {
  id: string;
  role: Role;
}

/** Every message a person sends says who and when; `occurredAt` may be in the past, never the future. */
export interface CommandBase {
  actor: Actor;
  occurredAt: string;
  /** Set by the API from the Idempotency-Key header, so a retried request never acts twice. */
  commandId?: string;
}

export interface SubjectReferral {
  subjectId: string;
  kind: SubjectKind;
  rank?: string;
  warrantNumber?: string;
  /** Personal data stays out of the workflow's decisions; it is carried for the projection and the list reports. */
  name?: string;
  /** For the barred-list report (BL&AL Regs reg 3). */
  dateOfBirth?: IsoDate;
  finalWrittenWarningLive?: boolean;
  /** Where finalWrittenWarningLive came from: the engine's own records of the person (with the warning), or a source from before the engine. Recorded, not acted on. */
  finalWrittenWarningLiveSource?: string;
  finalWrittenWarningLiveFrom?: { matterReference: string; subjectId: string; liveUntil: IsoDate };
  /** The unit the subject works in, and their line managers (nearest first): what an investigator's appointment is checked against (CR reg 15(3)). */
  unit?: string;
  lineManagers?: string[];
}

export interface MatterReferral {
  reference: string;
  kind: MatterKind;
  forceId: string;
  appropriateAuthority: string;
  /** The date the matter came to the appropriate authority's attention: the timeliness clock of a conduct or DSI matter starts here (CR reg 19). */
  receivedOn: IsoDate;
  /** A complaint: the date it was made, on or before receivedOn; its timeliness clock starts here (CMR reg 13). Absent: receivedOn. */
  complaintMadeOn?: IsoDate;
  recordableCategories?: string[];
  summary?: string;
  subjects: SubjectReferral[];
  /** What is alleged, against whom, in which IOPC category (allegations.ts); absent from clients that send none. */
  allegations?: Allegation[];
  referredBy: Actor;
  referredAt: string;
  /** The referral request's Idempotency-Key, so a retried referral is answered, not refused. */
  commandId?: string;
}

export type DeadlineStatus = 'open' | 'met' | 'missed' | 'cancelled';

export interface DeadlineExtension {
  from: IsoDate;
  to: IsoDate;
  reason: string;
  agreedBy: string;
  recordedBy: string;
}

export interface Deadline {
  /** Unique within the workflow, e.g. 'representations' or 'suspension-review-3'. */
  key: string;
  ruleId: DeadlineRuleId;
  name: string;
  regulation: string;
  trigger: IsoDate;
  /** For a window (the accelerated hearing): the earliest permitted date. */
  earliest?: IsoDate;
  dueDate: IsoDate;
  dueAt: string;
  remindAt?: string;
  reminded: boolean;
  status: DeadlineStatus;
  extensions: DeadlineExtension[];
  /** Only a target ("as soon as practicable"), not a statutory limit. */
  target: boolean;
  /** Set already past its reminder or due time (a back-dated trigger): no reminder or escalation before this instant. */
  heldUntil?: string;
  /** The grace a back-dated deadline is held for, where configuration sets it (BACKDATED_DEADLINE_GRACE_HOURS); taken when it is set. */
  backdatedGraceMs?: number;
  /** When the step that settled it happened (its occurredAt), however late it was recorded. */
  settledAt?: string;
  /** Who was told it was missed, so a correction reaches the same recipients. */
  escalatedTo?: string[];
  /** Each change of a judgement already made (a miss the timer declared, then shown to have been met in time). */
  corrections?: DeadlineCorrection[];
}

export interface DeadlineCorrection {
  from: DeadlineStatus;
  to: DeadlineStatus;
  /** When the step that corrected it happened, and when it was recorded; who recorded it. */
  occurredAt: string;
  recordedAt: string;
  by: string;
}

export interface DeadlineRequest {
  key: string;
  ruleId: DeadlineRuleId;
  trigger: IsoDate;
  /** A length fixed by a decision (a final written warning set at 5 years). */
  length?: number;
}

/** The allegations a decision concerns (severity, its revision, case to answer): checked by the API against the matter's. */
export interface AllegationsNamed {
  allegations?: string[];
}

/**
 * What every decision says besides itself: why it was made (IOPC statutory guidance; DECISION_RATIONALE).
 * Optional in the type because decisions recorded before it was required have none; required by the API, and by
 * the workflows started from the patch on (DECISION_RATIONALE_REQUIRED).
 */
export interface DecisionRationale {
  rationale?: string;
}

export type DecisionCommand = CommandBase &
  DecisionRationale &
  (
    | ({ decision: 'severity-assessment'; severity: Severity; likelyForm?: LikelyForm; routeIfNeither?: NoProceedingsRoute } & AllegationsNamed)
    | ({ decision: 'severity-revision'; severity: Severity; likelyForm?: LikelyForm; reason: string } & AllegationsNamed)
    | ({
        decision: 'case-to-answer';
        caseToAnswer: CaseToAnswerFinding;
        routeIfNone?: NoProceedingsRoute;
        severalUnconnectedIncidents?: boolean;
        /** A former officer under the 2025 rules goes to a misconduct hearing, not an accelerated one, because of this (CR reg 21A(3)). */
        misconductHearingBecause?: FormerOfficerMisconductHearingReason;
      } & AllegationsNamed)
    | { decision: 'special-conditions'; reason: string }
    | { decision: 'withdrawal'; route: NoProceedingsRoute; reason: string }
    /**
     * finding: what the proceedings found (CR reg 41(15)); exceptionalCircumstances: the panel's reasons for a sanction
     * short of dismissal on gross misconduct, required under the 2025 rules (CR reg 42 as amended by SI 2025/558 reg 15).
     */
    /** allegationFindings: the finding on each allegation against the subject, in the same terms (checked by the API against the matter's allegations). */
    | ({ decision: 'outcome'; outcome: Outcome; warningMonths?: number; finding?: Finding; exceptionalCircumstances?: string; allegationFindings?: AllegationFinding[] } & ListReportFindings)
    /** allegationFindings: with an appeal allowed, the findings on the allegations it substitutes (carried to the audit line; the projection records them). */
    | ({ decision: 'appeal-determination'; result: 'dismissed' | 'allowed'; substitutedOutcome?: Outcome; allegationFindings?: AllegationFinding[] } & ListReportFindings)
  );

/**
 * What the barred-list report needs from the proceedings (BL&AL Regs reg 3): the conduct found, the
 * standards it breached, and whether exemption from publication is asked for. Recorded with the
 * outcome (or with an appeal determination that substitutes a dismissal); a dismissal without them is
 * still recorded, but its report is refused as incomplete and escalated to the appropriate authority.
 */
export interface ListReportFindings {
  conduct?: string;
  standardsBreached?: StandardOfProfessionalBehaviour[];
  publicationExemption?: PublicationExemption;
}


export type SubjectEventKind = SubjectEventName;

/** The events that carry something of their own; every other event carries at most a note. */
type EventWithDetails =
  /** The date fixed: the interview (CR reg 20), the meeting or hearing. Required; the workflow refuses one without. */
  | { event: 'interview-arranged'; scheduledFor: IsoDate }
  | { event: 'proceedings-scheduled'; scheduledFor: IsoDate }
  /** A delay of the notice is lawful only with its reason recorded (CR reg 17(2)). */
  | { event: 'notice-of-investigation-delayed'; note: string }
  /** The allegation outstanding, for the advisory-list report (BL&AL Regs reg 12). */
  | { event: 'resigned' | 'retired'; allegationSummary?: string }
  /** Which report is completed, and what it lacked. */
  | { event: 'list-report-details-supplied'; report: ListReport; details: ListReportDetails }
  /** The panel (panels.ts); panelRules: the unconfirmed panel rules as configured (PANEL_RULES), added by the API. */
  | { event: 'panel-appointed'; panel: Panel; panelRules?: PanelRuleOverrides }
  /** An objection to the member named, with its grounds (CR reg 30 / reg 51). */
  | { event: 'panel-objection-made'; member: string; grounds: string }
  | { event: 'panel-objection-determined'; member: string; upheld: boolean }
  /** The member whose objection was upheld, and who takes their place. */
  | { event: 'panel-member-replaced'; member: string; replacement: PanelChair | PanelMember; panelRules?: PanelRuleOverrides }
  /** The reflective review development report sets when its actions are due and the review date (CR reg 70). */
  | { event: 'reflective-review-report-agreed'; actionsDueBy: IsoDate; reviewOn: IsoDate }
  /** Withdrawal of vetting clearance is dismissal without notice: what the barred-list report needs (BL&AL Regs reg 3). */
  | ({ event: 'vetting-clearance-withdrawn' } & ListReportFindings);

export type EventCommand = CommandBase & { note?: string } & (EventWithDetails | { event: Exclude<SubjectEventName, EventWithDetails['event']> });

export interface ExtensionCommand extends CommandBase {
  key: string;
  newDueDate: IsoDate;
  reason: string;
  agreedBy: string;
}

export interface SubjectInput {
  matterReference: string;
  matterWorkflowId: string;
  matterKind: MatterKind;
  regime: Regime;
  forceId: string;
  receivedOn: IsoDate;
  /** The rule set the matter is under, and why (rule-sets.ts); absent for tracks started before rule sets were recorded: the 2020 rules. */
  ruleSet?: RuleSetChoice;
  subject: SubjectReferral;
  /** Carried across continue-as-new. */
  state?: SubjectState;
  historyLimit?: number;
  /** A subject brought in by an import: its steps already taken, applied once when the track starts (see subject/import.ts). */
  imported?: ImportedTrack<ImportedSubjectStep>;
}

/**
 * What an import brings into a workflow: the instant of the import (deadlines and reminders at or before it
 * belong to the past: closed quietly, never sent) and the steps already taken, in the order they happened.
 */
export interface ImportedTrack<Step> {
  importedAt: string;
  steps: Step[];
}

/** A step already taken on a subject's track, as the API's commands name it. */
export type ImportedSubjectStep = { decision: DecisionCommand } | { event: EventCommand } | { extension: ExtensionCommand };

/** A step already taken on the matter as a whole. */
export type ImportedMatterStep = { decision: MatterDecisionCommand } | { event: MatterEventCommand } | { extension: ExtensionCommand };

/** A matter brought in by an import: its own steps, each subject's steps, and the import's fingerprint (the same file imports it unchanged). */
export interface ImportedMatter extends ImportedTrack<ImportedMatterStep> {
  fingerprint: string;
  subjectSteps: Record<string, ImportedSubjectStep[]>;
}

export interface SubjectState {
  stage: SubjectStage;
  severity?: Severity;
  likelyForm?: LikelyForm;
  finalWrittenWarningLiveAtAssessment: boolean;
  noticeOfInvestigationServedOn?: IsoDate;
  disclosureGivenOn?: IsoDate;
  interviewHeldOn?: IsoDate;
  reportSubmittedOn?: IsoDate;
  caseToAnswer?: CaseToAnswerFinding;
  severalUnconnectedIncidents: boolean;
  specialConditionsCertified: boolean;
  form?: ProceedingsForm;
  /** Why a former officer went to a misconduct hearing instead of Part 3A's accelerated hearing (CR reg 21A(3)). */
  misconductHearingBecause?: FormerOfficerMisconductHearingReason;
  /** The day the notice of referral was given (CR reg 30 / reg 51): what PANEL_RULES may key the panel's rule set on. */
  noticeOfReferralServedOn?: IsoDate;
  /** The panel appointed for the hearing, the rule set it was checked under, its empty places and the objections to it. */
  panel?: PanelRecord;
  heldForCriminalProceedings: boolean;
  suspended: boolean;
  suspensionReviews: number;
  /** On restricted duties or redeployed, the alternatives to suspension (CR reg 11(4)(a)); absent: full duties. */
  restrictedDuties?: Extract<Duties, 'restricted' | 'redeployed'>;
  leftService?: { how: 'resigned' | 'retired'; on: IsoDate };
  advisoryListReported: boolean;
  /** A report removing the advisory-list entry has been queued (Police Act 1996 s.88L). */
  advisoryListRemovalReported?: boolean;
  /** The last version of each list report queued, and how many corrections followed it. Personal data: encrypted by the codec. */
  listReports?: Partial<Record<ListReport, { payload: Record<string, unknown>; corrections: number }>>;
  proceedingsScheduledFor?: IsoDate;
  proceedingsHeldOn?: IsoDate;
  outcome?: Outcome;
  /** A hearing may set a final written warning's period (up to 5 years). */
  warningMonths?: number;
  outcomeNotifiedOn?: IsoDate;
  warningLiveUntil?: IsoDate;
  warningExpired: boolean;
  barredListReportDue?: IsoDate;
  appealLodged: boolean;
  closedBecause?: string;
  /** The day the track closed, as it happened: its matter's series end there. */
  closedOn?: IsoDate;
  deadlines: Deadline[];
  revision: number;
  /** Command ids already applied, so a retried request is answered, not repeated. */
  appliedCommands: string[];
  /** Started from DECISION_RATIONALE_REQUIRED on: every decision must carry its rationale. */
  decisionRationaleRequired?: boolean;
  /** Started from REFLECTIVE_PRACTICE_TRACKED on: a referral to reflective practice is tracked until done (CR Part 6). */
  reflectivePracticeTracked?: boolean;
  /** The reflective practice review process the track was referred to, as far as it has gone. */
  reflectivePractice?: ReflectivePracticeRecord;
  /** Started from VETTING_ROUTE on: a referral under the Vetting Regulations is tracked until done, and only under a rule set that has it. */
  vettingRouteTracked?: boolean;
  /** The vetting route the track was referred to (SI 2025/502), as far as it has gone. */
  vetting?: VettingRecord;
}

export interface PanelRecord {
  panel: Panel;
  ruleSet: RuleSetId;
  why: string;
  appointedOn: IsoDate;
  /** Places left empty by an upheld objection, with whom they held: the hearing waits for a replacement. */
  vacant: { seat: PanelSeat; member: string }[];
  objections: { member: string; grounds: string; madeOn: IsoDate; upheld?: boolean; determinedOn?: IsoDate }[];
}

export interface SubjectView {
  matterReference: string;
  subjectId: string;
  kind: SubjectKind;
  stage: SubjectStage;
  severity: Severity | null;
  caseToAnswer: string | null;
  form: ProceedingsForm | null;
  /** Why a former officer went to a misconduct hearing instead of an accelerated one (CR reg 21A(3)); null otherwise. */
  misconductHearingBecause: FormerOfficerMisconductHearingReason | null;
  outcome: Outcome | null;
  closedBecause: string | null;
  heldForCriminalProceedings: boolean;
  suspended: boolean;
  /** Full, restricted, redeployed or suspended; null once the subject has left the service. */
  duties: Duties | null;
  leftService: { how: 'resigned' | 'retired'; on: IsoDate } | null;
  warningLiveUntil: IsoDate | null;
  /** The days an accelerated hearing may be held on (CR reg 52(1)/(1A)), while one is to be held. */
  acceleratedHearingWindow: AcceleratedHearingWindow | null;
  /** The panel appointed for the hearing, if one has been recorded. */
  panel: PanelRecord | null;
  /** The reflective practice review process the subject was referred to (CR Part 6), while and after it runs; null if none. */
  reflectivePractice: ReflectivePracticeRecord | null;
  /** The vetting route the subject was referred to (SI 2025/502), while and after it runs; null if none. */
  vetting: VettingRecord | null;
  warningExpired: boolean;
  openDeadlines: Deadline[];
  deadlines: Deadline[];
  revision: number;
}

/** The first and last day an accelerated hearing may be held (10 to 15 working days after the notice, CR reg 52). */
export interface AcceleratedHearingWindow {
  from: IsoDate;
  to: IsoDate;
  regulation: string;
}

export type MatterStage = 'awaiting-mode-of-investigation' | 'investigation' | 'proceedings' | 'closed';

export type MatterDecisionCommand = CommandBase & DecisionRationale & {
  decision: 'mode-of-investigation';
  mode: ModeOfInvestigation;
  /** Why, in the decision-maker's words; recorded in the decision's audit line (from MODE_RATIONALE_RECORDED on). */
  rationale?: string;
};

export type MatterEventKind = MatterEventName;

/** The matter's events that carry something of their own. */
type MatterEventWithDetails =
  /** investigatorSettings: the force's rules on investigators (INVESTIGATOR_FORCE_SETTINGS), added by the API. */
  | { event: 'investigator-appointed'; investigator: Investigator; investigatorSettings?: InvestigatorForceSettings }
  | { event: 'subject-line-management-recorded'; subjectId: string; unit?: string; lineManagers?: string[] }
  /** An allegation added after referral (allegations.ts). */
  | { event: 'allegation-added'; allegation: Allegation }
  /** officerCopies: for each subject, whether their copy was sent or withheld under the harm test (CR reg 19(4)). */
  | { event: 'timeliness-report-sent'; officerCopies?: OfficerCopy[] };

export type MatterEventCommand = CommandBase & { note?: string } & (MatterEventWithDetails | { event: Exclude<MatterEventKind, MatterEventWithDetails['event']> });

/** The investigator appointed (CR reg 15), and whether they are independent of each subject. */
export interface InvestigatorRecord {
  investigator: Investigator;
  appointedOn: IsoDate;
  independent: boolean;
  notIndependentOf: string[];
  regulation: string;
}

export interface MatterState {
  stage: MatterStage;
  /** The rule set decided at referral, and why (rule-sets.ts); absent for matters referred before rule sets were recorded. */
  ruleSet?: RuleSetChoice;
  iopcReferralRequired: boolean;
  referredToIopcOn?: IsoDate;
  /** Referred although no category required it (PRA 2002 Sch 3 paras 4(2)/13(2)/14C(2)). */
  referredToIopcVoluntarily?: boolean;
  modeOfInvestigation?: ModeOfInvestigation;
  /** The day the investigation was completed, as it happened (its `occurredAt`): the timeliness series stops there. */
  investigationCompletedOn?: IsoDate;
  /** The day the complainant was given the outcome (CMR reg 34): the complainant's updates stop there. */
  complaintOutcomeGivenOn?: IsoDate;
  subjects: Record<string, { closed: boolean; finished?: boolean; outcome?: Outcome; closedBecause?: string; closedOn?: IsoDate; workflowId: string }>;
  subjectsStarted: boolean;
  timelinessReports: number;
  complainantUpdates: number;
  /** The investigator appointed (the latest appointment). */
  investigator?: InvestigatorRecord;
  /** A subject's unit and line management recorded after referral (they replace what the referral gave). */
  subjectLineManagement?: Record<string, { unit?: string; lineManagers?: string[] }>;
  /** The matter's allegations, from referral and added since; absent for a matter referred before allegations were recorded (until one is added). */
  allegations?: Allegation[];
  deadlines: Deadline[];
  revision: number;
  appliedCommands: string[];
  /** Started from DECISION_RATIONALE_REQUIRED on: every decision must carry its rationale. */
  decisionRationaleRequired?: boolean;
  /** Each timeliness report as it was answered: withheld for prejudice (with the reason), sent (with the officers' copies). */
  timelinessReportRecords?: TimelinessReportRecord[];
}

/** One occurrence of the timeliness series as it was answered (CR reg 19 / CMR reg 13). */
export interface TimelinessReportRecord {
  key: string;
  dueDate: IsoDate;
  /** Withheld because it might prejudice an investigation (CR reg 19(3); CMR reg 13), from the recipients named, with its reason. */
  withheld?: { on: IsoDate; from: string[]; reason: string; regulation: string };
  /** Sent; with, where the report said, each officer's copy sent or withheld under the harm test (CR reg 19(4)). */
  sent?: { on: IsoDate; officerCopies?: OfficerCopy[] };
}

export interface MatterInput {
  referral: MatterReferral;
  state?: MatterState;
  /** A matter brought in by an import, mid-way or closed: applied once, when the matter starts. */
  imported?: ImportedMatter;
  /** Continue-as-new after this many history events (default HISTORY_LIMIT); passed on to the subjects. */
  historyLimit?: number;
}

export interface MatterView {
  reference: string;
  referralCommandId: string | null;
  kind: MatterKind;
  regime: Regime;
  /** The rule set the matter is under, and why; null for a matter referred before rule sets were recorded (the 2020 rules). */
  ruleSet: RuleSetChoice | null;
  forceId: string;
  stage: MatterStage;
  iopcReferralRequired: boolean;
  modeOfInvestigation: ModeOfInvestigation | null;
  referredToIopcVoluntarily: boolean;
  investigationCompletedOn: IsoDate | null;
  /** The investigator appointed, and whether independent of each subject; null until one is recorded. */
  investigator: InvestigatorRecord | null;
  /** Set for a matter brought in by an import: when, and the fingerprint of what was imported. */
  imported?: { importedAt: string; fingerprint: string } | null;
  subjects: { subjectId: string; workflowId: string; closed: boolean; outcome: Outcome | null }[];
  /** The matter's allegations; empty for a matter with none recorded. */
  allegations?: Allegation[];
  openDeadlines: Deadline[];
  /** The day the first timeliness period starts with, and why (CR reg 19 / CMR reg 13). */
  timelinessStart?: TimelinessStart;
  /** Each timeliness report answered: sent, or withheld for prejudice, with the officers' copies. */
  timelinessReports?: TimelinessReportRecord[];
  revision: number;
}

/** One line of the audit trail, written with the projection in one transaction. */
export interface AuditRecord {
  idempotencyKey: string;
  matterReference: string;
  subjectId: string | null;
  actor: string;
  actorRole: string;
  action: string;
  rule: string | null;
  regulation: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
}

/** A message to send, queued in the outbox in the same transaction. */
export interface OutboxRecord {
  idempotencyKey: string;
  matterReference: string;
  subjectId: string | null;
  purpose: string;
  recipient: string;
  payload: Record<string, unknown>;
  notBefore?: string;
}

export interface SubjectSnapshot {
  matterReference: string;
  subjectId: string;
  workflowId: string;
  kind: SubjectKind;
  rank: string | null;
  warrantNumber: string | null;
  stage: SubjectStage;
  severity: string | null;
  caseToAnswer: string | null;
  formOfProceedings: string | null;
  outcome: string | null;
  closedBecause: string | null;
  status: Record<string, unknown>;
  deadlines: Deadline[];
  revision: number;
}

export interface MatterSnapshot {
  reference: string;
  workflowId: string;
  kind: MatterKind;
  regime: Regime;
  ruleSet?: RuleSetChoice | null;
  forceId: string;
  stage: MatterStage;
  appropriateAuthority: string;
  iopcReferralRequired: boolean;
  modeOfInvestigation: string | null;
  receivedOn: IsoDate;
  /** A complaint: the day it was made, where the referral gave it. */
  complaintMadeOn?: IsoDate | null;
  /** The day the first timeliness period starts with (CR reg 19 / CMR reg 13). */
  timelinessStartsOn?: IsoDate;
  timelinessReports?: TimelinessReportRecord[];
  investigator?: InvestigatorRecord | null;
  /** Written with the row: each allegation and whom it is against (allegation, allegation_subject). */
  allegations?: Allegation[];
  deadlines: Deadline[];
  revision: number;
}

export interface RecordChange<S> {
  snapshot: S;
  audit: AuditRecord[];
  outbox: OutboxRecord[];
}

export interface RecommendationSnapshot {
  reference: string;
  matterReference: string;
  stage: string;
  deadlines: Deadline[];
  revision: number;
}

export interface RecommendationInput {
  reference: string;
  matterReference: string;
  forceId: string;
  recipient: string;
  madeOn: IsoDate;
  text: string;
  madeBy: Actor;
  /** Carried across continue-as-new. */
  state?: RecommendationState;
  historyLimit?: number;
}

export interface RecommendationState {
  stage: RecommendationStage;
  response: { accepted: boolean; respondedOn: IsoDate } | null;
  publishedOn: IsoDate | null;
  deadlines: Deadline[];
  revision: number;
  /** The Idempotency-Keys of the commands applied (the last 50 across continue-as-new): one sent again is answered, not applied twice. */
  appliedCommands?: string[];
}

export type RecommendationStage = 'awaiting-response' | 'awaiting-publication' | 'published';

export interface RecommendationView {
  reference: string;
  matterReference: string;
  forceId: string;
  stage: RecommendationStage;
  response: { accepted: boolean; respondedOn: IsoDate } | null;
  publishedOn: IsoDate | null;
  deadlines: Deadline[];
}

// ---- Each vocabulary is declared once, in @conduct/domain; these types only check the commands match it ----

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A decision added to the domain's list without its command here (or the reverse) does not compile. */
export type DecisionCommandsMatchTheDomain = Assert<Same<DecisionCommand['decision'], SubjectDecisionName>>;
export type EventCommandsMatchTheDomain = Assert<Same<EventCommand['event'], SubjectEventName>>;
export type MatterEventCommandsMatchTheDomain = Assert<Same<MatterEventCommand['event'], MatterEventName>>;
type Assert<T extends true> = T;
