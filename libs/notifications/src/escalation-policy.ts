import { IsoDate, addCalendarDays, compareIsoDates } from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';

/** Who may be named in a policy: the roles a route can be configured for. */
export const POLICY_ROLES = ['case-officer', 'appropriate-authority', 'head-of-department', 'local-policing-body', 'iopc'] as const;

export interface PolicyStep {
  to: string;
  workingDays: number;
}

/**
 * A force's escalation policy: who is reminded how many working days before each deadline, and
 * who is told, how many working days after it passes, while it stays missed (the chain: case
 * officer, then appropriate authority, then head of department). These add to the workflows' own
 * reminder (case officer, REMINDER_WORKING_DAYS before) and escalation (appropriate authority, when
 * it passes), which always go.
 */
export interface ForcePolicy {
  reminders: PolicyStep[];
  escalation: PolicyStep[];
}

/** `ESCALATION_POLICY`: {"default": ForcePolicy, "forces": {"<forceId>": ForcePolicy}}; a force's policy replaces the default. */
export interface EscalationPolicyConfig {
  default?: ForcePolicy;
  forces?: Record<string, ForcePolicy>;
}

export function parseEscalationPolicy(json: string | undefined): EscalationPolicyConfig | null {
  if (!json || !json.trim()) return null;
  let cfg: EscalationPolicyConfig;
  try {
    cfg = JSON.parse(json);
  } catch {
    throw new Error('ESCALATION_POLICY is not valid JSON');
  }
  const policies = [['default', cfg.default], ...Object.entries(cfg.forces ?? {}).map(([f, p]) => [`forces.${f}`, p])] as [string, ForcePolicy | undefined][];
  for (const [where, p] of policies) {
    if (p === undefined) continue;
    for (const list of ['reminders', 'escalation'] as const) {
      const steps = p[list] ?? [];
      if (!Array.isArray(steps)) throw new Error(`ESCALATION_POLICY ${where}.${list} must be a list of {"to", "workingDays"}`);
      p[list] = steps;
      steps.forEach((s, i) => {
        if (!POLICY_ROLES.includes(s?.to as never)) throw new Error(`ESCALATION_POLICY ${where}.${list}[${i}].to must be one of ${POLICY_ROLES.join(', ')}`);
        if (!Number.isInteger(s.workingDays) || s.workingDays < 0 || s.workingDays > 60) {
          throw new Error(`ESCALATION_POLICY ${where}.${list}[${i}].workingDays must be a whole number from 0 to 60`);
        }
      });
    }
  }
  return cfg;
}

export function policyFor(cfg: EscalationPolicyConfig | null, forceId: string): ForcePolicy | null {
  return cfg?.forces?.[forceId] ?? cfg?.default ?? null;
}

export interface WatchedDeadline {
  workflowId: string;
  key: string;
  matterReference: string;
  subjectId: string | null;
  name: string;
  regulation: string;
  dueDate: IsoDate;
  /** As the workflow left it: open (not yet due), missed (passed and escalated), met, cancelled. */
  status: string;
  forceId: string;
}

export interface PolicyMessage {
  idempotencyKey: string;
  matterReference: string;
  subjectId: string | null;
  purpose: 'reminder' | 'escalation';
  recipient: string;
  payload: Record<string, unknown>;
}

/**
 * The policy's messages owed for one deadline on `today` (a London civil date). A reminder is owed
 * from its day until the deadline passes; an escalation step from `workingDays` working days after
 * the due date, for as long as the deadline stays missed. Keys are stable, so the outbox takes each once.
 */
export function owedMessages(d: WatchedDeadline, policy: ForcePolicy, today: IsoDate, calendar: WorkingDayCalendar): PolicyMessage[] {
  const out: PolicyMessage[] = [];
  const base = { matterReference: d.matterReference, subjectId: d.subjectId };
  const payload = (step: PolicyStep, kind: string) => ({ forceId: d.forceId, deadline: d.name, dueDate: d.dueDate, regulation: d.regulation, policy: { kind, to: step.to, workingDays: step.workingDays } });
  if (d.status === 'open' && compareIsoDates(today, d.dueDate) <= 0) {
    for (const step of policy.reminders) {
      if (compareIsoDates(today, workingDaysBefore(calendar, d.dueDate, step.workingDays)) < 0) continue;
      out.push({ ...base, idempotencyKey: `${d.workflowId}:${d.key}:${d.dueDate}:policy-reminder:${step.to}:${step.workingDays}`, purpose: 'reminder', recipient: step.to, payload: payload(step, 'reminder') });
    }
  }
  if (d.status === 'missed' && compareIsoDates(today, d.dueDate) > 0) {
    for (const step of policy.escalation) {
      if (compareIsoDates(today, calendar.addWorkingDays(d.dueDate, step.workingDays)) < 0) continue;
      out.push({ ...base, idempotencyKey: `${d.workflowId}:${d.key}:${d.dueDate}:policy-escalation:${step.to}:${step.workingDays}`, purpose: 'escalation', recipient: step.to, payload: payload(step, 'escalation') });
    }
  }
  return out;
}

function workingDaysBefore(calendar: WorkingDayCalendar, d: IsoDate, n: number): IsoDate {
  let day = d;
  for (let counted = 0; counted < n; ) {
    day = addCalendarDays(day, -1);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}
