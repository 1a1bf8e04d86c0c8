import {
  CONFIDENTIAL_REFERENCE,
  CONFIDENTIAL_REPORT_GRANTS,
  confidentialReference,
  confidentialReportStatus,
  mayUseConfidentialReports,
  normaliseConfidentialReference,
  refuseAnswer,
  refuseConductMatter,
} from './confidential-reports';

describe('a confidential report becomes a conduct matter only once assessed as one (PRA 2002 s.12(2), Sch 3 para 11)', () => {
  const assessed = { assessment: 'conduct-matter-indicated', matterReference: null };

  it('a report assessed as indicating a conduct matter may become a conduct matter or a recordable one', () => {
    expect(refuseConductMatter(assessed, 'conduct-matter')).toBeNull();
    expect(refuseConductMatter(assessed, 'recordable-conduct-matter')).toBeNull();
  });

  it('a report not yet assessed, or assessed otherwise, is refused naming the rule', () => {
    expect(refuseConductMatter({ assessment: null, matterReference: null }, 'conduct-matter')).toMatchObject({ status: 409, rule: 'confidential-report-assessed-first', reason: expect.stringMatching(/not yet assessed/) });
    expect(refuseConductMatter({ assessment: 'no-conduct-matter', matterReference: null }, 'conduct-matter')).toMatchObject({ rule: 'confidential-report-assessed-first', reason: expect.stringMatching(/'no-conduct-matter'/) });
  });

  it('a complaint or a DSI matter is refused: a colleague reporting is not a complainant', () => {
    expect(refuseConductMatter(assessed, 'complaint')).toMatchObject({ status: 409, rule: 'confidential-report-conduct-kind', reason: expect.stringMatching(/^kind:/) });
    expect(refuseConductMatter(assessed, 'dsi-matter')).toMatchObject({ rule: 'confidential-report-conduct-kind' });
  });

  it('a report already turned into a matter is not turned again', () => {
    expect(refuseConductMatter({ ...assessed, matterReference: 'M-1' }, 'conduct-matter')).toMatchObject({ rule: 'confidential-report-one-matter', reason: expect.stringMatching(/M-1/) });
  });

  it('its status follows what was recorded', () => {
    expect(confidentialReportStatus({ assessment: null, matterReference: null })).toBe('received');
    expect(confidentialReportStatus({ assessment: 'more-information-needed', matterReference: null })).toBe('assessed');
    expect(confidentialReportStatus({ assessment: 'conduct-matter-indicated', matterReference: 'M-1' })).toBe('conduct-matter');
  });
});

describe("the reporter's answers", () => {
  it('a question is answered once; an unknown question is not found, naming the field', () => {
    expect(refuseAnswer({ answer: null }, '3')).toBeNull();
    expect(refuseAnswer({ answer: 'it was Tuesday' }, '3')).toMatchObject({ status: 409, rule: 'confidential-question-answered-once' });
    expect(refuseAnswer(undefined, '9')).toMatchObject({ status: 404, reason: expect.stringMatching(/^questionId:/) });
  });
});

describe('references', () => {
  it('a reference is CR- and twelve characters of Crockford base 32, from the random bytes given', () => {
    const r = confidentialReference(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 30, 31, 99]));
    expect(r).toBe('CR-0123456789YZ');
    expect(r).toMatch(CONFIDENTIAL_REFERENCE);
    for (let i = 0; i < 50; i++) expect(confidentialReference(Uint8Array.from({ length: 12 }, () => Math.floor(Math.random() * 256)))).toMatch(CONFIDENTIAL_REFERENCE);
    expect(() => confidentialReference(new Uint8Array(4))).toThrow(/12 random bytes/);
  });

  it('a reference typed by hand is forgiven its case, spaces and look-alike letters', () => {
    expect(normaliseConfidentialReference(' cr-0123 4567 89yz ')).toBe('CR-0123456789YZ');
    expect(normaliseConfidentialReference('CRO1234567890')).toBe('CR-01234567890');
    expect(normaliseConfidentialReference('cr-oi23456789yz')).toBe('CR-0123456789YZ');
  });
});

describe('who may use confidential reports', () => {
  it("only administrators read a reporter's identity; the department's roles work the reports; investigators and oversight do not", () => {
    expect(CONFIDENTIAL_REPORT_GRANTS['confidential-reporter-identity'].roles).toEqual(['administrator']);
    expect(mayUseConfidentialReports('appropriate-authority', 'confidential-reporter-identity')).toBe(false);
    expect(mayUseConfidentialReports('case-officer', 'confidential-report')).toBe(true);
    expect(mayUseConfidentialReports('investigator', 'confidential-report')).toBe(false);
    expect(mayUseConfidentialReports('oversight', 'confidential-report')).toBe(false);
  });
});
