import { checkPersonMatches, deriveFromEarlierOutcomes, personKeyOf, settleFinalWrittenWarning } from './people';
import { READ_GRANTS } from './grants';

describe('a person is their number in their force', () => {
  it('an officer is known by warrant number, police staff by their staff number; a subject without a number is nobody to match', () => {
    expect(personKeyOf('f1', { kind: 'police-officer', warrantNumber: ' 123 ' })).toEqual({ forceId: 'f1', numberKind: 'warrant-number', number: '123' });
    expect(personKeyOf('f1', { kind: 'police-staff', warrantNumber: 'S9' })).toEqual({ forceId: 'f1', numberKind: 'staff-number', number: 'S9' });
    expect(personKeyOf('f1', { kind: 'police-officer' })).toBeNull();
    expect(personKeyOf('f1', { kind: 'police-officer', warrantNumber: '  ' })).toBeNull();
  });

  it('a known officer referred again is matched, not refused', () => {
    expect(checkPersonMatches('f1', [{ subjectId: 'a', kind: 'police-officer', warrantNumber: '1' }], [{ forceId: 'f1', numberKind: 'warrant-number', number: '1' }])).toBeNull();
  });

  it('two subjects of one referral giving the same number are refused (400), naming the field', () => {
    const r = checkPersonMatches('f1', [{ subjectId: 'a', kind: 'police-officer', warrantNumber: '1' }, { subjectId: 'b', kind: 'police-officer', warrantNumber: '1' }], []);
    expect(r).toMatchObject({ status: 400, field: 'subjects[1].warrantNumber', rule: 'one-number-one-person' });
  });

  it('a number held by a person of another kind in the force is ambiguous (409); in another force it is another person', () => {
    const staff = { forceId: 'f1', numberKind: 'staff-number' as const, number: '7' };
    expect(checkPersonMatches('f1', [{ subjectId: 'a', kind: 'police-officer', warrantNumber: '7' }], [staff])).toMatchObject({ status: 409, field: 'subjects[0].warrantNumber', reason: expect.stringMatching(/ambiguous/) });
    expect(checkPersonMatches('f2', [{ subjectId: 'a', kind: 'police-officer', warrantNumber: '7' }], [staff])).toBeNull();
  });
});

describe('a final written warning recorded by the engine is live at the next referral (CR reg 42(5))', () => {
  const fww = (liveUntil: string | null, ref = 'M1') => ({ matterReference: ref, subjectId: 's', outcome: 'final-written-warning', warningLiveUntil: liveUntil });

  it('is live while its live-until date is on or after the new matter’s date', () => {
    expect(deriveFromEarlierOutcomes([fww('2021-01-10')], '2021-01-10')).toMatchObject({ finalWrittenWarningLive: true, liveWarning: { matterReference: 'M1', liveUntil: '2021-01-10' } });
    expect(deriveFromEarlierOutcomes([fww('2021-01-09')], '2021-01-10').finalWrittenWarningLive).toBe(false);
  });

  it('a warning not yet notified (no live-until date) and a written warning do not count', () => {
    expect(deriveFromEarlierOutcomes([fww(null), { matterReference: 'M2', subjectId: 's', outcome: 'written-warning', warningLiveUntil: '2024-01-01' }], '2021-01-10').finalWrittenWarningLive).toBe(false);
  });

  it('names the latest live warning, and every earlier reduction in rank', () => {
    const d = deriveFromEarlierOutcomes([fww('2021-05-01', 'M1'), fww('2022-05-01', 'M2'), { matterReference: 'M3', subjectId: 's', outcome: 'reduction-in-rank', warningLiveUntil: null }], '2021-01-10');
    expect(d.liveWarning?.matterReference).toBe('M2');
    expect(d.reducedInRank).toEqual([{ matterReference: 'M3', subjectId: 's' }]);
  });
});

describe('a tick is a value from before the engine, with its source', () => {
  const none = deriveFromEarlierOutcomes([], '2021-01-10');
  const live = deriveFromEarlierOutcomes([{ matterReference: 'M1', subjectId: 's', outcome: 'final-written-warning', warningLiveUntil: '2022-01-01' }], '2021-01-10');

  it('the engine’s records decide without a tick', () => {
    expect(settleFinalWrittenWarning(0, undefined, undefined, live)).toEqual({ finalWrittenWarningLive: true, source: 'engine-records' });
    expect(settleFinalWrittenWarning(0, false, undefined, live)).toEqual({ finalWrittenWarningLive: true, source: 'engine-records' });
    expect(settleFinalWrittenWarning(0, undefined, undefined, none)).toEqual({ finalWrittenWarningLive: false, source: 'none' });
  });

  it('a tick the records do not support needs its source, else it is refused naming the field and CR reg 42(5)', () => {
    expect(settleFinalWrittenWarning(2, true, undefined, none)).toEqual({ refused: expect.objectContaining({ field: 'subjects[2].finalWrittenWarningLiveSource', regulation: 'CR reg 42(5)' }) });
    expect(settleFinalWrittenWarning(0, true, 'paper file PSD/2019/44', none)).toEqual({ finalWrittenWarningLive: true, source: 'recorded-before-the-engine', sourceDetail: 'paper file PSD/2019/44' });
  });
});

describe("who may read a person's record", () => {
  it('the appropriate authority and administrators, not case officers or investigators', () => {
    expect([...READ_GRANTS.person.roles].sort()).toEqual(['administrator', 'appropriate-authority']);
  });
});
