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
