import { WorkflowUpdateFailedError } from '@temporalio/client';
import { londonDateOf } from '@conduct/domain';
import { SubjectReferral, matterWorkflowId, recordDecision, recordEvent, recordMatterDecision } from '@conduct/workflows';
import { APPROPRIATE_AUTHORITY, CASE_OFFICER, WorkflowHarness, newReference } from '../../test/support/workflow-harness';

// Issue 11, "no command can wedge a matter": each finding of the model-based test (model.test.ts) as a named
// test. Every command is answered, accepted or refused with a RuleViolation naming its rule, and the next command
// on the same subject is answered too. These tests never sleep, so they share one time-skipping server.
let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.start();
});
afterAll(async () => {
  await h?.stop();
});

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());

async function refer(prefix: string, subjects: SubjectReferral[], kind: 'conduct-matter' | 'recordable-conduct-matter' = 'conduct-matter', recordableCategories?: string[]): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind, forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: await today(), subjects, recordableCategories });
  for (const s of subjects) await h.waitForSubject(reference, s.subjectId);
  return reference;
}

/** The refusal an update met: its type, and the rule and regulation it names. */
function refusal(p: Promise<unknown>): Promise<{ type?: string; message: string; rule?: string; regulation?: string | null }> {
  return p.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (e) => {
      if (!(e instanceof WorkflowUpdateFailedError)) throw e;
      const cause = e.cause as { type?: string; message: string; details?: { rule?: string; regulation?: string | null }[] };
      return { type: cause?.type, message: cause?.message ?? e.message, ...(cause?.details?.[0] ?? {}) };
    },
  );
}

/** An update must be answered within this, or the workflow is wedged. */
function answered<T>(p: Promise<T>, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not answered within ${ms} ms: the workflow is wedged`)), ms)))]).finally(() => clearTimeout(timer));
}

async function grossMisconductToReport(reference: string, subjectId: string): Promise<void> {
  await h.decide(reference, subjectId, { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
  await h.record(reference, subjectId, { event: 'notice-of-investigation-served', occurredAt: await at() });
  await h.record(reference, subjectId, { event: 'investigator-report-submitted', occurredAt: await at() });
}

describe('no command can wedge a matter', () => {
  it('a case to answer for misconduct after a special conditions certificate is refused, naming CR reg 49, and the next event on the subject is answered', async () => {
    const reference = await refer('wedge-reg49', [{ subjectId: 'pc-1', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.decide(reference, 'pc-1', { decision: 'special-conditions', reason: 'conviction; public interest', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: await at() });
    const refused = await answered(refusal(h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await at() })));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'special-conditions-gross-misconduct', regulation: 'CR reg 49' });
    const s = await answered(h.record(reference, 'pc-1', { event: 'suspended', occurredAt: await at() }));
    expect(s).toMatchObject({ stage: 'awaiting-case-to-answer', caseToAnswer: null, suspended: true });
    const decided = await answered(h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() }));
    expect(decided.stage).toBe('accelerated-hearing');
  });

  it('special conditions cannot be certified on a case decided as misconduct, even with gross misconduct assessed (CR reg 49)', async () => {
    // A final written warning live at the assessment sends misconduct to a hearing, where a certificate would
    // otherwise have moved a misconduct case to an accelerated hearing, which decides gross misconduct only.
    const reference = await refer('wedge-reg49-hearing', [{ subjectId: 'pc-2', kind: 'police-officer', finalWrittenWarningLive: true }]);
    await grossMisconductToReport(reference, 'pc-2');
    const s = await h.decide(reference, 'pc-2', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await at() });
    expect(s.stage).toBe('misconduct-hearing');
    const refused = await answered(refusal(h.decide(reference, 'pc-2', { decision: 'special-conditions', reason: 'conviction', occurredAt: await at() })));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'special-conditions-gross-misconduct', regulation: 'CR reg 49' });
    expect((await h.subject(reference, 'pc-2')).stage).toBe('misconduct-hearing');
  });

  it("a final written warning's period that is not a whole number of months is refused with the outcome (CR reg 42), so notifying the outcome cannot fail", async () => {
    const reference = await refer('wedge-fww', [{ subjectId: 'pc-3', kind: 'police-officer' }]);
    await grossMisconductToReport(reference, 'pc-3');
    await h.decide(reference, 'pc-3', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-3', { event: 'proceedings-held', occurredAt: await at() });
    const refused = await answered(refusal(h.decide(reference, 'pc-3', { decision: 'outcome', outcome: 'final-written-warning', warningMonths: 30.5, occurredAt: await at() })));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'warning-period', regulation: 'CR reg 42' });
    await h.decide(reference, 'pc-3', { decision: 'outcome', outcome: 'final-written-warning', warningMonths: 30, occurredAt: await at() });
    const s = await answered(h.record(reference, 'pc-3', { event: 'outcome-notified', occurredAt: await at() }));
    expect(s.stage).toBe('appeal');
  });

  it('a decision, event or outcome outside the vocabulary is refused as a RuleViolation naming the rule, not a TypeError', async () => {
    const reference = await refer('wedge-vocabulary', [{ subjectId: 'pc-4', kind: 'police-officer' }]);
    const handle = h.subjectHandle(reference, 'pc-4');
    const unknownDecision = await refusal(handle.executeUpdate(recordDecision, { args: [{ actor: APPROPRIATE_AUTHORITY, decision: 'criminal-hold', occurredAt: await at() } as never] }));
    expect(unknownDecision).toMatchObject({ type: 'RuleViolation', rule: 'known-decision' });
    // Found by the model: a decision field of the wrong type was refused as a TypeError from the validator.
    const numericDecision = await refusal(handle.executeUpdate(recordDecision, { args: [{ actor: APPROPRIATE_AUTHORITY, decision: 42, severity: 'misconduct', occurredAt: await at() } as never] }));
    expect(numericDecision).toMatchObject({ type: 'RuleViolation', rule: 'known-decision' });
    const unknownEvent = await refusal(handle.executeUpdate(recordEvent, { args: [{ actor: CASE_OFFICER, event: 'complainant-updated', occurredAt: await at() } as never] }));
    expect(unknownEvent).toMatchObject({ type: 'RuleViolation', rule: 'known-event' });
    const badSeverity = await refusal(h.decide(reference, 'pc-4', { decision: 'severity-assessment', severity: 'serious' as never, occurredAt: await at() }));
    expect(badSeverity).toMatchObject({ type: 'RuleViolation', rule: 'severity-known', regulation: 'CR reg 14 / CMR reg 16' });
    const notAnInstant = await refusal(h.decide(reference, 'pc-4', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: 1_700_000_000_000 as never }));
    expect(notAnInstant).toMatchObject({ type: 'RuleViolation', rule: 'occurred-at-valid' });
    expect((await h.subject(reference, 'pc-4')).stage).toBe('severity-assessment');
    await grossMisconductToReport(reference, 'pc-4');
    await h.decide(reference, 'pc-4', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-4', { event: 'proceedings-held', occurredAt: await at() });
    const badOutcome = await refusal(h.decide(reference, 'pc-4', { decision: 'outcome', outcome: 'caution' as never, occurredAt: await at() }));
    expect(badOutcome).toMatchObject({ type: 'RuleViolation', rule: 'outcome-known', regulation: 'CR reg 42' });
    const badStandards = await refusal(h.decide(reference, 'pc-4', { decision: 'outcome', outcome: 'dismissal-without-notice', standardsBreached: 'honesty-and-integrity' as never, occurredAt: await at() }));
    expect(badStandards).toMatchObject({ type: 'RuleViolation', rule: 'command-well-formed' });
  });

  it('a decision dated before the matter reached the appropriate authority is refused, and leaves the subject where it was', async () => {
    // Before, it was accepted, the stage moved, and counting its deadlines failed (no bank holidays before 2013):
    // the update failed with the subject's stage half-changed in the workflow and not in the projection.
    const reference = await refer('wedge-backdated', [{ subjectId: 'pc-5', kind: 'police-officer' }]);
    const threeDaysBefore = new Date((await h.env.currentTimeMs()) - 3 * 86_400_000).toISOString();
    const refused = await answered(refusal(h.decide(reference, 'pc-5', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: threeDaysBefore })));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'occurred-at-after-matter-began' });
    const uncountable = await answered(refusal(h.decide(reference, 'pc-5', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: '2005-06-01T10:00:00Z' })));
    expect(uncountable).toMatchObject({ type: 'RuleViolation', rule: 'occurred-at-countable' });
    expect((await h.subject(reference, 'pc-5')).stage).toBe('severity-assessment');
    const s = await answered(h.decide(reference, 'pc-5', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() }));
    expect(s.stage).toBe('investigation');
  });

  it('two decisions sent at once, each allowed alone, are applied one at a time: the one the other makes impossible is refused when its turn comes', async () => {
    const reference = await refer('wedge-together', [{ subjectId: 'pc-6', kind: 'police-officer' }]);
    await grossMisconductToReport(reference, 'pc-6');
    const [certificate, decision] = await answered(
      Promise.allSettled([
        h.decide(reference, 'pc-6', { decision: 'special-conditions', reason: 'conviction', occurredAt: await at() }),
        h.decide(reference, 'pc-6', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await at() }),
      ]),
    );
    const outcomes = [certificate, decision];
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(refused.reason.cause).toMatchObject({ type: 'RuleViolation' });
    const s = await answered(h.record(reference, 'pc-6', { event: 'suspended', occurredAt: await at() }));
    expect(['awaiting-case-to-answer', 'misconduct-meeting']).toContain(s.stage);
    expect(s.stage === 'misconduct-meeting').toBe(decision.status === 'fulfilled');
  });

  it('two severity assessments sent at once are applied once: the second is refused when its turn comes, naming CR reg 14', async () => {
    // Found by the model: both were checked against the subject at its assessment and both were applied,
    // the second at the investigation stage, where stages.ts does not allow an assessment.
    const reference = await refer('wedge-twice', [{ subjectId: 'pc-8', kind: 'police-officer' }]);
    const occurredAt = await at();
    const [first, second] = await answered(
      Promise.allSettled([
        h.decide(reference, 'pc-8', { decision: 'severity-assessment', severity: 'misconduct', occurredAt }),
        h.decide(reference, 'pc-8', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt }),
      ]),
    );
    const accepted = [first, second].filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof h.decide>>> => o.status === 'fulfilled');
    const refused = [first, second].filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason.cause).toMatchObject({ type: 'RuleViolation', details: [{ rule: 'severity-assessment-first', regulation: 'CR reg 14 / CMR reg 16' }] });
    const audit = (await h.audit(reference)).filter((a) => a.action === 'decision:severity-assessment');
    expect(audit).toHaveLength(1);
    expect((await h.subject(reference, 'pc-8')).severity).toBe(accepted[0].value.severity);
  });

  it("a former officer's gross misconduct case cannot be revised to a lesser severity (CR reg 4)", async () => {
    // Found by the model: the revision was accepted and left a former officer's case open on "neither".
    const reference = await refer('wedge-former', [{ subjectId: 'pc-9', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-9', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    let s = await h.record(reference, 'pc-9', { event: 'retired', allegationSummary: 'took cash seized as evidence', occurredAt: await at() });
    expect(s.stage).toBe('investigation');
    for (const severity of ['misconduct', 'neither'] as const) {
      const refused = await answered(refusal(h.decide(reference, 'pc-9', { decision: 'severity-revision', severity, reason: 'new evidence', occurredAt: await at() })));
      expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'former-officer-gross-misconduct-only', regulation: 'CR reg 4' });
    }
    s = await h.subject(reference, 'pc-9');
    expect(s).toMatchObject({ stage: 'investigation', severity: 'gross-misconduct' });
  });

  it('an appeal from a meeting cannot substitute an outcome the meeting could not reach (CR reg 47 and reg 42)', async () => {
    const reference = await refer('wedge-appeal', [{ subjectId: 'pc-10', kind: 'police-officer' }]);
    await h.decide(reference, 'pc-10', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-10', { event: 'investigator-report-submitted', occurredAt: await at() });
    await h.decide(reference, 'pc-10', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-10', { event: 'proceedings-held', occurredAt: await at() });
    await h.decide(reference, 'pc-10', { decision: 'outcome', outcome: 'final-written-warning', occurredAt: await at() });
    await h.record(reference, 'pc-10', { event: 'outcome-notified', occurredAt: await at() });
    await h.record(reference, 'pc-10', { event: 'appeal-lodged', occurredAt: await at() });
    for (const substitutedOutcome of ['dismissal-without-notice', 'would-have-been-dismissed'] as const) {
      const refused = await answered(refusal(h.decide(reference, 'pc-10', { decision: 'appeal-determination', result: 'allowed', substitutedOutcome, occurredAt: await at() })));
      expect(refused).toMatchObject({ type: 'RuleViolation', regulation: expect.stringMatching(/^CR reg 47; CR reg (42|4)/) });
    }
    const s = await answered(h.decide(reference, 'pc-10', { decision: 'appeal-determination', result: 'allowed', substitutedOutcome: 'written-warning', occurredAt: await at() }));
    expect(s).toMatchObject({ stage: 'closed', outcome: 'written-warning' });
  });

  it('a mode of investigation outside Sch 3 para 15 is refused, naming it, and the Director General then decides one', async () => {
    const reference = await refer('wedge-matter', [{ subjectId: 'pc-7', kind: 'police-officer' }], 'recordable-conduct-matter', ['serious-assault']);
    const matter = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    const refused = await refusal(matter.executeUpdate(recordMatterDecision, { args: [{ actor: APPROPRIATE_AUTHORITY, decision: 'mode-of-investigation', rationale: 'the Director General\'s reasons for the mode', mode: 'outsourced' as never, occurredAt: await at() }] }));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'mode-known', regulation: 'Sch3 para 15' });
    const v = await matter.executeUpdate(recordMatterDecision, { args: [{ actor: APPROPRIATE_AUTHORITY, decision: 'mode-of-investigation', rationale: 'the Director General\'s reasons for the mode', mode: 'independent', occurredAt: await at() }] });
    expect(v.modeOfInvestigation).toBe('independent');
  });
});
