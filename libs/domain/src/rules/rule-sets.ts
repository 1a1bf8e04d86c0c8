// The rule sets in force over time: the 2020 rules, the panel changes of 7 May 2024 (SI 2024/521) and the
// changes of 28 May 2025 (SI 2025/558). A department carries cases under each at once, so which set governs a
// case is itself a rule, decided by a date. Not to be confused with `Regime` (kinds.ts): CR Part 3 or PRA Sch 3.
//
// Adding a future rule set is a line in RULE_SETS (its date, source, transitional rule and changes) plus tests.

import type { RuleStatus } from './deadlines';
import { CHAIR_RULES, PANEL_INTERESTED_PARTY, PANEL_TRANSITIONAL_STATUS, type PanelComposition, type PanelRules } from '../panels';
import { INVESTIGATOR_BARS, investigatorRegulation } from '../investigator';
import { compareIsoDates, type IsoDate } from '../time';

export const RULE_SET_IDS = ['rules-2020', 'rules-2024', 'rules-2025'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];

/** One rule a rule set changed, as `npm run rules` and GET /rules print it. */
export interface RuleChange {
  rule: string;
  what: string;
  regulation: string;
  status: RuleStatus;
}

/** What a rule set says about the outcomes of misconduct proceedings (CR reg 42 as it stood). */
export interface OutcomeRules {
  /** A finding of misconduct must carry disciplinary action: "no action" is not open on it. */
  misconductCarriesDisciplinaryAction: boolean;
  /** Gross misconduct found: dismissal without notice unless the panel records exceptional circumstances, with reasons. */
  grossMisconductDismissalUnlessExceptional: boolean;
}

/** What a rule set says about the form of misconduct proceedings (routing.ts). */
export interface RoutingRules {
  /** A former officer with a case to answer for gross misconduct goes to an accelerated misconduct hearing unless they choose, or the appropriate authority decides on, a misconduct hearing (CR Part 3A). */
  formerOfficerAcceleratedHearingByDefault: boolean;
  /** Where no proceedings follow, the case may be referred under the Police (Vetting) Regulations 2025 (CR reg 14(2)(aa); vetting.ts). */
  vettingReferral: boolean;
}

export interface RuleSet {
  id: RuleSetId;
  name: string;
  inForce: IsoDate;
  source: string;
  /** Which cases it governs (the transitional rule), in words, with its status. */
  governs: string;
  transitionalRule: string;
  transitionalStatus: RuleStatus;
  /** The transitional exceptions the engine does not yet apply (each still decided by receivedOn). */
  exceptionsNotApplied: string[];
  outcomes: OutcomeRules;
  routing: RoutingRules;
  /** Who conducts a misconduct hearing and an accelerated hearing (panels.ts). */
  panels: PanelRules;
  /** What changed from the rule set before it. */
  changes: RuleChange[];
}

/** CR reg 28 as made: a legally qualified chair, a police member of at least superintendent and an independent member. */
const HEARING_PANEL_2020: PanelComposition = {
  chairRoles: ['legally-qualified-chair'], independentMembers: 1, policeMember: true, legallyQualifiedAdviser: false,
  regulation: 'CR reg 28 (as made)', status: 'S',
};
/** CR reg 2(4A)-(4D) and reg 28 as amended by SI 2024/521 reg 3: the chief officer or a delegate, two independent members, a legally qualified adviser. */
const HEARING_PANEL_2024: PanelComposition = {
  chairRoles: ['chief-officer', 'senior-officer', 'former-senior-officer', 'senior-police-staff', 'hm-inspector'], independentMembers: 2, policeMember: false, legallyQualifiedAdviser: true,
  regulation: 'CR reg 2(4A)-(4D), reg 28 (SI 2024/521 reg 3)', status: 'C',
};
/** CR Part 5: the accelerated hearing is conducted by the chief officer (or a delegate); no independent members. Not read [U]: PANEL_RULES may change it. */
const ACCELERATED_HEARING_2020: PanelComposition = {
  chairRoles: ['chief-officer', 'senior-officer', 'senior-police-staff'], independentMembers: 0, policeMember: false, legallyQualifiedAdviser: false,
  regulation: 'CR reg 55 (person conducting an accelerated hearing; not read)', status: 'U',
};
/** Whether SI 2024/521 changed who conducts an accelerated hearing was not read [U]: the 2024 chair limits, no members, no adviser. */
const ACCELERATED_HEARING_2024: PanelComposition = {
  chairRoles: ['chief-officer', 'senior-officer', 'former-senior-officer', 'senior-police-staff', 'hm-inspector'], independentMembers: 0, policeMember: false, legallyQualifiedAdviser: false,
  regulation: 'CR reg 55, reg 2(4A)-(4D) (SI 2024/521; accelerated hearing panel not read)', status: 'U',
};

/** Oldest first; each set carries the changes before it (the 2025 rules are the 2020 rules as amended in 2024 and 2025). */
export const RULE_SETS: readonly RuleSet[] = [
  {
    id: 'rules-2020',
    name: 'the 2020 rules',
    inForce: '2020-02-01',
    source: 'Police (Conduct) Regulations 2020 (SI 2020/4); Police (Complaints and Misconduct) Regulations 2020 (SI 2020/2)',
    governs: 'matters that came to the appropriate authority\'s attention before 7 May 2024 (earlier rule sets are not modelled)',
    transitionalRule: 'CR reg 1 (in force 1 February 2020)',
    transitionalStatus: 'S',
    exceptionsNotApplied: [],
    outcomes: { misconductCarriesDisciplinaryAction: false, grossMisconductDismissalUnlessExceptional: false },
    routing: { formerOfficerAcceleratedHearingByDefault: false, vettingReferral: false },
    panels: { 'misconduct-hearing': HEARING_PANEL_2020, 'accelerated-hearing': ACCELERATED_HEARING_2020 },
    changes: [],
  },
  {
    id: 'rules-2024',
    name: 'the 2020 rules as amended from 7 May 2024 (panels and chairs)',
    inForce: '2024-05-07',
    source: 'SI 2024/521 (amending CR 2020 and CMR 2020)',
    governs: 'matters that came to the appropriate authority\'s attention on or after 7 May 2024 and before 28 May 2025',
    // The in-force date is C; the instrument's own transitional provision was not read, so receivedOn stands in for it.
    transitionalRule: 'SI 2024/521 (in force 7 May 2024; transitional provision not read, keyed here on the date the matter came to attention)',
    transitionalStatus: 'U',
    exceptionsNotApplied: ['the transitional provision of SI 2024/521 itself (not read): a panel follows the matter\'s rule set unless PANEL_RULES keys it on the notice of referral'],
    outcomes: { misconductCarriesDisciplinaryAction: false, grossMisconductDismissalUnlessExceptional: false },
    routing: { formerOfficerAcceleratedHearingByDefault: false, vettingReferral: false },
    panels: { 'misconduct-hearing': HEARING_PANEL_2024, 'accelerated-hearing': ACCELERATED_HEARING_2024 },
    changes: [
      {
        rule: 'misconduct-hearing-chair',
        what: 'a hearing is chaired by the chief officer or a delegate (CR reg 2(4A)-(4D)), with two independent members and a legally qualified adviser; delegation notified to the officer with the delegate\'s name (CR reg 30(1A))',
        regulation: 'SI 2024/521 reg 3',
        status: 'C',
      },
    ],
  },
  {
    id: 'rules-2025',
    name: 'the 2020 rules as amended from 28 May 2025 (outcomes, former officers, accelerated hearings)',
    inForce: '2025-05-28',
    source: 'SI 2025/558 (amending CR 2020, CMR 2020, the Performance Regulations and the PAT Rules)',
    governs: 'allegations that came to the appropriate authority\'s attention on or after 28 May 2025',
    transitionalRule: 'SI 2025/558 reg 64(1)',
    transitionalStatus: 'C',
    exceptionsNotApplied: [
      'reg 64(1): a later allegation about the same matter while an earlier (pre-28 May 2025) one is still being handled stays under the earlier rules',
      'reg 64(2): the amendments apply to an older case where the Director General orders a re-investigation (PRA s.13B) or makes a s.28A direction',
      'reg 64(3): the former-officer Schedule (CR Part 3A) reaches older cases where no reg 30(1)/51(1) notice was given before 28 May 2025 (older tracks keep the earlier routing)',
      'CR reg 21A(1): an officer who leaves after referral to a misconduct hearing, or whose criminal hold ends, is not re-referred to an accelerated hearing (Part 3A applies at the case-to-answer decision only)',
      'CR regs 21C-21E: the period in which a former officer may choose a misconduct hearing (not read; the choice is recorded with the case-to-answer decision)',
    ],
    outcomes: { misconductCarriesDisciplinaryAction: true, grossMisconductDismissalUnlessExceptional: true },
    routing: { formerOfficerAcceleratedHearingByDefault: true, vettingReferral: true },
    panels: { 'misconduct-hearing': HEARING_PANEL_2024, 'accelerated-hearing': ACCELERATED_HEARING_2024 },
    changes: [
      {
        rule: 'former-officer-accelerated-hearing',
        what: 'a former officer with a case to answer for gross misconduct goes to an accelerated misconduct hearing unless the officer chooses a misconduct hearing or the appropriate authority decides one is necessary',
        regulation: 'CR reg 21A(1),(3) (Part 3A, inserted by SI 2025/558 Sch paras 2-3)',
        status: 'C',
      },
      {
        rule: 'misconduct-finding-carries-disciplinary-action',
        what: 'a meeting or hearing decides, "if it amounts to misconduct, what disciplinary action should be imposed": no "no action" on a finding of misconduct',
        regulation: 'SI 2025/558 reg 6(2)(d),(e) (definitions C; the effect S)',
        status: 'S',
      },
      {
        rule: 'gross-misconduct-dismissal-unless-exceptional',
        what: 'on gross misconduct, dismissal without notice unless exceptional circumstances justify a final written warning or reduction in rank, with the reasons stated',
        regulation: 'CR reg 42 as amended by SI 2025/558 reg 15; reasons CR reg 43(1)(e)',
        status: 'S',
      },
      {
        rule: 'vetting-referral',
        what: 'where no proceedings follow, a referral under the Police (Vetting) Regulations 2025 (in force 14 May 2025), tracked: withdrawal assessment, clearance kept or withdrawn, withdrawal is dismissal without notice and a barred-list report, appeal panel, then the Police Appeals Tribunal (every vetting period U)',
        regulation: 'CR reg 14(2)(aa) (SI 2025/558 reg 9); SI 2025/502 Part 3',
        status: 'C',
      },
    ],
  },
];

export const RULE_SET: Readonly<Record<RuleSetId, RuleSet>> = Object.fromEntries(RULE_SETS.map((r) => [r.id, r])) as Record<RuleSetId, RuleSet>;

/** The rule set a case is under, and why: the date that decided it and the transitional rule that uses it. */
export interface RuleSetChoice {
  ruleSet: RuleSetId;
  /** The date that decided it: when the allegation came to the appropriate authority's attention (the matter's receivedOn). */
  decidedBy: { date: IsoDate; what: 'came-to-appropriate-authority-attention' };
  rule: string;
  why: string;
}

/** A case under no recorded rule set (a matter referred before rule sets were recorded) is under the 2020 rules. */
export const RULE_SET_WHEN_NONE_RECORDED: RuleSetId = 'rules-2020';

/**
 * The rule set that governs a matter, from the date its allegation came to the appropriate authority's attention:
 * the latest set in force on that date (SI 2025/558 reg 64(1); SI 2024/521 in force 7 May 2024). The transitional
 * exceptions each set lists under exceptionsNotApplied are not applied.
 */
export function ruleSetFor(receivedOn: IsoDate): RuleSetChoice {
  const inForce = RULE_SETS.filter((r) => compareIsoDates(r.inForce, receivedOn) <= 0);
  const set = inForce[inForce.length - 1] ?? RULE_SETS[0];
  const next = RULE_SETS[RULE_SETS.indexOf(set) + 1];
  const why =
    `the allegation came to the appropriate authority's attention on ${receivedOn}` +
    (compareIsoDates(set.inForce, receivedOn) <= 0 ? `, on or after ${set.inForce}` : `, before any rule set modelled (earliest ${set.inForce})`) +
    (next ? ` and before ${next.inForce}` : '') +
    `: ${set.name} (${set.transitionalRule})`;
  return { ruleSet: set.id, decidedBy: { date: receivedOn, what: 'came-to-appropriate-authority-attention' }, rule: set.transitionalRule, why };
}

/** Every rule set side by side, with what changed in each, for `npm run rules` and lawyers to check. */
export function formatRuleSets(sets: readonly RuleSet[] = RULE_SETS): string {
  const out: string[] = ['Rule sets (which one governs a matter: the date it came to the appropriate authority\'s attention)', ''];
  const header = ['Rule set', 'In force', 'Governs', 'Transitional rule', 'Status'];
  const rows = sets.map((r) => [r.id, r.inForce, r.governs, r.transitionalRule, r.transitionalStatus]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  out.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '');
  const flags = Object.keys(sets[0].outcomes) as (keyof OutcomeRules)[];
  out.push(['Outcome rule'.padEnd(45), ...sets.map((r) => r.id.padEnd(12))].join('  ').trimEnd());
  for (const f of flags) out.push([f.padEnd(45), ...sets.map((r) => (r.outcomes[f] ? 'yes' : 'no').padEnd(12))].join('  ').trimEnd());
  out.push('');
  const routing = Object.keys(sets[0].routing) as (keyof RoutingRules)[];
  out.push(['Routing rule'.padEnd(45), ...sets.map((r) => r.id.padEnd(12))].join('  ').trimEnd());
  for (const f of routing) out.push([f.padEnd(45), ...sets.map((r) => (r.routing[f] ? 'yes' : 'no').padEnd(12))].join('  ').trimEnd());
  out.push('');
  const cell = (c: PanelComposition) => `${c.chairRoles.includes('legally-qualified-chair') ? 'LQC' : 'CO/delegate'}+${c.independentMembers}IM${c.policeMember ? '+PM' : ''}${c.legallyQualifiedAdviser ? '+LQA' : ''} [${c.status}]`;
  const forms = Object.keys(sets[0].panels) as (keyof PanelRules)[];
  const width = Math.max(12, ...sets.flatMap((r) => forms.map((f) => cell(r.panels[f]).length)));
  out.push(['Panel'.padEnd(45), ...sets.map((r) => r.id.padEnd(width))].join('  ').trimEnd());
  for (const form of forms) out.push([form.padEnd(45), ...sets.map((r) => cell(r.panels[form]).padEnd(width))].join('  ').trimEnd());
  out.push('  (LQC legally qualified chair; CO/delegate chief officer or a delegate; IM independent members; PM police member; LQA legally qualified adviser)');
  out.push(`  chair limits from 7 May 2024 [C]: a former senior officer within ${CHAIR_RULES.formerSeniorOfficerWithinYears} years; a senior officer's case chaired by a more senior officer of another force; a chief officer's, Deputy or Assistant Commissioner's by HMCIC or an HMI (${CHAIR_RULES.regulation})`);
  out.push(`  no interested party on a panel [${PANEL_INTERESTED_PARTY.status}] (${PANEL_INTERESTED_PARTY.regulation}); which rule set governs a panel [${PANEL_TRANSITIONAL_STATUS}]: the matter's, or the notice of referral's date (PANEL_RULES)`);
  out.push('');
  out.push(`Investigator bars (all rule sets; ${investigatorRegulation('conduct-regulations').regulation} [${investigatorRegulation('conduct-regulations').status}]; ${investigatorRegulation('schedule-3').regulation} [${investigatorRegulation('schedule-3').status}]): nobody`);
  for (const b of Object.values(INVESTIGATOR_BARS)) out.push(`  ${b.rule.padEnd(43)} ${b.what}`);
  out.push('');
  for (const r of sets) {
    out.push(`${r.id}: ${r.name}, in force ${r.inForce}. Source: ${r.source}`);
    for (const c of r.changes) out.push(`  changed: ${c.rule} [${c.status}] ${c.what} (${c.regulation})`);
    for (const e of r.exceptionsNotApplied) out.push(`  not applied yet: ${e}`);
  }
  return out.join('\n') + '\n';
}
