/**
 * Reports about the subject to the College of Policing (Police Barred List and Police Advisory List
 * Regulations 2017; Police Act 1996 s.88L): what each report carries, when one is owed, and how a report
 * refused as incomplete is completed. Pure: the workflow takes each step explicitly (it counts the
 * report's deadline with the calendar, then queues the report in its outbox). Unit tested in list-reports.spec.ts.
 */
import type { IsoDate, ListReport, ListReportDetails, Outcome } from '@conduct/domain';
import type { ListReportFindings, SubjectReferral, SubjectState } from '../types';

/** The outcome reported, with what the decision that reached it recorded: an outcome decision, or an appeal's substituted outcome. */
export type OutcomeDecision = ListReportFindings & { outcome: Outcome };

/** Who a list report is about, as referred. Personal data: it travels encrypted (the payload codec) and is never logged. */
export function identity(subject: SubjectReferral): Record<string, unknown> {
  return {
    fullName: subject.name ?? null,
    dateOfBirth: subject.dateOfBirth ?? null,
    rank: subject.rank ?? null,
    warrantNumber: subject.warrantNumber ?? null,
  };
}

/** The barred-list report after a dismissal: everything reg 3 asks for; a field left out is refused by the dispatcher, naming it, and escalated. */
export function barredListReport(subject: SubjectReferral, s: SubjectState, cmd: OutcomeDecision, decidedOn: IsoDate, dueDate: IsoDate): Record<string, unknown> {
  return {
    ...identity(subject),
    conduct: cmd.conduct ?? null,
    standardsBreached: cmd.standardsBreached ?? null,
    outcome: cmd.outcome,
    decidedOn,
    dueDate,
    earlierAdvisoryListReport: s.advisoryListReported,
    ...(s.leftService ? { leftService: s.leftService } : {}),
    publicationExemption: cmd.publicationExemption ?? null,
    regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 3',
  };
}

/**
 * The further report after a dismissal is overturned on appeal (reg 5): who, the outcome that replaced the dismissal and
 * when the appeal was determined, so the College removes the barred-list entry.
 */
export function barredListRemoval(subject: SubjectReferral, dismissal: Outcome, outcome: Outcome, determinedOn: IsoDate, dueDate: IsoDate): Record<string, unknown> {
  return {
    ...identity(subject),
    dismissalOverturned: dismissal,
    outcome,
    decidedOn: determinedOn,
    dueDate,
    regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 5',
  };
}

/** The advisory-list report on a resignation or retirement: identity, date of leaving, the allegation and the form of proceedings (reg 12). */
export function advisoryListReport(
  subject: SubjectReferral,
  s: SubjectState,
  left: { how: 'resigned' | 'retired'; on: IsoDate; allegationSummary: string | undefined },
  dueDate: IsoDate,
): Record<string, unknown> {
  return {
    ...identity(subject),
    leftOn: left.on,
    allegationSummary: left.allegationSummary ?? null,
    how: left.how,
    formOfProceedings: s.form ?? s.likelyForm ?? null,
    severity: s.severity ?? null,
    dueDate,
    regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 12',
  };
}

/**
 * The advisory-list entry is removed when no proceedings follow, or they end without a "would have
 * been dismissed" finding (Police Act 1996 s.88L): owed once the track has closed that way.
 */
export function owesAdvisoryListRemoval(s: SubjectState): boolean {
  return s.stage === 'closed' && s.advisoryListReported && !s.advisoryListRemovalReported && s.outcome !== 'would-have-been-dismissed';
}

/** The report removing the advisory-list entry. */
export function advisoryListRemoval(subject: SubjectReferral, s: SubjectState, on: IsoDate): Record<string, unknown> {
  return { ...identity(subject), leftOn: s.leftService?.on ?? on, closedBecause: s.closedBecause ?? null, regulation: 'Police Act 1996 s.88L' };
}

/** Keeps the report as queued, so one refused as incomplete can be completed and sent again. */
export function keepListReport(s: SubjectState, report: ListReport, payload: Record<string, unknown>): void {
  (s.listReports ??= {})[report] = { payload, corrections: 0 };
}

/** The kept report, completed with the details supplied: the whole report again, and its correction's number. */
export function completeListReport(s: SubjectState, report: ListReport, details: ListReportDetails): { payload: Record<string, unknown>; corrections: number } {
  const kept = s.listReports![report]!;
  kept.corrections += 1;
  kept.payload = { ...kept.payload, ...details };
  return kept;
}
