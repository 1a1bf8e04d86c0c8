import {
  DECISION_RULES,
  DEADLINE_RULES,
  EVENT_RULES,
  isDeadlineRuleId,
  LIST_REPORT_REGULATION,
  LIST_REPORTS,
  MATTER_KIND_WORDS,
  RULE_SET,
  STAGE_WORDS,
  iopcCategory,
  type ListReport,
  type MatterKind,
  type RuleSetId,
  type SubjectStage,
} from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';
import { dateAndTime, dateInFull, deadlineInWords, sentenceCase, type Urgency } from '../rendering/words';
import { capital } from './forms';

// A matter's page as plain data: the identity bar, each subject's facts and deadlines, the list reports and their
// delivery, the banners, and the timeline from the audit trail. Pure: the controller fetches, these shape.

/** A deadline as MattersService.get gives it. */
export interface DeadlineRow {
  key: string;
  ruleId: string;
  name: string;
  regulation: string;
  dueDate: string;
  /** An instant: the projection's driver gives a Date. */
  dueAt: string | Date;
  status: string;
  extensions?: { from: string; to: string; reason: string; agreedBy: string; recordedBy?: string }[] | null;
}

/** The matter as MattersService.get gives it (the fields the page reads). */
export interface MatterRow {
  reference: string;
  kind: string;
  regime: string;
  ruleSet: { ruleSet: string; rule?: string; why?: string } | null;
  forceId: string;
  stage: string;
  appropriateAuthority: string;
  /** Who works it (issue 15): the case officer (null: unallocated) and the investigator appointed. */
  caseOfficer?: string | null;
  investigator?: { investigator?: { id?: string } } | null;
  iopcReferralRequired?: boolean | null;
  modeOfInvestigation: string | null;
  receivedOn: string;
  /** The confidential report the matter was made from, if it was. */
  confidentialReport?: string | null;
  /** What is alleged, against whom, its IOPC category and standards, and the finding for each subject. */
  allegations?: AllegationRow[];
  /** A complaint: the day it was made; the first timeliness period starts with timelinessStartsOn (CMR reg 13; CR reg 19). */
  complaintMadeOn?: string | null;
  timelinessStartsOn?: string | null;
  timelinessReports?: TimelinessReportRow[] | null;
  subjects: {
    subjectId: string;
    kind: string;
    rank?: string | null;
    warrantNumber?: string | null;
    personId?: string | null;
    stage: string;
    severity?: string | null;
    caseToAnswer?: string | null;
    formOfProceedings?: string | null;
    outcome?: string | null;
    closedBecause?: string | null;
    status?: Record<string, unknown> | null;
    deadlines: DeadlineRow[];
  }[];
  deadlines: DeadlineRow[];
}

/** An audit line as MattersService.audit gives it. */
export interface AuditRow {
  id: number;
  subjectId: string | null;
  actor: string;
  actorRole: string;
  action: string;
  rule: string | null;
  regulation: string | null;
  occurredAt: string | Date;
  recordedAt: string | Date;
  details: Record<string, unknown> | null;
}

/** A message as MattersService.outbox gives it. */
export interface MessageRow {
  id: string | number;
  subjectId: string | null;
  purpose: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError?: string | null;
  createdAt: string | Date;
  deliveredAt?: string | Date | null;
  deadAt?: string | Date | null;
}

const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : String(v));
const REGIME_WORDS: Readonly<Record<string, string>> = { 'conduct-regulations': 'Police (Conduct) Regulations 2020', 'schedule-3': 'Police Reform Act 2002 Schedule 3' };

export interface SummaryRow {
  key: { text: string };
  value: { text: string };
}
const row = (key: string, value: string | null | undefined): SummaryRow => ({ key: { text: key }, value: { text: value === null || value === undefined || value === '' ? 'Not recorded' : value } });

/** The identity bar's facts: reference, kind, force, appropriate authority, mode of investigation, regime and rule set. */
export function identityOf(m: MatterRow): { label: string; value: string }[] {
  const ruleSet = m.ruleSet ? RULE_SET[m.ruleSet.ruleSet as RuleSetId]?.name ?? m.ruleSet.ruleSet : 'The 2020 rules (none recorded at referral)';
  return [
    { label: 'Reference', value: m.reference },
    { label: 'Kind', value: MATTER_KIND_WORDS[m.kind as MatterKind] ?? sentenceCase(m.kind) },
    { label: 'Force', value: m.forceId },
    { label: 'Appropriate authority', value: m.appropriateAuthority },
    { label: 'Case officer', value: m.caseOfficer ?? 'Unallocated' },
    { label: 'Investigator', value: m.investigator?.investigator?.id ?? 'None appointed' },
    { label: 'Mode of investigation', value: m.modeOfInvestigation ? sentenceCase(m.modeOfInvestigation) : m.iopcReferralRequired ? 'Awaiting the IOPC' : 'Local (not referred to the IOPC)' },
    { label: 'Regime', value: REGIME_WORDS[m.regime] ?? sentenceCase(m.regime) },
    { label: 'Rule set', value: ruleSet },
    ...(m.confidentialReport ? [{ label: 'From confidential report', value: m.confidentialReport }] : []),
  ];
}

export interface DeadlineView {
  key: string;
  name: string;
  regulation: string;
  /** The rules table's status of the rule: [C] confirmed, [S] secondary source, [U] unconfirmed. */
  ruleStatus: string;
  dueDate: string;
  words: string;
  urgency: Urgency;
  workingDaysLeft: number;
  extensions: string[];
}

/** The open deadlines, soonest first, each in words with its regulation, rule status and extensions. */
export function openDeadlines(rows: DeadlineRow[], now: Date, calendar: WorkingDayCalendar): DeadlineView[] {
  return rows
    .filter((d) => d.status === 'open' || d.status === 'missed')
    .map((d) => ({ ...d, dueAt: iso(d.dueAt) }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((d) => {
      const w = deadlineInWords(d, now, calendar);
      return {
        key: d.key,
        name: d.name,
        regulation: d.regulation,
        ruleStatus: isDeadlineRuleId(d.ruleId) ? `[${DEADLINE_RULES[d.ruleId].status}]` : '',
        dueDate: dateInFull(d.dueDate),
        words: w.words,
        urgency: w.urgency,
        workingDaysLeft: w.workingDaysLeft,
        extensions: (d.extensions ?? []).map((e) => `Extended from ${dateInFull(e.from)} to ${dateInFull(e.to)}: ${e.reason} (agreed by ${e.agreedBy})`),
      };
    });
}

export interface SubjectView {
  subjectId: string;
  heading: string;
  facts: SummaryRow[];
  flags: { text: string; colour: string }[];
  deadlines: DeadlineView[];
  /** The subject's person's page, for a role that may read it. */
  personHref?: string;
}

/** A subject's facts: stage, severity, form of proceedings, outcome, and the status flags (suspended, left, held, warning live). */
export function subjectOf(s: MatterRow['subjects'][number], now: Date, calendar: WorkingDayCalendar, personHref?: string): SubjectView {
  const st = (s.status ?? {}) as Record<string, unknown>;
  const flags: SubjectView['flags'] = [];
  if (st.suspended) flags.push({ text: 'Suspended', colour: 'red' });
  else if (st.duties && st.duties !== 'full') flags.push({ text: `${sentenceCase(String(st.duties))} duties`, colour: 'orange' });
  if (st.leftService) flags.push({ text: 'Left the service', colour: 'grey' });
  if (st.heldForCriminalProceedings) flags.push({ text: 'Held for criminal proceedings', colour: 'purple' });
  if (st.warningLiveUntil && !st.warningExpired) flags.push({ text: `Warning live until ${dateInFull(String(st.warningLiveUntil))}`, colour: 'yellow' });
  const left = st.leftService as { how?: string; on?: string } | string | null | undefined;
  const facts = [
    row('Kind', sentenceCase(s.kind)),
    row('Stage', capital(STAGE_WORDS[s.stage as SubjectStage] ?? sentenceCase(s.stage))),
    row('Severity', s.severity ? sentenceCase(s.severity) : null),
    row('Case to answer', s.caseToAnswer ? sentenceCase(s.caseToAnswer) : null),
    row('Form of proceedings', s.formOfProceedings ? sentenceCase(s.formOfProceedings) : null),
    row('Outcome', s.outcome ? sentenceCase(s.outcome) : null),
    ...(s.closedBecause ? [row('Closed because', sentenceCase(s.closedBecause))] : []),
    ...(st.proceedingsScheduledFor ? [row('Proceedings fixed for', dateInFull(String(st.proceedingsScheduledFor)))] : []),
    ...(left ? [row('Left the service', typeof left === 'string' ? dateInFull(left) : [left.how && sentenceCase(left.how), left.on && dateInFull(left.on)].filter(Boolean).join(', '))] : []),
    ...(st.warningLiveUntil ? [row('Warning live until', `${dateInFull(String(st.warningLiveUntil))}${st.warningExpired ? ' (expired)' : ''}`)] : []),
  ];
  const who = [s.rank, s.subjectId].filter(Boolean).join(' ');
  return { subjectId: s.subjectId, heading: `${who}${s.warrantNumber ? ` (warrant ${s.warrantNumber})` : ''}`, facts, flags, deadlines: openDeadlines(s.deadlines, now, calendar), ...(personHref ? { personHref } : {}) };
}

export interface ListReportView {
  subjectId: string | null;
  report: string;
  regulation: string;
  status: string;
  statusColour: string;
  attempts: number;
  queued: string;
  delivered: string;
}

const DELIVERY: Readonly<Record<string, { text: string; colour: string }>> = {
  delivered: { text: 'Delivered', colour: 'green' },
  pending: { text: 'Waiting to send', colour: 'yellow' },
  dead: { text: 'Failed', colour: 'red' },
};
const delivery = (status: string) => DELIVERY[status] ?? { text: sentenceCase(status), colour: 'grey' };

/** The barred-list and advisory-list reports among the matter's messages, with their delivery. */
export function listReportsOf(messages: MessageRow[]): ListReportView[] {
  return messages
    .filter((m) => (LIST_REPORTS as readonly string[]).includes(m.purpose))
    .map((m) => ({
      subjectId: m.subjectId,
      report: sentenceCase(m.purpose),
      regulation: LIST_REPORT_REGULATION[m.purpose as ListReport],
      status: delivery(m.status).text,
      statusColour: delivery(m.status).colour,
      attempts: m.attempts,
      queued: dateAndTime(m.createdAt),
      delivered: m.deliveredAt ? dateAndTime(m.deliveredAt) : '',
    }));
}

export interface MessageView {
  subjectId: string | null;
  purpose: string;
  recipient: string;
  status: string;
  statusColour: string;
  attempts: number;
  queued: string;
  delivered: string;
  lastError: string;
}

/** Every message the matter sent or will send (reminders, escalations, notices, list reports), newest first. */
export function messagesOf(messages: MessageRow[]): MessageView[] {
  return [...messages].reverse().map((m) => ({
    subjectId: m.subjectId,
    purpose: sentenceCase(m.purpose),
    recipient: m.recipient,
    status: delivery(m.status).text,
    statusColour: delivery(m.status).colour,
    attempts: m.attempts,
    queued: dateAndTime(m.createdAt),
    delivered: m.deliveredAt ? dateAndTime(m.deliveredAt) : '',
    lastError: m.lastError ?? '',
  }));
}

/** What needs attention at once: a breached deadline, a list report due or not yet delivered. */
export function bannersOf(deadlines: DeadlineView[], subjects: SubjectView[], reports: ListReportView[]): string[] {
  const banners: string[] = [];
  const all = [...deadlines.map((d) => ({ d, who: 'the matter' })), ...subjects.flatMap((s) => s.deadlines.map((d) => ({ d, who: s.subjectId })))];
  for (const { d, who } of all.filter((x) => x.d.urgency === 'overdue')) banners.push(`Deadline breached: ${d.name} (${who}, ${d.regulation}). ${d.words}.`);
  // A report owed keeps its deadline open under the report's own name (the deadline book's key).
  for (const { d, who } of all.filter((x) => x.d.urgency !== 'overdue' && (LIST_REPORTS as readonly string[]).includes(x.d.key))) banners.push(`A list report is due: ${d.name} (${who}, ${d.regulation}). ${d.words}.`);
  for (const r of reports.filter((x) => x.status !== 'Delivered')) banners.push(`${r.report} for ${r.subjectId ?? 'the matter'} is not yet delivered: ${r.status.toLowerCase()} (${r.regulation}).`);
  return banners;
}

export interface TimelineItem {
  label: { text: string };
  byline: { text: string };
  datetime: { timestamp: string; type: 'datetime' };
  /** The lines, escaped, as the timeline's description (the MOJ macro takes HTML for more than one line). */
  html: string;
  /** The lines under the heading: the subject, the rule and regulation, the rationale, when it was recorded if later. */
  lines: string[];
  /** Where the audit line's own id leads (an anchor). */
  id: number;
}

const ACTION_WORDS: Readonly<Record<string, string>> = {
  referral: 'Matter referred', 'matter-referred': 'Matter referred',
  'allocation:case-officer': 'Case officer allocated', 'reallocation:case-officer': 'Case officer reallocated',
};

/** An audit action in words: a decision's or event's own words from the stage rules, else the action's. */
export function actionInWords(action: string): string {
  const [kind, name] = action.includes(':') ? [action.slice(0, action.indexOf(':')), action.slice(action.indexOf(':') + 1)] : ['', action];
  if (kind === 'decision' && name in DECISION_RULES) return `Decision: ${DECISION_RULES[name as keyof typeof DECISION_RULES].words}`;
  if (kind === 'event' && name in EVENT_RULES) return capital(EVENT_RULES[name as keyof typeof EVENT_RULES].words);
  return ACTION_WORDS[action] ?? capital(sentenceCase(action.replace(/:/g, ' ')).toLowerCase());
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** A minute's grace: a step recorded as it happened shows one time. */
const RECORDED_LATER_MS = 60_000;

/** The audit trail as the MOJ timeline shows it: newest first (by when it happened), who did what, under which rule, why. */
export function timelineOf(audit: AuditRow[]): TimelineItem[] {
  return [...audit]
    .sort((a, b) => iso(b.occurredAt).localeCompare(iso(a.occurredAt)) || b.id - a.id)
    .map((a) => {
      const details = a.details ?? {};
      const lines: string[] = [];
      if (a.subjectId) lines.push(`Subject: ${a.subjectId}`);
      if (a.rule || a.regulation) lines.push(`Rule: ${[a.rule, a.regulation].filter(Boolean).join(', ')}`);
      for (const field of ['rationale', 'reason', 'note'] as const) {
        const v = details[field];
        if (typeof v === 'string' && v.trim()) lines.push(`${capital(field)}: ${v}`);
      }
      // An allocation says from whom to whom (issue 15).
      if (a.action.endsWith('allocation:case-officer')) lines.push(`Case officer: ${details.to ?? 'none (unallocated)'}${details.from ? `, before: ${details.from}` : ''}`);
      const recordedLater = Date.parse(iso(a.recordedAt)) - Date.parse(iso(a.occurredAt)) > RECORDED_LATER_MS;
      if (recordedLater) lines.push(`Recorded ${dateAndTime(a.recordedAt)}`);
      return {
        id: a.id,
        label: { text: actionInWords(a.action) },
        byline: { text: a.actorRole === 'system' ? 'the engine' : `${a.actor} (${sentenceCase(a.actorRole).toLowerCase()})` },
        datetime: { timestamp: iso(a.occurredAt), type: 'datetime' as const },
        lines,
        html: lines.map((l) => `<p class="govuk-body govuk-!-margin-bottom-1">${escapeHtml(l)}</p>`).join(''),
      };
    });
}

/** An allegation as MattersService.get gives it. */
export interface AllegationRow {
  id: string;
  alleged: string;
  category: string;
  standards: string[];
  subjectIds: string[];
  findings: { subjectId: string; finding: string | null }[];
}

/** The matter's allegations as the page lists them: the category by code and name, the standards and findings in words. */
export function allegationsOf(rows: readonly AllegationRow[] = []) {
  return rows.map((a) => ({
    id: a.id,
    alleged: a.alleged,
    category: `${a.category} ${iopcCategory(a.category)?.name ?? ''}`.trim(),
    against: a.subjectIds.join(', '),
    standards: a.standards.length ? a.standards.map((x) => sentenceCase(x)).join('; ') : 'None recorded',
    findings: a.findings.filter((f) => f.finding).map((f) => `${f.subjectId}: ${sentenceCase(f.finding!)}`).join('; ') || 'None yet',
  }));
}

/** One timeliness report as MattersService.get gives it: withheld for prejudice, sent with the officers' copies. */
export interface TimelinessReportRow {
  key: string;
  dueDate: string;
  withheld?: { on: string; from: string[]; reason: string; regulation: string };
  sent?: { on: string; officerCopies?: { subjectId: string; sent: boolean; withheldReason?: string }[] };
}

const TIMELINESS_RECIPIENT_WORDS: Readonly<Record<string, string>> = { 'local-policing-body': 'the local policing body', iopc: 'the Director General', 'appropriate-authority': 'the chief officer' };

/**
 * The matter's timeliness reports in words: the day the first period started with and why (a complaint's making,
 * CMR reg 13; else its receipt, CR reg 19), then each report answered, due date first, with its withholding and its
 * officers' copies (CR reg 19(3), (4)).
 */
export function timelinessOf(m: Pick<MatterRow, 'kind' | 'receivedOn' | 'complaintMadeOn' | 'timelinessStartsOn' | 'timelinessReports'>): { startsOn: string; why: string; reports: { due: string; lines: string[] }[] } {
  const startsOn = String(m.timelinessStartsOn ?? m.receivedOn).slice(0, 10);
  const why = m.complaintMadeOn ? 'the day the complaint was made (CMR reg 13)' : m.kind === 'complaint' ? 'the day it was received (the day it was made was not given)' : "the day it came to the appropriate authority's attention";
  const reports = (m.timelinessReports ?? []).map((r) => {
    const lines: string[] = [];
    if (r.withheld) lines.push(`Withheld from ${r.withheld.from.map((x) => TIMELINESS_RECIPIENT_WORDS[x] ?? x).join(' and ')} on ${dateInFull(r.withheld.on)} (${r.withheld.regulation}): ${r.withheld.reason}`);
    if (r.sent) {
      lines.push(`Sent on ${dateInFull(r.sent.on)}`);
      for (const c of r.sent.officerCopies ?? []) lines.push(c.sent ? `Copy to ${c.subjectId} sent` : `Copy to ${c.subjectId} withheld under the harm test (CR reg 19(4)): ${c.withheldReason ?? ''}`);
    }
    return { due: dateInFull(r.dueDate), lines };
  });
  return { startsOn: dateInFull(startsOn), why, reports };
}
