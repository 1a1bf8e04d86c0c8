import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createTransport } from 'nodemailer';
import { listCaughtMail, parseRoutes, routeFor } from '@conduct/notifications';
import { MAIL_CATCHER_ADDRESS, mailCatcherEnv, startMailCatcher, wantsMailCatcher } from './mail-catcher';

describe("npm start's local mail catcher", () => {
  it('runs only when no SMTP server is given, and then routes every force and role to itself', () => {
    expect(wantsMailCatcher({})).toBe(true);
    expect(wantsMailCatcher({ SMTP_URL: ' ' })).toBe(true);
    expect(wantsMailCatcher({ SMTP_URL: 'smtp://mail.force.example:25' })).toBe(false);
    const env = mailCatcherEnv({}, 'smtp://127.0.0.1:2525');
    expect(env.SMTP_URL).toBe('smtp://127.0.0.1:2525');
    const routes = parseRoutes(env.NOTIFICATION_ROUTES);
    for (const [force, role] of [['demo-force', 'case-officer'], ['another-force', 'appropriate-authority'], [null, 'college-of-policing'], ['demo-force', 'head-of-department']] as const) {
      expect(routeFor(routes, force, role)).toEqual({ email: MAIL_CATCHER_ADDRESS });
    }
  });

  it('leaves configured routes alone (their e-mail routes then land in the catcher)', () => {
    expect(mailCatcherEnv({ NOTIFICATION_ROUTES: '{"default":{"*":{"log":true}}}' }, 'smtp://127.0.0.1:2525')).toEqual({ SMTP_URL: 'smtp://127.0.0.1:2525' });
  });

  it('keeps each message it receives over SMTP as an .eml file that the reader lists', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-catcher-')), 'mail');
    const catcher = await startMailCatcher({ dir });
    const transport = createTransport(catcher.url);
    try {
      await transport.sendMail({ from: 'conduct-engine@localhost', to: MAIL_CATCHER_ADDRESS, subject: 'Reminder — notice due', text: 'first' });
      await transport.sendMail({ from: 'conduct-engine@localhost', to: MAIL_CATCHER_ADDRESS, subject: 'Deadline missed', text: 'second' });
      const caught = await listCaughtMail(dir);
      expect(caught.map((m) => m.subject)).toEqual(['Deadline missed', 'Reminder — notice due']);
      expect(caught[0].to).toBe(MAIL_CATCHER_ADDRESS);
      expect(fs.readFileSync(path.join(dir, caught[1].file), 'utf8')).toContain('first');
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    } finally {
      transport.close();
      await catcher.stop();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
