// Who conducts a misconduct hearing or an accelerated misconduct hearing: the chair, the members and the legally
// qualified adviser, as each rule set has them (rule-sets.ts, `panels`), and the checks an appointment must pass.
// Under the 2020 rules a legally qualified chair (appointed by the local policing body) chaired a hearing with a
// police member and an independent member; from 7 May 2024 (SI 2024/521) the chief officer or a delegate chairs,
// with two independent members, advised by a legally qualified adviser.

import { isChiefOfficerRank, isSeniorOfficer, isSuperintendentOrAbove, moreSeniorThan } from './ranks';
import { RULE_SET, RULE_SET_WHEN_NONE_RECORDED, ruleSetFor, type RuleSetId } from './rules/rule-sets';
import type { RuleStatus } from './rules/deadlines';
import { addCalendarMonths, compareIsoDates, isIsoDate, type IsoDate } from './time';

/** The proceedings a panel is appointed for. A misconduct meeting is conducted by one person and has no panel. */
export const PANEL_FORMS = ['misconduct-hearing', 'accelerated-hearing'] as const;
export type PanelForm = (typeof PANEL_FORMS)[number];

/**
 * Who the chair is. chief-officer: the chief officer themselves; senior-officer, former-senior-officer,
 * senior-police-staff: the chief officer's delegates (CR reg 2(4A)-(4C), SI 2024/521); hm-inspector: HMCIC or a
 * nominated HMI (chief officer, Deputy or Assistant Commissioner cases, reg 2(4D)); legally-qualified-chair: the
 * 2020 rules' chair appointed by the local policing body (CR reg 28 as made).
 */
export const PANEL_CHAIR_ROLES = ['chief-officer', 'senior-officer', 'former-senior-officer', 'senior-police-staff', 'hm-inspector', 'legally-qualified-chair'] as const;
export type PanelChairRole = (typeof PANEL_CHAIR_ROLES)[number];

/** Where the chief officer has delegated the chair: the delegates the rules allow (CR reg 2(4A)). */
export const CHAIR_DELEGATES: readonly PanelChairRole[] = ['senior-officer', 'former-senior-officer', 'senior-police-staff'];

/** The places on a panel, as an objection or a replacement names them. */
export const PANEL_SEATS = ['chair', 'independent-member', 'police-member', 'legally-qualified-adviser'] as const;
export type PanelSeat = (typeof PANEL_SEATS)[number];

/** Where the rules on a panel come from: the matter's recorded rule set, or the date the notice of referral was given. */
export const PANEL_RULES_KEYED_ON = ['matter-rule-set', 'notice-of-referral'] as const;
export type PanelRulesKeyedOn = (typeof PANEL_RULES_KEYED_ON)[number];

/**
 * SI 2024/521's own transitional provision was not read [U]: by default a panel follows the matter's recorded rule
 * set (the date it came to the appropriate authority's attention); PANEL_RULES (libs/config) may key it on the
 * date of the notice of referral instead.
 */
export const PANEL_RULES_KEYED_ON_DEFAULT: PanelRulesKeyedOn = 'matter-rule-set';
export const PANEL_TRANSITIONAL_STATUS: RuleStatus = 'U';

/** One person on a panel. interestedParty: declared by the appointment (a person with an interest in the case). */
export interface PanelMember {
  id: string;
  name?: string;
  interestedParty?: boolean;
  /** The police member's rank (2020 rules), or the chair's where they are an officer. */
  rank?: string;
}

export interface PanelChair extends PanelMember {
  role: PanelChairRole;
  /** The chair's force, where they are from another (a senior officer's case is chaired from a separate force). */
  forceId?: string;
  /** A former senior officer: the day they last served as a senior officer (delegation within 5 years of it). */
  lastServedAsSeniorOfficerOn?: IsoDate;
}

export interface Panel {
  chair: PanelChair;
  independentMembers?: PanelMember[];
  policeMember?: PanelMember;
  legallyQualifiedAdviser?: PanelMember;
}

/** What a rule set requires of the panel for one form of proceedings. */
export interface PanelComposition {
  chairRoles: readonly PanelChairRole[];
  independentMembers: number;
  /** A police member of at least superintendent rank (the 2020 hearing panel). */
  policeMember: boolean;
  legallyQualifiedAdviser: boolean;
  regulation: string;
  status: RuleStatus;
}

export type PanelRules = Readonly<Record<PanelForm, PanelComposition>>;

/** The limits on who may chair, shared by the rule sets that have them (SI 2024/521). */
export const CHAIR_RULES = {
  /** A former senior officer may be delegated the chair only within this many years of last serving as one (CR reg 2(4A)(b)). */
  formerSeniorOfficerWithinYears: 5,
  regulation: 'CR reg 2(4A)-(4D) (SI 2024/521 reg 3)',
} as const;

/** The bar on interested parties sitting on a panel (CR reg 28, [S]: paragraph not read). */
export const PANEL_INTERESTED_PARTY = { rule: 'panel-member-not-interested-party', regulation: 'CR reg 28 (interested parties; paragraph not read)', status: 'S' as RuleStatus };

/** Overrides of the panel rules that are not confirmed ([S]/[U]), from PANEL_RULES; a [C] rule cannot be overridden. */
export interface PanelRuleOverrides {
  keyedOn?: PanelRulesKeyedOn;
  compositions?: Partial<Record<RuleSetId, Partial<Record<PanelForm, Partial<Omit<PanelComposition, 'regulation' | 'status'>>>>>>;
}

export type PanelCheck = { allowed: true } | { allowed: false; rule: string; regulation: string; ruleSet: RuleSetId; reason: string };

/** The rule set whose panel rules govern the appointment, and why. */
export function panelRuleSetFor(q: { matterRuleSet?: RuleSetId; noticeOfReferralOn?: IsoDate; keyedOn?: PanelRulesKeyedOn }): { ruleSet: RuleSetId; why: string } {
  const keyedOn = q.keyedOn ?? PANEL_RULES_KEYED_ON_DEFAULT;
  if (keyedOn === 'notice-of-referral' && q.noticeOfReferralOn) {
    return { ruleSet: ruleSetFor(q.noticeOfReferralOn).ruleSet, why: `keyed on the notice of referral given on ${q.noticeOfReferralOn} (PANEL_RULES; SI 2024/521 transitional provision not read [U])` };
  }
  const ruleSet = q.matterRuleSet ?? RULE_SET_WHEN_NONE_RECORDED;
  return { ruleSet, why: `the matter's recorded rule set (${ruleSet}); SI 2024/521 transitional provision not read [U]` };
}

/** A rule set's panel composition for a form, with the overrides applied; an override of a [C] composition is refused. */
export function panelComposition(ruleSet: RuleSetId, form: PanelForm, overrides?: PanelRuleOverrides): PanelComposition {
  const base = RULE_SET[ruleSet].panels[form];
  const over = overrides?.compositions?.[ruleSet]?.[form];
  if (!over || Object.keys(over).length === 0) return base;
  if (base.status === 'C') throw new Error(`PANEL_RULES: the ${form} panel under ${ruleSet} is confirmed (${base.regulation}) and cannot be overridden`);
  return { ...base, ...over, status: base.status };
}

/** Every check a panel's appointment must pass, the first failure named with its rule and the rule set. */
export function checkPanel(q: {
  ruleSet: RuleSetId;
  form: PanelForm;
  panel: Panel;
  /** The subject, and the force of the matter. */
  subject: { subjectId: string; rank?: string };
  forceId: string;
  /** The day of the appointment. */
  on: IsoDate;
  overrides?: PanelRuleOverrides;
}): PanelCheck {
  const { ruleSet, form, panel, subject } = q;
  const c = panelComposition(ruleSet, form, q.overrides);
  const refuse = (rule: string, regulation: string, reason: string): PanelCheck => ({ allowed: false, rule, regulation, ruleSet, reason: `${reason} (under ${RULE_SET[ruleSet].name})` });
  const chair = panel?.chair;
  if (!chair || typeof chair.id !== 'string' || !chair.id.trim()) return refuse('panel-chair-named', c.regulation, 'panel.chair.id must name the chair');
  if (!c.chairRoles.includes(chair.role)) {
    return refuse('panel-chair-role', c.regulation, `a ${form.replace('-', ' ')} is chaired by ${c.chairRoles.join(' or ')}, not ${JSON.stringify(chair.role)}`);
  }
  if (chair.role === 'former-senior-officer') {
    const last = chair.lastServedAsSeniorOfficerOn;
    if (!last || !isIsoDate(last)) return refuse('panel-chair-former-senior-officer', CHAIR_RULES.regulation, 'panel.chair.lastServedAsSeniorOfficerOn must give the day a former senior officer last served as one');
    if (compareIsoDates(addCalendarMonths(last, 12 * CHAIR_RULES.formerSeniorOfficerWithinYears), q.on) < 0) {
      return refuse('panel-chair-former-senior-officer', CHAIR_RULES.regulation, `a former senior officer may chair only within ${CHAIR_RULES.formerSeniorOfficerWithinYears} years of last serving as one (${last})`);
    }
  }
  // From 7 May 2024: a senior officer's case is chaired by a more senior officer of a separate force; a chief officer's,
  // a Deputy or an Assistant Commissioner's by HMCIC or a nominated HMI.
  if (c.chairRoles.includes('hm-inspector') && isSeniorOfficer(subject.rank)) {
    if (isChiefOfficerRank(subject.rank)) {
      if (chair.role !== 'hm-inspector') return refuse('panel-chair-chief-officer-case', CHAIR_RULES.regulation, `${subject.subjectId} is of the rank ${subject.rank}: the chair is HM Chief Inspector of Constabulary or a nominated HMI`);
    } else {
      if (chair.role !== 'senior-officer') return refuse('panel-chair-senior-officer-case', CHAIR_RULES.regulation, `${subject.subjectId} is a senior officer (${subject.rank}): the chair is a more senior officer of another force, not ${chair.role}`);
      if (!chair.forceId || chair.forceId === q.forceId) return refuse('panel-chair-senior-officer-case', CHAIR_RULES.regulation, `${subject.subjectId} is a senior officer: panel.chair.forceId must name another force than ${q.forceId}`);
      if (!moreSeniorThan(chair.rank, subject.rank)) return refuse('panel-chair-senior-officer-case', CHAIR_RULES.regulation, `${subject.subjectId} is a senior officer (${subject.rank}): the chair must be of a more senior rank, not ${JSON.stringify(chair.rank ?? null)}`);
    }
  } else if (chair.role === 'hm-inspector' && c.chairRoles.includes('hm-inspector')) {
    return refuse('panel-chair-chief-officer-case', CHAIR_RULES.regulation, `HMCIC or an HMI chairs only the case of a chief officer, a Deputy or an Assistant Commissioner, not of ${JSON.stringify(subject.rank ?? null)}`);
  }
  const independent = panel.independentMembers ?? [];
  if (!Array.isArray(independent) || independent.length !== c.independentMembers) {
    return refuse('panel-independent-members', c.regulation, `the panel has ${c.independentMembers} independent member${c.independentMembers === 1 ? '' : 's'}, not ${Array.isArray(independent) ? independent.length : 0}`);
  }
  if (c.policeMember && !panel.policeMember) return refuse('panel-police-member', c.regulation, 'the panel has a police member of at least the rank of superintendent: panel.policeMember is missing');
  if (!c.policeMember && panel.policeMember) return refuse('panel-police-member', c.regulation, 'the panel has no police member under these rules');
  if (panel.policeMember && !isSuperintendentOrAbove(panel.policeMember.rank)) {
    return refuse('panel-police-member', c.regulation, `the police member is of at least the rank of superintendent, not ${JSON.stringify(panel.policeMember.rank ?? null)}`);
  }
  if (c.legallyQualifiedAdviser && !panel.legallyQualifiedAdviser) return refuse('panel-legally-qualified-adviser', c.regulation, 'the panel is advised by a legally qualified adviser: panel.legallyQualifiedAdviser is missing');
  if (!c.legallyQualifiedAdviser && panel.legallyQualifiedAdviser) return refuse('panel-legally-qualified-adviser', c.regulation, 'these rules have no legally qualified adviser');
  const everyone = panelMembers(panel);
  for (const m of everyone) {
    if (!m || typeof m.id !== 'string' || !m.id.trim()) return refuse('panel-member-named', c.regulation, 'every member of the panel must be named by id');
    if (m.id === subject.subjectId) return refuse(PANEL_INTERESTED_PARTY.rule, PANEL_INTERESTED_PARTY.regulation, `${m.id} is the officer concerned`);
    if (m.interestedParty === true) return refuse(PANEL_INTERESTED_PARTY.rule, PANEL_INTERESTED_PARTY.regulation, `${m.id} is an interested party and may not sit on the panel`);
  }
  const ids = everyone.map((m) => m.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) return refuse('panel-members-distinct', c.regulation, `${twice} holds two places on the panel`);
  return { allowed: true };
}

/** Everyone on the panel, chair first. */
export function panelMembers(panel: Panel): PanelMember[] {
  return [panel.chair, ...(panel.independentMembers ?? []), ...(panel.policeMember ? [panel.policeMember] : []), ...(panel.legallyQualifiedAdviser ? [panel.legallyQualifiedAdviser] : [])];
}

/** The panel without the member an upheld objection removed (their place stays empty until a replacement is appointed). */
export function withoutMember(panel: Panel, memberId: string): { panel: Panel; vacant: PanelSeat | undefined } {
  if (panel.chair.id === memberId) return { panel, vacant: 'chair' };
  if ((panel.independentMembers ?? []).some((m) => m.id === memberId)) {
    return { panel: { ...panel, independentMembers: (panel.independentMembers ?? []).filter((m) => m.id !== memberId) }, vacant: 'independent-member' };
  }
  if (panel.policeMember?.id === memberId) return { panel: { ...panel, policeMember: undefined }, vacant: 'police-member' };
  if (panel.legallyQualifiedAdviser?.id === memberId) return { panel: { ...panel, legallyQualifiedAdviser: undefined }, vacant: 'legally-qualified-adviser' };
  return { panel, vacant: undefined };
}

/** PANEL_RULES as configured: refused (thrown) where it names an unknown rule set, form or field, or overrides a [C] rule. */
export function parsePanelRuleOverrides(text: string): PanelRuleOverrides {
  const raw = JSON.parse(text) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('PANEL_RULES must be a JSON object: {"keyedOn": …, "compositions": {…}}');
  const { keyedOn, compositions, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length) throw new Error(`PANEL_RULES: unknown field ${Object.keys(rest).join(', ')} (keyedOn, compositions)`);
  if (keyedOn !== undefined && !(PANEL_RULES_KEYED_ON as readonly unknown[]).includes(keyedOn)) throw new Error(`PANEL_RULES.keyedOn must be one of ${PANEL_RULES_KEYED_ON.join(', ')}`);
  const out: PanelRuleOverrides = keyedOn !== undefined ? { keyedOn: keyedOn as PanelRulesKeyedOn } : {};
  if (compositions === undefined) return out;
  if (!compositions || typeof compositions !== 'object') throw new Error('PANEL_RULES.compositions must be an object of rule sets');
  const fields = ['chairRoles', 'independentMembers', 'policeMember', 'legallyQualifiedAdviser'];
  for (const [ruleSet, forms] of Object.entries(compositions as Record<string, unknown>)) {
    if (!(ruleSet in RULE_SET)) throw new Error(`PANEL_RULES.compositions: unknown rule set ${ruleSet}`);
    for (const [form, over] of Object.entries((forms ?? {}) as Record<string, Record<string, unknown>>)) {
      if (!(PANEL_FORMS as readonly string[]).includes(form)) throw new Error(`PANEL_RULES.compositions.${ruleSet}: unknown form ${form}`);
      const unknown = Object.keys(over ?? {}).filter((f) => !fields.includes(f));
      if (unknown.length) throw new Error(`PANEL_RULES.compositions.${ruleSet}.${form}: unknown field ${unknown.join(', ')}`);
      if (over.chairRoles !== undefined && (!Array.isArray(over.chairRoles) || over.chairRoles.some((r) => !(PANEL_CHAIR_ROLES as readonly unknown[]).includes(r)))) {
        throw new Error(`PANEL_RULES.compositions.${ruleSet}.${form}.chairRoles must list roles of ${PANEL_CHAIR_ROLES.join(', ')}`);
      }
      if (over.independentMembers !== undefined && (!Number.isInteger(over.independentMembers) || (over.independentMembers as number) < 0 || (over.independentMembers as number) > 4)) {
        throw new Error(`PANEL_RULES.compositions.${ruleSet}.${form}.independentMembers must be a whole number from 0 to 4`);
      }
      for (const f of ['policeMember', 'legallyQualifiedAdviser']) if (over[f] !== undefined && typeof over[f] !== 'boolean') throw new Error(`PANEL_RULES.compositions.${ruleSet}.${form}.${f} must be true or false`);
    }
  }
  out.compositions = compositions as PanelRuleOverrides['compositions'];
  // An override of a confirmed rule is refused here, at start, not at the first appointment.
  for (const ruleSet of Object.keys(out.compositions ?? {}) as RuleSetId[]) for (const form of PANEL_FORMS) panelComposition(ruleSet, form, out);
  return out;
}
