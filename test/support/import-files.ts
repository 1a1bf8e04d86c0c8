import { IsoDate, addCalendarDays } from '@conduct/domain';
import { CSV_COLUMNS } from '../../apps/api/src/imports/import-format';

// Import files for the tests and the benchmark (the formats are in docs/import.md). Every date is counted
// from `today`, never written: a matter closed "300 days ago" stays closed, a mid-way one stays mid-way.

export type ImportMatter = Record<string, unknown> & { reference: string; subjects: Record<string, unknown>[]; steps: Record<string, unknown>[] };

const at = (today: IsoDate, days: number) => `${addCalendarDays(today, days)}T10:00:00Z`;

/**
 * Closed: received 300 days ago; one officer's case ended with no case to answer (reflective practice, run to its end), the
 * other's was assessed as neither misconduct nor gross misconduct; every deadline met on the way.
 */
export function closedMatter(reference: string, forceId: string, today: IsoDate): ImportMatter {
  return {
    reference,
    kind: 'conduct-matter',
    forceId,
    appropriateAuthority: 'Chief Constable',
    receivedOn: addCalendarDays(today, -300),
    subjects: [
      { subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' },
      { subjectId: 'pc-2', kind: 'police-officer', rank: 'PC' },
    ],
    steps: [
      { subjectId: 'pc-1', decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: 'if proved, a breach justifying a written warning', occurredAt: at(today, -299) },
      { subjectId: 'pc-2', decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'no-further-action', rationale: 'present but not involved in the incident', occurredAt: at(today, -299) },
      { subjectId: 'pc-1', event: 'notice-of-investigation-served', occurredAt: at(today, -298) },
      { subjectId: 'pc-1', event: 'representations-received', occurredAt: at(today, -290) },
      { subjectId: 'pc-1', event: 'investigator-report-submitted', occurredAt: at(today, -250) },
      { event: 'investigation-completed', occurredAt: at(today, -250) },
      { subjectId: 'pc-1', decision: 'case-to-answer', caseToAnswer: 'none', routeIfNone: 'reflective-practice', rationale: 'the report shows practice requiring improvement, not misconduct', occurredAt: at(today, -245) },
      // Reflective practice (CR Part 6) run to its end: the report, its actions, the review and the check at the PDR.
      { subjectId: 'pc-1', event: 'reflective-review-report-agreed', actionsDueBy: addCalendarDays(today, -200), reviewOn: addCalendarDays(today, -180), occurredAt: at(today, -235) },
      { subjectId: 'pc-1', event: 'reflective-practice-actions-completed', occurredAt: at(today, -205) },
      { subjectId: 'pc-1', event: 'reflective-practice-reviewed', occurredAt: at(today, -180) },
      { subjectId: 'pc-1', event: 'reflective-practice-checked', occurredAt: at(today, -150) },
    ],
  };
}

/**
 * Mid-way: a complaint received 60 days ago. The notice of investigation was served late (its deadline is
 * missed, as the data says); the representations period was extended and met; the investigator's report is
 * in, so the case-to-answer decision is open, due about 15 working days from now. The complainant's first
 * update was given in time, the second never was (missed), the third falls due in about 16 days.
 */
export function midwayMatter(reference: string, forceId: string, today: IsoDate): ImportMatter {
  return {
    reference,
    kind: 'complaint',
    forceId,
    appropriateAuthority: 'Chief Constable',
    receivedOn: addCalendarDays(today, -60),
    subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PS', warrantNumber: '4521' }],
    steps: [
      { subjectId: 'pc-1', decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: 'a discourteous remark to the complainant, if proved, justifies a written warning', occurredAt: at(today, -59) },
      { event: 'complainant-updated', note: 'told the complaint is being investigated', occurredAt: at(today, -40) },
      { subjectId: 'pc-1', event: 'notice-of-investigation-served', occurredAt: at(today, -40) },
      { subjectId: 'pc-1', extension: 'representations', newDueDate: addCalendarDays(today, -10), reason: 'the officer was on leave', agreedBy: 'the investigator', occurredAt: at(today, -38) },
      { subjectId: 'pc-1', event: 'representations-received', occurredAt: at(today, -12) },
      { subjectId: 'pc-1', event: 'investigator-report-submitted', occurredAt: at(today, -3) },
    ],
  };
}

export function jsonFile(matters: ImportMatter[]): string {
  return JSON.stringify({ matters }, null, 2);
}

/** The same matters as CSV: a matter row, its subject rows, its step rows (docs/import.md). */
export function csvFile(matters: ImportMatter[]): string {
  const columns = ['row', ...new Set<string>(Object.values(CSV_COLUMNS).flat())];
  const cell = (v: unknown) => {
    const s = Array.isArray(v) ? v.join(';') : v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const row = (type: string, values: Record<string, unknown>) => columns.map((c) => (c === 'row' ? type : cell(values[c]))).join(',');
  const lines = [columns.join(',')];
  for (const { subjects, steps, ...matter } of matters) {
    lines.push(row('matter', matter));
    for (const { kind, ...s } of subjects) lines.push(row('subject', { ...s, subjectKind: kind, reference: matter.reference }));
    for (const s of steps) lines.push(row('step', { ...s, reference: matter.reference }));
  }
  return lines.join('\n') + '\n';
}
