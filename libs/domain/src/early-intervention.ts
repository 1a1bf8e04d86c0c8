import { IOPC_COMPLAINT_CATEGORIES } from './allegations';
import { addCalendarMonths, compareIsoDates, type IsoDate } from './time';

// Early intervention: patterns across a person's matters that the appropriate authority should see when it assesses
// the next one. A flag advises; it never decides (no rule here changes what a decision may be). The rules are a
// force's policy, not the regulations': each force may configure its own (EARLY_INTERVENTION_RULES, libs/config),
// and these defaults follow the failings a national review of one force found (repeat allegations judged one by one;
// earlier allegations of sexual misconduct or domestic abuse not joined up; Baroness Casey's review of the
// Metropolitan Police Service, 2023 [S]).

/** The kinds of allegation a repeat of which matters most, whatever the complaint category they were recorded under. */
export const EARLY_INTERVENTION_CONCERNS = ['sexual-misconduct', 'domestic-abuse', 'discrimination'] as const;
export type EarlyInterventionConcern = (typeof EARLY_INTERVENTION_CONCERNS)[number];

/**
 * Which IOPC complaint categories (libs/domain/src/allegations.ts) are which concern. Sexual misconduct: abuse of
 * position for a sexual purpose or an emotional relationship, and every category of sexual conduct; discrimination:
 * every category of discriminatory behaviour. Domestic abuse has no category of its own in the IOPC's list (the
 * guidance records it as a factor of the complaint, which an allegation here does not yet carry), so no allegation is
 * flagged as domestic abuse until it does [U].
 */
export const CONCERN_CATEGORIES: Readonly<Record<EarlyInterventionConcern, readonly string[]>> = {
  'sexual-misconduct': ['E1', 'E2', ...IOPC_COMPLAINT_CATEGORIES.filter((c) => c.group === 'F').map((c) => c.code)],
  'domestic-abuse': [],
  discrimination: IOPC_COMPLAINT_CATEGORIES.filter((c) => c.group === 'D').map((c) => c.code),
};

/** The concerns an allegation of this category raises. */
export function concernsOfCategory(category: string): EarlyInterventionConcern[] {
  return EARLY_INTERVENTION_CONCERNS.filter((c) => CONCERN_CATEGORIES[c].includes(category));
}

/** One allegation the engine holds against the person. */
export interface AllegationOnRecord {
  matterReference: string;
  allegationId: string;
  /** When it came to the appropriate authority's attention (the matter's date received, or the day it was added). */
  madeOn: IsoDate;
  concerns: readonly EarlyInterventionConcern[];
}

/** A warning the engine recorded on the person, live from the day it was given until the day it lapses. */
export interface WarningOnRecord {
  matterReference: string;
  outcome: string;
  from: IsoDate;
  liveUntil: IsoDate;
}

export type EarlyInterventionRule =
  /** `count` or more allegations made within `months` of each other. */
  | { id: string; kind: 'allegations-within'; count: number; months: number; words: string }
  /** A second (or `count`-th) allegation of one of the concerns, at any distance in time. */
  | { id: string; kind: 'repeated-concern'; concerns: readonly EarlyInterventionConcern[]; count: number; words: string }
  /** An allegation made while a warning given in another matter was live. */
  | { id: string; kind: 'allegation-while-warning-live'; words: string };

/** The rules a force has unless it configures its own. */
export const DEFAULT_EARLY_INTERVENTION_RULES: readonly EarlyInterventionRule[] = [
  { id: 'three-allegations-in-12-months', kind: 'allegations-within', count: 3, months: 12, words: 'three or more allegations within 12 months' },
  {
    id: 'repeated-sexual-misconduct-domestic-abuse-or-discrimination',
    kind: 'repeated-concern',
    concerns: EARLY_INTERVENTION_CONCERNS,
    count: 2,
    words: 'a second allegation of sexual misconduct, domestic abuse or discrimination',
  },
  { id: 'allegation-while-warning-live', kind: 'allegation-while-warning-live', words: 'a new allegation while a warning is live' },
];

/** A flag on a person: which rule raised it, on which matters, and the day the last of them made it so. */
export interface EarlyInterventionFlag {
  ruleId: string;
  words: string;
  matterReferences: string[];
  raisedOn: IsoDate;
}

const byDate = (a: AllegationOnRecord, b: AllegationOnRecord) => compareIsoDates(a.madeOn, b.madeOn) || a.allegationId.localeCompare(b.allegationId);
const matters = (as: readonly { matterReference: string }[]) => [...new Set(as.map((a) => a.matterReference))];

/** The first window of `count` allegations within `months`, or null. Allegations of one matter count one by one. */
function allegationsWithin(sorted: readonly AllegationOnRecord[], count: number, months: number): AllegationOnRecord[] | null {
  for (let last = count - 1; last < sorted.length; last++) {
    const window = sorted.slice(last - count + 1, last + 1);
    if (compareIsoDates(addCalendarMonths(window[0].madeOn, months), window[window.length - 1].madeOn) >= 0) return window;
  }
  return null;
}

function raise(rule: EarlyInterventionRule, on: readonly AllegationOnRecord[], extra: readonly string[] = []): EarlyInterventionFlag {
  return { ruleId: rule.id, words: rule.words, matterReferences: [...new Set([...matters(on), ...extra])], raisedOn: on[on.length - 1].madeOn };
}

/** The flags the person's record raises under the rules: at most one per rule, at the first time it was met. */
export function earlyInterventionFlags(
  record: { allegations: readonly AllegationOnRecord[]; warnings: readonly WarningOnRecord[] },
  rules: readonly EarlyInterventionRule[] = DEFAULT_EARLY_INTERVENTION_RULES,
): EarlyInterventionFlag[] {
  const sorted = [...record.allegations].sort(byDate);
  const flags: EarlyInterventionFlag[] = [];
  for (const rule of rules) {
    switch (rule.kind) {
      case 'allegations-within': {
        const window = allegationsWithin(sorted, rule.count, rule.months);
        if (window) flags.push(raise(rule, window));
        break;
      }
      case 'repeated-concern': {
        const concerning = sorted.filter((a) => a.concerns.some((c) => rule.concerns.includes(c)));
        // Two allegations of one matter are one occasion: the repeat the review found missed is across matters.
        const firstPerMatter = concerning.filter((a, i) => concerning.findIndex((b) => b.matterReference === a.matterReference) === i);
        if (firstPerMatter.length >= rule.count) flags.push(raise(rule, firstPerMatter.slice(0, rule.count)));
        break;
      }
      case 'allegation-while-warning-live': {
        for (const a of sorted) {
          const live = record.warnings.find(
            (w) => w.matterReference !== a.matterReference && compareIsoDates(w.from, a.madeOn) <= 0 && compareIsoDates(a.madeOn, w.liveUntil) <= 0,
          );
          if (live) {
            flags.push(raise(rule, [a], [live.matterReference]));
            break;
          }
        }
        break;
      }
    }
  }
  return flags;
}

export type EarlyInterventionSettingsProblem = { field: string; reason: string };

/**
 * A force's rules as configured (EARLY_INTERVENTION_RULES: {"<forceId>": [rule, ...]}), checked: each rule's id,
 * kind and numbers, and concerns from the list above. Returns the problems, none when the settings are sound.
 */
export function checkEarlyInterventionRules(value: unknown, field = 'EARLY_INTERVENTION_RULES'): EarlyInterventionSettingsProblem[] {
  const problems: EarlyInterventionSettingsProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field, reason: 'must be an object of force ids to lists of rules' }];
  for (const [force, rules] of Object.entries(value)) {
    if (!Array.isArray(rules)) {
      problems.push({ field: `${field}.${force}`, reason: 'must be a list of rules' });
      continue;
    }
    const ids = new Set<string>();
    rules.forEach((r: Record<string, unknown>, i) => {
      const at = `${field}.${force}[${i}]`;
      if (typeof r?.id !== 'string' || !r.id) problems.push({ field: `${at}.id`, reason: 'must name the rule' });
      else if (ids.has(r.id)) problems.push({ field: `${at}.id`, reason: `${r.id} is named twice` });
      else ids.add(r.id);
      if (typeof r?.words !== 'string' || !r.words) problems.push({ field: `${at}.words`, reason: 'must say what the rule looks for' });
      const whole = (k: string, min: number) => {
        if (!Number.isInteger(r[k]) || (r[k] as number) < min) problems.push({ field: `${at}.${k}`, reason: `must be a whole number of at least ${min}` });
      };
      if (r?.kind === 'allegations-within') {
        whole('count', 2);
        whole('months', 1);
      } else if (r?.kind === 'repeated-concern') {
        whole('count', 2);
        const concerns = r.concerns;
        if (!Array.isArray(concerns) || !concerns.length || concerns.some((c) => !EARLY_INTERVENTION_CONCERNS.includes(c as EarlyInterventionConcern)))
          problems.push({ field: `${at}.concerns`, reason: `must list one or more of ${EARLY_INTERVENTION_CONCERNS.join(', ')}` });
      } else if (r?.kind !== 'allegation-while-warning-live') {
        problems.push({ field: `${at}.kind`, reason: 'must be one of allegations-within, repeated-concern, allegation-while-warning-live' });
      }
    });
  }
  return problems;
}

/** The rules of a force: its own, if configured, else the defaults. */
export function earlyInterventionRulesOf(forceId: string, configured: Readonly<Record<string, readonly EarlyInterventionRule[]>> | undefined): readonly EarlyInterventionRule[] {
  return configured?.[forceId] ?? DEFAULT_EARLY_INTERVENTION_RULES;
}
