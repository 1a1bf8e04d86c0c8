import { DEADLINE_RULES, resolveDeadlineRules } from './rules/deadlines';
import { RULE_SET, formatRuleSets } from './rules/rule-sets';
import { EVENT_RULES, SUBJECT_EVENTS } from './stages';
import { VETTING_DEADLINES, VETTING_EVENTS, checkVettingEvent, checkVettingReferral, vettingAfter, vettingAwaiting, type VettingEvent, type VettingRecord } from './vetting';

const referred: VettingRecord = { referredOn: '2025-07-01' };
const after = (v: VettingRecord, ...steps: [VettingEvent, string][]) => steps.reduce((r, [e, on]) => vettingAfter(r, e, on), v);

describe('a referral under the Police (Vetting) Regulations 2025 as a tracked route', () => {
  it('is open only under the rule set that has CR reg 14(2)(aa) (from 28 May 2025), refused under earlier ones naming the rule and the rule set', () => {
    expect(checkVettingReferral('rules-2025')).toEqual({ allowed: true });
    for (const earlier of ['rules-2020', 'rules-2024'] as const) {
      expect(checkVettingReferral(earlier)).toMatchObject({
        allowed: false, rule: 'vetting-referral-rule-set', regulation: 'CR reg 14(2)(aa) (SI 2025/558 reg 9)', ruleSet: earlier,
        reason: expect.stringContaining(`(${earlier})`),
      });
    }
    // A track with no rule set recorded is under the 2020 rules.
    expect(checkVettingReferral(undefined)).toMatchObject({ allowed: false, reason: expect.stringContaining('rules-2020') });
    expect(RULE_SET['rules-2025'].changes.map((c) => c.rule)).toContain('vetting-referral');
    expect(formatRuleSets()).toMatch(/vettingReferral\s+no\s+no\s+yes/);
  });

  it('is for those the duty to hold clearance binds, while they serve: a member of police staff, or an officer who has left, is refused', () => {
    expect(checkVettingReferral('rules-2025', 'special-constable')).toEqual({ allowed: true });
    expect(checkVettingReferral('rules-2025', 'police-staff')).toMatchObject({ allowed: false, rule: 'vetting-referral-who', regulation: 'SI 2025/502 reg 5' });
    // Clearance ends when the officer leaves (reg 6): a former officer has none to withdraw.
    expect(checkVettingReferral('rules-2025', 'police-officer', '2025-07-01')).toMatchObject({ allowed: false, rule: 'vetting-referral-serving', regulation: 'SI 2025/502 reg 6' });
  });

  it('its events are subject events on the closed track, and every vetting period is unconfirmed and configurable', () => {
    for (const e of VETTING_EVENTS) {
      expect(SUBJECT_EVENTS).toContain(e);
      expect(EVENT_RULES[e]).toMatchObject({ allowedIn: ['closed'], rule: 'vetting-referred', regulation: 'SI 2025/502 Part 3' });
    }
    for (const d of Object.values(VETTING_DEADLINES)) {
      expect(DEADLINE_RULES[d.ruleId]).toMatchObject({ status: 'U', regulation: expect.stringMatching(/^SI 2025\/502/) });
      expect(resolveDeadlineRules({ [d.ruleId]: { length: 15, unit: 'working-days' } })[d.ruleId]).toMatchObject({ length: 15, overriddenFrom: { length: 10 } });
    }
  });

  it('nothing of the route without a referral, and nothing after it ends', () => {
    expect(checkVettingEvent(undefined, 'vetting-withdrawal-notice-served', '2025-07-02')).toMatchObject({ allowed: false, rule: 'vetting-referred' });
    const kept = after(referred, ['vetting-clearance-kept', '2025-07-10']);
    expect(kept).toMatchObject({ result: 'clearance-kept', endedOn: '2025-07-10' });
    expect(vettingAwaiting(kept)).toBe(false);
    expect(checkVettingEvent(kept, 'vetting-withdrawal-notice-served', '2025-07-11')).toMatchObject({ rule: 'vetting-route-open' });
  });

  it('clearance is withdrawn only after notice to the officer, once, and not before the last step', () => {
    expect(checkVettingEvent(referred, 'vetting-clearance-withdrawn', '2025-07-10')).toMatchObject({ allowed: false, rule: 'vetting-notice-first' });
    expect(checkVettingEvent(referred, 'vetting-representations-received', '2025-07-10')).toMatchObject({ rule: 'vetting-notice-first' });
    const noticed = after(referred, ['vetting-withdrawal-notice-served', '2025-07-03']);
    expect(checkVettingEvent(noticed, 'vetting-clearance-withdrawn', '2025-07-02')).toMatchObject({ rule: 'vetting-in-order' });
    expect(checkVettingEvent(noticed, 'vetting-clearance-withdrawn', '2025-07-20')).toEqual({ allowed: true });
    const withdrawn = after(noticed, ['vetting-clearance-withdrawn', '2025-07-20']);
    expect(withdrawn).toMatchObject({ result: 'clearance-withdrawn', dismissedOn: '2025-07-20' });
    expect(withdrawn.endedOn).toBeUndefined();
    expect(checkVettingEvent(withdrawn, 'vetting-clearance-kept', '2025-07-21')).toMatchObject({ rule: 'vetting-decided-once' });
    expect(vettingAwaiting(withdrawn)).toBe(false);
  });

  it('appeals: the appeal panel after a withdrawal, the Tribunal after the panel dismisses; allowed restores clearance and ends the route', () => {
    const withdrawn = after(referred, ['vetting-withdrawal-notice-served', '2025-07-03'], ['vetting-clearance-withdrawn', '2025-07-20']);
    expect(checkVettingEvent(after(referred, ['vetting-clearance-kept', '2025-07-05']), 'vetting-appeal-lodged', '2025-07-06')).toMatchObject({ rule: 'vetting-route-open' });
    expect(checkVettingEvent(withdrawn, 'vetting-appeal-allowed', '2025-07-21')).toMatchObject({ rule: 'vetting-appeal-lodged-first' });
    expect(checkVettingEvent(withdrawn, 'vetting-pat-appeal-lodged', '2025-07-21')).toMatchObject({ rule: 'vetting-pat-after-appeal-panel' });
    const lodged = after(withdrawn, ['vetting-appeal-lodged', '2025-07-25']);
    expect(vettingAwaiting(lodged)).toBe(true);
    expect(after(lodged, ['vetting-appeal-allowed', '2025-09-01'])).toMatchObject({ clearanceRestoredOn: '2025-09-01', endedOn: '2025-09-01' });
    const dismissed = after(lodged, ['vetting-appeal-dismissed', '2025-09-01']);
    expect(dismissed.endedOn).toBeUndefined();
    expect(vettingAwaiting(dismissed)).toBe(false);
    const atTribunal = after(dismissed, ['vetting-pat-appeal-lodged', '2025-09-05']);
    expect(vettingAwaiting(atTribunal)).toBe(true);
    expect(after(atTribunal, ['vetting-pat-appeal-dismissed', '2025-12-01'])).toMatchObject({ patAppealResult: 'dismissed', endedOn: '2025-12-01' });
    expect(after(atTribunal, ['vetting-pat-appeal-allowed', '2025-12-01'])).toMatchObject({ clearanceRestoredOn: '2025-12-01' });
  });
});
