import {
  checkDecision,
  checkEvent,
  COMMAND_GRANTS,
  DEADLINE_RULES,
  isDeadlineRuleId,
  MATTER_EVENTS,
  mayActOnForce,
  SUBJECT_DECISIONS,
  SUBJECT_EVENTS,
  subjectDecisionGrant,
  subjectEventGrant,
  type Grant,
  type Role,
  type SubjectStage,
} from '@conduct/domain';
import { formById, formOnMatter, subjectDecisionForm, subjectEventForm, type CommandForm, type MatterOfForm } from './forms';

// What a person may do on a matter's page, asked of the engine's own tables: the stage rules (checkDecision,
// checkEvent) for a subject's decisions and events, the grants for the matter's commands and extensions, and
// mayActOnForce for a matter of a force other than their own. The workflow still checks every command it gets.

export interface Caller {
  role: Role;
  forceId: string;
  forces: readonly string[];
}

/** The facts of a matter the offer depends on (a part of MattersService.get's answer); its allegations shape some forms. */
export interface MatterFacts extends MatterOfForm {
  reference: string;
  forceId: string;
  stage: string;
  subjects: { subjectId: string; stage: string; deadlines: DeadlineFacts[] }[];
  deadlines: DeadlineFacts[];
}

export interface DeadlineFacts {
  key: string;
  ruleId: string;
  name: string;
  status: string;
}

/** One thing the person may do: the form that asks for it, and where it records. */
export interface Action {
  form: CommandForm;
  subjectId?: string;
  deadlineKey?: string;
  text: string;
  href: string;
}

export interface OfferedActions {
  matter: Action[];
  /** By subject id. */
  subjects: Record<string, Action[]>;
  /** By deadline key (a subject's deadlines are keyed `<subjectId>/<key>`). */
  extensions: Record<string, Action>;
  /** Whether anything at all is offered (oversight, read-only: nothing). */
  any: boolean;
}

/** The address of a form's question page for one target. */
export function actionHref(reference: string, formId: string, target: { subjectId?: string; deadlineKey?: string } = {}): string {
  const q = new URLSearchParams();
  if (target.subjectId) q.set('subject', target.subjectId);
  if (target.deadlineKey) q.set('deadline', target.deadlineKey);
  const qs = q.toString();
  return `/matter/${encodeURIComponent(reference)}/act/${formId}${qs ? `?${qs}` : ''}`;
}

const mayOnForce = (caller: Caller, forceId: string, grant: Grant) => grant.roles.includes(caller.role) && mayActOnForce(caller, forceId, grant);

/** A deadline that is still open and that its rule lets be extended (the rules table's `extendable`). */
function extendable(d: DeadlineFacts): boolean {
  return d.status === 'open' && isDeadlineRuleId(d.ruleId) && DEADLINE_RULES[d.ruleId].extendable;
}

export function offeredActions(caller: Caller, m: MatterFacts): OfferedActions {
  const action = (form: CommandForm | undefined, target: { subjectId?: string; deadlineKey?: string } = {}, text?: string): Action[] =>
    form ? [{ form: formOnMatter(form, m, target.subjectId), ...target, text: text ?? form.offeredAs ?? form.title, href: actionHref(m.reference, form.id, target) }] : [];
  const subjects: Record<string, Action[]> = {};
  const extensions: Record<string, Action> = {};
  const extensionForm = formById('extension')!;
  for (const s of m.subjects) {
    const stage = s.stage as SubjectStage;
    subjects[s.subjectId] = [
      ...SUBJECT_DECISIONS.filter((d) => checkDecision(stage, d, caller.role).allowed && mayOnForce(caller, m.forceId, subjectDecisionGrant(d))).flatMap((d) =>
        action(subjectDecisionForm(d), { subjectId: s.subjectId }),
      ),
      ...SUBJECT_EVENTS.filter((e) => checkEvent(stage, e, caller.role).allowed && mayOnForce(caller, m.forceId, subjectEventGrant(e))).flatMap((e) =>
        action(subjectEventForm(e), { subjectId: s.subjectId }),
      ),
    ];
    const mayExtend = checkDecision(stage, 'deadline-extension', caller.role).allowed && mayOnForce(caller, m.forceId, COMMAND_GRANTS['subject-deadline-extension']);
    for (const d of s.deadlines.filter(extendable)) {
      if (mayExtend) extensions[`${s.subjectId}/${d.key}`] = action(extensionForm, { subjectId: s.subjectId, deadlineKey: d.key }, `Extend ${d.name}`)[0];
    }
  }
  const open = m.stage !== 'closed';
  const matter: Action[] = [];
  // The Director General's decision is owed while the matter awaits it (the matter's own stage says so).
  if (m.stage === 'awaiting-mode-of-investigation' && mayOnForce(caller, m.forceId, COMMAND_GRANTS['mode-of-investigation'])) matter.push(...action(formById('matter-decision-mode-of-investigation')));
  if (open && mayOnForce(caller, m.forceId, COMMAND_GRANTS['matter-event'])) for (const e of MATTER_EVENTS) matter.push(...action(formById(`matter-event-${e}`)));
  if (open && mayOnForce(caller, m.forceId, COMMAND_GRANTS['matter-deadline-extension'])) {
    for (const d of m.deadlines.filter(extendable)) extensions[d.key] = action(extensionForm, { deadlineKey: d.key }, `Extend ${d.name}`)[0];
  }
  const any = matter.length > 0 || Object.values(subjects).some((a) => a.length > 0) || Object.keys(extensions).length > 0;
  return { matter, subjects, extensions, any };
}

/** The action a posted form claims to be, if it is one this person is offered now: anything else is refused (403). */
export function findOffered(offered: OfferedActions, formId: string, target: { subjectId?: string; deadlineKey?: string }): Action | undefined {
  if (target.deadlineKey !== undefined) {
    const a = offered.extensions[target.subjectId ? `${target.subjectId}/${target.deadlineKey}` : target.deadlineKey];
    return a && a.form.id === formId ? a : undefined;
  }
  const list = target.subjectId !== undefined ? offered.subjects[target.subjectId] ?? [] : offered.matter;
  return list.find((a) => a.form.id === formId);
}
