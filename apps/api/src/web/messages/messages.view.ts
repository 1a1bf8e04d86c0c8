import { LIST_REPORTS } from '@conduct/domain';
import { TEMPLATES } from '@conduct/notifications';
import { OUTBOX_STATUSES } from '@conduct/persistence';
import { dateAndTime, sentenceCase } from '../rendering/words';

// What the engine sent, as the outbox records it: never a payload (a list report's holds a person's details), only
// what was sent, about which matter, to whom, and how its delivery went.

export const STATUS_WORDS: Readonly<Record<(typeof OUTBOX_STATUSES)[number], { text: string; tag: string }>> = {
  pending: { text: 'Waiting to send', tag: 'govuk-tag--yellow' },
  delivered: { text: 'Delivered', tag: 'govuk-tag--green' },
  dead: { text: 'Not delivered', tag: 'govuk-tag--red' },
};

export interface MessagesQuery {
  status?: string;
  before?: string;
}

/** The list's filter and cursor from the query string, each checked and a wrong one named. */
export function messagesFilterOf(q: MessagesQuery): { status: string | null; beforeId?: number; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const status = typeof q.status === 'string' && q.status !== '' ? q.status : null;
  if (status !== null && !(OUTBOX_STATUSES as readonly string[]).includes(status)) errors.status = `Status must be one of: ${OUTBOX_STATUSES.join(', ')}`;
  let beforeId: number | undefined;
  if (typeof q.before === 'string' && q.before !== '') {
    if (/^[1-9]\d{0,14}$/.test(q.before)) beforeId = Number(q.before);
    else errors.before = 'That page link is not one this list gave out: start again from the first page';
  }
  return { status: errors.status ? null : status, beforeId, errors };
}

export interface MessageRow {
  id: string;
  href: string;
  title: string;
  regulation: string;
  /** A report to the barred or advisory list: its contents are personal data and are not shown here. */
  listReport: boolean;
  matterReference: string;
  matterHref: string;
  subjectId: string;
  recipient: string;
  status: { text: string; tag: string };
  attempts: number;
  lastError: string;
  createdAt: string;
  deliveredAt: string;
  deadAt: string;
}

/** One outbox message (as listMessages / findMessage give it, without its payload) in words. */
export function messageRow(m: Record<string, unknown>): MessageRow {
  const purpose = String(m.purpose ?? '');
  const template = TEMPLATES[purpose];
  const status = String(m.status ?? '');
  const reference = String(m.matterReference ?? '');
  const when = (v: unknown) => (v instanceof Date || typeof v === 'string' ? dateAndTime(v) : '');
  return {
    id: String(m.id),
    href: `/messages/${encodeURIComponent(String(m.id))}`,
    title: template?.title ?? sentenceCase(purpose),
    regulation: template?.regulation ?? '',
    listReport: (LIST_REPORTS as readonly string[]).includes(purpose),
    matterReference: reference,
    matterHref: `/matter/${encodeURIComponent(reference)}`,
    subjectId: m.subjectId ? String(m.subjectId) : 'The matter',
    recipient: String(m.recipient ?? ''),
    status: STATUS_WORDS[status as (typeof OUTBOX_STATUSES)[number]] ?? { text: sentenceCase(status), tag: 'govuk-tag--grey' },
    attempts: Number(m.attempts ?? 0),
    lastError: m.lastError ? String(m.lastError) : '',
    createdAt: when(m.createdAt),
    deliveredAt: when(m.deliveredAt),
    deadAt: when(m.deadAt),
  };
}

export interface AttemptRow {
  attempt: number;
  channel: string;
  outcome: string;
  error: string;
  startedAt: string;
  finishedAt: string;
}

export function attemptRow(a: Record<string, unknown>): AttemptRow {
  const when = (v: unknown) => (v instanceof Date || typeof v === 'string' ? dateAndTime(v) : '');
  return {
    attempt: Number(a.attempt),
    channel: String(a.channel ?? ''),
    outcome: a.outcome ? sentenceCase(String(a.outcome)) : 'In progress',
    error: a.error ? String(a.error) : '',
    startedAt: when(a.startedAt),
    finishedAt: when(a.finishedAt),
  };
}
