import { LIST_REPORTS } from '@conduct/domain';
import type { OutgoingMessage, RenderedMessage } from './message';

interface Template {
  title: string;
  /** What the recipient must do, and by when, in the regulations' words. */
  action: string;
  regulation: string;
}

/** One template per purpose the workflows queue. Each names its regulation and, where there is one, its deadline. */
export const TEMPLATES: Record<string, Template> = {
  reminder: { title: 'Deadline approaching', action: 'A deadline falls due soon', regulation: 'as named in the deadline' },
  escalation: { title: 'Deadline passed', action: 'A deadline has passed without the step being recorded', regulation: 'as named in the deadline' },
  // A correction, to the same recipient as the escalation it withdraws: the step was recorded late but happened in
  // time, or the deadline was not owed (its condition ended before it fell due). Never silence.
  'escalation-withdrawn': {
    title: 'Escalation withdrawn',
    action: 'A deadline earlier reported to you as missed was not missed: the step was done in time and recorded later, or it was not owed',
    regulation: 'as named in the deadline',
  },
  'barred-list-report': {
    title: 'Police barred list report',
    action: 'Report of a person dismissed, or who would have been dismissed, for inclusion in the police barred list',
    regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 3',
  },
  'barred-list-removal': {
    title: 'Police barred list: dismissal overturned',
    action: 'Further report of a person whose dismissal was overturned on appeal, for removal from the police barred list',
    regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 5',
  },
  'advisory-list-report': {
    title: 'Police advisory list report',
    action: 'Report of a person who resigned or retired while an allegation was outstanding, for inclusion in the police advisory list',
    regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 12',
  },
  'advisory-list-removal': {
    title: 'Police advisory list removal',
    action: 'Request to remove a person from the police advisory list: no proceedings, or no finding that they would have been dismissed',
    regulation: 'Police Act 1996 s.88L',
  },
  'withdrawal-notice': { title: 'Notice of withdrawal of proceedings', action: 'Misconduct proceedings have been withdrawn', regulation: 'CR reg 27' },
  'panel-notice': { title: 'Notice of the panel', action: 'The chair (and, where delegated, who by), the members and the legally qualified adviser of the hearing are named', regulation: 'CR reg 30(1A)' },
  'severity-revised-notice': { title: 'Notice of revised severity assessment', action: 'The severity assessment has been revised', regulation: 'CMR reg 19' },
  'criminal-proceedings-hold-notice': {
    title: 'Proceedings held for criminal proceedings',
    action: 'Misconduct proceedings are held while they would prejudice criminal proceedings',
    regulation: 'CR reg 10',
  },
  'timeliness-report-due': {
    title: 'Timeliness report due',
    action: 'A written report on an investigation not concluded within 12 months (and every 6 months after) is due',
    regulation: 'CR reg 19; CMR reg 13',
  },
};

export function render(m: OutgoingMessage): RenderedMessage {
  const t = TEMPLATES[m.purpose] ?? { title: m.purpose, action: m.purpose, regulation: 'not named' };
  const p = m.payload;
  const regulation = str(p.regulation) ?? t.regulation;
  const dueDate = str(p.dueDate);
  const deadline = str(p.deadline);
  const lines = [
    `${t.title}: matter ${m.matterReference}${m.subjectId ? `, subject ${m.subjectId}` : ''}.`,
    `${t.action}${deadline ? `: ${deadline}` : ''}.`,
    `Regulation: ${regulation}.`,
    dueDate ? `Due by: ${dueDate} (end of the working day).` : 'No statutory deadline attaches to this notice.',
    ...(str(p.reason) ? [`Why: ${str(p.reason)}.`] : []),
    `Reference: ${m.idempotencyKey}`,
  ];
  return {
    title: `${t.title} - ${m.matterReference}`,
    text: lines.join('\n'),
    regulation,
    dueDate,
    body: {
      purpose: m.purpose,
      idempotencyKey: m.idempotencyKey,
      matterReference: m.matterReference,
      subjectId: m.subjectId,
      recipient: m.recipient,
      regulation,
      dueDate,
      text: lines.join('\n'),
      ...((LIST_REPORTS as readonly string[]).includes(m.purpose) ? { report: p } : {}),
    },
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}
