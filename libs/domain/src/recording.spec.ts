import { DECISION_RATIONALE, checkRationale } from './recording';

describe('every decision carries its rationale (IOPC statutory guidance)', () => {
  it('accepts a rationale that says why', () => {
    expect(checkRationale('The allegation, if proved, would not justify disciplinary action: reflective practice instead')).toEqual({ allowed: true });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '  \n\t '],
    ['not text', 42],
  ])('refuses a decision whose rationale is %s, naming the field and the guidance', (_what, rationale) => {
    const check = checkRationale(rationale);
    expect(check).toMatchObject({ allowed: false, rule: 'decision-rationale', field: 'rationale', regulation: DECISION_RATIONALE.source });
    expect(!check.allowed && check.reason).toMatch(/^rationale: /);
  });

  it('refuses a rationale longer than the engine keeps, and accepts one at the limit', () => {
    expect(checkRationale('x'.repeat(DECISION_RATIONALE.maxLength))).toEqual({ allowed: true });
    expect(checkRationale('x'.repeat(DECISION_RATIONALE.maxLength + 1))).toMatchObject({ allowed: false, rule: 'decision-rationale' });
  });
});
