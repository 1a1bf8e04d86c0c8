import { mustReferToIopc, RECORDABLE_CATEGORIES, regimeFor, SUBJECT_KIND_RULES, SUBJECT_KINDS } from './kinds';

describe('regimes', () => {
  it('an internal conduct matter is investigated under the Conduct Regulations; everything else under Schedule 3', () => {
    expect(regimeFor('conduct-matter')).toBe('conduct-regulations');
    expect(regimeFor('complaint')).toBe('schedule-3');
    expect(regimeFor('recordable-conduct-matter')).toBe('schedule-3');
    expect(regimeFor('dsi-matter')).toBe('schedule-3');
  });
});

describe('mandatory referral to the IOPC', () => {
  it('every DSI matter is referred', () => {
    expect(mustReferToIopc('dsi-matter', [])).toMatchObject({ required: true, regulation: 'PRA 2002 Sch 3 para 14C' });
  });

  it('a complaint alleging a serious assault is referred under CMR reg 4', () => {
    expect(mustReferToIopc('complaint', ['serious-assault'])).toMatchObject({ required: true, regulation: 'CMR reg 4(1)(a)(i)' });
  });

  it('a recordable conduct matter of serious corruption, such as the crime-scene photographs case, is referred', () => {
    expect(mustReferToIopc('recordable-conduct-matter', ['serious-corruption'])).toMatchObject({
      required: true,
      regulation: 'PRA 2002 Sch 3 para 13(1)(b); CMR reg 7(1)(c)',
    });
  });

  it('a death or serious injury makes referral mandatory', () => {
    expect(mustReferToIopc('complaint', ['death-or-serious-injury'])).toMatchObject({ required: true, regulation: 'PRA 2002 Sch 3 para 4(1)(a)' });
  });

  it('gravity alone makes a matter recordable but referral is a choice', () => {
    expect(mustReferToIopc('recordable-conduct-matter', ['gravity-or-exceptional-circumstances']).required).toBe(false);
  });

  it('an internal conduct matter is not referred', () => {
    expect(mustReferToIopc('conduct-matter', [])).toMatchObject({ required: false, regulation: 'CMR reg 7' });
  });

  it('a conduct matter found to involve a serious assault is recordable and so referred', () => {
    expect(mustReferToIopc('conduct-matter', ['serious-assault'])).toMatchObject({ required: true, regulation: 'PRA 2002 Sch 3 para 13(1)(b); CMR reg 7(1)(a)' });
  });

  it('each category of CMR reg 7(1) cites its sub-paragraph', () => {
    expect(Object.values(RECORDABLE_CATEGORIES).map((c) => c.regulation)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((p) => `CMR reg 7(1)(${p})`),
    );
  });
});

describe('kinds of subject and the two lists (BL&AL Regs regs 3 and 12)', () => {
  it('special constables are governed by the Conduct Regulations as officers are; designated police volunteers and police staff by their force', () => {
    expect(SUBJECT_KINDS).toEqual(['police-officer', 'police-staff', 'special-constable', 'designated-police-volunteer']);
    expect(SUBJECT_KINDS.filter((k) => SUBJECT_KIND_RULES[k].conductRegulations)).toEqual(['police-officer', 'special-constable']);
    expect(SUBJECT_KINDS.filter((k) => SUBJECT_KIND_RULES[k].suspension)).toEqual(['police-officer', 'special-constable']);
  });

  it('a designated police volunteer is reported to the advisory list (reg 12(2)(f), confirmed), and not to the barred list (unconfirmed)', () => {
    expect(SUBJECT_KIND_RULES['designated-police-volunteer'].advisoryList).toMatchObject({ applies: true, regulation: 'BL&AL Regs reg 12(2)(f)', status: 'C' });
    expect(SUBJECT_KIND_RULES['designated-police-volunteer'].barredList).toMatchObject({ applies: false, status: 'U' });
  });

  it('every kind the engine knew before keeps both lists, so no running track changes; what is not confirmed says so', () => {
    for (const k of ['police-officer', 'police-staff'] as const) expect([SUBJECT_KIND_RULES[k].advisoryList.applies, SUBJECT_KIND_RULES[k].barredList.applies]).toEqual([true, true]);
    for (const k of SUBJECT_KINDS) {
      for (const list of [SUBJECT_KIND_RULES[k].advisoryList, SUBJECT_KIND_RULES[k].barredList]) {
        if (list.status !== 'C') expect(list.source).toBeDefined();
      }
    }
  });
});
