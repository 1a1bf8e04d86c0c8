import { ruleSetFor } from './rules/rule-sets';
import { advisoryListReportRequired, checkFormOfProceedings, formerOfficerRemainsSubject, formOfProceedings } from './routing';

const serving = { finalWrittenWarningLiveAtAssessment: false, specialConditionsCertified: false, formerOfficer: false };

describe('the form of misconduct proceedings', () => {
  it('a case to answer for misconduct goes to a misconduct meeting', () => {
    expect(formOfProceedings({ ...serving, caseToAnswer: 'misconduct' })).toMatchObject({ form: 'misconduct-meeting', regulation: 'CR reg 23' });
  });

  it('misconduct goes to a hearing where a final written warning was live at the severity assessment (reg 42(5))', () => {
    const result = formOfProceedings({ ...serving, caseToAnswer: 'misconduct', finalWrittenWarningLiveAtAssessment: true });
    expect(result.form).toBe('misconduct-hearing');
    expect(result.regulation).toContain('reg 42(5)');
    expect(result.reason).toMatch(/final written warning/);
  });

  it('gross misconduct goes to a misconduct hearing', () => {
    expect(formOfProceedings({ ...serving, caseToAnswer: 'gross-misconduct' }).form).toBe('misconduct-hearing');
  });

  it('gross misconduct goes to an accelerated hearing once the special conditions are certified (reg 49)', () => {
    expect(formOfProceedings({ ...serving, caseToAnswer: 'gross-misconduct', specialConditionsCertified: true })).toMatchObject({
      form: 'accelerated-hearing',
      regulation: 'CR reg 49',
    });
  });

  it('refuses a former officer with a case to answer for misconduct only', () => {
    expect(() => formOfProceedings({ ...serving, caseToAnswer: 'misconduct', formerOfficer: true })).toThrow(/CR reg 4/);
  });

  it('refuses special conditions on a misconduct case', () => {
    expect(() => formOfProceedings({ ...serving, caseToAnswer: 'misconduct', specialConditionsCertified: true })).toThrow(/reg 49/);
  });

  it('answers, without throwing, that a case to answer for misconduct after a special conditions certificate cannot go on, naming CR reg 49', () => {
    expect(checkFormOfProceedings({ ...serving, caseToAnswer: 'misconduct', specialConditionsCertified: true })).toMatchObject({
      allowed: false,
      rule: 'special-conditions-gross-misconduct',
      regulation: 'CR reg 49',
    });
    expect(checkFormOfProceedings({ ...serving, caseToAnswer: 'misconduct', formerOfficer: true })).toMatchObject({ allowed: false, regulation: 'CR reg 4' });
    expect(checkFormOfProceedings({ ...serving, caseToAnswer: 'gross-misconduct', specialConditionsCertified: true })).toMatchObject({ allowed: true, route: { form: 'accelerated-hearing' } });
  });

  it('a former officer facing gross misconduct goes to a hearing', () => {
    expect(formOfProceedings({ ...serving, caseToAnswer: 'gross-misconduct', formerOfficer: true }).form).toBe('misconduct-hearing');
  });
});

describe('former officers under each rule set (CR Part 3A, SI 2025/558, from 28 May 2025)', () => {
  const former = { ...serving, caseToAnswer: 'gross-misconduct' as const, formerOfficer: true };
  const april2025 = ruleSetFor('2025-04-15').ruleSet;
  const june2025 = ruleSetFor('2025-06-15').ruleSet;

  it('a former officer whose allegation came in June 2025 goes to an accelerated misconduct hearing by default', () => {
    expect(formOfProceedings({ ...former, ruleSet: june2025 })).toMatchObject({ form: 'accelerated-hearing', regulation: expect.stringContaining('reg 21A') });
  });

  it('the same case from April 2025, or under the 2020 rules, or with no rule set recorded, goes to a misconduct hearing as before', () => {
    expect(formOfProceedings({ ...former, ruleSet: april2025 }).form).toBe('misconduct-hearing');
    expect(formOfProceedings({ ...former, ruleSet: ruleSetFor('2024-05-06').ruleSet }).form).toBe('misconduct-hearing');
    expect(formOfProceedings(former).form).toBe('misconduct-hearing');
  });

  it('from 28 May 2025 itself the presumption applies; the day before it does not', () => {
    expect(formOfProceedings({ ...former, ruleSet: ruleSetFor('2025-05-28').ruleSet }).form).toBe('accelerated-hearing');
    expect(formOfProceedings({ ...former, ruleSet: ruleSetFor('2025-05-27').ruleSet }).form).toBe('misconduct-hearing');
  });

  it('the officer choosing a misconduct hearing, or the appropriate authority deciding one is necessary, sends it to a misconduct hearing (reg 21A(3))', () => {
    expect(formOfProceedings({ ...former, ruleSet: june2025, misconductHearingBecause: 'officer-chose-misconduct-hearing' })).toMatchObject({ form: 'misconduct-hearing', reason: expect.stringMatching(/chose/) });
    expect(formOfProceedings({ ...former, ruleSet: june2025, misconductHearingBecause: 'appropriate-authority-decided-necessary' })).toMatchObject({ form: 'misconduct-hearing', reason: expect.stringMatching(/necessary/) });
  });

  it('a serving officer\'s gross misconduct is not touched by Part 3A', () => {
    expect(formOfProceedings({ ...serving, caseToAnswer: 'gross-misconduct', ruleSet: june2025 }).form).toBe('misconduct-hearing');
  });

  it('special conditions still send a former officer to an accelerated hearing under reg 49', () => {
    expect(formOfProceedings({ ...former, ruleSet: june2025, specialConditionsCertified: true })).toMatchObject({ form: 'accelerated-hearing', regulation: 'CR reg 49' });
  });

  it('refuses a choice of a misconduct hearing where no presumption applies, naming the rule and the rule set', () => {
    expect(checkFormOfProceedings({ ...former, ruleSet: april2025, misconductHearingBecause: 'officer-chose-misconduct-hearing' })).toMatchObject({
      allowed: false, rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2024', reason: expect.stringMatching(/do not presume/),
    });
    expect(checkFormOfProceedings({ ...serving, caseToAnswer: 'gross-misconduct', ruleSet: june2025, misconductHearingBecause: 'appropriate-authority-decided-necessary' })).toMatchObject({
      allowed: false, rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2025', reason: expect.stringMatching(/serving officer/),
    });
    expect(checkFormOfProceedings({ ...former, ruleSet: june2025, specialConditionsCertified: true, misconductHearingBecause: 'officer-chose-misconduct-hearing' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/reg 49/) });
    expect(checkFormOfProceedings({ ...former, ruleSet: june2025, misconductHearingBecause: 'because' as never })).toMatchObject({ allowed: false, reason: expect.stringMatching(/must be one of/) });
  });
});

describe('former officers (CR reg 4)', () => {
  const gross = { severity: 'gross-misconduct', directorGeneralDetermination: false } as const;

  it('an officer who resigned after the allegation reached the appropriate authority remains subject to proceedings (condition A)', () => {
    // Officer B in the crime-scene photographs case: referred June 2020, resigned before the November 2021 hearing.
    expect(formerOfficerRemainsSubject({ ...gross, leftOn: '2021-11-15', allegationReachedAaOn: '2020-06-23', allegationReceivedOn: '2020-06-23' })).toEqual({
      continues: true,
      condition: 'A',
      regulation: 'CR reg 4',
      reason: expect.stringContaining('condition A'),
    });
  });

  it('an allegation arriving within 12 months of leaving keeps the former officer subject (condition B), up to the anniversary', () => {
    expect(formerOfficerRemainsSubject({ ...gross, leftOn: '2021-01-15', allegationReceivedOn: '2021-06-01' }).condition).toBe('B');
    expect(formerOfficerRemainsSubject({ ...gross, leftOn: '2021-01-15', allegationReceivedOn: '2022-01-15' }).condition).toBe('B');
  });

  it('an allegation arriving more than 12 months after leaving needs the Director General’s determination (condition C)', () => {
    expect(formerOfficerRemainsSubject({ ...gross, leftOn: '2021-01-15', allegationReceivedOn: '2022-01-16' })).toMatchObject({
      continues: false,
      regulation: 'CR reg 4',
    });
    expect(
      formerOfficerRemainsSubject({ ...gross, leftOn: '2021-01-15', allegationReceivedOn: '2022-01-16', directorGeneralDetermination: true }),
    ).toMatchObject({ continues: true, condition: 'C' });
  });

  it('the earlier of the two dates counts as when the allegation first came to attention', () => {
    expect(
      formerOfficerRemainsSubject({ ...gross, leftOn: '2021-01-15', allegationReachedAaOn: '2021-01-10', allegationReceivedOn: '2021-02-01' }).condition,
    ).toBe('A');
  });

  it('a former officer is not pursued for misconduct short of gross misconduct', () => {
    expect(
      formerOfficerRemainsSubject({ severity: 'misconduct', directorGeneralDetermination: true, leftOn: '2021-11-15', allegationReceivedOn: '2020-06-23' }),
    ).toMatchObject({ continues: false, regulation: 'CR reg 4' });
  });
});

describe('the advisory list (BL&AL Regs reg 12)', () => {
  it('a resignation during a gross misconduct investigation is reported to the advisory list', () => {
    expect(advisoryListReportRequired({ leftOn: '2021-11-15', allegationReachedAaOn: '2020-06-23' })).toMatchObject({
      required: true,
      regulation: 'BL&AL Regs reg 12',
    });
  });

  it('is not required where the officer left before any allegation reached the appropriate authority', () => {
    expect(advisoryListReportRequired({ leftOn: '2020-01-15' }).required).toBe(false);
    expect(advisoryListReportRequired({ leftOn: '2020-01-15', allegationReachedAaOn: '2020-06-23' }).required).toBe(false);
  });

  it('is not required where the appropriate authority had already decided no proceedings would be brought', () => {
    expect(
      advisoryListReportRequired({ leftOn: '2021-11-15', allegationReachedAaOn: '2020-06-23', noProceedingsDecidedOn: '2021-03-01' }).required,
    ).toBe(false);
  });

  it('is not required where the proceedings had concluded before the officer left', () => {
    expect(
      advisoryListReportRequired({ leftOn: '2022-07-01', allegationReachedAaOn: '2020-06-23', proceedingsConcludedOn: '2022-06-22' }).required,
    ).toBe(false);
  });
});
