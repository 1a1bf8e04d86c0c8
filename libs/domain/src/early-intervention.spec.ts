import {
  checkEarlyInterventionRules,
  concernsOfCategory,
  DEFAULT_EARLY_INTERVENTION_RULES,
  earlyInterventionFlags,
  earlyInterventionRulesOf,
  type AllegationOnRecord,
  type EarlyInterventionRule,
} from './early-intervention';

// Dates of past years: the rules compare them with each other, never with today.
const allegation = (matterReference: string, madeOn: string, concerns: AllegationOnRecord['concerns'] = [], allegationId = `${matterReference}-1`): AllegationOnRecord => ({
  matterReference,
  allegationId,
  madeOn,
  concerns,
});
const flagIds = (flags: { ruleId: string }[]) => flags.map((f) => f.ruleId);

describe('early intervention', () => {
  describe('three or more allegations within 12 months', () => {
    it('raises a flag on the third allegation within 12 months, naming the matters and the day', () => {
      const flags = earlyInterventionFlags({
        allegations: [allegation('M-3', '2022-02-01'), allegation('M-1', '2021-03-01'), allegation('M-2', '2021-09-01')],
        warnings: [],
      });
      expect(flags).toEqual([{ ruleId: 'three-allegations-in-12-months', words: 'three or more allegations within 12 months', matterReferences: ['M-1', 'M-2', 'M-3'], raisedOn: '2022-02-01' }]);
    });

    it('counts 12 months to the day, and no further', () => {
      const within = earlyInterventionFlags({ allegations: [allegation('A', '2021-03-01'), allegation('B', '2021-09-01'), allegation('C', '2022-03-01')], warnings: [] });
      const beyond = earlyInterventionFlags({ allegations: [allegation('A', '2021-03-01'), allegation('B', '2021-09-01'), allegation('C', '2022-03-02')], warnings: [] });
      expect(flagIds(within)).toContain('three-allegations-in-12-months');
      expect(flagIds(beyond)).not.toContain('three-allegations-in-12-months');
    });

    it('finds a later window when the first three are spread too far', () => {
      const flags = earlyInterventionFlags({
        allegations: [allegation('A', '2019-01-01'), allegation('B', '2021-01-10'), allegation('C', '2021-05-01'), allegation('D', '2021-12-31')],
        warnings: [],
      });
      expect(flags[0]).toMatchObject({ matterReferences: ['B', 'C', 'D'], raisedOn: '2021-12-31' });
    });
  });

  describe('a second allegation of sexual misconduct, domestic abuse or discrimination', () => {
    it('raises a flag on the second matter with such an allegation, however long after the first', () => {
      const flags = earlyInterventionFlags({ allegations: [allegation('OLD', '2015-06-01', ['domestic-abuse']), allegation('NEW', '2021-06-01', ['sexual-misconduct'])], warnings: [] });
      expect(flags).toEqual([
        { ruleId: 'repeated-sexual-misconduct-domestic-abuse-or-discrimination', words: 'a second allegation of sexual misconduct, domestic abuse or discrimination', matterReferences: ['OLD', 'NEW'], raisedOn: '2021-06-01' },
      ]);
    });

    it('does not count two allegations of one matter as a repeat, nor allegations of other kinds', () => {
      const flags = earlyInterventionFlags({
        allegations: [allegation('ONE', '2021-06-01', ['sexual-misconduct'], 'a'), allegation('ONE', '2021-06-01', ['discrimination'], 'b'), allegation('TWO', '2021-07-01')],
        warnings: [],
      });
      // Three allegations in a month do count, one by one, under the first rule.
      expect(flagIds(flags)).toEqual(['three-allegations-in-12-months']);
    });
  });

  describe('a new allegation while a warning is live', () => {
    const warning = { matterReference: 'EARLIER', outcome: 'final-written-warning', from: '2021-01-15', liveUntil: '2023-01-14' };

    it('raises a flag naming the new matter and the one whose warning is live', () => {
      const flags = earlyInterventionFlags({ allegations: [allegation('EARLIER', '2020-05-01'), allegation('LATER', '2022-03-01')], warnings: [warning] });
      expect(flags).toEqual([{ ruleId: 'allegation-while-warning-live', words: 'a new allegation while a warning is live', matterReferences: ['LATER', 'EARLIER'], raisedOn: '2022-03-01' }]);
    });

    it('raises none for an allegation after the warning lapsed, or in the matter that gave it', () => {
      const flags = earlyInterventionFlags({ allegations: [allegation('EARLIER', '2021-02-01'), allegation('LATER', '2023-01-15')], warnings: [warning] });
      expect(flags).toEqual([]);
    });
  });

  describe("a force's own rules", () => {
    const own: EarlyInterventionRule[] = [{ id: 'two-in-6-months', kind: 'allegations-within', count: 2, months: 6, words: 'two allegations within 6 months' }];

    it('replace the defaults for that force only', () => {
      expect(earlyInterventionRulesOf('force-a', { 'force-a': own })).toBe(own);
      expect(earlyInterventionRulesOf('force-b', { 'force-a': own })).toBe(DEFAULT_EARLY_INTERVENTION_RULES);
      expect(flagIds(earlyInterventionFlags({ allegations: [allegation('A', '2021-01-01'), allegation('B', '2021-06-30')], warnings: [] }, own))).toEqual(['two-in-6-months']);
    });

    it('are checked, each problem naming its place', () => {
      expect(checkEarlyInterventionRules({ 'force-a': own })).toEqual([]);
      expect(checkEarlyInterventionRules({ 'force-a': [DEFAULT_EARLY_INTERVENTION_RULES[1]] })).toEqual([]);
      expect(
        checkEarlyInterventionRules({
          'force-a': [
            { id: 'x', kind: 'allegations-within', count: 1, months: 12, words: 'w' },
            { id: 'x', kind: 'repeated-concern', count: 2, concerns: ['gambling'], words: 'w' },
            { id: 'y', kind: 'sometimes', words: '' },
          ],
          'force-b': 'all of them',
        }),
      ).toEqual([
        { field: 'EARLY_INTERVENTION_RULES.force-a[0].count', reason: 'must be a whole number of at least 2' },
        { field: 'EARLY_INTERVENTION_RULES.force-a[1].id', reason: 'x is named twice' },
        { field: 'EARLY_INTERVENTION_RULES.force-a[1].concerns', reason: 'must list one or more of sexual-misconduct, domestic-abuse, discrimination' },
        { field: 'EARLY_INTERVENTION_RULES.force-a[2].words', reason: 'must say what the rule looks for' },
        { field: 'EARLY_INTERVENTION_RULES.force-a[2].kind', reason: 'must be one of allegations-within, repeated-concern, allegation-while-warning-live' },
        { field: 'EARLY_INTERVENTION_RULES.force-b', reason: 'must be a list of rules' },
      ]);
      expect(checkEarlyInterventionRules([])).toEqual([{ field: 'EARLY_INTERVENTION_RULES', reason: 'must be an object of force ids to lists of rules' }]);
    });
  });

  it("reads sexual misconduct and discrimination from the allegation's IOPC category", () => {
    expect(concernsOfCategory('E1')).toEqual(['sexual-misconduct']);
    expect(concernsOfCategory('F2')).toEqual(['sexual-misconduct']);
    expect(concernsOfCategory('D1')).toEqual(['discrimination']);
    expect(concernsOfCategory('B4')).toEqual([]);
  });
});
