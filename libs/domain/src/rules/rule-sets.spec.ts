import { RULE_SETS, RULE_SET_IDS, formatRuleSets, ruleSetFor } from './rule-sets';

describe('which rule set governs a matter, by the date it came to the appropriate authority', () => {
  it('a matter received the day before the panel changes (6 May 2024) is under the 2020 rules', () => {
    expect(ruleSetFor('2024-05-06')).toMatchObject({ ruleSet: 'rules-2020', decidedBy: { date: '2024-05-06', what: 'came-to-appropriate-authority-attention' } });
  });

  it('a matter received on 7 May 2024, the day SI 2024/521 came into force, is under the 2024 rules', () => {
    const choice = ruleSetFor('2024-05-07');
    expect(choice).toMatchObject({ ruleSet: 'rules-2024', rule: expect.stringContaining('SI 2024/521') });
    expect(choice.why).toContain('2024-05-07');
  });

  it('a matter received on 27 May 2025 stays under the 2024 rules; one received on 28 May 2025 is under the 2025 rules (SI 2025/558 reg 64(1))', () => {
    expect(ruleSetFor('2025-05-27').ruleSet).toBe('rules-2024');
    const choice = ruleSetFor('2025-05-28');
    expect(choice).toMatchObject({ ruleSet: 'rules-2025', rule: 'SI 2025/558 reg 64(1)' });
    expect(choice.why).toMatch(/came to the appropriate authority's attention on 2025-05-28, on or after 2025-05-28/);
  });

  it('April 2025 and June 2025, the two sides of the 2025 changes', () => {
    expect(ruleSetFor('2025-04-15').ruleSet).toBe('rules-2024');
    expect(ruleSetFor('2025-06-16').ruleSet).toBe('rules-2025');
  });

  it('a matter received before the 2020 rules is given the earliest set modelled, and says so', () => {
    expect(ruleSetFor('2019-06-01')).toMatchObject({ ruleSet: 'rules-2020', why: expect.stringContaining('before any rule set modelled') });
  });

  it('refuses a date that is not a date', () => {
    expect(() => ruleSetFor('28/05/2025')).toThrow(RangeError);
  });

  it('the sets are listed once, oldest first, each with a source, a transitional rule and the exceptions not yet applied', () => {
    expect(RULE_SETS.map((r) => r.id)).toEqual([...RULE_SET_IDS]);
    expect([...RULE_SETS.map((r) => r.inForce)]).toEqual([...RULE_SETS.map((r) => r.inForce)].sort());
    for (const r of RULE_SETS) expect(r.source).not.toBe('');
    expect(RULE_SETS.find((r) => r.id === 'rules-2025')!.exceptionsNotApplied.join(' ')).toMatch(/reg 64\(2\).*s\.13B/);
  });

  it('prints the sets side by side with what each changed', () => {
    const text = formatRuleSets();
    expect(text).toMatch(/misconductCarriesDisciplinaryAction\s+no\s+no\s+yes/);
    expect(text).toContain('changed: misconduct-finding-carries-disciplinary-action');
    expect(text).toContain('SI 2025/558 reg 64(1)');
    expect(text).toMatch(/formerOfficerAcceleratedHearingByDefault\s+no\s+no\s+yes/);
    expect(text).toContain('changed: former-officer-accelerated-hearing [C]');
    // The transitional reach of Part 3A into older cases (reg 64(3)) is named as not applied.
    expect(text).toMatch(/not applied yet: reg 64\(3\)/);
  });
});
