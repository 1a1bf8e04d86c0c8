import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { WatchedDeadline, owedMessages, parseEscalationPolicy, policyFor } from './escalation-policy';

const calendar = englandAndWalesCalendar();
const POLICY = parseEscalationPolicy(
  JSON.stringify({
    default: { reminders: [{ to: 'case-officer', workingDays: 2 }], escalation: [{ to: 'appropriate-authority', workingDays: 0 }] },
    forces: {
      'my-force': {
        reminders: [
          { to: 'case-officer', workingDays: 5 },
          { to: 'case-officer', workingDays: 1 },
        ],
        escalation: [
          { to: 'case-officer', workingDays: 0 },
          { to: 'appropriate-authority', workingDays: 1 },
          { to: 'head-of-department', workingDays: 3 },
        ],
      },
    },
  }),
);

// Due Friday 19 December 2025; Christmas Day and Boxing Day are bank holidays.
const deadline = (status: string): WatchedDeadline => ({
  workflowId: 'subject-PSD-1-pc-1',
  key: 'officer-response',
  matterReference: 'PSD-1',
  subjectId: 'pc-1',
  name: 'Officer response',
  regulation: 'CR reg 31',
  dueDate: '2025-12-19',
  status,
  forceId: 'my-force',
});
const owed = (status: string, today: string) => owedMessages(deadline(status), policyFor(POLICY, 'my-force')!, today, calendar).map((m) => `${m.purpose}:${m.recipient}`);

describe('the escalation policy, per force', () => {
  it('reminds the case officer the configured working days before a deadline', () => {
    expect(owed('open', '2025-12-11')).toEqual([]);
    expect(owed('open', '2025-12-12')).toEqual(['reminder:case-officer']);
    expect(owed('open', '2025-12-18')).toEqual(['reminder:case-officer', 'reminder:case-officer']);
  });

  it('tells the case officer when a deadline passes, then the appropriate authority, then the head of department, counting working days', () => {
    expect(owed('missed', '2025-12-20')).toEqual(['escalation:case-officer']);
    expect(owed('missed', '2025-12-22')).toEqual(['escalation:case-officer', 'escalation:appropriate-authority']);
    // 3 working days after Friday 19 December, over Christmas: Mon 22, Tue 23, Wed 24.
    expect(owed('missed', '2025-12-23')).toHaveLength(2);
    expect(owed('missed', '2025-12-24')).toEqual(['escalation:case-officer', 'escalation:appropriate-authority', 'escalation:head-of-department']);
  });

  it('says nothing about a deadline that was met, and keys each message so it is queued once', () => {
    expect(owed('met', '2025-12-24')).toEqual([]);
    const keys = owedMessages(deadline('missed'), policyFor(POLICY, 'my-force')!, '2025-12-24', calendar).map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys[2]).toBe('subject-PSD-1-pc-1:officer-response:2025-12-19:policy-escalation:head-of-department:3');
  });

  it('uses the default for a force without its own policy, and refuses a policy that names an unknown role', () => {
    expect(policyFor(POLICY, 'other-force')!.escalation).toEqual([{ to: 'appropriate-authority', workingDays: 0 }]);
    expect(parseEscalationPolicy('')).toBeNull();
    expect(() => parseEscalationPolicy('{"default":{"reminders":[{"to":"chief-of-staff","workingDays":1}]}}')).toThrow(/reminders\[0\]\.to must be one of/);
    expect(() => parseEscalationPolicy('{"default":{"escalation":[{"to":"case-officer","workingDays":-1}]}}')).toThrow(/workingDays must be a whole number/);
  });
});
