import { createHmac } from 'crypto';
import { messageIdFor } from './channels/smtp.channel';
import { sign } from './channels/webhook.channel';
import { missingFields } from './list-reports';
import { parseRoutes, routeFor } from './routes';
import { TEMPLATES, render } from './templates';

describe('notifications', () => {
  it('every purpose the workflows queue has a template naming its regulation, and the notice names its deadline', () => {
    const purposes = ['reminder', 'escalation', 'barred-list-report', 'advisory-list-report', 'advisory-list-removal', 'withdrawal-notice', 'severity-revised-notice', 'criminal-proceedings-hold-notice', 'timeliness-report-due', 'escalation-withdrawn'];
    for (const p of purposes) expect(TEMPLATES[p]?.regulation).toBeTruthy();
    const r = render({ id: '1', idempotencyKey: 'PSD-1:pc-1:reminder:x', matterReference: 'PSD-1', subjectId: 'pc-1', purpose: 'reminder', recipient: 'case-officer', payload: { deadline: 'Officer response', dueDate: '2025-12-04', regulation: 'CR reg 31' } });
    expect(r.text).toContain('Regulation: CR reg 31.');
    expect(r.text).toContain('Due by: 2025-12-04');
    expect(r.text).toContain('Officer response');
    expect(render({ id: '2', idempotencyKey: 'k', matterReference: 'PSD-1', subjectId: null, purpose: 'withdrawal-notice', recipient: 'officer', payload: {} }).regulation).toBe('CR reg 27');
  });

  it('an escalation withdrawn names the deadline, its due date and why, to the recipient of the escalation', () => {
    const r = render({ id: '3', idempotencyKey: 'PSD-1:pc-1:escalation-withdrawn:notice-of-investigation:2025-03-14:appropriate-authority', matterReference: 'PSD-1', subjectId: 'pc-1', purpose: 'escalation-withdrawn', recipient: 'appropriate-authority', payload: { deadline: 'Written notice of investigation', dueDate: '2025-03-14', regulation: 'CR reg 17', reason: 'the step was done on 2025-03-12, before the deadline fell due, and recorded later' } });
    expect(r.title).toBe('Escalation withdrawn - PSD-1');
    expect(r.text).toContain('Written notice of investigation');
    expect(r.text).toContain('Regulation: CR reg 17.');
    expect(r.text).toContain('Why: the step was done on 2025-03-12');
  });

  it('a list report lacking a required field is named; false is an answer, an empty string is not', () => {
    expect(missingFields('barred-list-report', { fullName: 'A B', forceId: 'f', dateOfBirth: '', rank: 'PC', warrantNumber: '1', conduct: 'c', standardsBreached: [], outcome: 'dismissal-without-notice', decidedOn: '2026-01-01', earlierAdvisoryListReport: false })).toEqual([
      'dateOfBirth',
      'standardsBreached',
      'publicationExemption',
    ]);
  });

  it('routes by force, then role, with defaults, and refuses a malformed route', () => {
    const cfg = parseRoutes('{"default":{"*":{"email":"psd@x"},"college-of-policing":{"webhook":"http://c"}},"forces":{"f1":{"case-officer":{"email":"co@f1"}}}}');
    expect(routeFor(cfg, 'f1', 'case-officer')).toEqual({ email: 'co@f1' });
    expect(routeFor(cfg, 'f1', 'college-of-policing')).toEqual({ webhook: 'http://c' });
    expect(routeFor(cfg, 'f2', 'officer')).toEqual({ email: 'psd@x' });
    expect(routeFor(parseRoutes(undefined), 'f1', 'officer')).toBeNull();
    expect(() => parseRoutes('{"default":{"officer":{"fax":"0"}}}')).toThrow(/default\.officer/);
  });

  it('signs the timestamp and body with HMAC-SHA256, and makes a valid Message-ID from the idempotency key', () => {
    const expected = createHmac('sha256', 's').update('1700000000.{"a":1}').digest('hex');
    expect(sign('s', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(messageIdFor('PSD-1:pc-1:reminder:officer-response:2025-12-04')).toMatch(/^<[A-Za-z0-9!#$&*+\-/=?^_`{|}~.]+@outbox\.conduct-engine>$/);
  });
});
