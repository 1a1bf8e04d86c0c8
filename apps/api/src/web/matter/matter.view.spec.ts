import { addCalendarDays, londonDateOf } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { actionInWords, allegationsOf, bannersOf, identityOf, listReportsOf, openDeadlines, subjectOf, timelineOf, timelinessOf, type AuditRow, type DeadlineRow, type MatterRow } from './matter.view';

const calendar = englandAndWalesCalendar();
const now = new Date();
const today = londonDateOf(now.getTime());
const due = (days: number, over: Partial<DeadlineRow> = {}): DeadlineRow => {
  const date = calendar.addWorkingDays(today, days);
  return { key: `k${days}`, ruleId: 'representations', name: `Deadline ${days}`, regulation: 'CR reg 18 / CMR reg 20', dueDate: date, dueAt: `${date}T22:59:59.999Z`, status: 'open', extensions: [], ...over };
};

const audit = (id: number, over: Partial<AuditRow>): AuditRow => ({
  id,
  subjectId: null,
  actor: 'aa-1',
  actorRole: 'appropriate-authority',
  action: 'decision:severity-assessment',
  rule: 'severity-assessment-first',
  regulation: 'CR reg 14 / CMR reg 16',
  occurredAt: '2026-01-05T10:00:00.000Z',
  recordedAt: '2026-01-05T10:00:02.000Z',
  details: {},
  ...over,
});

describe("a matter's page", () => {
  it('the identity bar names the reference, kind, force, appropriate authority, mode of investigation, regime and rule set', () => {
    const m = { reference: 'PSD-1', kind: 'conduct-matter', forceId: 'north', appropriateAuthority: 'Chief Constable', modeOfInvestigation: null, iopcReferralRequired: false, regime: 'conduct-regulations', ruleSet: { ruleSet: 'rules-2025' } } as unknown as MatterRow;
    const facts = Object.fromEntries(identityOf(m).map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({ Reference: 'PSD-1', Force: 'north', 'Appropriate authority': 'Chief Constable', 'Mode of investigation': 'Local (not referred to the IOPC)', Regime: 'Police (Conduct) Regulations 2020' });
    expect(facts['Rule set']).toMatch(/2025/);
    expect(facts).toMatchObject({ 'Case officer': 'Unallocated', Investigator: 'None appointed' });
    const allocated = Object.fromEntries(identityOf({ ...m, caseOfficer: 'co-1', investigator: { investigator: { id: 'ds-7' } } }).map((f) => [f.label, f.value]));
    expect(allocated).toMatchObject({ 'Case officer': 'co-1', Investigator: 'ds-7' });
  });

  it('open deadlines come soonest first, each with its words, regulation, rule status from the rules table and its extensions; met ones are left out', () => {
    // The projection's driver gives the instants as Dates.
    const rows = [due(10, { dueAt: new Date(`${calendar.addWorkingDays(today, 10)}T22:59:59.999Z`) }), due(2, { extensions: [{ from: '2026-01-01', to: '2026-01-08', reason: 'Officer ill', agreedBy: 'the investigator' }] }), due(1, { status: 'met' })];
    const views = openDeadlines(rows, now, calendar);
    expect(views.map((v) => v.name)).toEqual(['Deadline 2', 'Deadline 10']);
    expect(views[0]).toMatchObject({ ruleStatus: '[S]', regulation: 'CR reg 18 / CMR reg 20', urgency: 'soon', words: expect.stringContaining('2 working days left') });
    expect(views[0].extensions).toEqual(['Extended from 1 January 2026 to 8 January 2026: Officer ill (agreed by the investigator)']);
  });

  it("a subject's flags: suspended, left the service, held for criminal proceedings, warning live until", () => {
    const liveUntil = addCalendarDays(today, 300);
    const s = subjectOf(
      { subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', stage: 'investigation', severity: 'gross-misconduct', status: { suspended: true, leftService: { how: 'resigned', on: '2026-01-02' }, heldForCriminalProceedings: true, warningLiveUntil: liveUntil, warningExpired: false }, deadlines: [] },
      now,
      calendar,
    );
    expect(s.flags.map((f) => f.text)).toEqual(['Suspended', 'Left the service', 'Held for criminal proceedings', expect.stringMatching(/^Warning live until \d+ \w+ \d{4}$/)]);
    expect(s.facts.find((r) => r.key.text === 'Severity')?.value.text).toBe('Gross misconduct');
    expect(s.facts.find((r) => r.key.text === 'Outcome')?.value.text).toBe('Not recorded');
  });

  it('a breached deadline and a list report not yet delivered each raise a banner', () => {
    const past = addCalendarDays(today, -7);
    const breached = openDeadlines([due(0, { name: 'Deadline -2', dueDate: past, dueAt: `${past}T22:59:59.999Z`, status: 'missed' })], now, calendar);
    const reports = listReportsOf([{ id: 1, subjectId: 'pc-1', purpose: 'advisory-list-report', recipient: 'college', status: 'pending', attempts: 0, createdAt: now.toISOString() }, { id: 2, subjectId: null, purpose: 'reminder', recipient: 'aa', status: 'pending', attempts: 0, createdAt: now.toISOString() }]);
    expect(reports).toHaveLength(1);
    const banners = bannersOf(breached, [], reports);
    expect(banners).toEqual([expect.stringMatching(/^Deadline breached: Deadline -2 \(the matter, CR reg 18/), expect.stringMatching(/^Advisory list report for pc-1 is not yet delivered/)]);
    expect(bannersOf(openDeadlines([due(10)], now, calendar), [], [])).toEqual([]);
    const owed = openDeadlines([due(5, { key: 'advisory-list-report', ruleId: 'advisoryListReport', name: 'Report to the College of Policing for the advisory list', regulation: 'BL&AL Regs reg 12' })], now, calendar);
    expect(bannersOf([], [{ subjectId: 'pc-1', heading: 'PC pc-1', facts: [], flags: [], deadlines: owed }], [])).toEqual([
      expect.stringMatching(/^A list report is due: Report to the College of Policing for the advisory list \(pc-1, BL&AL Regs reg 12\)\. Due .* 5 working days left\.$/),
    ]);
  });
});

describe('the timeline from the audit trail', () => {
  it('is newest first by when it happened, naming who, the rule and regulation, and the rationale', () => {
    const items = timelineOf([
      audit(1, { action: 'referral', actor: 'co-1', actorRole: 'case-officer', occurredAt: '2026-01-02T09:00:00.000Z', recordedAt: '2026-01-02T09:00:00.000Z', rule: null, regulation: null }),
      audit(2, { subjectId: 'pc-1', details: { severity: 'misconduct', rationale: 'Struck a <detainee>' } }),
    ]);
    expect(items.map((i) => i.label.text)).toEqual(['Decision: severity assessment', 'Matter referred']);
    expect(items[0]).toMatchObject({ byline: { text: 'aa-1 (appropriate authority)' }, datetime: { timestamp: '2026-01-05T10:00:00.000Z', type: 'datetime' } });
    expect(items[0].lines).toEqual(['Subject: pc-1', 'Rule: severity-assessment-first, CR reg 14 / CMR reg 16', 'Rationale: Struck a <detainee>']);
    // Escaped for the timeline's HTML description.
    expect(items[0].html).toContain('Struck a &lt;detainee&gt;');
  });

  it('shows when a step was recorded, when that was later than it happened', () => {
    const [item] = timelineOf([audit(3, { action: 'event:interview-held', occurredAt: '2026-01-05T10:00:00.000Z', recordedAt: '2026-01-09T15:30:00.000Z' })]);
    expect(item.label.text).toBe('Interview');
    expect(item.lines).toContain('Recorded 9 January 2026 at 15:30');
  });

  it('an allocation says to whom, and a reallocation from whom', () => {
    const items = timelineOf([
      audit(5, { action: 'allocation:case-officer', rule: null, regulation: null, details: { from: null, to: 'co-1' } }),
      audit(6, { action: 'reallocation:case-officer', subjectId: 'pc-1', rule: null, regulation: null, details: { from: 'co-1', to: 'co-2' } }),
    ]);
    expect(items.map((i) => [i.label.text, i.lines])).toEqual([
      ['Case officer reallocated', ['Subject: pc-1', 'Case officer: co-2, before: co-1']],
      ['Case officer allocated', ['Case officer: co-1']],
    ]);
  });

  it("the engine's own steps are by the engine", () => {
    const [item] = timelineOf([audit(4, { action: 'deadline-missed:representations', actor: 'system', actorRole: 'system' })]);
    expect(item.byline.text).toBe('the engine');
    expect(actionInWords('deadline-missed:representations')).toBe('Deadline missed representations');
  });
});

describe("the matter page's allegations", () => {
  it('each allegation by its IOPC category code and name, whom it is against, the standards and the findings in words', () => {
    const [a] = allegationsOf([{ id: 'a1', alleged: 'pushed the complainant', category: 'B4', standards: ['use-of-force'], subjectIds: ['pc-1', 'pc-2'], findings: [{ subjectId: 'pc-1', finding: 'gross-misconduct' }, { subjectId: 'pc-2', finding: null }] }]);
    expect(a).toEqual({ id: 'a1', alleged: 'pushed the complainant', category: 'B4 Use of force', against: 'pc-1, pc-2', standards: 'Use of force', findings: 'pc-1: Gross misconduct' });
    expect(allegationsOf(undefined)).toEqual([]);
  });
});

describe("the matter's timeliness reports in words", () => {
  it("a complaint's reports run from the day it was made; each report answered says whether it was withheld, and each officer's copy", () => {
    const view = timelinessOf({
      kind: 'complaint', receivedOn: '2021-03-10', complaintMadeOn: '2021-02-01', timelinessStartsOn: '2021-02-01',
      timelinessReports: [
        { key: 'timeliness-report-1', dueDate: '2022-02-01', withheld: { on: '2022-01-20', from: ['local-policing-body'], reason: 'a covert line of inquiry', regulation: 'CMR reg 13' }, sent: { on: '2022-01-25', officerCopies: [{ subjectId: 'pc-1', sent: true }, { subjectId: 'pc-2', sent: false, withheldReason: 'it would identify a witness' }] } },
      ],
    });
    expect(view.startsOn).toBe('1 February 2021');
    expect(view.why).toBe('the day the complaint was made (CMR reg 13)');
    expect(view.reports).toEqual([{
      due: '1 February 2022',
      lines: [
        'Withheld from the local policing body on 20 January 2022 (CMR reg 13): a covert line of inquiry',
        'Sent on 25 January 2022',
        'Copy to pc-1 sent',
        'Copy to pc-2 withheld under the harm test (CR reg 19(4)): it would identify a witness',
      ],
    }]);
  });

  it("a conduct matter's run from the day it came to the appropriate authority's attention, as does a matter projected before the start was kept", () => {
    expect(timelinessOf({ kind: 'conduct-matter', receivedOn: '2021-03-10' })).toEqual({ startsOn: '10 March 2021', why: "the day it came to the appropriate authority's attention", reports: [] });
  });
});
