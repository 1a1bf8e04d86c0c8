import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { MATTER_KIND_WORDS, MATTER_KINDS, RECORDABLE_CATEGORIES, SUBJECT_KINDS, checkAllegations, complaintMadeOnRefusal, iopcCategory, type Allegation, type MatterKind } from '@conduct/domain';
import { ReferMatterDto } from '../../matters/matters.dto';
import { allegationId, ALLEGATION_FIELD_WORDS, IOPC_CATEGORY_CHOICES, STANDARD_CHOICES } from '../rendering/allegation-words';
import { dateInFull, sentenceCase } from '../rendering/words';

// Referring a matter through question pages: the answers as the forms give them, turned into the API's own
// ReferMatterDto and checked by its class-validator rules, each problem named against the field it belongs to.

/** A GOV.UK date input's three boxes, as typed. */
export interface DateAnswer {
  day: string;
  month: string;
  year: string;
}

export interface MatterAnswers {
  reference: string;
  kind: string;
  forceId: string;
  appropriateAuthority: string;
  receivedOn: DateAnswer;
  /** A complaint: the day it was made, where it was before its receipt (CMR reg 13); absent in a referral begun before it was asked. */
  complaintMadeOn?: DateAnswer;
  recordableCategories: string[];
  summary: string;
}

export interface SubjectAnswers {
  subjectId: string;
  kind: string;
  rank: string;
  warrantNumber: string;
  name: string;
  dateOfBirth: DateAnswer;
  finalWrittenWarningLive: boolean;
  /** Where a warning this engine did not record is recorded (the API requires it with a tick its records do not support). */
  finalWrittenWarningLiveSource: string;
}

/** An allegation as typed: its id is its place in the list (a1, a2, …). */
export interface AllegationAnswers {
  alleged: string;
  category: string;
  subjectIds: string[];
  standards: string[];
}

export interface ReferralAnswers {
  matter: MatterAnswers;
  subjects: SubjectAnswers[];
  /** Absent from a referral begun before the page asked for them: none yet. */
  allegations?: AllegationAnswers[];
}

/**
 * A referral in progress, kept in the session from its first page: its Idempotency-Key is made then, so the referral
 * sent twice (a double click, a retry after a timeout) refers the matter once.
 */
export interface Referral {
  idempotencyKey: string;
  answers: ReferralAnswers;
  /** Set once the engine recorded it: the pages then show the confirmation, and a new referral starts afresh. */
  referred?: { reference: string };
}

/** The referral's fields and the subject's, in words: labels, and the start of their error messages. */
export const MATTER_FIELD_WORDS: Readonly<Record<keyof MatterAnswers, string>> = {
  reference: 'Reference',
  kind: 'Kind of matter',
  forceId: 'Force',
  appropriateAuthority: 'Appropriate authority',
  receivedOn: 'Date the matter reached the appropriate authority',
  complaintMadeOn: 'Date the complaint was made',
  recordableCategories: 'Recordable categories',
  summary: 'Summary',
};

export const SUBJECT_FIELD_WORDS: Readonly<Record<keyof SubjectAnswers, string>> = {
  subjectId: 'Subject identifier',
  kind: 'Officer or member of staff',
  rank: 'Rank',
  warrantNumber: 'Warrant or staff number',
  name: 'Full name',
  dateOfBirth: 'Date of birth',
  finalWrittenWarningLive: 'Final written warning live',
  finalWrittenWarningLiveSource: 'Where that warning is recorded',
};

export { ALLEGATION_FIELD_WORDS };

/** The choices the pages offer, from the domain's vocabularies. */
export const MATTER_KIND_CHOICES = MATTER_KINDS.map((k) => ({ value: k, text: MATTER_KIND_WORDS[k] }));
export const SUBJECT_KIND_CHOICES = SUBJECT_KINDS.map((k) => ({ value: k, text: sentenceCase(k) }));
export const RECORDABLE_CATEGORY_CHOICES = [
  ...Object.entries(RECORDABLE_CATEGORIES).map(([value, rule]) => ({ value, text: sentenceCase(rule.words), hint: rule.regulation })),
  { value: 'death-or-serious-injury', text: 'A death or serious injury', hint: 'PRA 2002 Sch 3 paras 4(1)(a), 13(1)(a)' },
];
export { IOPC_CATEGORY_CHOICES, STANDARD_CHOICES };

const blankDate = (): DateAnswer => ({ day: '', month: '', year: '' });

export function blankAllegation(): AllegationAnswers {
  return { alleged: '', category: '', subjectIds: [], standards: [] };
}

export function blankSubject(): SubjectAnswers {
  return { subjectId: '', kind: '', rank: '', warrantNumber: '', name: '', dateOfBirth: blankDate(), finalWrittenWarningLive: false, finalWrittenWarningLiveSource: '' };
}

export function blankReferral(forceId: string): ReferralAnswers {
  return {
    matter: { reference: '', kind: '', forceId, appropriateAuthority: '', receivedOn: blankDate(), complaintMadeOn: blankDate(), recordableCategories: [], summary: '' },
    subjects: [blankSubject()],
  };
}

type Form = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const texts = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(text).filter(Boolean);

/** The matter's page as posted. The force is the signed-in person's unless they may choose (`forceFixed` false). */
export function matterAnswersFromForm(body: Form, forceId: string, forceFixed: boolean): MatterAnswers {
  return {
    reference: text(body.reference),
    kind: text(body.kind),
    forceId: forceFixed ? forceId : text(body.forceId),
    appropriateAuthority: text(body.appropriateAuthority),
    receivedOn: { day: text(body['receivedOn-day']), month: text(body['receivedOn-month']), year: text(body['receivedOn-year']) },
    complaintMadeOn: { day: text(body['complaintMadeOn-day']), month: text(body['complaintMadeOn-month']), year: text(body['complaintMadeOn-year']) },
    recordableCategories: texts(body.recordableCategories),
    summary: text(body.summary),
  };
}

const SUBJECT_FIELD = /^subjects\[(\d{1,3})\]\[(subjectId|kind|rank|warrantNumber|name|dobDay|dobMonth|dobYear|finalWrittenWarningLive|finalWrittenWarningLiveSource)\]$/;

/** The subjects' page as posted (fields `subjects[i][field]`, as the MOJ add-another pattern numbers them), in index order. */
export function subjectsFromForm(body: Form): SubjectAnswers[] {
  const byIndex = new Map<number, SubjectAnswers>();
  for (const [key, value] of Object.entries(body)) {
    const m = SUBJECT_FIELD.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    const s = byIndex.get(i) ?? blankSubject();
    byIndex.set(i, s);
    const field = m[2];
    if (field === 'dobDay') s.dateOfBirth.day = text(value);
    else if (field === 'dobMonth') s.dateOfBirth.month = text(value);
    else if (field === 'dobYear') s.dateOfBirth.year = text(value);
    else if (field === 'finalWrittenWarningLive') s.finalWrittenWarningLive = texts(value).includes('true');
    else s[field as 'subjectId' | 'kind' | 'rank' | 'warrantNumber' | 'name' | 'finalWrittenWarningLiveSource'] = text(value);
  }
  const subjects = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
  return subjects.length ? subjects : [blankSubject()];
}

const ALLEGATION_FIELD = /^allegations\[(\d{1,3})\]\[(alleged|category|subjectIds|standards)\]$/;

/** The allegations' page as posted (fields `allegations[i][field]`), in index order; at least one, blank. */
export function allegationsFromForm(body: Form): AllegationAnswers[] {
  const byIndex = new Map<number, AllegationAnswers>();
  for (const [key, value] of Object.entries(body)) {
    const m = ALLEGATION_FIELD.exec(key);
    if (!m) continue;
    const a = byIndex.get(Number(m[1])) ?? blankAllegation();
    byIndex.set(Number(m[1]), a);
    if (m[2] === 'subjectIds' || m[2] === 'standards') a[m[2]] = texts(value);
    else a[m[2] as 'alleged' | 'category'] = text(value);
  }
  const list = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, a]) => a);
  return list.length ? list : [blankAllegation()];
}

/** The three boxes as YYYY-MM-DD (padded), '' when all are empty; boxes that make no date are passed on for the DTO's check to name. */
export function isoDateOf(d: DateAnswer): string {
  if (!d.day && !d.month && !d.year) return '';
  if (!/^\d{1,2}$/.test(d.day) || !/^\d{1,2}$/.test(d.month) || !/^\d{4}$/.test(d.year)) return `${d.year}-${d.month}-${d.day}`;
  return `${d.year}-${d.month.padStart(2, '0')}-${d.day.padStart(2, '0')}`;
}

/** The answers as the API's request body: what was left blank is left out (the DTO says what may be). */
export function referralDtoOf(a: ReferralAnswers): Record<string, unknown> {
  const given = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0)));
  return given({
    reference: a.matter.reference,
    kind: a.matter.kind,
    forceId: a.matter.forceId,
    appropriateAuthority: a.matter.appropriateAuthority,
    receivedOn: isoDateOf(a.matter.receivedOn),
    complaintMadeOn: isoDateOf(a.matter.complaintMadeOn ?? blankDate()),
    recordableCategories: a.matter.recordableCategories,
    summary: a.matter.summary,
    subjects: a.subjects.map((s) =>
      given({ subjectId: s.subjectId, kind: s.kind, rank: s.rank, warrantNumber: s.warrantNumber, name: s.name, dateOfBirth: isoDateOf(s.dateOfBirth), finalWrittenWarningLive: s.finalWrittenWarningLive, finalWrittenWarningLiveSource: s.finalWrittenWarningLiveSource }),
    ),
    allegations: (a.allegations ?? []).map((x, i) => ({ id: allegationId(i), alleged: x.alleged, category: x.category, subjectIds: x.subjectIds, standards: x.standards })),
  });
}

/** Where a field's error takes the reader: a date input's first box, a subject's field by its index. */
export function fieldId(path: string[]): string {
  const [first, index, field] = path;
  if (first === 'receivedOn') return 'receivedOn-day';
  if (first === 'complaintMadeOn') return 'complaintMadeOn-day';
  if (first === 'kind') return 'kind';
  if (first === 'subjects' && index !== undefined && field) return `subjects-${index}-${field === 'dateOfBirth' ? 'dobDay' : field}`;
  if (first === 'subjects') return 'subjects-0-subjectId';
  if (first === 'allegations' && index !== undefined && field) return `allegations-${index}-${field}`;
  if (first === 'allegations') return 'allegations-0-alleged';
  return first;
}

/** A class-validator failure in the GOV.UK error messages' words: "Enter …", "Select …", else the DTO's own rule with the field's label. */
function messageOf(e: ValidationError, label: string): string {
  const constraints = e.constraints ?? {};
  const blank = e.value === undefined || e.value === '';
  if (constraints.isIn && !Array.isArray(e.value)) return `Select ${label.toLowerCase()}`;
  if (blank) return `Enter ${label.toLowerCase()}`;
  const first = Object.values(constraints)[0] ?? 'is not valid';
  return first.startsWith(e.property) ? `${label}${first.slice(e.property.length)}` : `${label}: ${first}`;
}

export type Part = 'matter' | 'subjects' | 'allegations' | 'all';

/**
 * The answers checked by the API's own ReferMatterDto (class-validator, as the API's ValidationPipe runs it): each
 * problem keyed by the id of the field to fix, in the page's order. `part` keeps only the matter's or the subjects'.
 */
export function checkReferral(a: ReferralAnswers, part: Part): Record<string, string> {
  const dto = plainToInstance(ReferMatterDto, referralDtoOf(a));
  const failures = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  const errors: Record<string, string> = {};
  for (const e of failures) {
    if (e.property === 'allegations') {
      if (part === 'matter' || part === 'subjects') continue;
      for (const item of e.children ?? []) {
        for (const f of item.children ?? []) {
          errors[fieldId(['allegations', item.property, f.property])] = `Allegation ${Number(item.property) + 1}: ${allegationMessageOf(f)}`;
        }
      }
    } else if (e.property === 'subjects') {
      if (part === 'matter' || part === 'allegations') continue;
      if (e.constraints) errors[fieldId(['subjects'])] = 'Add at least one subject';
      for (const item of e.children ?? []) {
        for (const f of item.children ?? []) {
          errors[fieldId(['subjects', item.property, f.property])] = `Subject ${Number(item.property) + 1}: ${messageOf(f, SUBJECT_FIELD_WORDS[f.property as keyof SubjectAnswers] ?? f.property)}`;
        }
      }
    } else if (part === 'matter' || part === 'all') {
      errors[fieldId([e.property])] = messageOf(e, MATTER_FIELD_WORDS[e.property as keyof MatterAnswers] ?? e.property);
    }
  }
  if ((part === 'allegations' || part === 'all') && !Object.keys(errors).some((k) => k.startsWith('allegations-'))) {
    // The web referral asks for at least one allegation (the API lets older clients send none), each against subjects of the referral.
    const given = a.allegations ?? [];
    if (!given.length) errors['allegations-0-alleged'] = 'Add at least one allegation';
    const problem = given.length ? checkAllegations(referralDtoOf(a).allegations as Allegation[], 'allegations', a.subjects.map((x) => x.subjectId)) : null;
    const at = problem ? /^allegations\[(\d+)\]\.(\w+)$/.exec(problem.field) : null;
    if (problem && at) errors[fieldId(['allegations', at[1], at[2]])] = `Allegation ${Number(at[1]) + 1}: ${problem.reason.replace(problem.field, ALLEGATION_FIELD_WORDS[at[2] as keyof AllegationAnswers] ?? at[2])}`;
  }
  // The complaint's made date against its kind and receipt, as the API checks it (CMR reg 13), once each is valid.
  const made = part !== 'subjects' && !errors.kind && !errors['receivedOn-day'] && !errors['complaintMadeOn-day'] && dto.complaintMadeOn
    ? complaintMadeOnRefusal(dto.kind, dto.receivedOn, dto.complaintMadeOn)
    : null;
  if (made) errors['complaintMadeOn-day'] = made.rule === 'complaint-made-on-complaints-only' ? 'Date the complaint was made: leave it blank unless the matter is a complaint' : 'Date the complaint was made must be the same as or before the date it reached the appropriate authority';
  return errors;
}

/** An allegation's field refused by the DTO, in the pages' words. */
function allegationMessageOf(e: ValidationError): string {
  const label = ALLEGATION_FIELD_WORDS[e.property as keyof AllegationAnswers] ?? e.property;
  if (e.property === 'subjectIds') return `Select who it is alleged against`;
  if (e.property === 'category') return 'Select the IOPC category';
  return messageOf(e, label);
}

/** The error summary's list: each message linking to its field. */
export function errorList(errors: Record<string, string>, page = ''): { text: string; href: string }[] {
  return Object.entries(errors).map(([id, message]) => ({ text: message, href: `${page}#${id}` }));
}

/** The answers as *check your answers* shows them: label, value, and where to change it (nothing to change for a force that is fixed). */
export function checkYourAnswers(a: ReferralAnswers, forceFixed = false): { matter: SummaryRow[]; subjects: { heading: string; rows: SummaryRow[] }[]; allegations: { heading: string; rows: SummaryRow[] }[] } {
  const row = (label: string, value: string, href: string): SummaryRow => ({ key: label, value: value || 'Not given', href });
  const m = a.matter;
  return {
    matter: [
      row(MATTER_FIELD_WORDS.reference, m.reference, '/refer?change=check#reference'),
      row(MATTER_FIELD_WORDS.kind, MATTER_KIND_WORDS[m.kind as MatterKind] ?? m.kind, '/refer?change=check#kind'),
      row(MATTER_FIELD_WORDS.forceId, m.forceId, forceFixed ? '' : '/refer?change=check#forceId'),
      row(MATTER_FIELD_WORDS.appropriateAuthority, m.appropriateAuthority, '/refer?change=check#appropriateAuthority'),
      row(MATTER_FIELD_WORDS.receivedOn, dateInFull(isoDateOf(m.receivedOn)), '/refer?change=check#receivedOn-day'),
      ...(m.kind === 'complaint' ? [row(MATTER_FIELD_WORDS.complaintMadeOn, isoDateOf(m.complaintMadeOn ?? blankDate()) ? dateInFull(isoDateOf(m.complaintMadeOn!)) : 'The day it was received', '/refer?change=check#complaintMadeOn-day')] : []),
      row(
        MATTER_FIELD_WORDS.recordableCategories,
        m.recordableCategories.map((c) => RECORDABLE_CATEGORY_CHOICES.find((x) => x.value === c)?.text ?? c).join('; ') || 'None',
        '/refer?change=check#recordableCategories',
      ),
      row(MATTER_FIELD_WORDS.summary, m.summary, '/refer?change=check#summary'),
    ],
    subjects: a.subjects.map((s, i) => {
      const href = (f: string) => `/refer/subjects?change=check#subjects-${i}-${f}`;
      return {
        heading: `Subject ${i + 1}${s.name ? `: ${s.name}` : ''}`,
        rows: [
          row(SUBJECT_FIELD_WORDS.subjectId, s.subjectId, href('subjectId')),
          row(SUBJECT_FIELD_WORDS.kind, sentenceCase(s.kind), href('kind')),
          row(SUBJECT_FIELD_WORDS.rank, s.rank, href('rank')),
          row(SUBJECT_FIELD_WORDS.warrantNumber, s.warrantNumber, href('warrantNumber')),
          row(SUBJECT_FIELD_WORDS.name, s.name, href('name')),
          row(SUBJECT_FIELD_WORDS.dateOfBirth, dateInFull(isoDateOf(s.dateOfBirth)), href('dobDay')),
          row(SUBJECT_FIELD_WORDS.finalWrittenWarningLive, s.finalWrittenWarningLive ? 'Yes (CR reg 42(5))' : "No (unless this engine's records of the person show one)", href('finalWrittenWarningLive')),
          ...(s.finalWrittenWarningLive ? [row(SUBJECT_FIELD_WORDS.finalWrittenWarningLiveSource, s.finalWrittenWarningLiveSource, href('finalWrittenWarningLiveSource'))] : []),
        ],
      };
    }),
    allegations: (a.allegations ?? []).map((x, i) => {
      const href = (f: string) => `/refer/allegations?change=check#allegations-${i}-${f}`;
      const category = iopcCategory(x.category);
      return {
        heading: `Allegation ${i + 1}`,
        rows: [
          row(ALLEGATION_FIELD_WORDS.alleged, x.alleged, href('alleged')),
          row(ALLEGATION_FIELD_WORDS.category, category ? `${category.code} ${category.name}` : x.category, href('category')),
          row(ALLEGATION_FIELD_WORDS.subjectIds, x.subjectIds.join(', '), href('subjectIds')),
          row(ALLEGATION_FIELD_WORDS.standards, x.standards.map((st) => sentenceCase(st)).join('; ') || 'None', href('standards')),
        ],
      };
    }),
  };
}

export interface SummaryRow {
  key: string;
  value: string;
  /** '' when it cannot be changed here. */
  href: string;
}
