import { checkOutcome, listReportsAfterAppeal, outcomesAllowed, requiresBarredListReport, warningAfterAppeal, warningLiveUntil, type OutcomeQuestion } from './outcomes';
import { resolveDeadlineRules } from './rules/deadlines';

const officer = { finalWrittenWarningLive: false, formerOfficer: false } as const;

describe('outcomes of misconduct proceedings (CR reg 42)', () => {
  it('a misconduct meeting can give at most a final written warning', () => {
    expect(outcomesAllowed({ ...officer, form: 'misconduct-meeting', caseToAnswer: 'misconduct' })).toEqual({
      outcomes: ['no-action', 'reflective-practice', 'written-warning', 'final-written-warning'],
      regulation: 'CR reg 42(2); CR reg 42(1)(b)',
    });
  });

  it('a hearing for misconduct cannot dismiss an officer with no live final written warning and a single incident', () => {
    const { outcomes } = outcomesAllowed({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'misconduct' });
    expect(outcomes).toEqual(['no-action', 'reflective-practice', 'written-warning', 'final-written-warning']);
  });

  it('a hearing for misconduct may reduce in rank or dismiss where a final written warning was live at the severity assessment', () => {
    const { outcomes, regulation } = outcomesAllowed({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'misconduct', finalWrittenWarningLive: true });
    expect(outcomes).toEqual(expect.arrayContaining(['reduction-in-rank', 'dismissal-without-notice']));
    expect(regulation).toContain('CR reg 42(3)(a), (5) and (6)');
  });

  it('a hearing for misconduct may dismiss where the misconduct arose from several unconnected incidents', () => {
    const { outcomes } = outcomesAllowed({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'misconduct', severalUnconnectedIncidents: true });
    expect(outcomes).toContain('dismissal-without-notice');
  });

  it('a gross misconduct finding at a hearing allows a final written warning, reduction in rank or dismissal without notice', () => {
    expect(
      outcomesAllowed({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct', finding: 'gross-misconduct' }),
    ).toEqual({ outcomes: ['final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'], regulation: 'CR reg 42(3)(b)' });
  });

  it('a gross misconduct hearing that finds neither may refer the officer to reflective practice', () => {
    const { outcomes } = outcomesAllowed({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct', finding: 'neither' });
    expect(outcomes).toEqual(['no-action', 'reflective-practice']);
  });

  it('before its finding, a gross misconduct hearing has every outcome open, a written warning included (a misconduct finding)', () => {
    const { outcomes } = outcomesAllowed({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct' });
    expect(outcomes).toEqual(['no-action', 'reflective-practice', 'written-warning', 'final-written-warning', 'reduction-in-rank', 'dismissal-without-notice']);
  });

  it('an accelerated hearing gives a final written warning, reduction in rank or dismissal without notice', () => {
    const { outcomes } = outcomesAllowed({ ...officer, form: 'accelerated-hearing', caseToAnswer: 'gross-misconduct' });
    expect(outcomes).toEqual(['final-written-warning', 'reduction-in-rank', 'dismissal-without-notice']);
  });

  it('a former officer can only be found to have been liable to dismissal, or not', () => {
    const q: OutcomeQuestion = { form: 'accelerated-hearing', caseToAnswer: 'gross-misconduct', finalWrittenWarningLive: false, formerOfficer: true };
    expect(outcomesAllowed(q).outcomes).toEqual(['no-action', 'would-have-been-dismissed']);
    expect(outcomesAllowed({ ...q, form: 'misconduct-hearing' }).outcomes).toEqual(['no-action', 'would-have-been-dismissed']);
  });
});

describe('checking an outcome', () => {
  it('refuses dismissal at a misconduct meeting, naming reg 42(2)', () => {
    const result = checkOutcome({ ...officer, form: 'misconduct-meeting', caseToAnswer: 'misconduct', outcome: 'dismissal-without-notice' });
    expect(result).toMatchObject({ allowed: false, rule: 'meeting-outcomes' });
    if (!result.allowed) {
      expect(result.regulation).toContain('CR reg 42(2)');
      expect(result.reason).toMatch(/^Dismissal without notice is not available at a misconduct meeting/);
    }
  });

  it('refuses dismissal for misconduct at a hearing without a live final written warning, citing reg 42(5) and (6)', () => {
    const result = checkOutcome({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'misconduct', outcome: 'dismissal-without-notice' });
    expect(result).toMatchObject({
      allowed: false,
      rule: 'misconduct-dismissal-needs-live-fww-or-unconnected-incidents',
      regulation: 'CR reg 42(3)(a), (5) and (6)',
    });
  });

  it('allows dismissal for misconduct at a hearing with a live final written warning', () => {
    expect(
      checkOutcome({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'misconduct', finalWrittenWarningLive: true, outcome: 'dismissal-without-notice' }),
    ).toEqual({ allowed: true });
  });

  it('refuses a written warning at an accelerated hearing', () => {
    expect(checkOutcome({ ...officer, form: 'accelerated-hearing', caseToAnswer: 'gross-misconduct', outcome: 'written-warning' })).toMatchObject({
      allowed: false,
      rule: 'outcome-not-available',
    });
  });

  it('refuses dismissal of a former officer, who can only be found to have been liable to it', () => {
    expect(
      checkOutcome({ ...officer, formerOfficer: true, form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct', outcome: 'dismissal-without-notice' }),
    ).toMatchObject({ allowed: false, rule: 'former-officer-outcomes', regulation: 'CR reg 4 and reg 42' });
  });

  it('refuses a "would have been dismissed" finding against a serving officer', () => {
    expect(
      checkOutcome({ ...officer, form: 'misconduct-hearing', caseToAnswer: 'gross-misconduct', outcome: 'would-have-been-dismissed' }),
    ).toMatchObject({ allowed: false, rule: 'would-have-been-dismissed-former-officers-only', regulation: 'CR reg 4' });
  });
});

describe('how long a warning is live', () => {
  it('the written warnings given on 22 June 2022 are in force to 21 December 2023, 18 months beginning with that day', () => {
    expect(warningLiveUntil('written-warning', '2022-06-22')).toBe('2023-12-21');
  });

  it('a final written warning is in force for 2 years unless a hearing sets up to 5', () => {
    expect(warningLiveUntil('final-written-warning', '2022-06-22')).toBe('2024-06-21');
    expect(warningLiveUntil('final-written-warning', '2019-06-22', 60)).toBe('2024-06-21');
    expect(() => warningLiveUntil('final-written-warning', '2022-06-22', 61)).toThrow(/24 to 60/);
    expect(() => warningLiveUntil('final-written-warning', '2022-06-22', 12)).toThrow(RangeError);
  });

  it("a written warning's period cannot be set by the proceedings", () => {
    expect(() => warningLiveUntil('written-warning', '2022-06-22', 24)).toThrow(/18 months/);
  });

  it('reads the period from the configured rules', () => {
    const rules = resolveDeadlineRules({ writtenWarningLive: { length: 12 } });
    expect(warningLiveUntil('written-warning', '2022-06-22', undefined, rules)).toBe('2023-06-21');
  });

  it('a warning notified on 31 August ends with the last day of February', () => {
    expect(warningLiveUntil('written-warning', '2022-08-31')).toBe('2024-02-28');
  });

  it('dismissal is not a warning', () => {
    expect(() => warningLiveUntil('dismissal-without-notice', '2022-06-22')).toThrow(/not a warning/);
  });
});

describe('the barred list', () => {
  it('dismissal and a "would have been dismissed" finding are reported to the College of Policing', () => {
    expect(requiresBarredListReport('dismissal-without-notice')).toEqual({ required: true, regulation: 'BL&AL Regs reg 3' });
    expect(requiresBarredListReport('would-have-been-dismissed').required).toBe(true);
    expect(requiresBarredListReport('final-written-warning').required).toBe(false);
    expect(requiresBarredListReport('reduction-in-rank').required).toBe(false);
  });
});

describe('an outcome changed on appeal', () => {
  it('a warning quashed on appeal is no longer in force', () => {
    expect(warningAfterAppeal('no-action', '2026-03-02')).toBeNull();
    expect(warningAfterAppeal('reflective-practice', '2026-03-02')).toBeNull();
  });

  it('a final written warning reduced to a written warning is in force 18 months from the day the original outcome was notified (CR reg 42)', () => {
    expect(warningAfterAppeal('written-warning', '2022-06-22')).toEqual({ ruleId: 'writtenWarningLive', liveUntil: '2023-12-21' });
    expect(warningAfterAppeal('final-written-warning', '2022-06-22')).toEqual({ ruleId: 'finalWrittenWarningLive', liveUntil: '2024-06-21' });
  });

  it('a dismissal overturned is reported again to remove the barred-list entry (reg 5); a dismissal substituted is reported (reg 3)', () => {
    expect(listReportsAfterAppeal('dismissal-without-notice', 'final-written-warning')).toEqual({ barredListRemoval: true, barredListReport: false });
    expect(listReportsAfterAppeal('dismissal-without-notice', 'no-action')).toEqual({ barredListRemoval: true, barredListReport: false });
    expect(listReportsAfterAppeal('final-written-warning', 'dismissal-without-notice')).toEqual({ barredListRemoval: false, barredListReport: true });
    expect(listReportsAfterAppeal('final-written-warning', 'written-warning')).toEqual({ barredListRemoval: false, barredListReport: false });
  });
});

describe('the 2025 outcomes (SI 2025/558), under each rule set', () => {
  const hearing = { form: 'misconduct-hearing' as const, caseToAnswer: 'gross-misconduct' as const, finalWrittenWarningLive: false, formerOfficer: false };

  it('no action after a finding of misconduct is refused under the 2025 rules, naming the rule and the rule set', () => {
    expect(checkOutcome({ ...hearing, finding: 'misconduct', outcome: 'no-action', ruleSet: 'rules-2025' })).toMatchObject({
      allowed: false, rule: 'misconduct-finding-carries-disciplinary-action', ruleSet: 'rules-2025', reason: expect.stringContaining('rules-2025'),
    });
    expect(checkOutcome({ ...hearing, form: 'misconduct-meeting', caseToAnswer: 'misconduct', finding: 'misconduct', outcome: 'no-action', ruleSet: 'rules-2025' }))
      .toMatchObject({ allowed: false, rule: 'misconduct-finding-carries-disciplinary-action' });
  });

  it('no action after a finding of misconduct is allowed under the 2020 and 2024 rules, and where no rule set is recorded', () => {
    for (const ruleSet of ['rules-2020', 'rules-2024', undefined] as const) {
      expect(checkOutcome({ ...hearing, finding: 'misconduct', outcome: 'no-action', ruleSet })).toEqual({ allowed: true });
    }
  });

  it('no action is still open under the 2025 rules where neither misconduct nor gross misconduct is found', () => {
    expect(checkOutcome({ ...hearing, finding: 'neither', outcome: 'no-action', ruleSet: 'rules-2025' })).toEqual({ allowed: true });
    expect(outcomesAllowed({ ...hearing, finding: 'misconduct', ruleSet: 'rules-2025' }).outcomes).not.toContain('no-action');
    expect(outcomesAllowed({ ...hearing, finding: 'misconduct', ruleSet: 'rules-2024' }).outcomes).toContain('no-action');
  });

  it('a final written warning or reduction in rank on gross misconduct needs the exceptional circumstances recorded under the 2025 rules', () => {
    for (const outcome of ['final-written-warning', 'reduction-in-rank'] as const) {
      expect(checkOutcome({ ...hearing, finding: 'gross-misconduct', outcome, ruleSet: 'rules-2025' })).toMatchObject({
        allowed: false, rule: 'gross-misconduct-dismissal-unless-exceptional', ruleSet: 'rules-2025',
      });
      expect(checkOutcome({ ...hearing, finding: 'gross-misconduct', outcome, ruleSet: 'rules-2025', exceptionalCircumstances: '  ' })).toMatchObject({ allowed: false });
      expect(checkOutcome({ ...hearing, finding: 'gross-misconduct', outcome, ruleSet: 'rules-2025', exceptionalCircumstances: 'long unblemished service; isolated act under provocation' })).toEqual({ allowed: true });
      expect(checkOutcome({ ...hearing, finding: 'gross-misconduct', outcome, ruleSet: 'rules-2024' })).toEqual({ allowed: true });
    }
    expect(checkOutcome({ ...hearing, finding: 'gross-misconduct', outcome: 'dismissal-without-notice', ruleSet: 'rules-2025' })).toEqual({ allowed: true });
  });

  it('a former officer keeps CR reg 4\'s outcomes under the 2025 rules', () => {
    expect(checkOutcome({ ...hearing, formerOfficer: true, finding: 'misconduct', outcome: 'no-action', ruleSet: 'rules-2025' })).toEqual({ allowed: true });
  });
});
