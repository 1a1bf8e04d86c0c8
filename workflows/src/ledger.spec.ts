import { auditLine, commandKey, onceKey, outboxMessage, revisionKey, withheldKey, type Ledger } from './ledger';

// The keys are the ones running workflows already wrote: a change to one would store a line or send a message twice.
const matter: Ledger = { workflowId: 'matter-M-1', matterReference: 'M-1', subjectId: null };
const track: Ledger = { workflowId: 'subject-M-1-PC-1', matterReference: 'M-1', subjectId: 'PC-1' };

describe('the audit trail and the outbox, keyed once', () => {
  it('keys a line by the workflow and the action, the command, or the revision the change makes', () => {
    expect(onceKey(matter, 'matter-referred')).toBe('matter-M-1:matter-referred');
    expect(commandKey(matter, 'idem-7')).toBe('matter-M-1:idem-7');
    expect(revisionKey(matter, 'deadline-missed:timeliness-report-1', 4)).toBe('matter-M-1:deadline-missed:timeliness-report-1:4');
    expect(withheldKey(matter, 'M-1:matter:escalation:iopc-referral')).toBe('matter-M-1:imported-message-not-sent:M-1:matter:escalation:iopc-referral');
  });

  it('an audit line is about its matter and subject, keyed once unless told, with no rule unless given', () => {
    expect(auditLine(track, 'subject-referred', { id: 'aa-1', role: 'appropriate-authority' }, '2026-01-05T10:00:00Z')).toEqual({
      idempotencyKey: 'subject-M-1-PC-1:subject-referred',
      matterReference: 'M-1',
      subjectId: 'PC-1',
      actor: 'aa-1',
      actorRole: 'appropriate-authority',
      action: 'subject-referred',
      rule: null,
      regulation: null,
      occurredAt: '2026-01-05T10:00:00Z',
      details: {},
    });
    expect(auditLine(matter, 'deadline-timer', { id: 'system', role: 'system' }, 'x', { idempotencyKey: 'k', rule: 'r', details: { a: 1 } })).toMatchObject({ idempotencyKey: 'k', rule: 'r', regulation: null, details: { a: 1 } });
  });

  it('a message is keyed by its whole purpose and routed on its first part', () => {
    expect(outboxMessage(matter, 'M-1:matter', 'timeliness-report-due:timeliness-report-2:iopc', 'iopc', { forceId: 'f' })).toEqual({
      idempotencyKey: 'M-1:matter:timeliness-report-due:timeliness-report-2:iopc',
      matterReference: 'M-1',
      subjectId: null,
      purpose: 'timeliness-report-due',
      recipient: 'iopc',
      payload: { forceId: 'f' },
    });
  });

  it("a recommendation's message is keyed by its purpose and its deadline's due date; its lines by their revision", () => {
    const rec: Ledger = { workflowId: 'recommendation-R-1', matterReference: 'M-1', subjectId: null };
    expect(outboxMessage(rec, 'R-1:recommendation', 'reminder:response:2026-03-02', 'force-1', {})).toMatchObject({ idempotencyKey: 'R-1:recommendation:reminder:response:2026-03-02', purpose: 'reminder' });
    expect(revisionKey(rec, 'recommendation-made', 1)).toBe('recommendation-R-1:recommendation-made:1');
  });
});
