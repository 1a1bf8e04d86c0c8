import { personPageOf } from './person.controller';
import type { PersonRecord } from '../../people/people.service';

describe("the person page's words", () => {
  const record = {
    id: '7', forceId: 'f1', numberKind: 'warrant-number', number: '4411',
    matters: [{ reference: 'M<1>', kind: 'conduct-matter', stage: 'closed', receivedOn: '2020-01-06', subject: { subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', stage: 'closed', severity: 'misconduct', caseToAnswer: 'misconduct', formOfProceedings: 'misconduct-meeting', outcome: 'final-written-warning', closedBecause: 'outcome' }, listReports: [] }],
    warnings: [{ matterReference: 'M<1>', subjectId: 'pc-1', warning: 'final-written-warning', liveUntil: '2022-01-04', live: true }],
    finalWrittenWarningLive: true,
    reducedInRank: [],
    characteristics: null,
    earlyIntervention: [{ ruleId: 'allegation-while-warning-live', words: 'a new allegation while a warning is live', matterReferences: ['M<2>', 'M<1>'], raisedOn: '2021-03-01' }],
  } as unknown as PersonRecord;

  it('names the person by their number, says the warning is live from the engine’s records, and links each matter (escaped)', () => {
    const page = personPageOf(record);
    expect(page.heading).toBe('Warrant number 4411');
    expect(page.facts[1].value.text).toMatch(/^Yes/);
    expect(page.matters[0][0]).toEqual({ html: '<a class="govuk-link" href="/matter/M%3C1%3E">M&#60;1&#62;</a>' });
    expect(page.warnings[0].map((c) => c.text)).toEqual(['Final written warning', 'M<1>', '4 January 2022', 'Live']);
    expect(page.earlyIntervention).toEqual([{ words: 'A new allegation while a warning is live', matters: ['M<2>', 'M<1>'], raisedOn: '1 March 2021', ruleId: 'allegation-while-warning-live' }]);
  });

  it('says the protected characteristics are not recorded, and links to the form to record them', () => {
    const page = personPageOf(record, '2024-11-30');
    expect(page.characteristics).toBeNull();
    expect(page.characteristicsHref).toBe('/person/7/characteristics');
  });
});
