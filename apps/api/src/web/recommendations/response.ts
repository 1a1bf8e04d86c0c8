import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isIsoDate, londonInstantOf } from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';
import type { RecommendationView } from '@conduct/workflows';
import { RecommendationResponseDto } from '../../recommendations/recommendations.controller';
import { isoDateOf, type DateAnswer } from '../refer/referral';
import { dateAndTime, dateInFull, deadlineInWords, sentenceCase } from '../rendering/words';

// A recommendation's page, and its response (Sch 3 para 28B) as a question page: the answers turned into the API's
// RecommendationResponseDto and checked by its own rules.

export interface ResponseAnswers {
  accepted: string;
  summary: string;
  respondedOn: DateAnswer;
  /** HH:MM, 24-hour, London time. */
  time: string;
}

/** A response in progress, kept in the session from its question page: its Idempotency-Key is made then. */
export interface ResponseInProgress {
  idempotencyKey: string;
  answers: ResponseAnswers;
  recorded?: boolean;
}

export const blankResponse = (): ResponseAnswers => ({ accepted: '', summary: '', respondedOn: { day: '', month: '', year: '' }, time: '' });

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function responseAnswersFromForm(body: Record<string, unknown>): ResponseAnswers {
  return {
    accepted: text(body.accepted),
    summary: text(body.summary),
    respondedOn: { day: text(body['respondedOn-day']), month: text(body['respondedOn-month']), year: text(body['respondedOn-year']) },
    time: text(body.time),
  };
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The answers as the API's request body: the date and time read on London's clock; what makes no instant is passed on for the DTO's check to name. */
export function responseDtoOf(a: ResponseAnswers): Record<string, unknown> {
  const date = isoDateOf(a.respondedOn);
  const time = TIME.exec(a.time || '');
  const occurredAt = isIsoDate(date) && time ? londonInstantOf(date, Number(time[1]), Number(time[2])) : `${date}T${a.time}`;
  return { accepted: a.accepted === 'yes' ? true : a.accepted === 'no' ? false : undefined, summary: a.summary || undefined, occurredAt };
}

/** Each problem keyed by the field to fix, in the GOV.UK error messages' words. */
export function checkResponse(a: ResponseAnswers): Record<string, string> {
  const errors: Record<string, string> = {};
  const failures = validateSync(plainToInstance(RecommendationResponseDto, responseDtoOf(a)), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  for (const e of failures) {
    if (e.property === 'accepted') errors.accepted = 'Select whether the recommendation was accepted';
    else if (e.property === 'summary') errors.summary = a.summary ? 'The response must be 8,000 characters or fewer' : 'Enter the response';
    else if (e.property === 'occurredAt') {
      if (!TIME.test(a.time) && isIsoDate(isoDateOf(a.respondedOn))) errors.time = 'Enter the time as hours and minutes, 24-hour, for example 14:05';
      else errors['respondedOn-day'] = 'The date the response was made must be a real date, not in the future';
    }
  }
  return errors;
}

export interface SummaryRow {
  key: string;
  value: string;
  href?: string;
}

/** The answers to check, each with a link to change it. */
export function responseToCheck(a: ResponseAnswers, page: string): SummaryRow[] {
  const dto = responseDtoOf(a);
  return [
    { key: 'Accepted', value: a.accepted === 'yes' ? 'Yes' : 'No', href: `${page}#accepted` },
    { key: 'Response', value: a.summary, href: `${page}#summary` },
    { key: 'Made', value: typeof dto.occurredAt === 'string' && !Number.isNaN(Date.parse(dto.occurredAt)) ? dateAndTime(dto.occurredAt) : '', href: `${page}#respondedOn-day` },
  ];
}

const STAGE_WORDS: Readonly<Record<RecommendationView['stage'], string>> = {
  'awaiting-response': 'Awaiting the response',
  'awaiting-publication': 'Response given, awaiting publication',
  published: 'Response published',
};

/** A recommendation as its page shows it: its facts, its response, and each deadline in words. */
export function recommendationPage(view: RecommendationView, now: Date, calendar: WorkingDayCalendar) {
  return {
    facts: [
      { key: 'Reference', value: view.reference },
      { key: 'Matter', value: view.matterReference, href: `/matter/${encodeURIComponent(view.matterReference)}` },
      { key: 'Force', value: view.forceId },
      { key: 'Stage', value: STAGE_WORDS[view.stage] ?? sentenceCase(view.stage) },
      { key: 'Response', value: view.response ? `${view.response.accepted ? 'Accepted' : 'Not accepted'}, ${dateInFull(view.response.respondedOn)}` : 'Not yet given' },
      { key: 'Published', value: view.publishedOn ? dateInFull(view.publishedOn) : 'Not yet' },
    ] as SummaryRow[],
    deadlines: view.deadlines.map((d) => ({
      name: d.name,
      regulation: d.regulation,
      due: dateInFull(d.dueDate),
      words: d.status === 'open' ? deadlineInWords(d, now, calendar).words : sentenceCase(d.status),
      extensions: d.extensions.length,
    })),
    awaitingResponse: view.stage === 'awaiting-response',
  };
}
