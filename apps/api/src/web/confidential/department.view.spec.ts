import { identityOf, type MatterRow } from '../matter/matter.view';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ReferMatterDto } from '../../matters/matters.dto';
import { conductMatterReferral, recordPage, referralFieldErrors, reportRows } from './department.view';

const record = (over: Record<string, unknown> = {}) => ({
  reference: 'CR-0123456789YZ', forceId: 'north', receivedOn: '2024-03-01', account: 'He took <cash>', about: null, hasIdentity: true,
  status: 'received' as const, assessment: null, matterReference: null, questions: [], trail: [], ...over,
}) as unknown as Parameters<typeof recordPage>[0];

describe("the department's confidential report pages", () => {
  it('offer the identity only to administrators, and only when the reporter gave one', () => {
    expect(recordPage(record(), 'administrator').mayReadIdentity).toBe(true);
    expect(recordPage(record(), 'appropriate-authority').mayReadIdentity).toBe(false);
    expect(recordPage(record({ hasIdentity: false }), 'administrator').mayReadIdentity).toBe(false);
  });

  it('show the assessment with its regulation and rationale, and the matter it became, and no longer offer to assess it', () => {
    const page = recordPage(record({ status: 'conduct-matter', matterReference: 'M-1', assessment: { assessment: 'conduct-matter-indicated', rationale: 'theft', by: 'aa-1', at: '2024-03-02T10:00:00Z' } }), 'case-officer');
    const text = JSON.stringify(page.facts);
    expect(text).toContain('It indicates a conduct matter (PRA 2002 s.12(2), Sch 3 para 11). Why: theft');
    expect(text).toContain('href=\\"/matter/M-1\\"');
    expect(page.mayAssess).toBe(false);
    expect(page.assessmentItems.find((i) => i.checked)?.value).toBe('conduct-matter-indicated');
  });

  it('list each report with what waits on the reporter', () => {
    const rows = reportRows([{ reference: 'CR-0123456789YZ', receivedOn: '2024-03-01', about: null, status: 'assessed', questionsUnanswered: 2 } as never]);
    expect(rows[0].map((c) => ('text' in c ? c.text : c.html))).toEqual([expect.stringContaining('/psd/confidential-reports/CR-0123456789YZ'), '1 March 2024', 'Not said', 'Assessed', '2 waiting']);
  });
});

describe('a matter made from a confidential report', () => {
  it("names the report in the matter's identity bar; a matter made otherwise does not", () => {
    const m = { reference: 'M-1', kind: 'conduct-matter', forceId: 'north', appropriateAuthority: 'Chief Constable', modeOfInvestigation: null, regime: 'conduct-regulations', ruleSet: null } as unknown as MatterRow;
    expect(identityOf({ ...m, confidentialReport: 'CR-0123456789YZ' }).find((f) => f.label === 'From confidential report')?.value).toBe('CR-0123456789YZ');
    expect(identityOf(m).some((f) => f.label === 'From confidential report')).toBe(false);
  });
});

describe("the department's conduct matter form", () => {
  it('is offered once the report is assessed as indicating a conduct matter, to roles that may refer, and not after it became one', () => {
    const assessed = { assessment: { assessment: 'conduct-matter-indicated', rationale: 'x', by: 'aa', at: '2024-03-02T10:00:00Z' } };
    expect(recordPage(record(assessed), 'case-officer').mayReferConductMatter).toBe(true);
    expect(recordPage(record(), 'case-officer').mayReferConductMatter).toBe(false);
    expect(recordPage(record({ ...assessed, matterReference: 'M-1' }), 'case-officer').mayReferConductMatter).toBe(false);
  });

  it("makes a referral of the form's fields, received on the day the report came, and names its errors by the form's fields", async () => {
    const referral = conductMatterReferral({ matterReference: ' M-9 ', kind: 'conduct-matter', appropriateAuthority: 'Chief Constable', subjectId: 'ps-1', subjectKind: 'police-officer', rank: '' }, { forceId: 'north', receivedOn: '2024-03-01', reference: 'CR-0123456789YZ' });
    expect(referral).toEqual({ reference: 'M-9', kind: 'conduct-matter', forceId: 'north', appropriateAuthority: 'Chief Constable', receivedOn: '2024-03-01', summary: 'From confidential report CR-0123456789YZ', subjects: [{ subjectId: 'ps-1', kind: 'police-officer', rank: undefined, warrantNumber: undefined }] });
    const errors = await validate(plainToInstance(ReferMatterDto, conductMatterReferral({ kind: 'complaint', subjectKind: 'robot' }, { forceId: 'north', receivedOn: '2024-03-01', reference: 'CR-0123456789YZ' })));
    expect(Object.keys(referralFieldErrors(errors)).sort()).toEqual(['appropriateAuthority', 'matterReference', 'subjectId', 'subjectKind']);
  });
});
