/**
 * The panel for a misconduct hearing or an accelerated hearing (panels.ts in the domain): its appointment, the
 * objections to its members and their determination, a replacement, and whether the hearing may sit. The checks
 * are pure and refuse naming the rule and the rule set; the steps change the state only. Unit tested in panel.spec.ts.
 */
import { PANEL_SEATS, checkPanel, panelRuleSetFor, withoutMember, type Panel, type PanelChair, type PanelForm, type PanelMember, type PanelRuleOverrides, type RuleSetId } from '@conduct/domain';
import { refuse } from '../refusal';
import type { EventCommand, PanelRecord, SubjectInput, SubjectState } from '../types';

type Track = Pick<SubjectInput, 'subject' | 'ruleSet' | 'forceId'>;
type PanelEvent = Extract<EventCommand, { event: 'panel-appointed' | 'panel-objection-made' | 'panel-objection-determined' | 'panel-member-replaced' }>;

/** The rule set the panel is under: the matter's, or (PANEL_RULES) the notice of referral's date. */
export function panelRuleSet(s: SubjectState, track: Track, overrides: PanelRuleOverrides | undefined): { ruleSet: RuleSetId; why: string } {
  return panelRuleSetFor({ matterRuleSet: track.ruleSet?.ruleSet, noticeOfReferralOn: s.noticeOfReferralServedOn, keyedOn: overrides?.keyedOn });
}

/** Refuses a panel command the rules do not allow; returns otherwise. */
export function checkPanelEvent(s: SubjectState, track: Track, cmd: PanelEvent, on: string): void {
  const form = s.stage as PanelForm;
  if (s.proceedingsHeldOn) refuse({ rule: 'panel-before-hearing', regulation: 'CR reg 30 / reg 51', reason: `the ${form.replace('-', ' ')} was already held on ${s.proceedingsHeldOn}` });
  switch (cmd.event) {
    case 'panel-appointed':
      if (!cmd.panel || typeof cmd.panel !== 'object') refuse({ rule: 'panel-given', regulation: 'CR reg 28', reason: 'panel must give the chair, the members and the adviser' });
      checkWholePanel(s, track, form, cmd.panel, on, cmd.panelRules);
      break;
    case 'panel-objection-made': {
      const panel = appointed(s);
      if (typeof cmd.member !== 'string' || !onPanel(panel, cmd.member)) refuse({ rule: 'objection-names-panel-member', regulation: 'CR reg 30 / reg 51', reason: `member must name someone on the panel, not ${JSON.stringify(cmd.member)}` });
      if (typeof cmd.grounds !== 'string' || !cmd.grounds.trim()) refuse({ rule: 'objection-grounds', regulation: 'CR reg 30 / reg 51', reason: 'grounds must say why the officer objects' });
      if (pending(panel, cmd.member)) refuse({ rule: 'objection-once', regulation: 'CR reg 30 / reg 51', reason: `an objection to ${cmd.member} is awaiting its determination` });
      break;
    }
    case 'panel-objection-determined': {
      const panel = appointed(s);
      if (typeof cmd.upheld !== 'boolean') refuse({ rule: 'objection-upheld-or-not', regulation: 'CR reg 30 / reg 51', reason: 'upheld must be true or false' });
      if (!pending(panel, cmd.member)) refuse({ rule: 'objection-determined-once-made', regulation: 'CR reg 30 / reg 51', reason: `no objection to ${JSON.stringify(cmd.member)} awaits determination` });
      break;
    }
    case 'panel-member-replaced': {
      const panel = appointed(s);
      const vacancy = panel.vacant.find((v) => v.member === cmd.member);
      if (!vacancy) refuse({ rule: 'replacement-after-upheld-objection', regulation: 'CR reg 30 / reg 52(1A)', reason: `${JSON.stringify(cmd.member)} holds no place emptied by an upheld objection` });
      if (!cmd.replacement || typeof cmd.replacement !== 'object') refuse({ rule: 'replacement-named', regulation: 'CR reg 30', reason: 'replacement must name who takes the place' });
      checkWholePanel(s, track, form, fill(panel.panel, vacancy!.seat, cmd.replacement), on, cmd.panelRules, panel.vacant.filter((v) => v !== vacancy));
      break;
    }
  }
}

/** The hearing sits with the panel whole and every objection determined (where a panel was recorded). */
export function checkPanelSits(s: SubjectState): void {
  const p = s.panel;
  if (!p) return;
  if (p.vacant.length) {
    refuse({ rule: 'panel-complete-at-hearing', regulation: 'CR reg 28 / reg 30', ruleSet: p.ruleSet, reason: `the panel is missing its ${p.vacant.map((v) => `${v.seat} (${v.member}, objection upheld)`).join(', ')}: appoint a replacement first` });
  }
  const open = p.objections.filter((o) => o.upheld === undefined);
  if (open.length) refuse({ rule: 'objections-determined-before-hearing', regulation: 'CR reg 30 / reg 51', ruleSet: p.ruleSet, reason: `the objection to ${open.map((o) => o.member).join(', ')} has not been determined` });
}

// ---- Steps ------------------------------------------------------------------------------------------
export function appoint(s: SubjectState, track: Track, panel: Panel, on: string, overrides?: PanelRuleOverrides): PanelRecord {
  const { ruleSet, why } = panelRuleSet(s, track, overrides);
  s.panel = { panel, ruleSet, why, appointedOn: on, vacant: [], objections: [] };
  return s.panel;
}

export function objectionMade(s: SubjectState, member: string, grounds: string, on: string): void {
  s.panel!.objections.push({ member, grounds, madeOn: on });
}

export function objectionDetermined(s: SubjectState, member: string, upheld: boolean, on: string): void {
  const p = s.panel!;
  const objection = p.objections.find((o) => o.member === member && o.upheld === undefined)!;
  objection.upheld = upheld;
  objection.determinedOn = on;
  if (!upheld) return;
  const { panel, vacant } = withoutMember(p.panel, member);
  p.panel = panel;
  if (vacant) p.vacant.push({ seat: vacant, member });
}

export function replaced(s: SubjectState, member: string, replacement: PanelChair | PanelMember): void {
  const p = s.panel!;
  const vacancy = p.vacant.find((v) => v.member === member)!;
  p.panel = fill(p.panel, vacancy.seat, replacement);
  p.vacant = p.vacant.filter((v) => v !== vacancy);
}

/** Who the officer is told sits on the panel (CR reg 30(1A): a delegated chair is named). */
export function panelNotice(p: PanelRecord): Record<string, unknown> {
  const who = (m: PanelMember | undefined) => (m ? { id: m.id, name: m.name ?? null } : null);
  return {
    chair: { ...who(p.panel.chair), role: p.panel.chair.role },
    chairDelegated: !['chief-officer', 'legally-qualified-chair', 'hm-inspector'].includes(p.panel.chair.role),
    independentMembers: (p.panel.independentMembers ?? []).map(who),
    policeMember: who(p.panel.policeMember),
    legallyQualifiedAdviser: who(p.panel.legallyQualifiedAdviser),
    ruleSet: p.ruleSet,
    regulation: 'CR reg 30(1A)',
  };
}

// ---- Helpers ----------------------------------------------------------------------------------------
function checkWholePanel(s: SubjectState, track: Track, form: PanelForm, panel: Panel, on: string, overrides: PanelRuleOverrides | undefined, stillVacant: PanelRecord['vacant'] = []): void {
  const { ruleSet } = panelRuleSet(s, track, overrides);
  let check;
  try {
    check = checkPanel({ ruleSet, form, panel, subject: { subjectId: track.subject.subjectId, rank: track.subject.rank }, forceId: track.forceId, on, overrides });
  } catch (err) {
    refuse({ rule: 'panel-rules-override', regulation: null, ruleSet, reason: (err as Error).message });
  }
  // A place still empty after this replacement is judged when its own replacement comes.
  if (!check!.allowed && !(stillVacant.length && ['panel-independent-members', 'panel-police-member', 'panel-legally-qualified-adviser'].includes(check!.rule))) refuse(check!);
}

function appointed(s: SubjectState): PanelRecord {
  if (!s.panel) refuse({ rule: 'panel-appointed-first', regulation: 'CR reg 30 / reg 51', reason: 'no panel has been appointed for this hearing' });
  return s.panel!;
}

function onPanel(p: PanelRecord, member: string): boolean {
  const { panel } = p;
  const vacantChair = p.vacant.some((v) => v.seat === 'chair');
  return (!vacantChair && panel.chair.id === member) || [...(panel.independentMembers ?? []), panel.policeMember, panel.legallyQualifiedAdviser].some((m) => m?.id === member);
}

function pending(p: PanelRecord, member: string): boolean {
  return p.objections.some((o) => o.member === member && o.upheld === undefined);
}

function fill(panel: Panel, seat: (typeof PANEL_SEATS)[number], who: PanelChair | PanelMember): Panel {
  switch (seat) {
    case 'chair':
      return { ...panel, chair: who as PanelChair };
    case 'independent-member':
      return { ...panel, independentMembers: [...(panel.independentMembers ?? []), who] };
    case 'police-member':
      return { ...panel, policeMember: who };
    case 'legally-qualified-adviser':
      return { ...panel, legallyQualifiedAdviser: who };
  }
}
