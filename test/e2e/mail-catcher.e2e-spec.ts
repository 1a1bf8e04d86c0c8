import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DEADLINE_RULES, addCalendarDays } from '@conduct/domain';
import { dueDateFor, englandAndWalesCalendar } from '@conduct/domain/calendar';
import { listCaughtMail, parseHeaders } from '@conduct/notifications';
import { ownStackPerSuite } from '../support/own-stack';
import { MAIL_CATCHER_ADDRESS } from '../../tools/stack/mail-catcher';
import { AA, Who, call } from '../support/api-client';
import { today } from '../support/dates';

/**
 * `npm start`'s embedded default sends to its local mail catcher: a stack started as `npm start` starts it
 * (no SMTP_URL, no routes), here with its own worker and API on the shared PostgreSQL and Temporal, and a
 * reminder the worker owes arrives in the catcher's folder as an .eml file.
 */
const FORCE = 'e2e-catcher';
const cal = englandAndWalesCalendar();
const own = ownStackPerSuite('catcher', () => ({
  mailCatcher: true,
  // Deadlines are made due by back-dating; the grace that holds a back-dated one for the sitting is not wanted here.
  env: { OUTBOX_POLL_MS: '200', BACKDATED_DEADLINE_GRACE_HOURS: '0' },
}));

/** A trigger date whose notice-of-investigation deadline falls on the next working day: the reminder is owed now. */
function triggerDueTomorrow(): { trigger: string; due: string } {
  const target = cal.addWorkingDays(today(), 1);
  for (let back = 1; back < 40; back++) {
    const trigger = addCalendarDays(today(), -back);
    if (dueDateFor(DEADLINE_RULES.noticeOfInvestigation, trigger, cal).due === target) return { trigger, due: target };
  }
  throw new Error(`no trigger date puts the notice of investigation on ${target}`);
}

it("a reminder the worker sends arrives in the local mail catcher's folder, addressed by the wildcard route", async () => {
  expect(own.stack.mailCatcher?.dir).toBe(path.join(own.dataDir, 'mail'));
  const co: Who = { id: 'co-catcher', role: 'case-officer', force: FORCE };
  const reference = `CATCH-${randomUUID().slice(0, 8)}`;
  const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: FORCE, appropriateAuthority: 'Chief Constable', receivedOn: addCalendarDays(today(), -60), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] }, co);
  expect(referred.status).toBe(201);
  const notice = triggerDueTomorrow();
  let assessed = { status: 0 };
  for (let i = 0; i < 100 && assessed.status !== 200; i++) {
    // The matter reaches the projection a moment after its referral.
    assessed = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: `${notice.trigger}T10:00:00Z` }, { ...AA, force: FORCE });
    if (assessed.status !== 200) await new Promise((r) => setTimeout(r, 200));
  }
  expect(assessed.status).toBe(200);

  const key = `${reference}:pc-1:reminder:notice-of-investigation:${notice.due}`;
  const headersOf = (file: string) => parseHeaders(fs.readFileSync(path.join(own.stack.mailCatcher!.dir, file), 'utf8'));
  let caught;
  for (let i = 0; i < 300 && !caught; i++) {
    caught = (await listCaughtMail(own.stack.mailCatcher!.dir)).find((m) => headersOf(m.file)['idempotency-key'] === key);
    if (!caught) await new Promise((r) => setTimeout(r, 200));
  }
  expect(caught).toMatchObject({ to: MAIL_CATCHER_ADDRESS, subject: expect.stringMatching(/\S/) });
});
