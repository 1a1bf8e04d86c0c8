import { checkInvestigator, type InvestigatedSubject, type Investigator } from './investigator';

const subjects: InvestigatedSubject[] = [{ subjectId: 'ps-1', rank: 'Sergeant', unit: 'Response Team 3', lineManagers: ['insp-4', 'ci-2'] }];
const check = (investigator: Investigator, settings = {}, regime: 'conduct-regulations' | 'schedule-3' = 'conduct-regulations', subs = subjects) =>
  checkInvestigator({ regime, forceId: 'force-a', investigator, subjects: subs, settings });

describe("the investigator's appointment (CR reg 15(3))", () => {
  it('an investigator from the professional standards unit is appointed and independent', () => {
    expect(check({ id: 'ds-7', unit: 'PSD', lineManagers: ['di-1'] })).toEqual({ allowed: true, independent: true, notIndependentOf: [] });
  });

  it('anyone who works, directly or indirectly, under the management of the officer concerned is refused', () => {
    expect(check({ id: 'pc-9', lineManagers: ['ps-1', 'insp-4'] })).toMatchObject({ allowed: false, rule: 'investigator-not-managed-by-subject', regulation: 'CR reg 15(3)' });
    expect(check({ id: 'pc-9', lineManagers: ['ps-2', 'ps-1'] }, {}, 'schedule-3')).toMatchObject({ allowed: false, rule: 'investigator-not-managed-by-subject', regulation: expect.stringContaining('CMR reg 12') });
  });

  it('an interested party, or a subject, is refused', () => {
    expect(check({ id: 'ds-7', interestedParty: true })).toMatchObject({ allowed: false, rule: 'investigator-not-interested-party' });
    expect(check({ id: 'ps-1' })).toMatchObject({ allowed: false, rule: 'investigator-not-subject' });
  });

  it("a senior officer's investigator comes from another force", () => {
    const acc = [{ subjectId: 'acc-1', rank: 'ACC' }];
    expect(check({ id: 'ds-7' }, {}, 'conduct-regulations', acc)).toMatchObject({ allowed: false, rule: 'investigator-senior-officer-other-force' });
    expect(check({ id: 'ds-7', forceId: 'force-b' }, {}, 'conduct-regulations', acc)).toMatchObject({ allowed: true });
  });

  it("the force setting refuses an investigator from the subject's own unit; without it they are appointed but not independent", () => {
    const sameUnit = { id: 'ps-5', unit: 'response team 3' };
    expect(check(sameUnit, { refuseInvestigatorFromSubjectsUnit: true })).toMatchObject({ allowed: false, rule: 'investigator-not-from-subjects-unit', regulation: 'force setting: refuseInvestigatorFromSubjectsUnit' });
    expect(check(sameUnit)).toEqual({ allowed: true, independent: false, notIndependentOf: ['ps-1'] });
  });

  it("the subject's own line manager is not barred by reg 15(3) but is recorded as not independent", () => {
    expect(check({ id: 'insp-4', unit: 'Neighbourhood' })).toEqual({ allowed: true, independent: false, notIndependentOf: ['ps-1'] });
  });
});
