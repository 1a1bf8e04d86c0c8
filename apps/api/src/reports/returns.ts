/**
 * The two returns, as CSV for a chosen period: (a) the Home Office's annual case-level police misconduct return, one
 * row per subject whose outcome was decided in the period; (b) the IOPC's complaints data, one row per allegation and
 * subject on the complaints received in the period, by category, with the finding and how long it took. Each column is
 * declared once here, with its meaning and its source; docs/returns.md describes the same columns (returns.spec.ts
 * checks it names each one).
 */
import { AGE_BANDS, APPEAL_BODIES, FINDINGS, ageBandOn, allegationProven, ethnicityOf, type AgeBandRule, type ProceedingsForm, iopcCategory, IOPC_CATEGORY_CODES, IOPC_CATEGORY_GROUPS, type Finding } from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';
import type { ComplaintAllegationSource, MisconductReturnSource } from '@conduct/persistence';

export interface ReturnColumn<Source> {
  name: string;
  meaning: string;
  source: string;
  value(row: Source, calendar: WorkingDayCalendar): string | number | null;
}

const isFinding = (f: string | null): f is Finding => f !== null && (FINDINGS as readonly string[]).includes(f);
const list = (xs: readonly string[]) => [...new Set(xs)].sort().join(';');
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const isProceedingsForm = (f: string | null): f is ProceedingsForm => f !== null && f in APPEAL_BODIES;

/**
 * A subject's protected characteristics as the return gives them: the sex, the ethnicity's high-level group and the age
 * band on the day the outcome was decided; `not-recorded` for what the person's record lacks, `not-stated` where the
 * person did not say; all three `withheld` from a reader of reports who may not read a person's record.
 */
export type SubjectCharacteristics = { sex: string; ethnicGroup: string; ageBand: string } | 'withheld';

export type MisconductReturnRow = MisconductReturnSource & { characteristics: SubjectCharacteristics };

const NOT_RECORDED = 'not-recorded';

export function subjectCharacteristics(
  values: { sex: string | null; ethnicity: string | null; dateOfBirth: string | null } | undefined,
  outcomeOn: string,
  bands: readonly AgeBandRule[] = AGE_BANDS,
): SubjectCharacteristics {
  const ethnicity = values?.ethnicity ? ethnicityOf(values.ethnicity) : undefined;
  return {
    sex: values?.sex ?? NOT_RECORDED,
    ethnicGroup: ethnicity ? (ethnicity.group ?? ethnicity.code) : NOT_RECORDED,
    ageBand: values?.dateOfBirth ? ageBandOn(values.dateOfBirth, outcomeOn, bands) : NOT_RECORDED,
  };
}

const characteristic = (r: MisconductReturnRow, key: 'sex' | 'ethnicGroup' | 'ageBand') => (r.characteristics === 'withheld' ? 'withheld' : r.characteristics[key]);

export const MISCONDUCT_RETURN_COLUMNS: readonly ReturnColumn<MisconductReturnRow>[] = [
  { name: 'force_id', meaning: 'The force whose appropriate authority dealt with the case', source: 'matter.force_id', value: (r) => r.forceId },
  { name: 'case_reference', meaning: "The matter's reference", source: 'matter.reference', value: (r) => r.matterReference },
  { name: 'case_type', meaning: 'Complaint, recordable conduct matter, conduct matter or DSI matter', source: 'matter.kind', value: (r) => r.matterKind },
  { name: 'received_on', meaning: 'The day the matter came to the appropriate authority', source: 'matter.received_on', value: (r) => r.receivedOn },
  { name: 'subject_id', meaning: "The subject's id within the case (no name, no number)", source: 'subject.subject_id', value: (r) => r.subjectId },
  { name: 'subject_type', meaning: 'Police officer, special constable, police staff or volunteer', source: 'subject.kind', value: (r) => r.subjectKind },
  { name: 'rank', meaning: "The subject's rank, as referred", source: 'subject.rank', value: (r) => r.rank },
  { name: 'severity', meaning: 'The severity assessment (CR reg 14 / CMR reg 16), as last revised', source: 'subject.severity', value: (r) => r.severity },
  { name: 'case_to_answer', meaning: 'The case-to-answer decision (CR reg 23)', source: 'subject.case_to_answer', value: (r) => r.caseToAnswer },
  { name: 'proceedings', meaning: 'Misconduct meeting, misconduct hearing or accelerated hearing', source: 'subject.form_of_proceedings', value: (r) => r.formOfProceedings },
  { name: 'proceedings_held_on', meaning: 'The day the meeting or hearing was held (the last day, if it sat more than one; London time)', source: "the subject's proceedings-held events (occurred_at)", value: (r) => r.proceedingsHeldOn },
  { name: 'finding', meaning: 'What the proceedings found (CR reg 41(15)): misconduct, gross-misconduct or neither', source: "the outcome decision's audit line (details.finding)", value: (r) => r.finding },
  { name: 'outcome', meaning: 'The outcome (CR reg 42)', source: "the outcome decision's audit line (details.outcome)", value: (r) => r.outcome },
  { name: 'outcome_on', meaning: 'The day the outcome was decided (its occurredAt, London time); the period selects on it', source: "the outcome decision's audit line (occurred_at)", value: (r) => r.outcomeOn },
  {
    name: 'working_days_to_outcome',
    meaning: 'Working days (England and Wales) after received_on up to and including outcome_on',
    source: 'received_on and outcome_on on the working-day calendar',
    value: (r, calendar) => calendar.workingDaysBetween(r.receivedOn, r.outcomeOn),
  },
  { name: 'suspended', meaning: 'yes if the subject was suspended at any time while the case ran (CR reg 11), otherwise no', source: "the subject's suspended events", value: (r) => yesNo(r.suspended) },
  { name: 'criminal_proceedings', meaning: 'yes if the subject was charged with a criminal offence while the case ran, otherwise no', source: "the subject's criminal-charge events", value: (r) => yesNo(r.criminalProceedings) },
  {
    name: 'appeal_to',
    meaning: "Who hears the subject's appeal: appeal-meeting (from a meeting, CR reg 45) or police-appeals-tribunal (from a hearing or accelerated hearing); empty when no appeal was lodged",
    source: 'subject.form_of_proceedings, by APPEAL_BODIES (libs/domain outcomes.ts)',
    value: (r) => (r.appealLodgedOn && isProceedingsForm(r.formOfProceedings) ? APPEAL_BODIES[r.formOfProceedings].body : null),
  },
  { name: 'appeal_lodged_on', meaning: 'The day the appeal was lodged (London time); empty when none was', source: "the subject's appeal-lodged events (occurred_at)", value: (r) => r.appealLodgedOn },
  { name: 'appeal_result', meaning: 'allowed or dismissed; empty while the appeal is not determined', source: "the appeal determination's audit line (details.result)", value: (r) => r.appealResult },
  { name: 'appeal_determined_on', meaning: 'The day the appeal was determined (London time)', source: "the appeal determination's audit line (occurred_at)", value: (r) => r.appealDeterminedOn },
  {
    name: 'outcome_after_appeal',
    meaning: 'The outcome once the appeal was determined: the same when dismissed, the one substituted (or no-action) when allowed; empty while none is determined',
    source: 'subject.outcome',
    value: (r) => (r.appealResult ? r.outcomeNow : null),
  },
  { name: 'allegations', meaning: 'How many allegations were against the subject', source: 'allegation_subject', value: (r) => r.allegations.length },
  { name: 'allegation_categories', meaning: "The IOPC categories of those allegations, codes separated by ';'", source: 'allegation.category', value: (r) => list(r.allegations.map((a) => a.category)) },
  { name: 'standards_engaged', meaning: "The Standards of Professional Behaviour those allegations engage (CR Sch 2), separated by ';'", source: 'allegation.standards', value: (r) => list(r.allegations.flatMap((a) => a.standards)) },
  { name: 'allegations_proven', meaning: 'Allegations found to be misconduct or gross misconduct', source: 'allegation_subject.finding', value: (r) => r.allegations.filter((a) => isFinding(a.finding) && allegationProven(a.finding)).length },
  { name: 'allegations_not_proven', meaning: 'Allegations found to be neither', source: 'allegation_subject.finding', value: (r) => r.allegations.filter((a) => isFinding(a.finding) && !allegationProven(a.finding)).length },
  {
    name: 'sex',
    meaning: "The subject's sex (the Home Office says gender): female, male or not-stated; not-recorded when the person's record has none; withheld from a reader who may not read a person's record",
    source: "person_characteristics (sealed), the subject's person",
    value: (r) => characteristic(r, 'sex'),
  },
  {
    name: 'ethnic_group',
    meaning: "The high-level group of the subject's ethnicity (ONS Census 2021): asian, black, mixed, white, other, or not-stated; not-recorded; withheld as for sex",
    source: "person_characteristics (sealed), the subject's person, grouped by ETHNICITIES (libs/domain characteristics.ts)",
    value: (r) => characteristic(r, 'ethnicGroup'),
  },
  {
    name: 'age_band',
    meaning: "The subject's age band on outcome_on (AGE_BANDS, or HOME_OFFICE_AGE_BANDS); not-recorded without a date of birth; withheld as for sex",
    source: "person_characteristics (sealed): the date of birth, never itself in the return",
    value: (r) => characteristic(r, 'ageBand'),
  },
];

export const COMPLAINT_ALLEGATION_COLUMNS: readonly ReturnColumn<ComplaintAllegationSource>[] = [
  { name: 'force_id', meaning: 'The force whose appropriate authority dealt with the complaint', source: 'matter.force_id', value: (r) => r.forceId },
  { name: 'case_reference', meaning: "The complaint's reference", source: 'matter.reference', value: (r) => r.matterReference },
  { name: 'received_on', meaning: 'The day the complaint came to the appropriate authority; the period selects on it', source: 'matter.received_on', value: (r) => r.receivedOn },
  { name: 'mode_of_investigation', meaning: 'Local, directed or independent (Sch3 para 15); empty while the Director General has not decided', source: 'matter.mode_of_investigation', value: (r) => r.modeOfInvestigation },
  { name: 'allegation_id', meaning: "The allegation's id within the complaint", source: 'allegation.allegation_id', value: (r) => r.allegationId },
  { name: 'category_group', meaning: "The group of the IOPC's categories the allegation falls in (A to K)", source: 'allegation.category, grouped by the IOPC guidance', value: (r) => iopcCategory(r.category)?.group ?? null },
  { name: 'category_group_name', meaning: "That group's name", source: 'the IOPC guidance (libs/domain allegations.ts)', value: (r) => { const g = iopcCategory(r.category)?.group; return g ? IOPC_CATEGORY_GROUPS[g].name : null; } },
  { name: 'category', meaning: "The allegation's IOPC category code", source: 'allegation.category', value: (r) => r.category },
  { name: 'category_name', meaning: "The category's name", source: 'the IOPC guidance (libs/domain allegations.ts)', value: (r) => iopcCategory(r.category)?.name ?? null },
  { name: 'subject_id', meaning: 'The subject it is alleged against (no name, no number)', source: 'allegation_subject.subject_id', value: (r) => r.subjectId },
  { name: 'finding', meaning: 'The finding on the allegation for the subject (CR reg 41(15)); empty while none is recorded', source: 'allegation_subject.finding', value: (r) => r.finding },
  { name: 'finding_on', meaning: 'The day the outcome that found it was decided', source: 'allegation_subject.finding_on', value: (r) => r.findingOn },
  {
    name: 'working_days_to_finding',
    meaning: 'Working days (England and Wales) after received_on up to and including finding_on; empty while no finding',
    source: 'received_on and finding_on on the working-day calendar',
    value: (r, calendar) => (r.findingOn ? calendar.workingDaysBetween(r.receivedOn, r.findingOn) : null),
  },
];

/** One IOPC category's allegations in the period: how many, how many finalised, and how long those took. */
export interface CategoryTotal {
  category: string;
  allegations: number;
  finalised: number;
  /** Working days to each finalised allegation's last finding. */
  workingDays: number[];
}

/**
 * The complaints' allegations counted by category (each allegation once, however many subjects it is against); one is
 * finalised when every subject it is against has a finding, on the day of the last. In the guidance's order.
 */
export function allegationsByCategory(source: readonly ComplaintAllegationSource[], calendar: WorkingDayCalendar): CategoryTotal[] {
  const allegations = new Map<string, ComplaintAllegationSource[]>();
  for (const r of source) allegations.set(`${r.matterReference}\u0000${r.allegationId}`, [...(allegations.get(`${r.matterReference}\u0000${r.allegationId}`) ?? []), r]);
  const totals = new Map<string, CategoryTotal>();
  for (const rows of allegations.values()) {
    const t = totals.get(rows[0].category) ?? { category: rows[0].category, allegations: 0, finalised: 0, workingDays: [] };
    totals.set(t.category, t);
    t.allegations += 1;
    if (rows.every((r) => r.findingOn)) {
      t.finalised += 1;
      const last = rows.map((r) => r.findingOn!).sort().at(-1)!;
      t.workingDays.push(calendar.workingDaysBetween(rows[0].receivedOn, last));
    }
  }
  const order = (c: string) => (IOPC_CATEGORY_CODES.indexOf(c as never) + 1 || Number.MAX_SAFE_INTEGER);
  return [...totals.values()].sort((a, b) => order(a.category) - order(b.category) || a.category.localeCompare(b.category));
}

export const CATEGORY_TOTAL_COLUMNS: readonly ReturnColumn<CategoryTotal>[] = [
  { name: 'category_group', meaning: "The group of the IOPC's categories (A to K)", source: 'the IOPC guidance (libs/domain allegations.ts)', value: (r) => iopcCategory(r.category)?.group ?? null },
  { name: 'category', meaning: 'The IOPC category code', source: 'allegation.category', value: (r) => r.category },
  { name: 'category_name', meaning: "The category's name", source: 'the IOPC guidance (libs/domain allegations.ts)', value: (r) => iopcCategory(r.category)?.name ?? null },
  { name: 'allegations', meaning: 'Allegations in the category on the complaints received in the period (each once, however many subjects it is against)', source: 'allegation', value: (r) => r.allegations },
  { name: 'allegations_finalised', meaning: 'Of those, allegations with a finding for every subject they are against', source: 'allegation_subject.finding', value: (r) => r.finalised },
  {
    name: 'mean_working_days_to_finalise',
    meaning: 'The mean, to one decimal place, of the working days after received_on up to the last finding of each finalised allegation; empty when none is finalised',
    source: 'received_on and allegation_subject.finding_on on the working-day calendar',
    value: (r) => (r.workingDays.length ? (r.workingDays.reduce((a, b) => a + b, 0) / r.workingDays.length).toFixed(1) : null),
  },
];

/** The rows of a return: one object per source row, its keys the columns' names in their order. */
export function returnRows<Source>(columns: readonly ReturnColumn<Source>[], source: readonly Source[], calendar: WorkingDayCalendar): Record<string, string | number | null>[] {
  return source.map((row) => Object.fromEntries(columns.map((c) => [c.name, c.value(row, calendar)])));
}

/** The CSV's header when the period has no rows: the columns still say what the return holds. */
export function headerOnly<Source>(columns: readonly ReturnColumn<Source>[]): string {
  return `${columns.map((c) => c.name).join(',')}\r\n`;
}
