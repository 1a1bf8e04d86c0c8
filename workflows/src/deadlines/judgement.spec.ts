import { BACKDATED_DEADLINE_GRACE_MS, endOfLondonDay } from '@conduct/domain';
import { answeredOccurrence, escalated, holdIfBackdated, latestOutstanding, notOwedAfter, oldestOutstanding, settle, timersDue } from './judgement';
import type { Deadline } from '../types';

const CASE_OFFICER = { id: 'co-1', role: 'case-officer' as const };
const deadline = (over: Partial<Deadline> = {}): Deadline => ({
  key: 'notice-of-investigation',
  ruleId: 'noticeOfInvestigation',
  name: 'Written notice of investigation',
  regulation: 'CR reg 17',
  trigger: '2024-03-01',
  dueDate: '2024-03-15',
  dueAt: endOfLondonDay('2024-03-15'),
  remindAt: '2024-03-13T00:00:00.000Z',
  reminded: false,
  status: 'open',
  extensions: [],
  target: false,
  ...over,
});
const RECORDED = '2024-06-01T10:00:00.000Z';

describe('a step settles its deadline by when it happened, not when it was typed in', () => {
  it('a step that happened on or before the due date meets the deadline, and says nothing more', () => {
    const d = deadline();
    const j = settle(d, { actor: CASE_OFFICER, occurredAt: '2024-03-15T16:00:00Z' }, RECORDED);
    expect(d).toMatchObject({ status: 'met', settledAt: '2024-03-15T16:00:00Z' });
    expect(j).toEqual({ lines: [], messages: [], corrected: false });
  });

  it('a miss the timer declared, for a step that happened in time, is corrected: an audit line naming who, and a withdrawal to each one told', () => {
    const d = deadline({ status: 'missed' });
    escalated(d, ['appropriate-authority']);
    const j = settle(d, { actor: CASE_OFFICER, occurredAt: '2024-03-14T09:00:00Z' }, RECORDED);
    expect(d.status).toBe('met');
    expect(d.corrections).toEqual([{ from: 'missed', to: 'met', occurredAt: '2024-03-14T09:00:00Z', recordedAt: RECORDED, by: 'co-1' }]);
    expect(j.corrected).toBe(true);
    expect(j.lines).toEqual([expect.objectContaining({ action: 'deadline-corrected:notice-of-investigation:2024-03-15', actor: CASE_OFFICER, regulation: 'CR reg 17', details: expect.objectContaining({ from: 'missed', to: 'met', occurredAt: '2024-03-14T09:00:00Z', recordedAt: RECORDED }) })]);
    expect(j.messages).toEqual([expect.objectContaining({ purpose: 'escalation-withdrawn:notice-of-investigation:2024-03-15:appropriate-authority', recipient: 'appropriate-authority' })]);
  });

  it('a step that really was late leaves the deadline missed, with when it was done, and no correction', () => {
    const d = deadline({ status: 'missed', escalatedTo: ['appropriate-authority'] });
    const j = settle(d, { actor: CASE_OFFICER, occurredAt: '2024-03-20T09:00:00Z' }, RECORDED);
    expect(d).toMatchObject({ status: 'missed', settledAt: '2024-03-20T09:00:00Z' });
    expect(j.messages).toEqual([]);
    expect(j.lines.map((l) => l.action)).toEqual(['deadline-done-late:notice-of-investigation:2024-03-15']);
    // Done: no longer owed, so a second step does not answer it again.
    expect(latestOutstanding([d], d.key)).toBeUndefined();
  });

  it('a deadline already met or cancelled is left alone', () => {
    for (const status of ['met', 'cancelled'] as const) {
      const d = deadline({ status });
      expect(settle(d, { actor: CASE_OFFICER, occurredAt: '2024-03-01T09:00:00Z' }, RECORDED).lines).toEqual([]);
      expect(d.status).toBe(status);
    }
  });

  it('the step answers the latest deadline of its key still owed; a periodic step the oldest occurrence', () => {
    const first = deadline({ key: 'k', status: 'missed', dueAt: endOfLondonDay('2024-01-01') });
    const second = deadline({ key: 'k', status: 'open', dueAt: endOfLondonDay('2024-02-01') });
    expect(latestOutstanding([first, second], 'k')).toBe(second);
    expect(oldestOutstanding([second, first], (d) => d.key === 'k')).toBe(first);
  });
});

describe("a rolling series' step answers the occurrence whose period it fell in", () => {
  const update = (n: number, dueDate: string, status: Deadline['status']) => deadline({ key: `complainant-update-${n}`, ruleId: 'complainantUpdate', dueDate, dueAt: endOfLondonDay(dueDate), status });
  const inSeries = (d: Deadline) => d.ruleId === 'complainantUpdate';

  it('the first owed that fell due on or after it; one missed before it stays missed', () => {
    const series = [update(1, '2024-01-29', 'missed'), update(2, '2024-02-26', 'missed'), update(3, '2024-03-25', 'open')];
    expect(answeredOccurrence(series, inSeries, '2024-02-20T10:00:00Z')?.key).toBe('complainant-update-2');
  });

  it('late for every one owed: the latest', () => {
    const series = [update(1, '2024-01-29', 'missed'), update(2, '2024-02-26', 'missed')];
    expect(answeredOccurrence(series, inSeries, '2024-03-20T10:00:00Z')?.key).toBe('complainant-update-2');
  });
});

describe('a condition that ended, however late recorded, owes nothing that fell due after it', () => {
  it('occurrences due after the end are cancelled; a missed one is corrected with its escalation withdrawn; one due before stays owed', () => {
    const before = deadline({ key: 'r-1', dueDate: '2024-03-01', status: 'missed', escalatedTo: ['appropriate-authority'] });
    const after = deadline({ key: 'r-2', dueDate: '2024-04-01', status: 'missed', escalatedTo: ['appropriate-authority'] });
    const open = deadline({ key: 'r-3', dueDate: '2024-05-01' });
    const j = notOwedAfter([before, after, open], () => true, '2024-03-10', { actor: CASE_OFFICER, occurredAt: '2024-03-10T12:00:00Z' }, RECORDED, 'the suspension was lifted');
    expect([before.status, after.status, open.status]).toEqual(['missed', 'cancelled', 'cancelled']);
    expect(j.cancelled).toEqual([after, open]);
    expect(j.lines.map((l) => l.action)).toEqual(['deadline-corrected:r-2:2024-04-01']);
    expect(j.messages.map((m) => m.recipient)).toEqual(['appropriate-authority']);
  });
});

describe('no reminder or escalation before the steps typed in the same sitting could settle a back-dated deadline', () => {
  const setAt = Date.parse('2024-06-01T10:00:00Z');

  it('a deadline set already past due is held for the grace, then owes its escalation', () => {
    const d = deadline();
    holdIfBackdated(d, setAt);
    expect(d.heldUntil).toBe(new Date(setAt + BACKDATED_DEADLINE_GRACE_MS).toISOString());
    expect(timersDue(d, setAt + 1000)).toEqual({ remind: false, passed: false });
    expect(timersDue(d, setAt + BACKDATED_DEADLINE_GRACE_MS)).toEqual({ remind: false, passed: true });
  });

  it('a reminder whose time had passed is sent at the end of the grace only if the deadline is not yet due', () => {
    const d = deadline({ remindAt: '2024-05-30T00:00:00Z', dueDate: '2024-06-05', dueAt: endOfLondonDay('2024-06-05') });
    holdIfBackdated(d, setAt);
    expect(timersDue(d, setAt)).toEqual({ remind: false, passed: false });
    expect(timersDue(d, setAt + BACKDATED_DEADLINE_GRACE_MS)).toEqual({ remind: true, passed: false });
    const late = deadline({ remindAt: '2024-05-30T00:00:00Z', dueDate: '2024-06-01', dueAt: endOfLondonDay('2024-06-01') });
    holdIfBackdated(late, setAt);
    expect(timersDue(late, setAt + BACKDATED_DEADLINE_GRACE_MS)).toEqual({ remind: false, passed: true });
  });

  it('a window already passed (the officer may let it pass) is not held: it owes no reminder and no escalation, and closes at once', () => {
    const d = deadline({ key: 'appeal-window', ruleId: 'appealFromMeeting' });
    holdIfBackdated(d, setAt);
    expect(d.heldUntil).toBeUndefined();
    expect(timersDue(d, setAt).passed).toBe(true);
  });

  it('a grace set by configuration (passed on by the calendar) replaces the rules\' own, and none at all holds nothing', () => {
    const d = deadline({ backdatedGraceMs: 60_000 });
    holdIfBackdated(d, setAt);
    expect(d.heldUntil).toBe(new Date(setAt + 60_000).toISOString());
    expect(d.backdatedGraceMs).toBeUndefined();
    const none = deadline({ backdatedGraceMs: 0 });
    holdIfBackdated(none, setAt);
    expect(none.heldUntil).toBeUndefined();
  });

  it('a deadline set with its reminder still ahead is not held', () => {
    const d = deadline({ remindAt: '2024-06-10T00:00:00Z', dueDate: '2024-06-12', dueAt: endOfLondonDay('2024-06-12') });
    holdIfBackdated(d, setAt);
    expect(d.heldUntil).toBeUndefined();
  });
});
