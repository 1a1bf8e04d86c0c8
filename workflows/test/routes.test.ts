import { SubjectReferral } from '@conduct/workflows';
import { londonDateOf } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { missingFields } from '@conduct/notifications';
import { APPROPRIATE_AUTHORITY, freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const cal = englandAndWalesCalendar();
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());

/** Refers a conduct matter with the given subjects and waits until their tracks are running. */
async function referConduct(prefix: string, subjects: SubjectReferral[]): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: await today(), subjects });
  for (const s of subjects) await h.waitForSubject(reference, s.subjectId);
  return reference;
}

/** Assessment, notice, report and the case-to-answer decision. */
async function toCaseToAnswer(reference: string, subjectId: string, severity: 'misconduct' | 'gross-misconduct', caseToAnswer: 'misconduct' | 'gross-misconduct' | 'none' = severity) {
  await h.decide(reference, subjectId, { decision: 'severity-assessment', severity, occurredAt: await at() });
  await h.record(reference, subjectId, { event: 'notice-of-investigation-served', occurredAt: await at() });
  await h.record(reference, subjectId, { event: 'investigator-report-submitted', occurredAt: await at() });
  return h.decide(reference, subjectId, { decision: 'case-to-answer', caseToAnswer, occurredAt: await at() });
}

function rejection(p: Promise<unknown>): Promise<{ type?: string; message: string; rule?: string; regulation?: string }> {
  return p.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (e) => ({ type: e.cause?.type, message: e.cause?.message ?? e.message, ...(e.cause?.details?.[0] ?? {}) }),
  );
}

describe('misconduct hearings', () => {
  it('gross misconduct goes to a hearing; a dismissal queues exactly one barred-list report due 5 working days later', async () => {
    const reference = await referConduct('hearing', [{ subjectId: 'ps-1', kind: 'police-officer', rank: 'PS', warrantNumber: 'W-4471', name: 'Sam Sergeant', dateOfBirth: '1981-03-14' }]);
    let s = await toCaseToAnswer(reference, 'ps-1', 'gross-misconduct');
    expect(s.stage).toBe('misconduct-hearing');
    const served = await today();
    s = await h.record(reference, 'ps-1', { event: 'notice-of-referral-served', occurredAt: await at() });
    expect(s.openDeadlines.find((d) => d.ruleId === 'officerResponse')!.dueDate).toBe(cal.addWorkingDays(served, 15));
    await h.record(reference, 'ps-1', { event: 'officer-response-received', occurredAt: await at() });
    s = await h.record(reference, 'ps-1', { event: 'documents-supplied-to-chair', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.ruleId)).toContain('preHearing');
    await h.record(reference, 'ps-1', { event: 'pre-hearing-held', occurredAt: await at() });
    await h.record(reference, 'ps-1', { event: 'proceedings-held', occurredAt: await at() });
    const decidedOn = await today();
    s = await h.decide(reference, 'ps-1', {
      decision: 'outcome',
      outcome: 'dismissal-without-notice',
      conduct: 'Took cash seized as evidence',
      standardsBreached: ['honesty-and-integrity', 'discreditable-conduct'],
      publicationExemption: { requested: false },
      occurredAt: await at(),
    });
    const barred = s.openDeadlines.find((d) => d.ruleId === 'barredListReport')!;
    expect(barred.dueDate).toBe(cal.addWorkingDays(decidedOn, 5));
    expect(barred.regulation).toMatch(/reg 3/);
    const reports = (await h.outbox(reference)).filter((m) => m.purpose === 'barred-list-report');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ recipient: 'college-of-policing', subject_id: 'ps-1' });
    // Everything BL&AL Regs reg 3 asks for, so the dispatcher's field check passes it.
    expect(reports[0].payload).toMatchObject({
      fullName: 'Sam Sergeant',
      forceId: 'test-force',
      dateOfBirth: '1981-03-14',
      rank: 'PS',
      warrantNumber: 'W-4471',
      conduct: 'Took cash seized as evidence',
      standardsBreached: ['honesty-and-integrity', 'discreditable-conduct'],
      outcome: 'dismissal-without-notice',
      decidedOn,
      dueDate: barred.dueDate,
      earlierAdvisoryListReport: false,
      publicationExemption: { requested: false },
    });
    expect(missingFields('barred-list-report', reports[0].payload)).toEqual([]);
  });

  it('a dismissal recorded without the conduct, the standards breached or the publication-exemption answer queues a report the field check names as incomplete', async () => {
    const reference = await referConduct('hearing-gaps', [{ subjectId: 'ps-2', kind: 'police-officer', rank: 'PS', warrantNumber: 'W-4472' }]);
    await toCaseToAnswer(reference, 'ps-2', 'gross-misconduct');
    await h.record(reference, 'ps-2', { event: 'proceedings-held', occurredAt: await at() });
    const refused = await rejection(h.decide(reference, 'ps-2', { decision: 'outcome', outcome: 'dismissal-without-notice', standardsBreached: ['punctuality' as never], occurredAt: await at() }));
    expect(refused).toMatchObject({ rule: 'standards-of-professional-behaviour', regulation: 'CR Sch 2' });
    await h.decide(reference, 'ps-2', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: await at() });
    const [report] = (await h.outbox(reference)).filter((m) => m.purpose === 'barred-list-report');
    expect(missingFields('barred-list-report', report.payload)).toEqual(['fullName', 'dateOfBirth', 'conduct', 'standardsBreached', 'publicationExemption']);
  });

  it('a refused barred-list report is completed by the appropriate authority and queued again in full, once, while it is still owed', async () => {
    const reference = await referConduct('hearing-fix', [{ subjectId: 'ps-3', kind: 'police-officer', rank: 'PS', warrantNumber: 'W-4473' }]);
    await toCaseToAnswer(reference, 'ps-3', 'gross-misconduct');
    await h.record(reference, 'ps-3', { event: 'proceedings-held', occurredAt: await at() });
    await h.decide(reference, 'ps-3', { decision: 'outcome', outcome: 'dismissal-without-notice', conduct: 'Assault', occurredAt: await at() });
    const supply = { event: 'list-report-details-supplied' as const, report: 'barred-list-report' as const, actor: APPROPRIATE_AUTHORITY };
    const unknownField = await rejection(h.record(reference, 'ps-3', { ...supply, details: { shoeSize: 9 } as never, occurredAt: await at() }));
    expect(unknownField).toMatchObject({ rule: 'list-report-details-known', regulation: 'BL&AL Regs reg 3' });
    const wrongReport = await rejection(h.record(reference, 'ps-3', { ...supply, report: 'advisory-list-report', details: { fullName: 'Jo Sergeant' }, occurredAt: await at() }));
    expect(wrongReport).toMatchObject({ rule: 'list-report-completed-while-owed', regulation: 'BL&AL Regs reg 12' });
    const details = { fullName: 'Jo Sergeant', dateOfBirth: '1979-11-02', standardsBreached: ['use-of-force' as const], publicationExemption: { requested: true, grounds: 'risk to a child' } };
    await h.record(reference, 'ps-3', { ...supply, details, occurredAt: await at(), commandId: 'supply-1' });
    await h.record(reference, 'ps-3', { ...supply, details, occurredAt: await at(), commandId: 'supply-1' }); // a retry changes nothing
    const reports = (await h.outbox(reference)).filter((m) => m.purpose === 'barred-list-report');
    expect(reports).toHaveLength(2);
    expect(missingFields('barred-list-report', reports[1].payload)).toEqual([]);
    expect(reports[1].payload).toMatchObject({ ...details, conduct: 'Assault', rank: 'PS', warrantNumber: 'W-4473', correction: 1, completes: `${reference}:ps-3:barred-list-report` });
    const [line] = await h.db.query(`SELECT details FROM audit_entry WHERE matter_reference = $1 AND action = 'event:list-report-details-supplied'`, [reference]);
    // The audit trail names the fields supplied, never their values.
    expect(line.details).toMatchObject({ report: 'barred-list-report', fieldsSupplied: ['fullName', 'dateOfBirth', 'standardsBreached', 'publicationExemption'] });
    expect(JSON.stringify(line.details)).not.toContain('Jo Sergeant');
    await h.record(reference, 'ps-3', { event: 'barred-list-report-sent', occurredAt: await at() });
    const late = await rejection(h.record(reference, 'ps-3', { ...supply, details: { rank: 'Insp' }, occurredAt: await at() }));
    expect(late.rule).toBe('list-report-completed-while-owed');
  });

  it('misconduct goes to a hearing, not a meeting, where a final written warning was live at the assessment (reg 42(5))', async () => {
    const reference = await referConduct('fww', [{ subjectId: 'pc-2', kind: 'police-officer', finalWrittenWarningLive: true }]);
    const s = await toCaseToAnswer(reference, 'pc-2', 'misconduct');
    expect(s.stage).toBe('misconduct-hearing');
  });

  it('a meeting may not dismiss: the outcome is refused naming reg 42', async () => {
    const reference = await referConduct('reg42', [{ subjectId: 'pc-3', kind: 'police-officer' }]);
    await toCaseToAnswer(reference, 'pc-3', 'misconduct');
    await h.record(reference, 'pc-3', { event: 'proceedings-held', occurredAt: await at() });
    const refused = await rejection(h.decide(reference, 'pc-3', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: await at() }));
    expect(refused.type).toBe('RuleViolation');
    expect(refused.regulation).toMatch(/reg 42/);
    expect((await h.subject(reference, 'pc-3')).outcome).toBeNull();
  });

  it('no outcome before the meeting is held', async () => {
    const reference = await referConduct('early', [{ subjectId: 'pc-4', kind: 'police-officer' }]);
    await toCaseToAnswer(reference, 'pc-4', 'misconduct');
    const refused = await rejection(h.decide(reference, 'pc-4', { decision: 'outcome', outcome: 'written-warning', occurredAt: await at() }));
    expect(refused.rule).toBe('outcome-after-proceedings-held');
  });
});

describe('accelerated hearings', () => {
  it('with the special conditions certified, the hearing must fall 10 to 15 working days after the reg 51 notice', async () => {
    const reference = await referConduct('amh', [{ subjectId: 'pc-5', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-5', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.decide(reference, 'pc-5', { decision: 'special-conditions', reason: 'conviction; public interest', occurredAt: await at() });
    await h.record(reference, 'pc-5', { event: 'investigator-report-submitted', occurredAt: await at() });
    let s = await h.decide(reference, 'pc-5', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    expect(s.stage).toBe('accelerated-hearing');
    const noticeOn = await today();
    s = await h.record(reference, 'pc-5', { event: 'notice-of-referral-served', occurredAt: await at() });
    const window = s.openDeadlines.find((d) => d.ruleId === 'acceleratedHearing')!;
    expect(window.earliest).toBe(cal.addWorkingDays(noticeOn, 10));
    expect(window.dueDate).toBe(cal.addWorkingDays(noticeOn, 15));

    const tooSoon = await rejection(h.record(reference, 'pc-5', { event: 'proceedings-scheduled', scheduledFor: cal.addWorkingDays(noticeOn, 9), occurredAt: await at() }));
    expect(tooSoon.rule).toBe('accelerated-hearing-window');
    expect(tooSoon.regulation).toBe('CR reg 52(1)');
    const tooLate = await rejection(h.record(reference, 'pc-5', { event: 'proceedings-scheduled', scheduledFor: cal.addWorkingDays(noticeOn, 16), occurredAt: await at() }));
    expect(tooLate.rule).toBe('accelerated-hearing-window');
    await h.record(reference, 'pc-5', { event: 'proceedings-scheduled', scheduledFor: cal.addWorkingDays(noticeOn, 12), occurredAt: await at() });

    await h.env.sleep('16 days');
    const heldOn = await today();
    s = await h.record(reference, 'pc-5', { event: 'proceedings-held', occurredAt: await at() });
    expect(s.openDeadlines.find((d) => d.key === 'outcome-report')).toMatchObject({ ruleId: 'outcomeReportAcceleratedHearing', dueDate: cal.addWorkingDays(heldOn, 5) });
    const refused = await rejection(h.decide(reference, 'pc-5', { decision: 'outcome', outcome: 'written-warning', occurredAt: await at() }));
    expect(refused.type).toBe('RuleViolation');
    s = await h.decide(reference, 'pc-5', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.ruleId)).toContain('barredListReport');
  });
});

describe('an objection to a panel member', () => {
  it('upheld before an accelerated hearing, it opens a fresh window of 10 to 15 working days (CR reg 52(1A))', async () => {
    const reference = await referConduct('objection', [{ subjectId: 'pc-17', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-17', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.decide(reference, 'pc-17', { decision: 'special-conditions', reason: 'conviction', occurredAt: await at() });
    await h.record(reference, 'pc-17', { event: 'investigator-report-submitted', occurredAt: await at() });
    await h.decide(reference, 'pc-17', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-17', { event: 'notice-of-referral-served', occurredAt: await at() });
    await h.env.sleep('4 days');
    const upheldOn = await today();
    const s = await h.record(reference, 'pc-17', { event: 'panel-objection-upheld', occurredAt: await at() });
    const windows = s.deadlines.filter((d) => d.key === 'accelerated-hearing');
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ status: 'open', ruleId: 'acceleratedHearingAfterUpheldObjection', earliest: cal.addWorkingDays(upheldOn, 10), dueDate: cal.addWorkingDays(upheldOn, 15), regulation: expect.stringMatching(/52\(1A\)/) });
    const outside = await rejection(h.record(reference, 'pc-17', { event: 'proceedings-scheduled', scheduledFor: cal.addWorkingDays(upheldOn, 9), occurredAt: await at() }));
    expect(outside.rule).toBe('accelerated-hearing-window');
  });
});

describe('leaving the service', () => {
  it('a resignation during a misconduct investigation is reported to the advisory list within 5 working days, and the proceedings end (CR reg 4)', async () => {
    const reference = await referConduct('resign-m', [{ subjectId: 'pc-6', kind: 'police-officer', rank: 'PC', warrantNumber: 'W-6', name: 'Pat Constable', dateOfBirth: '1990-01-31' }]);
    await h.decide(reference, 'pc-6', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: await at() });
    const leftOn = await today();
    const s = await h.record(reference, 'pc-6', { event: 'resigned', allegationSummary: 'Rude to a member of the public', occurredAt: await at() });
    expect(s.stage).toBe('closed');
    expect(s.closedBecause).toBe('former-officer-no-gross-misconduct');
    expect(s.openDeadlines.find((d) => d.ruleId === 'advisoryListReport')!.dueDate).toBe(cal.addWorkingDays(leftOn, 5));
    const outbox = await h.outbox(reference);
    const advisory = outbox.filter((m) => m.purpose === 'advisory-list-report');
    expect(advisory).toHaveLength(1);
    // What BL&AL Regs reg 12 asks for: identity, date of leaving, the allegation and the form of proceedings.
    expect(advisory[0].payload).toMatchObject({ fullName: 'Pat Constable', dateOfBirth: '1990-01-31', rank: 'PC', warrantNumber: 'W-6', leftOn, allegationSummary: 'Rude to a member of the public', formOfProceedings: 'meeting' });
    expect(missingFields('advisory-list-report', advisory[0].payload)).toEqual([]);
    const removal = outbox.filter((m) => m.purpose === 'advisory-list-removal');
    expect(removal).toHaveLength(1);
    expect(missingFields('advisory-list-removal', removal[0].payload)).toEqual([]);
  });

  it('a resignation during a gross misconduct case goes on; the only adverse finding is "would have been dismissed", and the barred-list report notes the advisory-list report', async () => {
    const reference = await referConduct('resign-g', [{ subjectId: 'pc-7', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-7', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    let s = await h.record(reference, 'pc-7', { event: 'retired', occurredAt: await at() });
    expect(s.stage).toBe('investigation');
    expect(s.leftService?.how).toBe('retired');
    await h.record(reference, 'pc-7', { event: 'notice-of-investigation-served', occurredAt: await at() });
    await h.record(reference, 'pc-7', { event: 'investigator-report-submitted', occurredAt: await at() });
    const misconductOnly = await rejection(h.decide(reference, 'pc-7', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await at() }));
    expect(misconductOnly.regulation).toBe('CR reg 4');
    await h.decide(reference, 'pc-7', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-7', { event: 'proceedings-held', occurredAt: await at() });
    const dismissal = await rejection(h.decide(reference, 'pc-7', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: await at() }));
    expect(dismissal.type).toBe('RuleViolation');
    s = await h.decide(reference, 'pc-7', { decision: 'outcome', outcome: 'would-have-been-dismissed', occurredAt: await at() });
    const [report] = (await h.outbox(reference)).filter((m) => m.purpose === 'barred-list-report');
    expect(report.payload).toMatchObject({ outcome: 'would-have-been-dismissed', earlierAdvisoryListReport: true });
    s = await h.record(reference, 'pc-7', { event: 'outcome-notified', occurredAt: await at() });
    expect(s.stage).toBe('closed');
    expect(s.openDeadlines.map((d) => d.ruleId)).toEqual(expect.arrayContaining(['barredListReport', 'advisoryListReport']));
    s = await h.record(reference, 'pc-7', { event: 'barred-list-report-sent', occurredAt: await at() });
    expect(s.deadlines.find((d) => d.ruleId === 'barredListReport')!.status).toBe('met');
  });

  it('a former officer whose gross misconduct case ends with no case to answer is removed from the advisory list (Police Act 1996 s.88L)', async () => {
    const reference = await referConduct('resign-ncta', [{ subjectId: 'pc-9', kind: 'police-officer', rank: 'PC', warrantNumber: 'W-9', name: 'Lee Constable', dateOfBirth: '1988-05-05' }]);
    await h.decide(reference, 'pc-9', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-9', { event: 'resigned', allegationSummary: 'Misuse of police systems', occurredAt: await at() });
    await h.record(reference, 'pc-9', { event: 'notice-of-investigation-served', occurredAt: await at() });
    expect((await h.outbox(reference)).filter((m) => m.purpose === 'advisory-list-removal')).toHaveLength(0);
    await h.record(reference, 'pc-9', { event: 'investigator-report-submitted', occurredAt: await at() });
    const closedOn = await today();
    const s = await h.decide(reference, 'pc-9', { decision: 'case-to-answer', caseToAnswer: 'none', occurredAt: await at() });
    expect(s.stage).toBe('closed');
    expect(s.openDeadlines.find((d) => d.ruleId === 'advisoryListRemoval')!.dueDate).toBe(cal.addWorkingDays(closedOn, 5));
    const removal = (await h.outbox(reference)).filter((m) => m.purpose === 'advisory-list-removal');
    expect(removal).toHaveLength(1);
    expect(removal[0].payload).toMatchObject({ fullName: 'Lee Constable', dateOfBirth: '1988-05-05' });
    expect(missingFields('advisory-list-removal', removal[0].payload)).toEqual([]);
  });
});

describe('holds, suspensions, withdrawals and other routes', () => {
  it('criminal proceedings hold the misconduct proceedings until they conclude (CR reg 10)', async () => {
    const reference = await referConduct('hold', [{ subjectId: 'pc-8', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-8', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-8', { event: 'criminal-charge', occurredAt: await at() });
    await h.record(reference, 'pc-8', { event: 'investigator-report-submitted', occurredAt: await at() });
    await h.decide(reference, 'pc-8', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    const held = await rejection(h.record(reference, 'pc-8', { event: 'notice-of-referral-served', occurredAt: await at() }));
    expect(held.rule).toBe('criminal-proceedings-hold');
    expect(held.regulation).toBe('CR reg 10');
    await h.record(reference, 'pc-8', { event: 'criminal-proceedings-concluded', occurredAt: await at() });
    const s = await h.record(reference, 'pc-8', { event: 'notice-of-referral-served', occurredAt: await at() });
    expect(s.heldForCriminalProceedings).toBe(false);
  });

  it('a suspension is reviewed every 4 weeks; a review that does not happen is escalated', async () => {
    const reference = await referConduct('suspend', [{ subjectId: 'pc-9', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-9', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    const suspendedOn = await today();
    let s = await h.record(reference, 'pc-9', { event: 'suspended', occurredAt: await at() });
    const review = s.openDeadlines.find((d) => d.ruleId === 'suspensionReview')!;
    expect(review.dueDate).toBe(addDays(suspendedOn, 28));
    await h.env.sleep('29 days');
    s = await h.subject(reference, 'pc-9');
    expect(s.deadlines.find((d) => d.key === 'suspension-review')!.status).toBe('missed');
    const outbox = await h.outbox(reference);
    expect(outbox.filter((m) => m.purpose === 'reminder' && (m.payload.deadline as string).match(/suspension/i))).toHaveLength(1);
    expect(outbox.filter((m) => m.purpose === 'escalation' && m.recipient === 'appropriate-authority').length).toBeGreaterThanOrEqual(1);
    s = await h.record(reference, 'pc-9', { event: 'suspension-reviewed', occurredAt: await at() });
    expect(s.openDeadlines.filter((d) => d.ruleId === 'suspensionReview')).toHaveLength(1);
  });

  it('an unserved notice of investigation is reminded, then escalated when its target passes', async () => {
    const reference = await referConduct('notice', [{ subjectId: 'pc-10', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-10', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    await h.env.sleep('10 days');
    const purposes = (await h.outbox(reference)).map((m) => `${m.purpose}:${m.recipient}`);
    expect(purposes).toEqual(['reminder:case-officer', 'escalation:appropriate-authority']);
    const audit = (await h.audit(reference)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining([expect.stringMatching(/^deadline-reminder:notice-of-investigation/), expect.stringMatching(/^deadline-missed:notice-of-investigation/)]));
  });

  it('an extendable deadline is extended with the reason and who agreed; a statutory fixed one is not', async () => {
    const reference = await referConduct('extend', [{ subjectId: 'pc-11', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-11', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    let s = await h.record(reference, 'pc-11', { event: 'notice-of-investigation-served', occurredAt: await at() });
    const due = s.openDeadlines.find((d) => d.key === 'representations')!.dueDate;
    const newDueDate = addDays(due, 7);
    s = await h.subjectHandle(reference, 'pc-11').executeUpdate('extendDeadline', { args: [{ key: 'representations', newDueDate, reason: 'documents late', agreedBy: 'investigator', occurredAt: await at(), actor: { id: 'inv', role: 'investigator' } }] });
    const extended = s.openDeadlines.find((d) => d.key === 'representations')!;
    expect(extended.dueDate).toBe(newDueDate);
    expect(extended.extensions).toEqual([expect.objectContaining({ from: due, to: newDueDate, reason: 'documents late', agreedBy: 'investigator' })]);
  });

  it('no case to answer closes the track with reflective practice', async () => {
    const reference = await referConduct('nocase', [{ subjectId: 'pc-12', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-12', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-12', { event: 'investigator-report-submitted', occurredAt: await at() });
    const s = await h.decide(reference, 'pc-12', { decision: 'case-to-answer', caseToAnswer: 'none', routeIfNone: 'reflective-practice', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'reflective-practice' });
    const result = await h.env.client.workflow.getHandle(`matter-${reference}`).result();
    expect(result).toMatchObject({ stage: 'closed' });
  });

  it('the appropriate authority withdraws a case before the meeting (CR reg 27), with notice to the officer', async () => {
    const reference = await referConduct('withdraw', [{ subjectId: 'pc-13', kind: 'police-officer' }]);
    await toCaseToAnswer(reference, 'pc-13', 'misconduct');
    const s = await h.decide(reference, 'pc-13', { decision: 'withdrawal', route: 'no-further-action', reason: 'witness withdrew', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'no-further-action' });
    expect((await h.outbox(reference)).map((m) => m.purpose)).toContain('withdrawal-notice');
  });

  it('a member of police staff with a case to answer is referred to the force’s own disciplinary procedure', async () => {
    const reference = await referConduct('staff', [{ subjectId: 'staff-1', kind: 'police-staff' }]);
    const s = await toCaseToAnswer(reference, 'staff-1', 'misconduct');
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'local-disciplinary-referral' });
  });

  it('an appeal from a meeting is lodged within 7 working days and determined', async () => {
    const reference = await referConduct('appeal', [{ subjectId: 'pc-14', kind: 'police-officer' }]);
    await toCaseToAnswer(reference, 'pc-14', 'misconduct');
    await h.record(reference, 'pc-14', { event: 'proceedings-held', occurredAt: await at() });
    await h.decide(reference, 'pc-14', { decision: 'outcome', outcome: 'final-written-warning', occurredAt: await at() });
    const notifiedOn = await today();
    let s = await h.record(reference, 'pc-14', { event: 'outcome-notified', occurredAt: await at() });
    expect(s.openDeadlines.find((d) => d.key === 'appeal-window')).toMatchObject({ ruleId: 'appealFromMeeting', dueDate: cal.addWorkingDays(notifiedOn, 7) });
    await h.record(reference, 'pc-14', { event: 'appeal-lodged', occurredAt: await at() });
    s = await h.decide(reference, 'pc-14', { decision: 'appeal-determination', result: 'allowed', substitutedOutcome: 'written-warning', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'closed', outcome: 'written-warning' });
    expect(s.openDeadlines.map((d) => d.ruleId)).toContain('appealDecisionNotice');
  });

  it('a retried command with the same idempotency key is applied once', async () => {
    const reference = await referConduct('idem', [{ subjectId: 'pc-15', kind: 'police-officer' }]);
    const cmd = { decision: 'severity-assessment' as const, severity: 'misconduct' as const, occurredAt: await at(), commandId: 'key-1' };
    await h.decide(reference, 'pc-15', cmd);
    const again = await h.decide(reference, 'pc-15', cmd);
    expect(again.stage).toBe('investigation');
    expect((await h.audit(reference)).filter((a) => a.action === 'decision:severity-assessment')).toHaveLength(1);
  });

  it('events in the future are refused', async () => {
    const reference = await referConduct('future', [{ subjectId: 'pc-16', kind: 'police-officer' }]);
    const tomorrow = new Date((await h.env.currentTimeMs()) + 86_400_000).toISOString();
    const refused = await rejection(h.decide(reference, 'pc-16', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: tomorrow }));
    expect(refused.rule).toBe('occurred-at-not-in-future');
  });
});

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

