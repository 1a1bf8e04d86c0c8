// The matter's own duties that depend on how it is investigated: a voluntary referral to the IOPC, who
// reports on an unfinished investigation and to whom, and when a periodic series (timeliness reports,
// complainant updates) stops. Data plus small pure functions, each naming its regulation.

import { compareIsoDates, IsoDate } from './time';
import { MatterKind, ModeOfInvestigation, ReferralGround, Regime } from './kinds';

// ---- Voluntary referral to the IOPC -----------------------------------------------------------------

export interface VoluntaryReferral {
  allowed: boolean;
  regulation: string;
  reason: string;
}

/**
 * Whether the appropriate authority may refer a matter to the Director General although it need not:
 * a complaint (PRA 2002 Sch 3 para 4(2)), a recordable conduct matter (para 13(2)) or a DSI matter
 * (para 14C(2)), where it considers it appropriate by reason of the gravity of the matter or exceptional
 * circumstances. A conduct matter outside the recordable categories is the force's, under the Conduct
 * Regulations: it is recorded first (CMR reg 7(1)(f)) if it is to be referred.
 * Status [S]: the paragraphs are cited by issue 12; their text is not in the domain notes.
 */
export function voluntaryIopcReferral(kind: MatterKind, grounds: readonly ReferralGround[]): VoluntaryReferral {
  if (kind === 'complaint') return { allowed: true, regulation: 'PRA 2002 Sch 3 para 4(2)', reason: 'the appropriate authority may refer a complaint to the IOPC' };
  if (kind === 'dsi-matter') return { allowed: true, regulation: 'PRA 2002 Sch 3 para 14C(2)', reason: 'the appropriate authority may refer a DSI matter to the IOPC' };
  if (kind === 'recordable-conduct-matter' || grounds.length > 0) {
    return { allowed: true, regulation: 'PRA 2002 Sch 3 para 13(2)', reason: 'the appropriate authority may refer a recordable conduct matter to the IOPC' };
  }
  return {
    allowed: false,
    regulation: 'PRA 2002 Sch 3 para 13(2); CMR reg 7',
    reason: 'only a recordable conduct matter may be referred: record it (CMR reg 7) first',
  };
}

// ---- Timeliness reports: who reports, and to whom -----------------------------------------------------

/** Who receives a timeliness report, as the outbox routes them. */
export type TimelinessRecipient = 'local-policing-body' | 'iopc' | 'appropriate-authority';

export interface TimelinessDuty {
  /** Who must write the report. */
  reporter: 'appropriate-authority' | 'director-general';
  recipients: readonly TimelinessRecipient[];
  regulation: string;
  /** CR reg 19(4): a copy goes to the officer concerned, unless it might prejudice an investigation (the harm test). */
  copyToOfficerConcerned: boolean;
  status: 'C' | 'S' | 'U';
}

/**
 * The report on an investigation unfinished after 12 months, then every 6 (domain notes: README
 * "Timeliness" and regimes-2024-2025.md item 10, both [C]):
 * - Conduct Regulations (CR reg 19): the appropriate authority reports to the local policing body, with a
 *   copy to the officer concerned (reg 19(4)); withheld where it might prejudice an investigation (19(3)).
 * - Schedule 3, investigated by the force itself (local, referred back, or not referred) (CMR reg 13): the
 *   appropriate authority reports to the local policing body and to the Director General.
 * - Schedule 3, directed or independent (CMR reg 13): the Director General reports, to the local policing
 *   body and the chief officer (the appropriate authority).
 * The notes mark none of these [U], so none is configurable. A matter still awaiting the DG's decision
 * on the mode is the appropriate authority's to report on.
 */
export const TIMELINESS_DUTIES = {
  'conduct-regulations': { reporter: 'appropriate-authority', recipients: ['local-policing-body'], regulation: 'CR reg 19', copyToOfficerConcerned: true, status: 'C' },
  'schedule-3-force': { reporter: 'appropriate-authority', recipients: ['local-policing-body', 'iopc'], regulation: 'CMR reg 13', copyToOfficerConcerned: false, status: 'C' },
  'schedule-3-iopc': { reporter: 'director-general', recipients: ['local-policing-body', 'appropriate-authority'], regulation: 'CMR reg 13', copyToOfficerConcerned: false, status: 'C' },
} as const satisfies Record<string, TimelinessDuty>;

export function timelinessDuty(regime: Regime, mode: ModeOfInvestigation | null | undefined): TimelinessDuty {
  if (regime === 'conduct-regulations') return TIMELINESS_DUTIES['conduct-regulations'];
  if (mode === 'directed' || mode === 'independent') return TIMELINESS_DUTIES['schedule-3-iopc'];
  return TIMELINESS_DUTIES['schedule-3-force'];
}

// ---- Periodic series: they stop when their condition ends ---------------------------------------------

/** What keeps a periodic series going, and the regulation that says so. */
export const PERIODIC_SERIES = {
  timelinessReport: { while: 'the investigation is not completed', regulation: 'CR reg 19 / CMR reg 13' },
  timelinessReportRepeat: { while: 'the investigation is not completed', regulation: 'CR reg 19 / CMR reg 13' },
  complainantUpdate: { while: 'the complaint is being handled (until the outcome is given)', regulation: 'CMR reg 34' },
} as const;

export type PeriodicSeriesRuleId = keyof typeof PERIODIC_SERIES;

/**
 * Whether one occurrence of a periodic series, falling due on `dueDate`, is owed when its condition ended
 * on `conditionEndedOn` (the date it happened, however late it was recorded): owed if the condition still
 * held on the day it fell due, not owed if it ended before. Without an end, it is owed.
 */
export function periodicOccurrenceOwed(dueDate: IsoDate, conditionEndedOn: IsoDate | null | undefined): boolean {
  if (!conditionEndedOn) return true;
  return compareIsoDates(dueDate, conditionEndedOn) <= 0;
}

// ---- Timeliness reports: when the first period starts -------------------------------------------------

/** What the first 12-month period of the timeliness series starts with, by kind of matter. */
export type TimelinessStartFrom = 'complaint-made' | 'came-to-appropriate-authority-attention';

/**
 * The date the first 12 months start with (regimes-2024-2025.md item 10, [C]):
 * - a complaint: "the date on which the complaint … was made" (CMR reg 13), which may precede its reaching the
 *   appropriate authority (a complaint made to the IOPC or the local policing body is passed on);
 * - a conduct or DSI matter: when it came to the appropriate authority's attention (CR reg 19; CMR reg 13), which
 *   is the referral's receivedOn.
 */
export const TIMELINESS_START = {
  complaint: { from: 'complaint-made', regulation: 'CMR reg 13', status: 'C' },
  'recordable-conduct-matter': { from: 'came-to-appropriate-authority-attention', regulation: 'CMR reg 13', status: 'C' },
  'conduct-matter': { from: 'came-to-appropriate-authority-attention', regulation: 'CR reg 19', status: 'C' },
  'dsi-matter': { from: 'came-to-appropriate-authority-attention', regulation: 'CMR reg 13', status: 'C' },
} as const satisfies Record<MatterKind, { from: TimelinessStartFrom; regulation: string; status: 'C' | 'S' | 'U' }>;

export interface TimelinessStart {
  startsOn: IsoDate;
  from: TimelinessStartFrom;
  regulation: string;
}

/** The first period's start: the complaint's making where it was given (else its receipt), or the day it came to the appropriate authority's attention. */
export function timelinessStartsOn(kind: MatterKind, receivedOn: IsoDate, complaintMadeOn?: IsoDate | null): TimelinessStart {
  const rule = TIMELINESS_START[kind];
  const startsOn = rule.from === 'complaint-made' && complaintMadeOn ? complaintMadeOn : receivedOn;
  return { startsOn, from: rule.from, regulation: rule.regulation };
}

/**
 * The complaint-made date a referral may carry: only a complaint has one (the other kinds start from their receipt,
 * CR reg 19 / CMR reg 13), and a complaint cannot reach the appropriate authority before it is made. Null when it may stand.
 */
export function complaintMadeOnRefusal(kind: MatterKind, receivedOn: IsoDate, complaintMadeOn: IsoDate | null | undefined): { rule: string; regulation: string; reason: string } | null {
  if (complaintMadeOn === undefined || complaintMadeOn === null) return null;
  if (kind !== 'complaint') {
    return { rule: 'complaint-made-on-complaints-only', regulation: TIMELINESS_START[kind].regulation, reason: `complaintMadeOn is given only for a complaint: a ${kind}'s timeliness period starts when it came to the appropriate authority's attention (receivedOn)` };
  }
  if (compareIsoDates(complaintMadeOn, receivedOn) > 0) {
    return { rule: 'complaint-made-before-received', regulation: 'CMR reg 13', reason: `complaintMadeOn ${complaintMadeOn} is after receivedOn ${receivedOn}: a complaint reaches the appropriate authority on or after the day it is made` };
  }
  return null;
}

// ---- Timeliness reports: the prejudice exemption and the officer's copy --------------------------------

export type TimelinessDutyId = keyof typeof TIMELINESS_DUTIES;

/**
 * Whom a timeliness report may be withheld from because it might prejudice an investigation, by duty
 * (regimes-2024-2025.md item 10, [C]): under the Conduct Regulations the report itself (CR reg 19(3)); in a force-run
 * Schedule 3 investigation the local policing body's report, while the Director General's is still owed (CMR reg 13);
 * where the Director General reports, the notes give no exemption, so none is recorded here.
 */
export const TIMELINESS_PREJUDICE_EXEMPTION = {
  'conduct-regulations': { mayWithholdFrom: ['local-policing-body'], regulation: 'CR reg 19(3)', status: 'C' },
  'schedule-3-force': { mayWithholdFrom: ['local-policing-body'], regulation: 'CMR reg 13', status: 'C' },
  'schedule-3-iopc': { mayWithholdFrom: [], regulation: 'CMR reg 13', status: 'C' },
} as const satisfies Record<TimelinessDutyId, { mayWithholdFrom: readonly TimelinessRecipient[]; regulation: string; status: 'C' | 'S' | 'U' }>;

export function timelinessDutyId(regime: Regime, mode: ModeOfInvestigation | null | undefined): TimelinessDutyId {
  if (regime === 'conduct-regulations') return 'conduct-regulations';
  return mode === 'directed' || mode === 'independent' ? 'schedule-3-iopc' : 'schedule-3-force';
}

export interface PrejudiceExemption {
  allowed: boolean;
  /** The recipients the report is withheld from. */
  withheldFrom: readonly TimelinessRecipient[];
  /** Whether withholding settles the occurrence (no recipient is still owed the report). */
  settles: boolean;
  regulation: string;
  reason: string;
}

/** What withholding a report for prejudice does under this duty: settles it, leaves it owed to the Director General, or is not open to the reporter. */
export function prejudiceExemption(regime: Regime, mode: ModeOfInvestigation | null | undefined): PrejudiceExemption {
  const id = timelinessDutyId(regime, mode);
  const rule = TIMELINESS_PREJUDICE_EXEMPTION[id];
  const duty = TIMELINESS_DUTIES[id];
  if (rule.mayWithholdFrom.length === 0) {
    return { allowed: false, withheldFrom: [], settles: false, regulation: rule.regulation, reason: 'in a directed or independent investigation the Director General reports (CMR reg 13): the force records the report as sent, and has no report of its own to withhold' };
  }
  const stillOwed = duty.recipients.filter((r) => !(rule.mayWithholdFrom as readonly string[]).includes(r));
  return {
    allowed: true,
    withheldFrom: rule.mayWithholdFrom,
    settles: stillOwed.length === 0,
    regulation: rule.regulation,
    reason: stillOwed.length === 0 ? 'withheld: it might prejudice an investigation' : `withheld from the local policing body; still owed to ${stillOwed.join(', ')}`,
  };
}

/** The officer's copy of a report (CR reg 19(4)): sent, or withheld under the harm test with its reason. */
export interface OfficerCopy {
  subjectId: string;
  sent: boolean;
  withheldReason?: string;
}

/** CR reg 19(4): a copy of the report to the officer concerned, subject to the harm test. [C] */
export const OFFICER_COPY_RULE = { regulation: 'CR reg 19(4)', status: 'C' } as const;

/**
 * The copies a report records, checked against the matter's subjects: each subject at most once, each known, a withheld
 * copy with its reason (the harm test). Null when they may stand.
 */
export function officerCopiesRefusal(copies: unknown, subjectIds: readonly string[]): { rule: string; regulation: string; reason: string } | null {
  const regulation = OFFICER_COPY_RULE.regulation;
  if (copies === undefined) return null;
  if (!Array.isArray(copies)) return { rule: 'officer-copies-listed', regulation, reason: 'officerCopies must list, for each subject, whether the copy was sent' };
  const seen = new Set<string>();
  for (const c of copies as Partial<OfficerCopy>[]) {
    if (!c || typeof c !== 'object' || typeof c.subjectId !== 'string' || !subjectIds.includes(c.subjectId)) {
      return { rule: 'officer-copy-subject', regulation, reason: `officerCopies[].subjectId must name a subject of this matter, not ${JSON.stringify(c?.subjectId)}` };
    }
    if (seen.has(c.subjectId)) return { rule: 'officer-copy-once', regulation, reason: `officerCopies names ${c.subjectId} twice` };
    seen.add(c.subjectId);
    if (typeof c.sent !== 'boolean') return { rule: 'officer-copy-sent-or-withheld', regulation, reason: `officerCopies[${c.subjectId}].sent must be true or false` };
    if (!c.sent && !(typeof c.withheldReason === 'string' && c.withheldReason.trim())) {
      return { rule: 'officer-copy-harm-test-reason', regulation, reason: `the copy to ${c.subjectId} was withheld: withheldReason must say why under the harm test` };
    }
    if (c.sent && c.withheldReason !== undefined) return { rule: 'officer-copy-sent-or-withheld', regulation, reason: `the copy to ${c.subjectId} was sent: it has no withheldReason` };
  }
  return null;
}

/** The timeliness rules as `npm run rules` prints them: who reports to whom, when the first period starts, the prejudice exemption and the officer's copy. */
export function formatTimelinessRules(): string {
  const out = ['Timeliness reports (12 months from the start, then every 6, while the investigation is unfinished)', ''];
  for (const [id, d] of Object.entries(TIMELINESS_DUTIES)) {
    const exemption = TIMELINESS_PREJUDICE_EXEMPTION[id as TimelinessDutyId];
    const withheld = exemption.mayWithholdFrom.length ? `may be withheld from ${exemption.mayWithholdFrom.join(', ')} (${exemption.regulation} [${exemption.status}])` : 'no exemption of the force\'s';
    out.push(`  ${id.padEnd(20)} ${d.reporter} reports to ${d.recipients.join(', ')} (${d.regulation} [${d.status}]); ${withheld}${d.copyToOfficerConcerned ? `; copy to the officer concerned, subject to the harm test (${OFFICER_COPY_RULE.regulation} [${OFFICER_COPY_RULE.status}])` : ''}`);
  }
  out.push('  First period starts:');
  for (const [kind, s] of Object.entries(TIMELINESS_START)) out.push(`    ${kind.padEnd(26)} ${s.from} (${s.regulation} [${s.status}])`);
  return out.join('\n') + '\n';
}
