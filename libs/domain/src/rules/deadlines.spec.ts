import {
  DEADLINE_RULE_IDS,
  DEADLINE_RULES,
  FINAL_WRITTEN_WARNING_MAX_MONTHS,
  describeLength,
  formatRulesTable,
  parseDeadlineOverrides,
  resolveDeadlineRules,
  type DeadlineRuleId,
  type DeadlineUnit,
  type RuleStatus,
} from './deadlines';

describe('the deadline rules table', () => {
  // The rows of the domain README's deadline table: [rule, length, unit, regulation, status].
  it.each<[DeadlineRuleId, number, DeadlineUnit, string, RuleStatus]>([
    ['representations', 10, 'working-days', 'CR reg 18 / CMR reg 20', 'S'],
    ['alternativeInterviewDate', 5, 'working-days', 'CR reg 20', 'C'],
    ['timelinessReport', 12, 'months', 'CR reg 19 / CMR reg 13', 'C'],
    ['timelinessReportRepeat', 6, 'months', 'CR reg 19 / CMR reg 13', 'C'],
    ['suspensionReview', 4, 'weeks', 'CR reg 11', 'S'],
    ['caseToAnswerDecision', 15, 'working-days', 'CR reg 23 / PRA 2002 Sch 3 para 24(6)', 'U'],
    ['officerResponse', 15, 'working-days', 'CR reg 31', 'C'],
    ['witnessLists', 3, 'working-days', 'CR reg 31(4)', 'C'],
    ['documentsToChair', 10, 'working-days', 'CR reg 32', 'C'],
    ['objectionToChairOrPanel', 3, 'working-days', 'CR reg 30', 'S'],
    ['preHearing', 15, 'working-days', 'CR reg 33', 'C'],
    ['misconductMeeting', 20, 'working-days', 'CR reg 34', 'U'],
    ['acceleratedHearing', 15, 'working-days', 'CR reg 52(1)', 'C'],
    ['outcomeReport', 5, 'working-days', 'CR reg 43', 'S'],
    ['outcomeReportAcceleratedHearing', 5, 'working-days', 'CR reg 63(1)', 'C'],
    ['appealFromMeeting', 7, 'working-days', 'CR reg 45(3)', 'C'],
    ['appealDecisionNotice', 3, 'working-days', 'CR reg 47(2)', 'C'],
    ['writtenWarningLive', 18, 'months', 'CR reg 42', 'S'],
    ['finalWrittenWarningLive', 24, 'months', 'CR reg 42', 'S'],
    ['formerOfficerConditionB', 12, 'months', 'CR reg 4', 'C'],
    ['barredListReport', 5, 'working-days', 'BL&AL Regs reg 3', 'C'],
    ['advisoryListReport', 5, 'working-days', 'BL&AL Regs reg 12', 'C'],
    ['complainantUpdate', 4, 'weeks', 'CMR reg 34', 'C'],
    ['complainantOutcome', 5, 'working-days', 'CMR reg 34', 'C'],
    ['reviewApplication', 28, 'calendar-days', 'CMR reg 29', 'C'],
    ['recommendationResponse', 56, 'calendar-days', 'PRA 2002 Sch 3 para 28B', 'C'],
    ['recommendationPublication', 21, 'calendar-days', 'PRA 2002 Sch 3 para 28B', 'C'],
  ])('%s is %i %s under %s [%s]', (id, length, unit, regulation, status) => {
    expect(DEADLINE_RULES[id]).toMatchObject({ id, length, unit, regulation, status });
  });

  it('the accelerated hearing is a window of 10 to 15 working days', () => {
    expect(DEADLINE_RULES.acceleratedHearing.minimumLength).toBe(10);
    expect(describeLength(DEADLINE_RULES.acceleratedHearing)).toBe('between 10 and 15 working days');
  });

  it('the engine’s own targets are marked as unconfirmed targets', () => {
    expect(DEADLINE_RULES.noticeOfInvestigation).toMatchObject({ length: 5, unit: 'working-days', status: 'U', target: true });
    expect(DEADLINE_RULES.iopcReferral).toMatchObject({ length: 1, status: 'U', target: true });
    expect(DEADLINE_RULES.caseToAnswerDecision).toMatchObject({ status: 'U', target: true });
    expect(DEADLINE_RULES.patAppeal).toMatchObject({ length: 10, status: 'U' });
    expect(DEADLINE_RULES.advisoryListRemoval).toMatchObject({ length: 5, status: 'U' });
  });

  it('a hearing may set a final written warning of up to 60 months', () => {
    expect(FINAL_WRITTEN_WARNING_MAX_MONTHS).toBe(60);
  });

  it('every rule names its regulation, has a positive whole length, and says where an unconfirmed figure came from', () => {
    for (const id of DEADLINE_RULE_IDS) {
      const r = DEADLINE_RULES[id];
      expect(r.id).toBe(id);
      expect(r.regulation).not.toHaveLength(0);
      expect(r.trigger).not.toHaveLength(0);
      expect(Number.isInteger(r.length) && r.length > 0).toBe(true);
      if (r.minimumLength !== undefined) expect(r.minimumLength).toBeLessThanOrEqual(r.length);
      if (r.status !== 'C') expect(r.source).toBeDefined();
      if (r.target) expect(r.status).toBe('U');
    }
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(DEADLINE_RULES)).toBe(true);
    expect(Object.isFrozen(DEADLINE_RULES.representations)).toBe(true);
  });
});

describe('configuring deadlines', () => {
  it('an [S] or [U] length can be changed, and the change is marked with the value it replaced', () => {
    const rules = resolveDeadlineRules({ representations: { length: 15 }, misconductMeeting: { length: 25 } });
    expect(rules.representations).toMatchObject({ length: 15, overriddenFrom: { length: 10, unit: 'working-days' } });
    expect(rules.misconductMeeting.length).toBe(25);
    expect(rules.witnessLists).toEqual(DEADLINE_RULES.witnessLists);
  });

  it('never changes the table it was given', () => {
    resolveDeadlineRules({ representations: { length: 15 } });
    expect(DEADLINE_RULES.representations.length).toBe(10);
    expect(DEADLINE_RULES.representations.overriddenFrom).toBeUndefined();
  });

  it('refuses to override a rule confirmed from the legislation, naming the rule and its regulation', () => {
    expect(() => resolveDeadlineRules({ witnessLists: { length: 5 } })).toThrow(/witnessLists.*CR reg 31\(4\).*\[C\]/);
    expect(() => resolveDeadlineRules({ acceleratedHearing: { length: 20 } })).toThrow(/acceleratedHearing.*CR reg 52\(1\)/);
  });

  it('refuses a length that is not a positive whole number, naming the rule', () => {
    expect(() => resolveDeadlineRules({ representations: { length: 0 } })).toThrow(/representations.*positive whole number/);
    expect(() => resolveDeadlineRules({ representations: { length: -3 } })).toThrow(/representations/);
    expect(() => resolveDeadlineRules({ suspensionReview: { length: 2.5 } })).toThrow(/suspensionReview/);
  });

  it('refuses an unknown rule and an unknown unit', () => {
    expect(() => resolveDeadlineRules({ nonsense: { length: 1 } } as never)).toThrow(/Unknown deadline rule "nonsense"/);
    expect(() => resolveDeadlineRules({ suspensionReview: { unit: 'fortnights' as never } })).toThrow(/suspensionReview.*unit/);
  });

  it('can change the unit of an [S] rule', () => {
    const rules = resolveDeadlineRules({ suspensionReview: { length: 28, unit: 'calendar-days' } });
    expect(rules.suspensionReview).toMatchObject({ length: 28, unit: 'calendar-days', overriddenFrom: { length: 4, unit: 'weeks' } });
  });

  it('refuses a window whose earliest day is after its latest', () => {
    const base = resolveDeadlineRules({}, { ...DEADLINE_RULES, patAppeal: { ...DEADLINE_RULES.patAppeal, minimumLength: 5 } });
    expect(() => resolveDeadlineRules({ patAppeal: { minimumLength: 12 } }, base)).toThrow(/patAppeal.*minimumLength 12/);
    expect(() => resolveDeadlineRules({ representations: { minimumLength: 2 } })).toThrow(/representations.*not a window/);
  });
});

describe('reading overrides from configuration', () => {
  it('reads a well-formed JSON object', () => {
    expect(parseDeadlineOverrides('{"representations":{"length":15},"suspensionReview":{"unit":"calendar-days","length":28}}')).toEqual({
      representations: { length: 15 },
      suspensionReview: { unit: 'calendar-days', length: 28 },
    });
    expect(parseDeadlineOverrides('{}')).toEqual({});
  });

  it('explains what is wrong, naming the field', () => {
    expect(() => parseDeadlineOverrides('{representations:')).toThrow(/not valid JSON/);
    expect(() => parseDeadlineOverrides('[]')).toThrow(/JSON object/);
    expect(() => parseDeadlineOverrides('{"represntations":{"length":15}}')).toThrow(/Unknown deadline rule "represntations"/);
    expect(() => parseDeadlineOverrides('{"representations":15}')).toThrow(/representations: must be an object/);
    expect(() => parseDeadlineOverrides('{"representations":{"length":"15"}}')).toThrow(/representations\.length must be a positive whole number, got "15"/);
    expect(() => parseDeadlineOverrides('{"representations":{"unit":"days"}}')).toThrow(/representations\.unit must be one of/);
    expect(() => parseDeadlineOverrides('{"representations":{"lenght":15}}')).toThrow(/representations\.lenght is not a known field/);
    expect(() => parseDeadlineOverrides('{"representations":{}}')).toThrow(/representations: sets none/);
  });
});

describe('the table as a lawyer reads it', () => {
  const text = formatRulesTable(resolveDeadlineRules({ representations: { length: 15 } }));
  const lines = text.split('\n');

  it('has a header and one line per rule, with the regulation and status', () => {
    expect(lines[0]).toMatch(/^Rule\s+Deadline\s+Length\s+From\s+Regulation\s+Status\s+Overridden$/);
    for (const id of DEADLINE_RULE_IDS) expect(text).toContain(id);
    const witness = lines.find((l) => l.startsWith('witnessLists '));
    expect(witness).toMatch(/3 working days.*officer's response.*CR reg 31\(4\)\s+C$/);
  });

  it('shows which rules configuration changed, and from what', () => {
    expect(lines.find((l) => l.startsWith('representations '))).toMatch(/15 working days, extendable.*S\s+yes \(was 10 working days\)$/);
  });

  it('aligns the columns', () => {
    const statusColumn = lines[0]!.indexOf('Status');
    const rows = lines.slice(2, 2 + DEADLINE_RULE_IDS.length);
    for (const row of rows) expect(row.slice(statusColumn, statusColumn + 1)).toMatch(/[CSU]/);
  });
});
