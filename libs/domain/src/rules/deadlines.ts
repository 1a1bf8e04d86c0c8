// The deadline rules table. One line per deadline: the length lives here and nowhere else.
//
// Status: C confirmed from the text of the legislation; S from a secondary source only (check
// before relying on it); U unconfirmed. Only S and U lengths may be changed by configuration.
//
// Working days run "beginning with the first working day after" the trigger: 5 WD after a Friday
// trigger ends on the following Friday. Periods in months end on the same day of the month.

export type DeadlineUnit = 'working-days' | 'calendar-days' | 'weeks' | 'months';
export type RuleStatus = 'C' | 'S' | 'U';

export const DEADLINE_UNITS: readonly DeadlineUnit[] = ['working-days', 'calendar-days', 'weeks', 'months'];

export interface DeadlineRule {
  id: DeadlineRuleId;
  name: string;
  /** What starts the clock, in words. */
  trigger: string;
  length: number;
  unit: DeadlineUnit;
  /** For a window (an accelerated hearing 10–15 WD after notice): the earliest permitted day. */
  minimumLength?: number;
  regulation: string;
  status: RuleStatus;
  /** The period may be extended (by the investigator, the chair, or on application). */
  extendable: boolean;
  /**
   * A window, not a duty: a period the officer (or the complainant) may use or let pass, or a warning in force.
   * When it ends it simply closes; nobody is late, so nothing is escalated.
   */
  closesWhenPassed?: true;
  /** The law says "as soon as practicable"; the length is the engine's configurable target. */
  target?: boolean;
  /** Where a figure not taken from the legislation itself came from. */
  source?: string;
  /** Set by resolveDeadlineRules when configuration changed this rule: the values it replaced. */
  overriddenFrom?: { length: number; unit: DeadlineUnit; minimumLength?: number };
}

export const DEADLINE_RULE_IDS = [
  'noticeOfInvestigation',
  'iopcReferral',
  'representations',
  'alternativeInterviewDate',
  'timelinessReport',
  'timelinessReportRepeat',
  'suspensionReview',
  'caseToAnswerDecision',
  'objectionToChairOrPanel',
  'officerResponse',
  'witnessLists',
  'documentsToChair',
  'preHearing',
  'alternativePreHearingDate',
  'misconductMeeting',
  'acceleratedHearing',
  'acceleratedHearingAfterUpheldObjection',
  'outcomeReport',
  'outcomeReportAcceleratedHearing',
  'appealFromMeeting',
  'appealDecisionNotice',
  'patAppeal',
  'patRespondentDocuments',
  'writtenWarningLive',
  'finalWrittenWarningLive',
  'formerOfficerConditionB',
  'barredListReport',
  'barredListRemoval',
  'advisoryListReport',
  'advisoryListRemoval',
  'reflectiveReviewReport',
  'reflectivePracticeActions',
  'reflectivePracticeReview',
  'reflectivePracticeCheck',
  'vettingRepresentations',
  'vettingAppeal',
  'vettingPatAppeal',
  'complainantUpdate',
  'complainantOutcome',
  'reviewApplication',
  'recommendationResponse',
  'recommendationPublication',
] as const;

export type DeadlineRuleId = (typeof DEADLINE_RULE_IDS)[number];

/** A hearing may set a final written warning's period up to 5 years (CR reg 42) [S]. */
export const FINAL_WRITTEN_WARNING_MAX_MONTHS = 60;

type RuleLine = Omit<DeadlineRule, 'id' | 'overriddenFrom'>;

const TABLE: Record<DeadlineRuleId, RuleLine> = {
  // --- Referral and investigation ---
  noticeOfInvestigation: {
    name: 'Written notice of investigation served',
    trigger: 'investigator appointed',
    length: 5, unit: 'working-days',
    regulation: 'CR reg 17 / CMR reg 17', status: 'U', extendable: false, target: true,
    source: 'engine target: the law says "as soon as reasonably practicable"; an unserved notice must be visible and escalated',
  },
  iopcReferral: {
    name: 'Referral to the IOPC',
    trigger: 'the appropriate authority first knows the matter must be referred',
    length: 1, unit: 'working-days',
    regulation: 'CMR reg 4 / PRA 2002 Sch 3 paras 4, 13, 14C', status: 'U', extendable: false, target: true,
    source: 'engine target; no limit confirmed in the 2020 regulations (the 2004 regulations required the end of the next working day)',
  },
  representations: {
    name: "Officer's representations to the investigator",
    trigger: 'notice of investigation given',
    length: 10, unit: 'working-days',
    regulation: 'CR reg 18 / CMR reg 20', status: 'S', extendable: true, closesWhenPassed: true,
    source: 'secondary sources; extendable by the investigator',
  },
  alternativeInterviewDate: {
    name: 'Officer proposes an alternative interview date',
    trigger: 'interview date specified by the investigator',
    length: 5, unit: 'working-days',
    regulation: 'CR reg 20', status: 'C', extendable: false, closesWhenPassed: true,
  },
  timelinessReport: {
    name: 'Report to the local policing body (and DG) on an unfinished investigation',
    trigger: 'matter came to the attention of the appropriate authority',
    length: 12, unit: 'months',
    regulation: 'CR reg 19 / CMR reg 13', status: 'C', extendable: false,
  },
  timelinessReportRepeat: {
    name: 'Further timeliness report while the investigation is unfinished',
    trigger: 'previous timeliness report due',
    length: 6, unit: 'months',
    regulation: 'CR reg 19 / CMR reg 13', status: 'C', extendable: false,
  },
  suspensionReview: {
    name: 'Review of suspension',
    trigger: 'suspension, then each review',
    length: 4, unit: 'weeks',
    regulation: 'CR reg 11', status: 'S', extendable: false,
    source: 'review period from secondary sources',
  },
  caseToAnswerDecision: {
    name: 'Decision whether there is a case to answer',
    trigger: "investigator's report received",
    length: 15, unit: 'working-days',
    regulation: 'CR reg 23 / PRA 2002 Sch 3 para 24(6)', status: 'U', extendable: false, target: true,
    source: 'the law says "as soon as practicable"; 15 WD appeared only in a draft',
  },
  // --- Misconduct meetings and hearings (CR Part 4) ---
  objectionToChairOrPanel: {
    name: 'Objection to the person conducting or a panel member',
    trigger: 'name notified to the officer',
    length: 3, unit: 'working-days',
    regulation: 'CR reg 30', status: 'S', extendable: false, closesWhenPassed: true,
    source: 'secondary sources',
  },
  officerResponse: {
    name: "Officer's response to the notice of referral",
    trigger: 'notice of referral and documents supplied',
    length: 15, unit: 'working-days',
    regulation: 'CR reg 31', status: 'C', extendable: true, closesWhenPassed: true,
  },
  witnessLists: {
    name: 'Lists of proposed witnesses exchanged',
    trigger: "officer's response",
    length: 3, unit: 'working-days',
    regulation: 'CR reg 31(4)', status: 'C', extendable: false,
  },
  documentsToChair: {
    name: 'Documents supplied to the person conducting or chairing',
    trigger: "witness lists or officer's response",
    length: 10, unit: 'working-days',
    regulation: 'CR reg 32', status: 'C', extendable: false,
  },
  preHearing: {
    name: 'Misconduct pre-hearing held',
    trigger: 'documents received by the chair',
    length: 15, unit: 'working-days',
    regulation: 'CR reg 33', status: 'C', extendable: true,
  },
  alternativePreHearingDate: {
    name: 'Officer proposes an alternative pre-hearing date',
    trigger: 'pre-hearing date specified',
    length: 5, unit: 'working-days',
    regulation: 'CR reg 33', status: 'C', extendable: false, closesWhenPassed: true,
  },
  misconductMeeting: {
    name: 'Misconduct meeting held',
    trigger: 'documents supplied to the person conducting the meeting',
    length: 20, unit: 'working-days',
    regulation: 'CR reg 34', status: 'U', extendable: true,
    source: 'the 20 WD figure comes from the 2009 regulations',
  },
  // --- Accelerated misconduct hearings (CR Part 5) ---
  acceleratedHearing: {
    name: 'Accelerated misconduct hearing held',
    trigger: 'notice of referral to an accelerated hearing (reg 51(1))',
    length: 15, minimumLength: 10, unit: 'working-days',
    regulation: 'CR reg 52(1)', status: 'C', extendable: false,
  },
  acceleratedHearingAfterUpheldObjection: {
    name: 'Accelerated misconduct hearing held after an upheld objection to a panel member',
    trigger: 'objection to a panel member upheld',
    length: 15, minimumLength: 10, unit: 'working-days',
    regulation: 'CR reg 52(1A)', status: 'C', extendable: false,
  },
  // --- Outcome and appeal ---
  outcomeReport: {
    name: 'Report of the misconduct meeting or hearing to the appropriate authority',
    trigger: 'end of the misconduct meeting or hearing',
    length: 5, unit: 'working-days',
    regulation: 'CR reg 43', status: 'S', extendable: false,
    source: 'secondary sources',
  },
  outcomeReportAcceleratedHearing: {
    name: 'Report of the accelerated misconduct hearing',
    trigger: 'end of the accelerated hearing',
    length: 5, unit: 'working-days',
    regulation: 'CR reg 63(1)', status: 'C', extendable: false,
  },
  appealFromMeeting: {
    name: 'Notice of appeal from a misconduct meeting',
    trigger: 'officer supplied with the outcome report',
    length: 7, unit: 'working-days',
    regulation: 'CR reg 45(3)', status: 'C', extendable: true, closesWhenPassed: true,
  },
  appealDecisionNotice: {
    name: 'Appeal decision notified to the officer',
    trigger: 'appeal determined',
    length: 3, unit: 'working-days',
    regulation: 'CR reg 47(2)', status: 'C', extendable: false,
  },
  patAppeal: {
    name: 'Appeal to the Police Appeals Tribunal',
    trigger: 'officer notified of the outcome of a hearing or accelerated hearing',
    length: 10, unit: 'working-days',
    regulation: 'PAT Rules 2020', status: 'U', extendable: false, closesWhenPassed: true,
    source: 'filing limit not confirmed',
  },
  patRespondentDocuments: {
    name: "Respondent's documents to the Police Appeals Tribunal",
    trigger: 'respondent given the notice of appeal',
    length: 15, unit: 'working-days',
    regulation: 'PAT Rules 2020 r 13(3)', status: 'C', extendable: false,
  },
  // --- Warnings ---
  writtenWarningLive: {
    name: 'Written warning in force',
    trigger: 'outcome notified to the officer (the period begins with that day)',
    length: 18, unit: 'months',
    regulation: 'CR reg 42', status: 'S', extendable: false, closesWhenPassed: true,
    source: 'secondary sources',
  },
  finalWrittenWarningLive: {
    name: 'Final written warning in force',
    trigger: 'outcome notified to the officer (the period begins with that day)',
    length: 24, unit: 'months',
    regulation: 'CR reg 42', status: 'S', extendable: false, closesWhenPassed: true,
    source: `secondary sources; a hearing may set up to ${FINAL_WRITTEN_WARNING_MAX_MONTHS} months`,
  },
  // --- Former officers and the two lists ---
  formerOfficerConditionB: {
    name: 'Former officer remains subject to proceedings (condition B)',
    trigger: 'officer ceased to serve',
    length: 12, unit: 'months',
    regulation: 'CR reg 4', status: 'C', extendable: false,
  },
  barredListReport: {
    name: 'Report to the College of Policing for the barred list',
    trigger: 'dismissal, or a finding that a former officer would have been dismissed',
    length: 5, unit: 'working-days',
    regulation: 'BL&AL Regs reg 3', status: 'C', extendable: false,
  },
  barredListRemoval: {
    name: 'Further report to the College of Policing: a dismissal overturned on appeal',
    trigger: 'appeal determined, quashing the dismissal or substituting a lesser outcome',
    length: 5, unit: 'working-days',
    regulation: 'BL&AL Regs reg 5', status: 'U', extendable: false,
    source: 'reg 5 requires a further report when a dismissal is overturned (that it exists is confirmed, its period is not); the first report\'s 5 working days are used',
  },
  advisoryListReport: {
    name: 'Report to the College of Policing for the advisory list',
    trigger: 'resignation or retirement while an allegation is outstanding',
    length: 5, unit: 'working-days',
    regulation: 'BL&AL Regs reg 12', status: 'C', extendable: false,
  },
  advisoryListRemoval: {
    name: 'Further report removing a person from the advisory list',
    trigger: 'no proceedings brought, or proceedings ended without a "would have been dismissed" finding',
    length: 5, unit: 'working-days',
    regulation: 'Police Act 1996 s 88L', status: 'U', extendable: false,
    source: 'period not confirmed',
  },
  // --- Reflective practice (CR Part 6): the route the case was referred to, tracked until it is done ---
  reflectiveReviewReport: {
    name: 'Reflective review development report agreed',
    trigger: 'referral to the reflective practice review process',
    length: 20, unit: 'working-days',
    regulation: 'CR Part 6 (reg 70)', status: 'U', extendable: true, target: true,
    source: 'Part 6 sets no period for the report; the engine\'s target, for a department to set',
  },
  reflectivePracticeActions: {
    name: 'Actions agreed in the reflective review development report completed',
    trigger: 'report agreed (the report specifies the period; this length is used only where it does not)',
    length: 90, unit: 'calendar-days',
    regulation: 'CR reg 70', status: 'U', extendable: true,
    source: 'reg 70 [C] requires the actions to be taken within a period the report specifies; the default is the engine\'s',
  },
  reflectivePracticeReview: {
    name: 'Reflective practice reviewed on the review date',
    trigger: 'report agreed (the report sets the review date; this length is used only where it does not)',
    length: 90, unit: 'calendar-days',
    regulation: 'CR reg 70', status: 'U', extendable: true,
    source: 'reg 70 [C] has the report set a review date; the default is the engine\'s',
  },
  reflectivePracticeCheck: {
    name: "Reflective practice discussed at the officer's performance and development review",
    trigger: 'report agreed',
    length: 12, unit: 'months',
    regulation: 'CR reg 70', status: 'C', extendable: false,
  },
  // --- The vetting route (Police (Vetting) Regulations 2025, SI 2025/502): every period unconfirmed [U] ---
  vettingRepresentations: {
    name: "Officer's representations on the withdrawal of vetting clearance",
    trigger: 'notice of the withdrawal assessment given to the officer',
    length: 10, unit: 'working-days',
    regulation: 'SI 2025/502 Part 3', status: 'U', extendable: true, closesWhenPassed: true,
    source: 'Part 3 gives the officer the chance to respond (S: 5 Essex Court, Weightmans); its period was not read: the engine\'s default, for a department to set',
  },
  vettingAppeal: {
    name: 'Appeal to the appeal panel against the withdrawal of vetting clearance',
    trigger: 'clearance withdrawn (and the officer dismissed without notice)',
    length: 10, unit: 'working-days',
    regulation: 'SI 2025/502 (appeals)', status: 'U', extendable: false, closesWhenPassed: true,
    source: 'a two-stage appeal, appeal panel then the Tribunal (S: 5 Essex Court); the filing period was not read',
  },
  vettingPatAppeal: {
    name: 'Appeal to the Police Appeals Tribunal after the appeal panel',
    trigger: 'appeal to the appeal panel dismissed',
    length: 10, unit: 'working-days',
    regulation: 'SI 2025/502 (appeals) / PAT Rules 2020', status: 'U', extendable: false, closesWhenPassed: true,
    source: 'the Tribunal hears the second stage (S); its filing limit for a vetting appeal was not read (the PAT appeal\'s own 10 WD is U too)',
  },
  // --- Complainants and the IOPC ---
  complainantUpdate: {
    name: 'Progress update to the complainant',
    trigger: 'handling of the complaint began, then each update',
    length: 4, unit: 'weeks',
    regulation: 'CMR reg 34', status: 'C', extendable: false,
  },
  complainantOutcome: {
    name: 'Outcome given to the complainant in writing',
    trigger: 'outcome of the complaint determined',
    length: 5, unit: 'working-days',
    regulation: 'CMR reg 34', status: 'C', extendable: false,
  },
  reviewApplication: {
    name: 'Application for a review',
    trigger: 'complainant given the outcome information',
    length: 28, unit: 'calendar-days',
    regulation: 'CMR reg 29', status: 'C', extendable: false, closesWhenPassed: true,
  },
  recommendationResponse: {
    name: 'Response to an IOPC recommendation',
    trigger: 'recommendation made',
    length: 56, unit: 'calendar-days',
    regulation: 'PRA 2002 Sch 3 para 28B', status: 'C', extendable: true,
  },
  recommendationPublication: {
    name: 'IOPC publishes the response to its recommendation',
    trigger: 'response received',
    length: 21, unit: 'calendar-days',
    regulation: 'PRA 2002 Sch 3 para 28B', status: 'C', extendable: false,
  },
};

function freezeTable(rules: Record<DeadlineRuleId, DeadlineRule>): Readonly<Record<DeadlineRuleId, Readonly<DeadlineRule>>> {
  for (const rule of Object.values(rules)) {
    if (rule.overriddenFrom) Object.freeze(rule.overriddenFrom);
    Object.freeze(rule);
  }
  return Object.freeze(rules);
}

export type DeadlineRules = Readonly<Record<DeadlineRuleId, Readonly<DeadlineRule>>>;

export const DEADLINE_RULES: DeadlineRules = freezeTable(
  Object.fromEntries(DEADLINE_RULE_IDS.map((id) => [id, { id, ...TABLE[id] }])) as Record<DeadlineRuleId, DeadlineRule>,
);

export function isDeadlineRuleId(s: string): s is DeadlineRuleId {
  return (DEADLINE_RULE_IDS as readonly string[]).includes(s);
}

// --- Configuration ---

export interface DeadlineOverride {
  length?: number;
  minimumLength?: number;
  unit?: DeadlineUnit;
}

export type DeadlineOverrides = Partial<Record<DeadlineRuleId, DeadlineOverride>>;

function isPositiveWholeNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

/**
 * The rules with configured values applied. Only [S] and [U] rules may be changed; a [C] rule is
 * fixed by legislation, so an attempt to change one is an error, not a silent no-op.
 */
export function resolveDeadlineRules(overrides: DeadlineOverrides = {}, base: DeadlineRules = DEADLINE_RULES): DeadlineRules {
  const resolved = Object.fromEntries(DEADLINE_RULE_IDS.map((id) => [id, { ...base[id] }])) as Record<DeadlineRuleId, DeadlineRule>;
  for (const [id, override] of Object.entries(overrides) as [string, DeadlineOverride | undefined][]) {
    if (!isDeadlineRuleId(id)) throw new Error(`Unknown deadline rule "${id}"; known rules: ${DEADLINE_RULE_IDS.join(', ')}`);
    if (override === undefined) continue;
    const rule = base[id];
    const { length, minimumLength, unit } = override;
    if (length === undefined && minimumLength === undefined && unit === undefined) continue;
    if (rule.status === 'C') {
      throw new Error(
        `Deadline rule "${id}" (${rule.name}, ${rule.regulation}) is confirmed from the legislation [C] and cannot be overridden by configuration`,
      );
    }
    if (length !== undefined && !isPositiveWholeNumber(length)) {
      throw new Error(`Deadline rule "${id}": length must be a positive whole number, got ${JSON.stringify(length)}`);
    }
    if (minimumLength !== undefined && !isPositiveWholeNumber(minimumLength)) {
      throw new Error(`Deadline rule "${id}": minimumLength must be a positive whole number, got ${JSON.stringify(minimumLength)}`);
    }
    if (minimumLength !== undefined && rule.minimumLength === undefined) {
      throw new Error(`Deadline rule "${id}" is not a window, so minimumLength does not apply`);
    }
    if (unit !== undefined && !DEADLINE_UNITS.includes(unit)) {
      throw new Error(`Deadline rule "${id}": unit must be one of ${DEADLINE_UNITS.join(', ')}, got ${JSON.stringify(unit)}`);
    }
    const next: DeadlineRule = {
      ...rule,
      length: length ?? rule.length,
      unit: unit ?? rule.unit,
      overriddenFrom: rule.overriddenFrom ?? {
        length: rule.length,
        unit: rule.unit,
        ...(rule.minimumLength !== undefined ? { minimumLength: rule.minimumLength } : {}),
      },
    };
    if (minimumLength !== undefined) next.minimumLength = minimumLength;
    if (next.minimumLength !== undefined && next.minimumLength > next.length) {
      throw new Error(
        `Deadline rule "${id}": the earliest day (minimumLength ${next.minimumLength}) cannot be after the latest (length ${next.length})`,
      );
    }
    resolved[id] = next;
  }
  return freezeTable(resolved);
}

/** Reads deadline overrides from JSON, e.g. '{"representations":{"length":15}}', checking every field. */
export function parseDeadlineOverrides(json: string): DeadlineOverrides {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new Error(`Deadline overrides are not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Deadline overrides must be a JSON object keyed by rule id, e.g. {"representations":{"length":15}}');
  }
  const result: DeadlineOverrides = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!isDeadlineRuleId(id)) throw new Error(`Unknown deadline rule "${id}"; known rules: ${DEADLINE_RULE_IDS.join(', ')}`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new Error(`${id}: must be an object with any of length, minimumLength, unit`);
    }
    const override: DeadlineOverride = {};
    for (const [field, v] of Object.entries(entry as Record<string, unknown>)) {
      if (field === 'length' || field === 'minimumLength') {
        if (!isPositiveWholeNumber(v)) throw new Error(`${id}.${field} must be a positive whole number, got ${JSON.stringify(v)}`);
        override[field] = v;
      } else if (field === 'unit') {
        if (typeof v !== 'string' || !(DEADLINE_UNITS as readonly string[]).includes(v)) {
          throw new Error(`${id}.unit must be one of ${DEADLINE_UNITS.join(', ')}, got ${JSON.stringify(v)}`);
        }
        override.unit = v as DeadlineUnit;
      } else {
        throw new Error(`${id}.${field} is not a known field (expected length, minimumLength or unit)`);
      }
    }
    if (Object.keys(override).length === 0) throw new Error(`${id}: sets none of length, minimumLength, unit`);
    result[id] = override;
  }
  return result;
}

// --- The table as a lawyer reads it ---

const UNIT_WORDS: Record<DeadlineUnit, [string, string]> = {
  'working-days': ['working day', 'working days'],
  'calendar-days': ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** '10 working days', 'between 10 and 15 working days', '56 days', '4 weeks', '12 months'. */
export function describeLength(rule: Pick<DeadlineRule, 'length' | 'unit' | 'minimumLength'>): string {
  const [one, many] = UNIT_WORDS[rule.unit];
  const words = rule.length === 1 ? one : many;
  return rule.minimumLength !== undefined
    ? `between ${rule.minimumLength} and ${rule.length} ${words}`
    : `${rule.length} ${words}`;
}

/** A plain-text table, aligned in columns, one rule a line. */
export function formatRulesTable(rules: DeadlineRules = DEADLINE_RULES): string {
  const header = ['Rule', 'Deadline', 'Length', 'From', 'Regulation', 'Status', 'Overridden'];
  const rows = DEADLINE_RULE_IDS.map((id) => {
    const r = rules[id];
    return [
      r.id,
      r.name,
      describeLength(r) + (r.target ? ' (target)' : '') + (r.extendable ? ', extendable' : ''),
      r.trigger,
      r.regulation,
      r.status,
      r.overriddenFrom ? `yes (was ${describeLength(r.overriddenFrom)})` : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const legend =
    'Status: C confirmed from the legislation; S secondary source only; U unconfirmed. ' +
    'Only S and U rules can be changed by configuration. Working days begin with the first working day after the trigger.';
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', legend].join('\n') + '\n';
}
