import { ALLOCATED_TO_WORDS, allocatedToFilter, MATTER_KIND_WORDS, MATTER_KINDS, SUBJECT_STAGES, STAGE_WORDS, type MatterKind, type SubjectStage } from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';
import type { WorkFilter, WorkItem } from '@conduct/persistence';
import { dateInFull, deadlineInWords, sentenceCase, SOON_WORKING_DAYS, soonBefore, type Urgency } from '../rendering/words';

/** My work's filters as the query string gives them: each checked, and a wrong one named, never a 500. */
export interface WorkQuery {
  forceId?: string;
  stage?: string;
  kind?: string;
  /** 'me' or 'unallocated' (the select), or a person's user id (allocatedPerson). */
  allocatedTo?: string;
  allocatedPerson?: string;
  appropriateAuthority?: string;
  dueWithin?: string;
  overdue?: string;
  search?: string;
  after?: string;
}

export const DUE_WITHIN_CHOICES = [5, 10, 20, 60] as const;
const IDENT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** The choices of the allocated-to select: anyone, the signed-in person, nobody. */
export const ALLOCATED_TO_CHOICES = [
  { value: '', text: 'Anyone or nobody' },
  { value: 'me', text: 'Me' },
  { value: 'unallocated', text: 'Nobody: unallocated' },
] as const satisfies readonly { value: '' | (typeof ALLOCATED_TO_WORDS)[number]; text: string }[];

export function filterOf(q: WorkQuery, now: Date, calendar: WorkingDayCalendar, me = ''): { filter: Omit<WorkFilter, 'forces'>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const filter: Omit<WorkFilter, 'forces'> = {};
  const text = (v: string | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const forceId = text(q.forceId);
  if (forceId) (IDENT.test(forceId) ? (filter.forceId = forceId) : (errors.forceId = 'Force must be a force identifier'));
  const stage = text(q.stage);
  if (stage) ((SUBJECT_STAGES as readonly string[]).includes(stage) ? (filter.stage = stage) : (errors.stage = `Stage must be one of: ${SUBJECT_STAGES.join(', ')}`));
  const kind = text(q.kind);
  if (kind) ((MATTER_KINDS as readonly string[]).includes(kind) ? (filter.kind = kind) : (errors.kind = `Kind must be one of: ${MATTER_KINDS.join(', ')}`));
  const appropriateAuthority = text(q.appropriateAuthority);
  if (appropriateAuthority) (appropriateAuthority.length <= 200 ? (filter.appropriateAuthority = appropriateAuthority) : (errors.appropriateAuthority = 'Appropriate authority must be 200 characters or fewer'));
  const allocatedTo = text(q.allocatedTo);
  const allocatedPerson = text(q.allocatedPerson);
  if (allocatedTo && allocatedPerson) errors.allocatedPerson = 'Choose who the work is allocated to, or name a person, not both';
  else if (allocatedTo) {
    const word = (ALLOCATED_TO_WORDS as readonly string[]).includes(allocatedTo) ? allocatedToFilter(allocatedTo, me) : null;
    if (word) filter.allocatedTo = word;
    else errors.allocatedTo = 'Allocated to must be me or unallocated';
  } else if (allocatedPerson) {
    const person = allocatedToFilter(allocatedPerson, me);
    if (person && 'userId' in person && allocatedPerson !== 'me' && allocatedPerson !== 'unallocated') filter.allocatedTo = person;
    else errors.allocatedPerson = 'Name the person by their user id, up to 200 characters';
  }
  const dueWithin = text(q.dueWithin);
  if (dueWithin) {
    const n = Number(dueWithin);
    if ((DUE_WITHIN_CHOICES as readonly number[]).includes(n)) filter.dueBefore = soonBefore(now, calendar, n);
    else errors.dueWithin = `Due within must be one of ${DUE_WITHIN_CHOICES.join(', ')} working days`;
  }
  if (q.overdue === 'true') filter.overdue = true;
  const search = text(q.search);
  if (search) (search.length <= 64 ? (filter.search = search) : (errors.search = 'Search for a reference or a warrant number of 64 characters or fewer'));
  return { filter, errors };
}

export interface WorkRow {
  reference: string;
  href: string;
  kind: string;
  forceId: string;
  stage: string;
  caseOfficer: string | null;
  receivedOn: string;
  deadline: { name: string; regulation: string; words: string; workingDaysLeft: number; dueDate: string };
  urgency: Urgency;
}

export interface WorkGroup {
  urgency: Urgency;
  heading: string;
  rows: WorkRow[];
}

const HEADINGS: Readonly<Record<Urgency, string>> = { overdue: 'Overdue', soon: `Due within ${SOON_WORKING_DAYS} working days`, later: 'Due later' };

/** A page of My work, grouped by urgency in that order (the page is already soonest first). */
export function groupWork(items: WorkItem[], now: Date, calendar: WorkingDayCalendar): WorkGroup[] {
  const groups: WorkGroup[] = (['overdue', 'soon', 'later'] as const).map((urgency) => ({ urgency, heading: HEADINGS[urgency], rows: [] }));
  for (const item of items) {
    const w = deadlineInWords(item.deadline, now, calendar);
    groups.find((g) => g.urgency === w.urgency)!.rows.push({
      reference: item.reference,
      href: `/matter/${encodeURIComponent(item.reference)}`,
      kind: MATTER_KIND_WORDS[item.kind as MatterKind] ?? sentenceCase(item.kind),
      forceId: item.forceId,
      stage: STAGE_WORDS[item.stage as SubjectStage] ?? sentenceCase(item.stage),
      caseOfficer: item.caseOfficer,
      receivedOn: dateInFull(item.receivedOn),
      deadline: { name: item.deadline.name, regulation: item.deadline.regulation, words: w.words, workingDaysLeft: w.workingDaysLeft, dueDate: item.deadline.dueDate },
      urgency: w.urgency,
    });
  }
  return groups.filter((g) => g.rows.length > 0);
}
