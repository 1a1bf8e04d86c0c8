import { type Allegation, IOPC_CATEGORY_CODES, checkAllegationFieldsOfDecision, IOPC_CATEGORY_GROUPS, IOPC_COMPLAINT_CATEGORIES, allegationProven, checkAllegationFindings, checkAllegations, checkAllegationsNamed } from './allegations';

const good: Allegation = { id: 'a1', alleged: 'pushed the complainant against a wall', subjectIds: ['pc-1'], category: 'B4', standards: ['use-of-force'] };

describe('the IOPC complaint categories', () => {
  it('each code is declared once, in a group the guidance has, with its status', () => {
    expect(new Set(IOPC_CATEGORY_CODES).size).toBe(IOPC_COMPLAINT_CATEGORIES.length);
    for (const c of IOPC_COMPLAINT_CATEGORIES) {
      expect(Object.keys(IOPC_CATEGORY_GROUPS)).toContain(c.group);
      expect(c.code.startsWith(c.group)).toBe(true);
      expect(['S', 'U']).toContain(c.status);
    }
  });
});

describe('allegations given at referral', () => {
  it('two allegations against the matter\'s subjects, with known categories and standards, are accepted', () => {
    expect(checkAllegations([good, { ...good, id: 'a2', subjectIds: ['pc-1', 'pc-2'], category: 'C1', standards: [] }], 'allegations', ['pc-1', 'pc-2'])).toBeNull();
  });

  it('an unknown category is refused naming the field and the guidance', () => {
    expect(checkAllegations([good, { ...good, id: 'a2', category: 'Z9' as never }], 'allegations', ['pc-1'])).toMatchObject({ field: 'allegations[1].category', rule: 'allegation-category-known' });
  });

  it('an allegation against someone who is not a subject of the matter is refused', () => {
    expect(checkAllegations([{ ...good, subjectIds: ['pc-9'] }], 'allegations', ['pc-1'])).toMatchObject({ field: 'allegations[0].subjectIds', rule: 'allegation-against-subjects' });
    expect(checkAllegations([{ ...good, subjectIds: [] }], 'allegations', ['pc-1'])).toMatchObject({ field: 'allegations[0].subjectIds' });
  });

  it('an id used twice, nothing alleged, or a standard not in Schedule 2 is refused', () => {
    expect(checkAllegations([good, good], 'allegations', ['pc-1'])).toMatchObject({ field: 'allegations[1].id', rule: 'allegation-id-unique' });
    expect(checkAllegations([good], 'allegation', ['pc-1'], ['a1'])).toMatchObject({ field: 'allegation[0].id', rule: 'allegation-id-unique' });
    expect(checkAllegations([{ ...good, alleged: ' ' }], 'allegations', ['pc-1'])).toMatchObject({ field: 'allegations[0].alleged' });
    expect(checkAllegations([{ ...good, standards: ['kindness' as never] }], 'allegations', ['pc-1'])).toMatchObject({ field: 'allegations[0].standards', regulation: 'CR Sch 2' });
  });
});

describe('decisions naming allegations', () => {
  const matter = [{ id: 'a1', subjectIds: ['pc-1'] }, { id: 'a2', subjectIds: ['pc-1', 'pc-2'] }];

  it('a decision may name the allegations against its subject, and no others', () => {
    expect(checkAllegationsNamed(['a1', 'a2'], 'allegations', matter, 'pc-1')).toBeNull();
    expect(checkAllegationsNamed(['a9'], 'allegations', matter, 'pc-1')).toMatchObject({ field: 'allegations[0]', rule: 'allegation-known' });
    expect(checkAllegationsNamed(['a1'], 'allegations', matter, 'pc-2')).toMatchObject({ field: 'allegations[0]', rule: 'allegation-against-subject' });
  });

  it('an outcome\'s findings are in the outcome stage\'s terms, one per allegation', () => {
    expect(checkAllegationFindings([{ allegationId: 'a2', finding: 'misconduct' }], 'allegationFindings', matter, 'pc-2')).toBeNull();
    expect(checkAllegationFindings([{ allegationId: 'a3', finding: 'misconduct' }], 'allegationFindings', matter, 'pc-2')).toMatchObject({ field: 'allegationFindings[0].allegationId', rule: 'allegation-known' });
    expect(checkAllegationFindings([{ allegationId: 'a2', finding: 'proven' as never }], 'allegationFindings', matter, 'pc-2')).toMatchObject({ field: 'allegationFindings[0].finding', regulation: 'CR reg 41(15)' });
    expect(allegationProven('gross-misconduct')).toBe(true);
    expect(allegationProven('neither')).toBe(false);
  });
});

describe('which decisions carry allegations', () => {
  it('severity, its revision and case to answer name them, an outcome finds on them; a withdrawal does neither', () => {
    expect(checkAllegationFieldsOfDecision('case-to-answer', { allegations: ['a1'] })).toBeNull();
    expect(checkAllegationFieldsOfDecision('outcome', { allegationFindings: [] })).toBeNull();
    expect(checkAllegationFieldsOfDecision('withdrawal', { allegations: ['a1'] })).toMatchObject({ field: 'allegations', rule: 'allegations-named-by' });
    expect(checkAllegationFieldsOfDecision('case-to-answer', { allegationFindings: [] })).toMatchObject({ field: 'allegationFindings' });
    expect(checkAllegationFieldsOfDecision('withdrawal', {})).toBeNull();
  });

  it('an appeal allowed may find on the allegations afresh; one dismissed leaves the findings as they were (CR reg 47)', () => {
    expect(checkAllegationFieldsOfDecision('appeal-determination', { result: 'allowed', allegationFindings: [] })).toBeNull();
    expect(checkAllegationFieldsOfDecision('appeal-determination', { result: 'dismissed', allegationFindings: [] })).toMatchObject({
      field: 'allegationFindings', rule: 'allegation-findings-with-outcome', regulation: 'CR reg 41(15) / CR reg 47', reason: expect.stringContaining('appeal dismissed'),
    });
    expect(checkAllegationFieldsOfDecision('appeal-determination', { result: 'dismissed' })).toBeNull();
  });
});
