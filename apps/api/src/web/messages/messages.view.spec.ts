import { attemptRow, messageRow, messagesFilterOf } from './messages.view';

describe('the messages the engine sent, as pages', () => {
  it('checks the status filter and the cursor, and names a wrong one', () => {
    expect(messagesFilterOf({ status: 'dead', before: '120' })).toEqual({ status: 'dead', beforeId: 120, errors: {} });
    expect(messagesFilterOf({})).toEqual({ status: null, beforeId: undefined, errors: {} });
    expect(messagesFilterOf({ status: 'lost', before: '1e9' }).errors).toEqual({
      status: 'Status must be one of: pending, delivered, dead',
      before: 'That page link is not one this list gave out: start again from the first page',
    });
  });

  it('writes a message in words: what it was, its regulation, to whom, its status and its times', () => {
    const row = messageRow({
      id: '42', purpose: 'escalation', matterReference: 'PSD/1', subjectId: 'pc-1', recipient: 'psd@force.example', status: 'delivered', attempts: 2,
      lastError: null, createdAt: new Date('2026-07-01T08:05:00Z'), deliveredAt: new Date('2026-07-01T08:06:00Z'), deadAt: null,
    });
    expect(row).toMatchObject({
      href: '/messages/42', title: 'Deadline passed', listReport: false, matterHref: '/matter/PSD%2F1', status: { text: 'Delivered', tag: 'govuk-tag--green' },
      createdAt: '1 July 2026 at 09:05', deliveredAt: '1 July 2026 at 09:06', deadAt: '', attempts: 2,
    });
  });

  it('marks a list report as one, with its regulation, and shows no more of it than that it was sent', () => {
    const row = messageRow({ id: 7, purpose: 'barred-list-report', matterReference: 'M', subjectId: null, recipient: 'college-of-policing', status: 'dead', attempts: 8, lastError: 'incomplete: fullName' });
    expect(row).toMatchObject({ listReport: true, subjectId: 'The matter', status: { text: 'Not delivered' }, lastError: 'incomplete: fullName' });
    expect(row.regulation).toMatch(/reg 3$/);
    expect(Object.values(row).join(' ')).not.toMatch(/dateOfBirth|fullName:/);
  });

  it('writes a delivery attempt still open as in progress', () => {
    expect(attemptRow({ attempt: 1, channel: 'smtp', outcome: null, error: null, startedAt: '2026-01-05T10:00:00Z', finishedAt: null })).toEqual({
      attempt: 1, channel: 'smtp', outcome: 'In progress', error: '', startedAt: '5 January 2026 at 10:00', finishedAt: '',
    });
  });
});
