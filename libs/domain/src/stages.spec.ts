import { checkDecision, checkEvent, DECISION_RULES, EVENT_RULES, SUBJECT_STAGES } from './stages';

describe('decisions at each stage', () => {
  it('refuses a case-to-answer decision during the investigation, naming the stage and CR reg 23', () => {
    const result = checkDecision('investigation', 'case-to-answer');
    expect(result).toMatchObject({ allowed: false, rule: 'case-to-answer-after-report', regulation: 'CR reg 23 / PRA 2002 Sch 3 para 24(6)' });
    if (!result.allowed) {
      expect(result.reason).toBe(
        'Case-to-answer decision is not possible while the subject is at the "investigation" stage: ' +
          "under CR reg 23 / PRA 2002 Sch 3 para 24(6) it is made by the appropriate authority on receiving the investigator's report. " +
          'Allowed at: "awaiting the case-to-answer decision".',
      );
    }
  });

  it('allows the case-to-answer decision once the report is in', () => {
    expect(checkDecision('awaiting-case-to-answer', 'case-to-answer')).toEqual({ allowed: true });
  });

  it('allows withdrawal before the meeting or hearing is held, and not after (CR reg 27)', () => {
    for (const stage of ['awaiting-case-to-answer', 'misconduct-meeting', 'misconduct-hearing', 'accelerated-hearing'] as const) {
      expect(checkDecision(stage, 'withdrawal')).toEqual({ allowed: true });
    }
    expect(checkDecision('outcome', 'withdrawal')).toMatchObject({ allowed: false, regulation: 'CR reg 27' });
    expect(checkDecision('investigation', 'withdrawal').allowed).toBe(false);
  });

  it('allows an outcome only at a meeting or hearing (CR reg 42)', () => {
    expect(checkDecision('misconduct-meeting', 'outcome').allowed).toBe(true);
    expect(checkDecision('accelerated-hearing', 'outcome').allowed).toBe(true);
    expect(checkDecision('investigation', 'outcome')).toMatchObject({ allowed: false, regulation: 'CR reg 42' });
  });

  it('allows the severity assessment only at the start, and its revision only during the investigation', () => {
    expect(checkDecision('severity-assessment', 'severity-assessment').allowed).toBe(true);
    expect(checkDecision('investigation', 'severity-assessment')).toMatchObject({ allowed: false, regulation: 'CR reg 14 / CMR reg 16' });
    expect(checkDecision('investigation', 'severity-revision').allowed).toBe(true);
    expect(checkDecision('misconduct-hearing', 'severity-revision')).toMatchObject({ allowed: false, regulation: 'CMR reg 19' });
  });

  it('allows special conditions to be certified after a gross misconduct case was referred to a hearing and held for a criminal trial', () => {
    expect(checkDecision('misconduct-hearing', 'special-conditions').allowed).toBe(true);
    expect(checkDecision('outcome', 'special-conditions')).toMatchObject({ allowed: false, regulation: 'CR reg 49' });
  });

  it('allows an appeal determination only on appeal (CR reg 47)', () => {
    expect(checkDecision('appeal', 'appeal-determination').allowed).toBe(true);
    expect(checkDecision('outcome', 'appeal-determination')).toMatchObject({ allowed: false, regulation: 'CR reg 47' });
  });

  it('allows nothing but complainant updates once closed', () => {
    for (const decision of Object.keys(DECISION_RULES) as (keyof typeof DECISION_RULES)[]) {
      expect(checkDecision('closed', decision).allowed).toBe(false);
    }
    expect(checkEvent('closed', 'complainant-updated').allowed).toBe(true);
  });

  it('refuses a decision by the wrong role when a role is given', () => {
    expect(checkDecision('awaiting-case-to-answer', 'case-to-answer', 'investigator')).toMatchObject({
      allowed: false,
      rule: 'case-to-answer-after-report:role',
    });
    expect(checkDecision('awaiting-case-to-answer', 'case-to-answer', 'appropriate-authority').allowed).toBe(true);
  });

  it('every decision and event names a regulation and at least one stage', () => {
    for (const r of [...Object.values(DECISION_RULES), ...Object.values(EVENT_RULES)]) {
      expect(r.regulation).not.toHaveLength(0);
      expect(r.allowedIn.length).toBeGreaterThan(0);
      expect(r.madeBy.length).toBeGreaterThan(0);
      for (const s of r.allowedIn) expect(SUBJECT_STAGES).toContain(s);
    }
  });
});

describe('events at each stage', () => {
  it('a notice of investigation is served during the investigation, not before the severity assessment', () => {
    expect(checkEvent('investigation', 'notice-of-investigation-served').allowed).toBe(true);
    expect(checkEvent('severity-assessment', 'notice-of-investigation-served')).toMatchObject({
      allowed: false,
      regulation: 'CR reg 17 / CMR reg 17',
    });
  });

  it('a pre-hearing is held only before a misconduct hearing (CR reg 33)', () => {
    expect(checkEvent('misconduct-hearing', 'pre-hearing-held').allowed).toBe(true);
    const refused = checkEvent('misconduct-meeting', 'pre-hearing-held');
    expect(refused).toMatchObject({ allowed: false, regulation: 'CR reg 33' });
    if (!refused.allowed) expect(refused.reason).toContain('"referred to a misconduct meeting"');
  });

  it('a resignation can be recorded at any open stage', () => {
    for (const stage of SUBJECT_STAGES.filter((s) => s !== 'closed')) expect(checkEvent(stage, 'resigned').allowed).toBe(true);
  });

  it('an appeal is lodged only once the outcome is notified and the appeal window is open', () => {
    expect(checkEvent('appeal', 'appeal-lodged').allowed).toBe(true);
    expect(checkEvent('outcome', 'appeal-lodged').allowed).toBe(false);
    expect(checkEvent('misconduct-meeting', 'appeal-lodged').allowed).toBe(false);
  });
});
