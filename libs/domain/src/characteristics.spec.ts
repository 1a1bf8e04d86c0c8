import {
  AGE_BANDS,
  ETHNIC_GROUPS,
  ETHNICITIES,
  ETHNICITY_CODES,
  SEX_CODES,
  SEXES,
  ageBandOn,
  ageOn,
  checkAgeBands,
  characteristicFieldsGiven,
  checkCharacteristics,
  ethnicityInWords,
} from './characteristics';

const today = '2018-11-30';
const good = { sex: 'female', ethnicity: 'white-irish', dateOfBirth: '1982-05-17', source: 'HR system export 2026-11' };

describe('the lists of protected characteristics', () => {
  it('the census has 19 ethnic groups, each in one of its five high-level groups, and "not stated" besides', () => {
    const census = ETHNICITIES.filter((e) => e.code !== 'not-stated');
    expect(census).toHaveLength(19);
    expect(new Set(ETHNICITY_CODES).size).toBe(ETHNICITIES.length);
    for (const e of census) {
      expect(Object.keys(ETHNIC_GROUPS)).toContain(e.group);
      expect(e.code.startsWith(`${e.group}-`)).toBe(true);
    }
    expect(Object.keys(ETHNIC_GROUPS).map((g) => census.filter((e) => e.group === g).length)).toEqual([5, 3, 4, 5, 2]);
  });

  it('each value carries a status, and the sexes are female, male and not stated', () => {
    expect(SEX_CODES).toEqual(['female', 'male', 'not-stated']);
    for (const v of [...SEXES, ...ETHNICITIES, ...AGE_BANDS]) expect(['S', 'U']).toContain(v.status);
  });

  it('an ethnicity in words names its high-level group', () => {
    expect(ethnicityInWords('black-caribbean')).toBe('Black, Black British, Black Welsh, Caribbean or African: Caribbean');
    expect(ethnicityInWords('not-stated')).toBe('Not stated');
  });

  it('the age bands cover every age from 0 without a gap or an overlap', () => {
    for (let age = 0; age <= 120; age++) {
      expect(AGE_BANDS.filter((b) => age >= b.from && (b.to === null || age <= b.to))).toHaveLength(1);
    }
  });
});

describe('age on a day', () => {
  it('counts whole years: the birthday itself adds the year, the day before does not', () => {
    expect(ageOn('1982-05-17', '2018-05-16')).toBe(35);
    expect(ageOn('1982-05-17', '2018-05-17')).toBe(36);
    expect(ageOn('1982-12-31', '2019-01-01')).toBe(36);
  });

  it('a 29 February birthday counts from 1 March in a common year, and on the day in a leap year', () => {
    expect(ageOn('1992-02-29', '2018-02-28')).toBe(25);
    expect(ageOn('1992-02-29', '2018-03-01')).toBe(26);
    expect(ageOn('1992-02-29', '2020-02-29')).toBe(28);
  });

  it('puts the age in its band, at each edge', () => {
    expect(ageBandOn('1992-12-01', '2018-11-30')).toBe('under-26');
    expect(ageBandOn('1992-11-30', '2018-11-30')).toBe('26-35');
    expect(ageBandOn('1982-12-01', '2018-11-30')).toBe('26-35');
    expect(ageBandOn('1982-11-30', '2018-11-30')).toBe('36-45');
    expect(ageBandOn('1972-11-30', '2018-11-30')).toBe('46-55');
    expect(ageBandOn('1962-12-01', '2018-11-30')).toBe('46-55');
    expect(ageBandOn('1962-11-30', '2018-11-30')).toBe('56-and-over');
  });
});

describe('age bands configured in place of the defaults (HOME_OFFICE_AGE_BANDS)', () => {
  const tens = [{ code: 'under-30', from: 0, to: 29 }, { code: '30-and-over', from: 30, to: null }];

  it('the defaults pass their own check, and configured bands are used when given', () => {
    expect(checkAgeBands(AGE_BANDS, 'bands')).toEqual([]);
    expect(checkAgeBands(tens, 'bands')).toEqual([]);
    expect(ageBandOn('1989-12-01', '2018-11-30', tens)).toBe('under-30');
    expect(ageBandOn('1988-11-30', '2018-11-30', tens)).toBe('30-and-over');
  });

  it('a gap, an overlap, a closed last band, a code used twice or no list at all is refused naming where', () => {
    expect(checkAgeBands([{ code: 'a', from: 0, to: 20 }, { code: 'b', from: 22, to: null }], 'B')).toEqual([{ field: 'B[1].from', reason: expect.stringContaining('must be 21') }]);
    expect(checkAgeBands([{ code: 'a', from: 0, to: 20 }, { code: 'b', from: 20, to: null }], 'B').map((p) => p.field)).toEqual(['B[1].from']);
    expect(checkAgeBands([{ code: 'a', from: 0, to: 20 }, { code: 'a', from: 21, to: 90 }], 'B').map((p) => p.field)).toEqual(['B[1].code', 'B[1].to']);
    expect(checkAgeBands([{ code: 'a', from: 1, to: null }], 'B').map((p) => p.field)).toEqual(['B[0].from']);
    expect(checkAgeBands({}, 'B').map((p) => p.field)).toEqual(['B']);
  });
});

describe('protected characteristics given for a person', () => {
  it('all three with a source, or any one of them, are accepted', () => {
    expect(checkCharacteristics(good, today)).toBeNull();
    expect(checkCharacteristics({ sex: 'not-stated', source: 'self-declared' }, today)).toBeNull();
    expect(checkCharacteristics({ ethnicity: 'other-arab', source: 'self-declared' }, today)).toBeNull();
    expect(checkCharacteristics({ dateOfBirth: '1982-01-01', source: 'self-declared' }, today)).toBeNull();
  });

  it('none of them is refused', () => {
    expect(checkCharacteristics({ source: 'HR' }, today)).toMatchObject({ rule: 'characteristics-given' });
  });

  it('an unknown sex or ethnicity is refused naming the field and the values allowed', () => {
    expect(checkCharacteristics({ ...good, sex: 'F' }, today)).toMatchObject({ field: 'sex', rule: 'sex-known', reason: expect.stringContaining('female, male, not-stated') });
    expect(checkCharacteristics({ ...good, ethnicity: 'british' }, today)).toMatchObject({ field: 'ethnicity', rule: 'ethnicity-known', reason: expect.stringContaining('white-british') });
  });

  it('a date of birth that is not a real day, is after today, or makes the person under 16 is refused', () => {
    expect(checkCharacteristics({ ...good, dateOfBirth: '1982-02-30' }, today)).toMatchObject({ field: 'dateOfBirth', rule: 'date-of-birth-real' });
    expect(checkCharacteristics({ ...good, dateOfBirth: '17/05/1990' }, today)).toMatchObject({ field: 'dateOfBirth', rule: 'date-of-birth-real' });
    expect(checkCharacteristics({ ...good, dateOfBirth: '2018-12-01' }, today)).toMatchObject({ field: 'dateOfBirth', rule: 'date-of-birth-past' });
    expect(checkCharacteristics({ ...good, dateOfBirth: '2002-12-01' }, today)).toMatchObject({ field: 'dateOfBirth', rule: 'date-of-birth-serving-age' });
    expect(checkCharacteristics({ ...good, dateOfBirth: '2002-11-30' }, today)).toBeNull();
  });

  it('the source is required and at most 200 characters', () => {
    expect(checkCharacteristics({ ...good, source: undefined }, today)).toMatchObject({ field: 'source', rule: 'characteristics-source' });
    expect(checkCharacteristics({ ...good, source: '  ' }, today)).toMatchObject({ field: 'source' });
    expect(checkCharacteristics({ ...good, source: 'x'.repeat(201) }, today)).toMatchObject({ field: 'source', rule: 'characteristics-source-length' });
    expect(checkCharacteristics({ ...good, source: 'x'.repeat(200) }, today)).toBeNull();
  });

  it('names the fields given, never their values', () => {
    expect(characteristicFieldsGiven({ sex: 'male', dateOfBirth: '1982-01-01', source: 'HR' })).toEqual(['sex', 'dateOfBirth']);
  });
});
