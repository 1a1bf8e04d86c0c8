import { daysFromToday } from '../../../../../test/support/dates';
import { allegationsFromForm, blankReferral, checkReferral, checkYourAnswers, isoDateOf, matterAnswersFromForm, referralDtoOf, subjectsFromForm, type ReferralAnswers } from './referral';

const dateParts = (iso: string) => ({ year: iso.slice(0, 4), month: String(Number(iso.slice(5, 7))), day: String(Number(iso.slice(8, 10))) });

function answers(): ReferralAnswers {
  return {
    matter: {
      reference: 'PSD-2026-0001',
      kind: 'conduct-matter',
      forceId: 'demo-force',
      appropriateAuthority: 'Chief Constable',
      receivedOn: dateParts(daysFromToday(-3)),
      recordableCategories: [],
      summary: '',
    },
    subjects: [
      { subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: '1234', name: 'Jane Example', dateOfBirth: { day: '29', month: '2', year: '1980' }, finalWrittenWarningLive: true, finalWrittenWarningLiveSource: 'PSD paper file 2019/44' },
      { subjectId: 'staff-1', kind: 'police-staff', rank: '', warrantNumber: '', name: '', dateOfBirth: { day: '', month: '', year: '' }, finalWrittenWarningLive: false, finalWrittenWarningLiveSource: '' },
    ],
    allegations: [{ alleged: 'looked up a neighbour on the police national computer', category: 'G1', subjectIds: ['pc-1', 'staff-1'], standards: ['confidentiality'] }],
  };
}

describe('referring a matter through the question pages', () => {
  it('turns the answers into the API’s referral, leaving out what was left blank', () => {
    expect(referralDtoOf(answers())).toEqual({
      reference: 'PSD-2026-0001',
      kind: 'conduct-matter',
      forceId: 'demo-force',
      appropriateAuthority: 'Chief Constable',
      receivedOn: daysFromToday(-3),
      subjects: [
        { subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: '1234', name: 'Jane Example', dateOfBirth: '1980-02-29', finalWrittenWarningLive: true, finalWrittenWarningLiveSource: 'PSD paper file 2019/44' },
        { subjectId: 'staff-1', kind: 'police-staff' },
      ],
      allegations: [{ id: 'a1', alleged: 'looked up a neighbour on the police national computer', category: 'G1', subjectIds: ['pc-1', 'staff-1'], standards: ['confidentiality'] }],
    });
    expect(checkReferral(answers(), 'all')).toEqual({});
  });

  it('reads the add-another subjects by their index, in order, whatever order the form sends them', () => {
    const subjects = subjectsFromForm({
      'subjects[1][subjectId]': ' staff-1 ',
      'subjects[1][kind]': 'police-staff',
      'subjects[0][subjectId]': 'pc-1',
      'subjects[0][kind]': 'police-officer',
      'subjects[0][dobDay]': '29',
      'subjects[0][dobMonth]': '2',
      'subjects[0][dobYear]': '1980',
      'subjects[0][finalWrittenWarningLive]': 'true',
      'subjects[0][finalWrittenWarningLiveSource]': ' PSD paper file ',
      'subjects[0][constructor]': 'ignored',
      _csrf: 'x',
    });
    expect(subjects.map((s) => [s.subjectId, s.kind, isoDateOf(s.dateOfBirth), s.finalWrittenWarningLive, s.finalWrittenWarningLiveSource])).toEqual([
      ['pc-1', 'police-officer', '1980-02-29', true, 'PSD paper file'],
      ['staff-1', 'police-staff', '', false, ''],
    ]);
    expect(subjectsFromForm({})).toHaveLength(1);
  });

  it('keeps the force of the signed-in person unless they may choose it', () => {
    const body = { reference: 'R-1', forceId: 'another-force', recordableCategories: ['serious-assault', 'relevant-offence'] };
    expect(matterAnswersFromForm(body, 'own-force', true).forceId).toBe('own-force');
    expect(matterAnswersFromForm(body, 'own-force', false).forceId).toBe('another-force');
    expect(matterAnswersFromForm({ recordableCategories: 'serious-assault' }, 'f', true).recordableCategories).toEqual(['serious-assault']);
  });

  it('names each problem against its field, by the API’s own validation rules', () => {
    const a = blankReferral('demo-force');
    a.matter.reference = 'not a reference!';
    a.matter.receivedOn = dateParts(daysFromToday(2));
    expect(checkReferral(a, 'matter')).toEqual({
      reference: expect.stringMatching(/^Reference must be 1-64 letters/),
      kind: 'Select kind of matter',
      appropriateAuthority: 'Enter appropriate authority',
      'receivedOn-day': expect.stringMatching(/^Date the matter reached the appropriate authority must be a real date .*not in the future$/),
    });
    expect(checkReferral(a, 'subjects')).toEqual({ 'subjects-0-subjectId': 'Subject 1: Enter subject identifier', 'subjects-0-kind': 'Subject 1: Select officer or member of staff' });
  });

  it('refuses a date that does not exist, and a date of birth in the future', () => {
    const a = answers();
    a.matter.receivedOn = { day: '30', month: '2', year: '2025' };
    a.subjects[1].dateOfBirth = dateParts(daysFromToday(1));
    const errors = checkReferral(a, 'all');
    expect(Object.keys(errors)).toEqual(['receivedOn-day', 'subjects-1-dobDay']);
    expect(errors['subjects-1-dobDay']).toMatch(/^Subject 2: Date of birth must be a real date/);
  });

  it('reads the allegations by their index, with the subjects and standards ticked', () => {
    const list = allegationsFromForm({
      'allegations[1][alleged]': ' swore at the complainant ',
      'allegations[1][category]': 'C1',
      'allegations[1][subjectIds]': 'pc-1',
      'allegations[0][alleged]': 'pushed the complainant',
      'allegations[0][category]': 'B4',
      'allegations[0][subjectIds]': ['pc-1', 'staff-1'],
      'allegations[0][standards]': ['use-of-force'],
      _csrf: 'x',
    });
    expect(list).toEqual([
      { alleged: 'pushed the complainant', category: 'B4', subjectIds: ['pc-1', 'staff-1'], standards: ['use-of-force'] },
      { alleged: 'swore at the complainant', category: 'C1', subjectIds: ['pc-1'], standards: [] },
    ]);
    expect(allegationsFromForm({})).toHaveLength(1);
  });

  it('asks for at least one allegation, each with what is alleged, a category of the IOPC guidance and a subject of the referral', () => {
    const none = { ...answers(), allegations: [] };
    expect(checkReferral(none, 'allegations')).toEqual({ 'allegations-0-alleged': 'Add at least one allegation' });
    const blank = { ...answers(), allegations: [{ alleged: '', category: '', subjectIds: [], standards: [] }] };
    expect(checkReferral(blank, 'allegations')).toEqual({
      'allegations-0-alleged': 'Allegation 1: Enter what is alleged',
      'allegations-0-category': 'Allegation 1: Select the IOPC category',
      'allegations-0-subjectIds': 'Allegation 1: Select who it is alleged against',
    });
    const unknown = { ...answers(), allegations: [{ alleged: 'x', category: 'Z9', subjectIds: ['pc-1'], standards: [] }] };
    expect(checkReferral(unknown, 'allegations')).toEqual({ 'allegations-0-category': 'Allegation 1: Select the IOPC category' });
    const stranger = { ...answers(), allegations: [{ alleged: 'x', category: 'C1', subjectIds: ['pc-9'], standards: [] }] };
    expect(checkReferral(stranger, 'allegations')).toEqual({ 'allegations-0-subjectIds': 'Allegation 1: Who it is alleged against names no subject of this matter: pc-9' });
    // The subjects' page does not ask about allegations, nor the matter's.
    expect(checkReferral(none, 'subjects')).toEqual({});
  });

  it('shows the answers to check, each with a link to change it', () => {
    const shown = checkYourAnswers(answers());
    expect(shown.matter.find((r) => r.key === 'Kind of matter')).toEqual({ key: 'Kind of matter', value: 'Conduct matter', href: '/refer?change=check#kind' });
    expect(shown.matter.find((r) => r.key === 'Force')!.href).toBe('/refer?change=check#forceId');
    expect(checkYourAnswers(answers(), true).matter.find((r) => r.key === 'Force')!.href).toBe('');
    expect(shown.subjects.map((s) => s.heading)).toEqual(['Subject 1: Jane Example', 'Subject 2']);
    expect(shown.subjects[0].rows.find((r) => r.key === 'Date of birth')!.value).toBe('29 February 1980');
    expect(shown.subjects[1].rows.find((r) => r.key === 'Full name')).toEqual({ key: 'Full name', value: 'Not given', href: '/refer/subjects?change=check#subjects-1-name' });
    expect(shown.allegations[0].rows.find((r) => r.key === 'IOPC category')).toEqual({ key: 'IOPC category', value: 'G1 Use of police systems', href: '/refer/allegations?change=check#allegations-0-category' });
  });

  it("a complaint's made date goes with the referral, is checked against its receipt and its kind (CMR reg 13), and is shown to check", () => {
    const complaint = (madeDaysAgo: number, kind = 'complaint'): ReferralAnswers => {
      const a = answers();
      a.matter.kind = kind;
      a.matter.complaintMadeOn = dateParts(daysFromToday(madeDaysAgo));
      a.subjects[0].finalWrittenWarningLive = false;
      return a;
    };
    expect(referralDtoOf(complaint(-40))).toMatchObject({ kind: 'complaint', receivedOn: daysFromToday(-3), complaintMadeOn: daysFromToday(-40) });
    expect(checkReferral(complaint(-40), 'matter')).toEqual({});
    expect(checkReferral(complaint(-2), 'matter')).toEqual({ 'complaintMadeOn-day': 'Date the complaint was made must be the same as or before the date it reached the appropriate authority' });
    expect(checkReferral(complaint(-40, 'conduct-matter'), 'matter')).toEqual({ 'complaintMadeOn-day': 'Date the complaint was made: leave it blank unless the matter is a complaint' });
    expect(checkYourAnswers(complaint(-40)).matter.find((r) => r.key === 'Date the complaint was made')).toMatchObject({ href: '/refer?change=check#complaintMadeOn-day' });
    expect(matterAnswersFromForm({ 'complaintMadeOn-day': '1', 'complaintMadeOn-month': '2', 'complaintMadeOn-year': '2021' }, 'f', true).complaintMadeOn).toEqual({ day: '1', month: '2', year: '2021' });
  });
});
