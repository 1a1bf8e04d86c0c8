import { checkPanel, panelComposition, panelRuleSetFor, withoutMember, type Panel } from './panels';
import { formatRuleSets, ruleSetFor } from './rules/rule-sets';

const before = ruleSetFor('2024-05-06').ruleSet; // the 2020 rules
const after = ruleSetFor('2024-05-07').ruleSet; // SI 2024/521
const pc = { subjectId: 'pc-1', rank: 'PC' };

const panel2020: Panel = {
  chair: { id: 'lqc-1', role: 'legally-qualified-chair' },
  policeMember: { id: 'supt-1', rank: 'Superintendent' },
  independentMembers: [{ id: 'im-1' }],
};
const panel2024: Panel = {
  chair: { id: 'acc-1', role: 'senior-officer', rank: 'ACC' },
  independentMembers: [{ id: 'im-1' }, { id: 'im-2' }],
  legallyQualifiedAdviser: { id: 'lqa-1' },
};
const check = (ruleSet: typeof before, panel: Panel, subject = pc, on = '2024-06-01') =>
  checkPanel({ ruleSet, form: 'misconduct-hearing', panel, subject, forceId: 'force-a', on });

describe('panels and chairs (SI 2024/521, from 7 May 2024)', () => {
  it('a legally qualified chair with a police member and an independent member is the hearing panel under the 2020 rules (matter received 6 May 2024), and is refused under the 2024 rules (7 May 2024)', () => {
    expect(check(before, panel2020)).toEqual({ allowed: true });
    expect(check(after, panel2020)).toMatchObject({ allowed: false, rule: 'panel-chair-role', ruleSet: 'rules-2024', regulation: 'CR reg 2(4A)-(4D), reg 28 (SI 2024/521 reg 3)' });
  });

  it('a chief officer\'s delegate with two independent members and a legally qualified adviser is the panel from 7 May 2024, and is refused under the 2020 rules', () => {
    expect(check(after, panel2024)).toEqual({ allowed: true });
    expect(check(before, panel2024)).toMatchObject({ allowed: false, rule: 'panel-chair-role', ruleSet: 'rules-2020' });
  });

  it('a missing independent member or adviser is refused naming the rule and the rule set', () => {
    expect(check(after, { ...panel2024, independentMembers: [{ id: 'im-1' }] })).toMatchObject({ allowed: false, rule: 'panel-independent-members', ruleSet: 'rules-2024' });
    expect(check(after, { ...panel2024, legallyQualifiedAdviser: undefined })).toMatchObject({ allowed: false, rule: 'panel-legally-qualified-adviser' });
    expect(check(before, { ...panel2020, policeMember: { id: 'insp-1', rank: 'Inspector' } })).toMatchObject({ allowed: false, rule: 'panel-police-member', ruleSet: 'rules-2020' });
  });

  it('a former senior officer may chair within 5 years of last serving as one, not after', () => {
    const former = (last: string): Panel => ({ ...panel2024, chair: { id: 'ex-acc', role: 'former-senior-officer', lastServedAsSeniorOfficerOn: last } });
    expect(check(after, former('2020-06-01'), pc, '2025-06-01')).toEqual({ allowed: true });
    expect(check(after, former('2020-05-31'), pc, '2025-06-01')).toMatchObject({ allowed: false, rule: 'panel-chair-former-senior-officer' });
    expect(check(after, { ...panel2024, chair: { id: 'ex-acc', role: 'former-senior-officer' } })).toMatchObject({ allowed: false, rule: 'panel-chair-former-senior-officer' });
  });

  it("a senior officer's case is chaired by a more senior officer of another force; a chief constable's by HMCIC or an HMI", () => {
    const acc = { subjectId: 'acc-9', rank: 'ACC' };
    expect(check(after, panel2024, acc)).toMatchObject({ allowed: false, rule: 'panel-chair-senior-officer-case' });
    expect(check(after, { ...panel2024, chair: { id: 'dcc-2', role: 'senior-officer', rank: 'DCC', forceId: 'force-b' } }, acc)).toEqual({ allowed: true });
    expect(check(after, { ...panel2024, chair: { id: 'dcc-2', role: 'senior-officer', rank: 'DCC', forceId: 'force-a' } }, acc)).toMatchObject({ allowed: false, rule: 'panel-chair-senior-officer-case' });
    const cc = { subjectId: 'cc-1', rank: 'Chief Constable' };
    expect(check(after, { ...panel2024, chair: { id: 'hmi-1', role: 'hm-inspector' } }, cc)).toEqual({ allowed: true });
    expect(check(after, { ...panel2024, chair: { id: 'hmi-1', role: 'hm-inspector' } }, pc)).toMatchObject({ allowed: false, rule: 'panel-chair-chief-officer-case' });
    // Under the 2020 rules the senior-officer chair rules do not apply: a legally qualified chair sits.
    expect(check(before, panel2020, acc)).toEqual({ allowed: true });
  });

  it('an interested party, the officer concerned or one person in two places is refused', () => {
    expect(check(after, { ...panel2024, independentMembers: [{ id: 'im-1', interestedParty: true }, { id: 'im-2' }] })).toMatchObject({ allowed: false, rule: 'panel-member-not-interested-party' });
    expect(check(after, { ...panel2024, independentMembers: [{ id: 'pc-1' }, { id: 'im-2' }] })).toMatchObject({ allowed: false, rule: 'panel-member-not-interested-party' });
    expect(check(after, { ...panel2024, independentMembers: [{ id: 'im-1' }, { id: 'im-1' }] })).toMatchObject({ allowed: false, rule: 'panel-members-distinct' });
  });

  it('the panel follows the matter\'s rule set by default, or the notice of referral\'s date where configured', () => {
    expect(panelRuleSetFor({ matterRuleSet: 'rules-2020', noticeOfReferralOn: '2024-05-07' }).ruleSet).toBe('rules-2020');
    expect(panelRuleSetFor({ matterRuleSet: 'rules-2020', noticeOfReferralOn: '2024-05-07', keyedOn: 'notice-of-referral' }).ruleSet).toBe('rules-2024');
    expect(panelRuleSetFor({ matterRuleSet: 'rules-2020', noticeOfReferralOn: '2024-05-06', keyedOn: 'notice-of-referral' }).ruleSet).toBe('rules-2020');
    expect(panelRuleSetFor({}).ruleSet).toBe('rules-2020');
  });

  it('an unconfirmed composition may be overridden; a confirmed one may not', () => {
    expect(panelComposition('rules-2024', 'accelerated-hearing', { compositions: { 'rules-2024': { 'accelerated-hearing': { independentMembers: 2 } } } }).independentMembers).toBe(2);
    expect(() => panelComposition('rules-2024', 'misconduct-hearing', { compositions: { 'rules-2024': { 'misconduct-hearing': { independentMembers: 1 } } } })).toThrow(/confirmed/);
  });

  it('an upheld objection leaves the member\'s place empty', () => {
    expect(withoutMember(panel2024, 'im-2')).toEqual({ panel: { ...panel2024, independentMembers: [{ id: 'im-1' }] }, vacant: 'independent-member' });
    expect(withoutMember(panel2024, 'nobody').vacant).toBeUndefined();
  });

  it('npm run rules prints the panels side by side', () => {
    const printed = formatRuleSets();
    expect(printed).toMatch(/misconduct-hearing\s+LQC\+1IM\+PM \[S\]\s+CO\/delegate\+2IM\+LQA \[C\]/);
    expect(printed).toContain('investigator-not-managed-by-subject');
  });
});
