import { DEADLINE_RULES } from './rules/deadlines';
import { REFLECTIVE_PRACTICE_DEADLINES, checkReflectivePracticeEvent, checkReflectivePracticeReferral, reflectivePracticeAfter, reflectivePracticeDeadlinesFrom } from './reflective-practice';
import { SUBJECT_EVENTS, EVENT_RULES } from './stages';

const referred = { referredOn: '2026-02-02' };
const agreed = { ...referred, reportAgreedOn: '2026-02-20', actionsDueBy: '2026-04-30', reviewOn: '2026-05-15' };

describe('reflective practice as a tracked route (CR Part 6, reg 70)', () => {
  it('its events are subject events, recorded on the track its referral closed', () => {
    for (const d of Object.values(REFLECTIVE_PRACTICE_DEADLINES)) {
      expect(SUBJECT_EVENTS).toContain(d.metBy);
      expect(EVENT_RULES[d.metBy]).toMatchObject({ allowedIn: ['closed'], regulation: 'CR reg 70' });
      expect(DEADLINE_RULES[d.ruleId].regulation).toMatch(/CR (Part 6|reg 70)/);
    }
    // The 12 months is the regulation's; the report's target and the defaults for the report's own dates are the engine's.
    expect(DEADLINE_RULES.reflectivePracticeCheck).toMatchObject({ length: 12, unit: 'months', status: 'C' });
    expect([DEADLINE_RULES.reflectiveReviewReport.status, DEADLINE_RULES.reflectivePracticeActions.status, DEADLINE_RULES.reflectivePracticeReview.status]).toEqual(['U', 'U', 'U']);
  });

  it('is for those the Conduct Regulations govern (officers, special constables); police staff and designated volunteers are refused, naming the rule', () => {
    expect(checkReflectivePracticeReferral('police-officer')).toEqual({ allowed: true });
    expect(checkReflectivePracticeReferral('special-constable')).toEqual({ allowed: true });
    expect(checkReflectivePracticeReferral('designated-police-volunteer')).toMatchObject({ allowed: false, rule: 'reflective-practice-who' });
    expect(checkReflectivePracticeReferral('police-staff')).toMatchObject({ allowed: false, rule: 'reflective-practice-who', regulation: 'CR Part 6' });
  });

  it('nothing of the route without a referral to it', () => {
    expect(checkReflectivePracticeEvent(undefined, 'reflective-review-report-agreed', '2026-02-20', { actionsDueBy: '2026-04-30', reviewOn: '2026-05-15' })).toMatchObject({ allowed: false, rule: 'reflective-practice-referred' });
  });

  it('the report comes first, once, and sets dates after its own', () => {
    expect(checkReflectivePracticeEvent(referred, 'reflective-practice-checked', '2026-02-20')).toMatchObject({ allowed: false, rule: 'reflective-review-report-first' });
    expect(checkReflectivePracticeEvent(referred, 'reflective-review-report-agreed', '2026-02-20', { actionsDueBy: '2026-04-30', reviewOn: '2026-05-15' })).toEqual({ allowed: true });
    expect(checkReflectivePracticeEvent(referred, 'reflective-review-report-agreed', '2026-02-20', { reviewOn: '2026-05-15' })).toMatchObject({ rule: 'reflective-review-report-dates', reason: expect.stringMatching(/^actionsDueBy/) });
    expect(checkReflectivePracticeEvent(referred, 'reflective-review-report-agreed', '2026-02-20', { actionsDueBy: '2026-04-30', reviewOn: '2026-02-20' })).toMatchObject({ rule: 'reflective-review-report-dates', reason: expect.stringMatching(/^reviewOn/) });
    expect(checkReflectivePracticeEvent(referred, 'reflective-review-report-agreed', '2026-01-30', { actionsDueBy: '2026-04-30', reviewOn: '2026-05-15' })).toMatchObject({ rule: 'reflective-practice-after-referral' });
    expect(checkReflectivePracticeEvent(agreed, 'reflective-review-report-agreed', '2026-03-01', { actionsDueBy: '2026-04-30', reviewOn: '2026-05-15' })).toMatchObject({ rule: 'reflective-review-report-once' });
  });

  it('the report sets the actions by its date, the review on its date, and the check within 12 months of agreement', () => {
    expect(reflectivePracticeDeadlinesFrom('2026-02-20', '2026-04-30', '2026-05-15')).toEqual([
      { key: 'reflective-practice-actions', ruleId: 'reflectivePracticeActions', trigger: '2026-02-20', length: 69 },
      { key: 'reflective-practice-review', ruleId: 'reflectivePracticeReview', trigger: '2026-02-20', length: 84 },
      { key: 'reflective-practice-check', ruleId: 'reflectivePracticeCheck', trigger: '2026-02-20' },
    ]);
  });

  it('is done once the actions, the review and the check are all recorded, in any order, each once', () => {
    let rp = reflectivePracticeAfter(agreed, 'reflective-practice-checked', '2026-06-01');
    expect(rp.completedOn).toBeUndefined();
    expect(checkReflectivePracticeEvent(rp, 'reflective-practice-checked', '2026-06-02')).toMatchObject({ rule: 'reflective-practice-step-once' });
    rp = reflectivePracticeAfter(rp, 'reflective-practice-actions-completed', '2026-06-03');
    rp = reflectivePracticeAfter(rp, 'reflective-practice-reviewed', '2026-06-04');
    expect(rp).toMatchObject({ checkedOn: '2026-06-01', actionsCompletedOn: '2026-06-03', reviewedOn: '2026-06-04', completedOn: '2026-06-04' });
    expect(checkReflectivePracticeEvent(rp, 'reflective-practice-reviewed', '2026-06-05')).toMatchObject({ rule: 'reflective-practice-open' });
  });
});
