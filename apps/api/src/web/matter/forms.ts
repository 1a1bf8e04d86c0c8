import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  CASE_TO_ANSWER_FINDINGS,
  DECISION_RULES,
  EVENT_RULES,
  FINAL_WRITTEN_WARNING_MAX_MONTHS,
  FINDINGS,
  iopcCategory,
  FORMER_OFFICER_MISCONDUCT_HEARING_REASONS,
  LIKELY_FORMS,
  MATTER_EVENTS,
  MODES_OF_INVESTIGATION,
  NO_PROCEEDINGS_ROUTES,
  OUTCOMES,
  SEVERITIES,
  STANDARDS_OF_PROFESSIONAL_BEHAVIOUR,
  SUBJECT_DECISIONS,
  SUBJECT_EVENTS,
  type MatterEventName,
  type SubjectDecisionName,
  type SubjectEventName,
} from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';
import { DecisionDto, EventDto, ExtensionDto, MatterDecisionDto, MatterEventDto } from '../../matters/matters.dto';
import { ALLEGATION_FIELD_WORDS, IOPC_CATEGORY_CHOICES, nextAllegationId } from '../rendering/allegation-words';
import { sentenceCase } from '../rendering/words';

// Every decision and event the web interface records, described once: its fields (named as the API's DTO names
// them), their labels and hints, and the DTO that validates the answers, so the limits are the API's. One question
// page, one check page and one confirmation serve them all.

/** A label's first letter small, but not an acronym's (IOPC). */
const lower = (s: string) => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
/** A label's first letter in capitals (sentenceCase is for vocabulary slugs: it turns dashes into spaces). */
export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** How a field is asked: GOV.UK radios, a select (for a long list), checkboxes, a text input, a textarea, a date, a date and time, yes or no. */
export type FieldKind = 'choice' | 'select' | 'choices' | 'text' | 'textarea' | 'number' | 'date' | 'date-time' | 'yes-no';

export interface FormField {
  /** The DTO's property. */
  name: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  /** For choice, select and choices: the vocabulary the DTO's @IsIn takes (or, for a matter's subjects, their ids). */
  choices?: readonly string[];
  /** Each choice in words, where its slug in sentence case will not do (an IOPC category's code and name). */
  choiceWords?: Readonly<Record<string, string>>;
  /** For select: its first, empty, choice, which asks ("Choose a category"). */
  ask?: string;
  /** Sent inside this object of the body: an added allegation's fields go in `allegation`. */
  within?: string;
  /** For choices: sent as an empty list when none is ticked (the DTO wants the list, which may be empty). */
  sendEmpty?: boolean;
  /** The finding on this allegation: sent as one of the outcome's allegationFindings (CR reg 41(15)). */
  findingOn?: string;
  /** Asked by the web interface even where the API leaves it optional (a decision's rationale). */
  required?: boolean;
  /** Not sent: the page works out the named DTO field from it (an extension by working days gives the new due date). */
  derives?: string;
}

/** What a form records on: a subject's track, the matter, or one of their deadlines (an extension). */
export type FormTarget = 'subject' | 'matter' | 'deadline';

export interface CommandForm {
  id: string;
  target: FormTarget;
  /** The question page's heading, and the confirmation's. */
  title: string;
  /** The words of the button or link that offers it, where not its title. */
  offeredAs?: string;
  /** The DTO that validates the body, and the fixed part of the body (which decision or event; an added allegation's id). */
  dto: new () => object;
  fixed: Record<string, unknown>;
  fields: FormField[];
  /** A decision records a rationale; events and extensions a note or a reason. */
  isDecision: boolean;
}

type DecisionDtoForm = Pick<CommandForm, 'fields'>;

const OCCURRED_AT: FormField = { name: 'occurredAt', kind: 'date-time', label: 'When did it happen?', hint: 'It may be in the past (typed in late), never in the future. Use 24-hour time, for example 14:30.' };
const RATIONALE: FormField = { name: 'rationale', kind: 'textarea', label: 'Rationale', hint: 'Why this decision was made: it is recorded with the decision in the timeline.', required: true };
const NOTE: FormField = { name: 'note', kind: 'textarea', label: 'Note (optional)' };
const ROUTE_WORDS = 'What follows instead of proceedings';

/** The fields of each subject decision, beside the decision itself (DecisionDto). */
const DECISION_FIELDS: Readonly<Record<SubjectDecisionName, DecisionDtoForm>> = {
  'severity-assessment': {
    fields: [
      { name: 'severity', kind: 'choice', label: 'Severity, if the conduct were proved', choices: SEVERITIES, required: true },
      { name: 'likelyForm', kind: 'choice', label: 'Likely form of proceedings (optional)', choices: LIKELY_FORMS },
      { name: 'routeIfNeither', kind: 'choice', label: `If neither: ${ROUTE_WORDS.toLowerCase()} (optional)`, choices: NO_PROCEEDINGS_ROUTES },
    ],
  },
  'severity-revision': {
    fields: [
      { name: 'severity', kind: 'choice', label: 'Revised severity', choices: SEVERITIES, required: true },
      { name: 'likelyForm', kind: 'choice', label: 'Likely form of proceedings (optional)', choices: LIKELY_FORMS },
      { name: 'reason', kind: 'textarea', label: 'Reason for the revision', hint: 'Given to the officer with the notice (CMR reg 19).', required: true },
    ],
  },
  'case-to-answer': {
    fields: [
      { name: 'caseToAnswer', kind: 'choice', label: 'Case to answer', choices: CASE_TO_ANSWER_FINDINGS, required: true },
      { name: 'routeIfNone', kind: 'choice', label: `If none: ${ROUTE_WORDS.toLowerCase()} (optional)`, choices: NO_PROCEEDINGS_ROUTES },
      { name: 'severalUnconnectedIncidents', kind: 'yes-no', label: 'Does the case concern several unconnected incidents? (optional)' },
      { name: 'misconductHearingBecause', kind: 'choice', label: 'For a former officer under the 2025 rules: why a misconduct hearing (optional)', hint: 'CR reg 21A(3)', choices: FORMER_OFFICER_MISCONDUCT_HEARING_REASONS },
    ],
  },
  'special-conditions': { fields: [{ name: 'reason', kind: 'textarea', label: 'Why the special conditions are met', hint: 'CR reg 49(2)', required: true }] },
  withdrawal: {
    fields: [
      { name: 'route', kind: 'choice', label: ROUTE_WORDS, choices: NO_PROCEEDINGS_ROUTES, required: true },
      { name: 'reason', kind: 'textarea', label: 'Reason for the withdrawal', hint: 'CR reg 27', required: true },
    ],
  },
  outcome: {
    fields: [
      { name: 'outcome', kind: 'choice', label: 'Outcome', choices: OUTCOMES, required: true },
      { name: 'finding', kind: 'choice', label: 'What the proceedings found (optional)', hint: 'CR reg 41(15)', choices: FINDINGS },
      { name: 'warningMonths', kind: 'number', label: 'Months a final written warning is live, if more than 2 years (optional)', hint: `Up to ${FINAL_WRITTEN_WARNING_MAX_MONTHS} months` },
      { name: 'exceptionalCircumstances', kind: 'textarea', label: 'Exceptional circumstances (optional)', hint: 'Required under the 2025 rules for a sanction short of dismissal on a finding of gross misconduct' },
      { name: 'conduct', kind: 'textarea', label: 'The conduct found (optional)', hint: 'For the barred-list report' },
      { name: 'standardsBreached', kind: 'choices', label: 'Standards of Professional Behaviour breached (optional)', choices: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR },
    ],
  },
  'appeal-determination': {
    fields: [
      { name: 'result', kind: 'choice', label: 'Result of the appeal', choices: ['dismissed', 'allowed'], required: true },
      { name: 'substitutedOutcome', kind: 'choice', label: 'Outcome substituted, if the appeal was allowed (optional)', choices: OUTCOMES },
    ],
  },
};

/** The fields some events carry beside the note (EventDto); every other event carries the date and a note. */
const EVENT_FIELDS: Partial<Record<SubjectEventName, FormField[]>> = {
  'interview-arranged': [{ name: 'scheduledFor', kind: 'date', label: 'Date of the interview', required: true }],
  'proceedings-scheduled': [{ name: 'scheduledFor', kind: 'date', label: 'Date of the meeting or hearing', required: true }],
  'notice-of-investigation-delayed': [{ name: 'note', kind: 'textarea', label: 'Why serving the notice would prejudice the investigation', hint: 'CR reg 17(2): the reason must be recorded', required: true }],
  resigned: [{ name: 'allegationSummary', kind: 'textarea', label: 'The allegation outstanding (optional)', hint: 'For the advisory-list report (BL&AL Regs reg 12)' }],
  retired: [{ name: 'allegationSummary', kind: 'textarea', label: 'The allegation outstanding (optional)', hint: 'For the advisory-list report (BL&AL Regs reg 12)' }],
  'panel-objection-made': [
    { name: 'member', kind: 'text', label: 'The panel member objected to', hint: 'As named in the panel notice', required: true },
    { name: 'grounds', kind: 'textarea', label: 'Grounds of the objection', required: true },
  ],
  'panel-objection-determined': [
    { name: 'member', kind: 'text', label: 'The panel member objected to', required: true },
    { name: 'upheld', kind: 'yes-no', label: 'Was the objection upheld?', required: true },
  ],
  'reflective-review-report-agreed': [
    { name: 'actionsDueBy', kind: 'date', label: 'Date the agreed actions are due by', required: true },
    { name: 'reviewOn', kind: 'date', label: 'Date of the review', required: true },
  ],
  // Withdrawal of vetting clearance dismisses without notice: the barred-list report's details, as an outcome's.
  'vetting-clearance-withdrawn': [
    { name: 'conduct', kind: 'textarea', label: 'Why clearance was withdrawn (optional)', hint: 'For the barred-list report (BL&AL Regs reg 3)' },
    { name: 'standardsBreached', kind: 'choices', label: 'Standards of Professional Behaviour breached (optional)', choices: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR },
  ],
};

/** Not offered as a form: these carry nested records (a list report's details, a panel), supplied through the API. */
const EVENTS_NOT_ON_A_FORM: readonly SubjectEventName[] = ['list-report-details-supplied', 'panel-appointed', 'panel-member-replaced'];
/** The matter's events that carry nested records or lists (the investigator, a subject's line managers): through the API. */
const MATTER_EVENTS_NOT_ON_A_FORM = ['investigator-appointed', 'subject-line-management-recorded'] as const satisfies readonly MatterEventName[];
/** The matter's events asked by fields of their own, not by a note alone. */
const MATTER_EVENTS_OF_THEIR_OWN = ['allegation-added'] as const satisfies readonly MatterEventName[];

const MATTER_EVENT_WORDS: Readonly<Record<Exclude<MatterEventName, (typeof MATTER_EVENTS_NOT_ON_A_FORM)[number] | (typeof MATTER_EVENTS_OF_THEIR_OWN)[number]>, { title: string; noteLabel: string; noteHint?: string; noteRequired?: boolean }>> = {
  'referred-to-iopc': { title: 'Referral to the IOPC', noteLabel: 'Reason, for a voluntary referral (optional)' },
  'complainant-updated': { title: 'Update to the complainant', noteLabel: 'What the complainant was told', noteHint: 'CMR reg 34', noteRequired: true },
  'timeliness-report-sent': { title: 'Timeliness report sent', noteLabel: 'Note (optional)', noteHint: 'CR reg 19 / CMR reg 13' },
  'complainant-outcome-sent': { title: 'Outcome sent to the complainant', noteLabel: 'Note (optional)' },
  'investigation-completed': { title: 'Investigation completed', noteLabel: 'Note (optional)' },
  'timeliness-report-withheld': { title: 'Timeliness report withheld', noteLabel: 'Why the report might prejudice an investigation', noteHint: 'CR reg 19(3); CMR reg 13', noteRequired: true },
};

/**
 * An allegation added after referral (issue 15), asked as the referral asks it. Whom it may be against, and its id,
 * are the matter's: formOnMatter fills them in for the matter at hand.
 */
const ALLEGATION_ADDED: CommandForm = {
  id: 'matter-event-allegation-added', target: 'matter', title: 'New allegation', offeredAs: 'Add an allegation', dto: MatterEventDto, fixed: { event: 'allegation-added' },
  fields: [
    { name: 'alleged', within: 'allegation', kind: 'textarea', label: ALLEGATION_FIELD_WORDS.alleged, required: true },
    { name: 'subjectIds', within: 'allegation', kind: 'choices', label: ALLEGATION_FIELD_WORDS.subjectIds, choices: [], required: true },
    {
      name: 'category', within: 'allegation', kind: 'select', label: ALLEGATION_FIELD_WORDS.category, hint: "In the IOPC's guidance on capturing data about police complaints",
      choices: IOPC_CATEGORY_CHOICES.map((c) => c.value), choiceWords: Object.fromEntries(IOPC_CATEGORY_CHOICES.map((c) => [c.value, c.text])), ask: 'Choose a category', required: true,
    },
    { name: 'standards', within: 'allegation', kind: 'choices', label: `${ALLEGATION_FIELD_WORDS.standards} (optional)`, hint: 'CR Sch 2', choices: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, sendEmpty: true },
    NOTE,
    { ...OCCURRED_AT, label: 'When was the allegation made?' },
  ],
  isDecision: false,
};

function build(): CommandForm[] {
  const forms: CommandForm[] = [];
  for (const decision of SUBJECT_DECISIONS) {
    forms.push({
      id: `decision-${decision}`, target: 'subject', title: capital(DECISION_RULES[decision].words), dto: DecisionDto, fixed: { decision },
      fields: [...DECISION_FIELDS[decision].fields, RATIONALE, OCCURRED_AT], isDecision: true,
    });
  }
  for (const event of SUBJECT_EVENTS) {
    if (EVENTS_NOT_ON_A_FORM.includes(event)) continue;
    const own = EVENT_FIELDS[event] ?? [];
    forms.push({
      id: `event-${event}`, target: 'subject', title: capital(EVENT_RULES[event].words), dto: EventDto, fixed: { event },
      fields: [...own, ...(own.some((f) => f.name === 'note') ? [] : [NOTE]), OCCURRED_AT], isDecision: false,
    });
  }
  forms.push({
    id: 'matter-decision-mode-of-investigation', target: 'matter', title: 'Mode of investigation', dto: MatterDecisionDto, fixed: { decision: 'mode-of-investigation' },
    fields: [{ name: 'mode', kind: 'choice', label: "The Director General's decision on the mode of investigation", hint: 'PRA 2002 Sch 3 para 15', choices: MODES_OF_INVESTIGATION, required: true }, RATIONALE, OCCURRED_AT],
    isDecision: true,
  });
  forms.push(ALLEGATION_ADDED);
  for (const event of MATTER_EVENTS) {
    if ((MATTER_EVENTS_NOT_ON_A_FORM as readonly MatterEventName[]).includes(event) || (MATTER_EVENTS_OF_THEIR_OWN as readonly MatterEventName[]).includes(event)) continue;
    const w = MATTER_EVENT_WORDS[event as keyof typeof MATTER_EVENT_WORDS];
    forms.push({
      id: `matter-event-${event}`, target: 'matter', title: w.title, dto: MatterEventDto, fixed: { event },
      fields: [{ name: 'note', kind: 'textarea', label: w.noteLabel, hint: w.noteHint, required: w.noteRequired }, OCCURRED_AT], isDecision: false,
    });
  }
  forms.push({
    id: 'extension', target: 'deadline', title: 'Extend a deadline', dto: ExtensionDto, fixed: {},
    fields: [
      { name: 'newDueDate', kind: 'date', label: 'New due date', hint: 'Or give the number of working days below' },
      { name: 'workingDays', kind: 'number', label: 'Or: extend by this many working days', hint: 'Counted from the present due date, on the England and Wales calendar', derives: 'newDueDate' },
      { name: 'reason', kind: 'textarea', label: 'Reason for the extension', required: true },
      { name: 'agreedBy', kind: 'text', label: 'Who agreed the extension', hint: 'For example, the investigator, or the chair', required: true },
      { ...OCCURRED_AT, label: 'When was it agreed?' },
    ],
    isDecision: false,
  });
  return forms;
}

export const COMMAND_FORMS: readonly CommandForm[] = build();
const BY_ID = new Map(COMMAND_FORMS.map((f) => [f.id, f]));

export function formById(id: string): CommandForm | undefined {
  return BY_ID.get(id);
}

export function subjectDecisionForm(decision: SubjectDecisionName): CommandForm | undefined {
  return BY_ID.get(`decision-${decision}`);
}
export function subjectEventForm(event: SubjectEventName): CommandForm | undefined {
  return BY_ID.get(`event-${event}`);
}

/** What of a matter some forms ask about: its subjects, and its allegations (from the projection). */
export interface MatterOfForm {
  subjects: readonly { subjectId: string }[];
  allegations?: readonly { id: string; alleged: string; category: string; subjectIds: readonly string[] }[];
}

/**
 * A form as it is asked on one matter (and subject): an outcome asks the finding on each allegation against the
 * subject (CR reg 41(15)), an appeal determination asks them again, optional (an appeal allowed may find afresh); an allegation added is against the matter's subjects and takes the next free id. Every
 * other form is asked as it is.
 */
export function formOnMatter(form: CommandForm, matter: MatterOfForm, subjectId?: string): CommandForm {
  // An appeal allowed may find on them afresh (CR reg 47): asked, not required, after the substituted outcome.
  const findingsAfter = form.id === 'decision-outcome' ? { field: 'finding', required: true, label: '' } : form.id === 'decision-appeal-determination' ? { field: 'substitutedOutcome', required: false, label: ', if the appeal was allowed and found on it afresh (optional)' } : null;
  if (findingsAfter && subjectId) {
    const against = (matter.allegations ?? []).filter((a) => a.subjectIds.includes(subjectId));
    if (!against.length) return form;
    const at = form.fields.findIndex((f) => f.name === findingsAfter.field) + 1;
    const findings: FormField[] = against.map((a) => ({
      name: `allegationFinding-${a.id}`, findingOn: a.id, kind: 'choice', label: `Finding on allegation ${a.id}${findingsAfter.label}`,
      hint: `${a.alleged} (IOPC category ${`${a.category} ${iopcCategory(a.category)?.name ?? ''}`.trim()})`, choices: FINDINGS, required: findingsAfter.required,
    }));
    return { ...form, fields: [...form.fields.slice(0, at), ...findings, ...form.fields.slice(at)] };
  }
  if (form.id === ALLEGATION_ADDED.id) {
    const ids = matter.subjects.map((s) => s.subjectId);
    return {
      ...form,
      fixed: { ...form.fixed, allegation: { id: nextAllegationId((matter.allegations ?? []).map((a) => a.id)) } },
      fields: form.fields.map((f) => (f.name === 'subjectIds' ? { ...f, choices: ids, choiceWords: Object.fromEntries(ids.map((x) => [x, x])) } : f)),
    };
  }
  return form;
}

/** A choice in words: its own words where the form gives them, else its slug in sentence case. */
export const choiceInWords = (f: FormField, choice: string) => f.choiceWords?.[choice] ?? sentenceCase(choice);

// ---- Answers: what the form posted, as typed, kept in the session between the pages --------------------------

/** The answers as posted: strings, and a list for checkboxes. Date parts are `<name>-day`, `-month`, `-year`, `-time`. */
export type Answers = Record<string, string | string[]>;

const DATE_PARTS = ['day', 'month', 'year'] as const;

/** Only the form's own inputs are kept from a posted body (never _csrf or anything a forged form adds). */
export function answersFrom(form: CommandForm, body: Record<string, unknown>): Answers {
  const answers: Answers = {};
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
  for (const f of form.fields) {
    if (f.kind === 'date' || f.kind === 'date-time') {
      for (const p of [...DATE_PARTS, ...(f.kind === 'date-time' ? ['time'] : [])]) answers[`${f.name}-${p}`] = str(body[`${f.name}-${p}`]).trim();
    } else if (f.kind === 'choices') {
      const v = body[f.name];
      answers[f.name] = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String).filter((x) => x !== '');
    } else {
      answers[f.name] = str(body[f.name]);
    }
  }
  return answers;
}

/** A date-and-time question's first answer: now, London time. */
export function defaultAnswers(form: CommandForm, now: Date): Answers {
  const answers: Answers = {};
  const parts = londonParts(now);
  for (const f of form.fields) {
    if (f.kind === 'date-time') Object.assign(answers, { [`${f.name}-day`]: String(parts.day), [`${f.name}-month`]: String(parts.month), [`${f.name}-year`]: String(parts.year), [`${f.name}-time`]: parts.time });
  }
  return answers;
}

function londonParts(at: Date): { year: number; month: number; day: number; time: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), time: `${p.hour}:${p.minute}` };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Day, month and year as typed → YYYY-MM-DD (or undefined when a part is missing or not a number). */
export function isoDateOf(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  return `${year}-${pad(Number(month))}-${pad(Number(day))}`;
}

/**
 * A London wall-clock date and time → an ISO instant with its offset (GMT or BST), as the API takes it. The offset is
 * the one at which London's clock reads that time; in the autumn's repeated hour, the first (BST).
 */
export function londonInstant(date: string, time: string): string | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  const hhmm = `${pad(Number(m[1]))}:${m[2]}`;
  for (const offset of ['+01:00', 'Z']) {
    const candidate = `${date}T${hhmm}:00${offset}`;
    const at = new Date(candidate);
    if (Number.isNaN(at.getTime())) return undefined;
    const p = londonParts(at);
    if (`${p.year}-${pad(p.month)}-${pad(p.day)}` === date && p.time === hhmm) return candidate;
  }
  // The spring gap (01:00–01:59 on the last Sunday of March) is no time in London: read as GMT.
  return `${date}T${hhmm}:00Z`;
}

export interface Checked {
  /** The request body for the API's DTO, when the answers are valid. */
  body?: Record<string, unknown>;
  /** Each problem, against the id of the input it is about (the error summary links to it). */
  errors: { field: string; href: string; text: string }[];
}

const bare = (label: string) => lower(label.replace(/\s*\(optional\)$/, '').replace(/\?$/, ''));

/** The id of the input a field's error summary entry links to (GOV.UK: a date's first part, a radio group's first item). */
export function inputIdOf(f: FormField): string {
  if (f.kind === 'date' || f.kind === 'date-time') return `${f.name}-day`;
  return f.name;
}

/**
 * The answers checked: first what the web form asks beyond the API (a decision's rationale, a date whose parts are
 * missing), then the API's own DTO class with the API's validation settings, each failure named against its field.
 */
export function checkAnswers(form: CommandForm, answers: Answers, context: { dueDate?: string; calendar?: WorkingDayCalendar } = {}): Checked {
  const errors: Checked['errors'] = [];
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form.fixed)) body[k] = v && typeof v === 'object' ? { ...v } : v;
  const add = (f: FormField, text: string) => {
    if (!errors.some((e) => e.field === f.name)) errors.push({ field: f.name, href: `#${inputIdOf(f)}`, text });
  };
  for (const f of form.fields) {
    const v = answers[f.name];
    // A finding on an allegation, or a field of a nested record: put in its place in the body.
    if (f.findingOn || f.within) {
      checkNested(f, v, body, add);
      continue;
    }
    switch (f.kind) {
      case 'date':
      case 'date-time': {
        const parts = DATE_PARTS.map((p) => String(answers[`${f.name}-${p}`] ?? ''));
        const time = String(answers[`${f.name}-time`] ?? '');
        const given = parts.some((p) => p !== '') || (f.kind === 'date-time' && time !== '');
        if (!given) {
          if (f.required || f.kind === 'date-time') add(f, `Enter ${bare(f.label)}`);
          break;
        }
        const iso = isoDateOf(parts[0], parts[1], parts[2]);
        if (!iso) {
          add(f, `${capital(bare(f.label))} must include a day, month and year written as numbers, for example 27 3 2026`);
          break;
        }
        if (f.kind === 'date') {
          body[f.name] = iso;
          break;
        }
        const instant = londonInstant(iso, time);
        if (!instant) add(f, `${capital(bare(f.label))}: enter a time in 24-hour form, for example 14:30`);
        else body[f.name] = instant;
        break;
      }
      case 'choices':
        if (Array.isArray(v) && v.length) body[f.name] = v;
        else if (f.required) add(f, `Select ${bare(f.label)}`);
        break;
      case 'yes-no':
        if (v === 'yes' || v === 'no') body[f.name] = v === 'yes';
        else if (f.required) add(f, `Select yes or no`);
        break;
      case 'number':
        if (typeof v === 'string' && v.trim() !== '') {
          if (/^-?\d+$/.test(v.trim())) body[f.name] = Number(v.trim());
          else add(f, `${capital(bare(f.label))} must be a whole number`);
        } else if (f.required) add(f, `Enter ${bare(f.label)}`);
        break;
      default: {
        const text = typeof v === 'string' ? v.trim() : '';
        if (text) body[f.name] = text;
        else if (f.required) add(f, f.kind === 'choice' ? `Select ${bare(f.label)}` : `Enter ${bare(f.label)}`);
      }
    }
  }
  // A field the page derives (the new due date from working days): one or the other, never both.
  for (const f of form.fields.filter((x) => x.derives)) {
    const target = form.fields.find((x) => x.name === f.derives)!;
    const n = body[f.name];
    delete body[f.name];
    if (errors.some((e) => e.field === f.name || e.field === target.name)) continue;
    if (n !== undefined && body[target.name] !== undefined) add(target, `Give ${bare(target.label)} or ${bare(f.label).replace(/^or: /, '')}, not both`);
    else if (n === undefined && body[target.name] === undefined) add(target, `Enter ${bare(target.label)}, or ${bare(f.label).replace(/^or: /, '')}`);
    else if (n !== undefined) {
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 250) add(f, `${capital(bare(f.label).replace(/^or: /, ''))} must be a whole number from 1 to 250`);
      else if (!context.dueDate || !context.calendar) add(target, `Enter ${bare(target.label)}: the present due date is not known here`);
      else body[target.name] = context.calendar.addWorkingDays(context.dueDate, n as number);
    }
  }
  // The API's own checks, as its ValidationPipe runs them (whitelist, no unknown fields).
  const failures = validateSync(plainToInstance(form.dto, body), { whitelist: true, forbidNonWhitelisted: true });
  for (const { path, failure } of flatten(failures)) {
    const f = fieldAt(form, body, path);
    // Already named against the field it is worked out from.
    if (form.fields.some((x) => x.derives === path[0] && errors.some((e) => e.field === x.name))) continue;
    const message = Object.values(failure.constraints ?? {})[0] ?? 'is not valid';
    if (f) add(f, apiMessageInWords(f, message));
    else errors.push({ field: path.join('.'), href: '#', text: message });
  }
  return errors.length ? { errors } : { body, errors };
}

/** A field asked for a nested part of the body: a finding on an allegation, or a field of an allegation added. */
function checkNested(f: FormField, v: string | string[] | undefined, body: Record<string, unknown>, add: (f: FormField, text: string) => void): void {
  let value: string | string[] | undefined = Array.isArray(v) ? v.filter((x) => x !== '') : typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  if (Array.isArray(value) && value.length === 0) value = f.sendEmpty ? [] : undefined;
  if (value === undefined) {
    if (f.required) add(f, f.kind === 'textarea' || f.kind === 'text' ? `Enter ${bare(f.label)}` : `Select ${bare(f.label)}`);
    return;
  }
  if (f.findingOn) {
    const list = (body.allegationFindings ??= []) as { allegationId: string; finding: unknown }[];
    list.push({ allegationId: f.findingOn, finding: value });
  } else {
    const into = (body[f.within!] ??= {}) as Record<string, unknown>;
    into[f.name] = value;
  }
}

/** Each failure with its path in the body (allegation.category, allegationFindings.0.finding). */
function flatten(errors: ValidationError[], path: string[] = []): { path: string[]; failure: ValidationError }[] {
  return errors.flatMap((e) => (e.children?.length ? flatten(e.children, [...path, e.property]) : [{ path: [...path, e.property], failure: e }]));
}

/**
 * The field a place in the body was asked by: `allegation.subjectIds` (a nested record's field), `allegationFindings[1].finding`
 * (the finding on the allegation at that place in the list), `allegationFindings` (the first finding asked), or a field
 * of its own name. The API's refusals name places so (`field`), as its DTO's failures do.
 */
export function fieldAt(form: CommandForm, body: Record<string, unknown> | undefined, place: string | readonly string[]): FormField | undefined {
  const path = typeof place === 'string' ? place.split(/[.[\]]+/).filter(Boolean) : place;
  const [first, second] = path;
  if (first === 'allegationFindings') {
    const asked = form.fields.filter((f) => f.findingOn);
    if (second === undefined) return asked[0];
    const id = ((body?.allegationFindings ?? []) as { allegationId?: string }[])[Number(second)]?.allegationId;
    return asked.find((f) => f.findingOn === id) ?? asked[0];
  }
  const nested = form.fields.find((f) => f.within === first && f.name === second);
  return nested ?? form.fields.find((f) => !f.within && !f.findingOn && f.name === first);
}

/** The DTO's message ("occurredAt must be …") with the field's label in place of its property name. */
function apiMessageInWords(f: FormField, message: string): string {
  const text = message.startsWith(f.name) ? `${capital(bare(f.label))}${message.slice(f.name.length)}` : message;
  // Dates and times are typed in parts here, not as ISO-8601 text.
  if (f.kind === 'date-time') return `${capital(bare(f.label))} must be a real date and time, not in the future`;
  if (f.kind === 'date') return text.replace(/ written YYYY-MM-DD/, '');
  return text;
}

// ---- Check your answers -----------------------------------------------------------------------------------

/** Each answer as the check page shows it, in words. */
export function answerRows(form: CommandForm, body: Record<string, unknown>, words: { dateInFull: (d: string) => string; dateAndTime: (t: string) => string }): { field: FormField; key: string; value: string }[] {
  return form.fields.filter((f) => !f.derives).map((f) => {
    const v = f.findingOn
      ? ((body.allegationFindings ?? []) as { allegationId: string; finding: string }[]).find((x) => x.allegationId === f.findingOn)?.finding
      : f.within ? (body[f.within] as Record<string, unknown> | undefined)?.[f.name] : body[f.name];
    let value: string;
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) value = f.kind === 'choices' && f.sendEmpty ? 'None' : 'Not given';
    else if (f.kind === 'date') value = words.dateInFull(String(v));
    else if (f.kind === 'date-time') value = words.dateAndTime(String(v));
    else if (f.kind === 'yes-no') value = v ? 'Yes' : 'No';
    else if (f.kind === 'choice' || f.kind === 'select') value = choiceInWords(f, String(v));
    else if (f.kind === 'choices') value = (v as string[]).map((x) => choiceInWords(f, x)).join(', ');
    else value = String(v);
    return { field: f, key: capital(bare(f.label)), value };
  });
}
