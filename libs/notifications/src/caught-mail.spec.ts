import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { caughtMailFileName, decodeEncodedWords, listCaughtMail, parseHeaders } from './caught-mail';

describe("the local mail catcher's folder, as a page lists it", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-caught-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const message = (headers: string[], body = 'Body text.') => `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;

  it('lists the messages newest first, with their date, addressee and subject', async () => {
    const earlier = new Date(Date.now() - 60_000);
    const later = new Date();
    fs.writeFileSync(path.join(dir, caughtMailFileName(earlier, 1)), message([`Date: ${earlier.toUTCString()}`, 'To: case-officer@force.example', 'Subject: Reminder: notice of investigation due']));
    fs.writeFileSync(path.join(dir, caughtMailFileName(later, 2)), message([`Date: ${later.toUTCString()}`, 'To: appropriate-authority@force.example', 'Subject: Deadline missed']));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a message');
    const listed = await listCaughtMail(dir);
    expect(listed.map((m) => [m.to, m.subject])).toEqual([
      ['appropriate-authority@force.example', 'Deadline missed'],
      ['case-officer@force.example', 'Reminder: notice of investigation due'],
    ]);
    expect(listed[1]).toEqual({ date: new Date(Math.floor(earlier.getTime() / 1000) * 1000).toISOString(), to: 'case-officer@force.example', subject: 'Reminder: notice of investigation due', file: caughtMailFileName(earlier, 1) });
  });

  it('is empty before the first message arrives (no folder yet)', async () => {
    expect(await listCaughtMail(path.join(dir, 'mail'))).toEqual([]);
  });

  it('names files so that their order is the order they arrived, ties broken by the counter', () => {
    const t = new Date();
    const names = [caughtMailFileName(new Date(t.getTime() + 1000), 1), caughtMailFileName(t, 3), caughtMailFileName(t, 2)];
    expect([...names].sort()).toEqual([caughtMailFileName(t, 2), caughtMailFileName(t, 3), caughtMailFileName(new Date(t.getTime() + 1000), 1)]);
    expect(names.every((n) => !n.includes(':') && n.endsWith('.eml'))).toBe(true);
  });

  it('reads folded and encoded headers as a mail reader shows them', () => {
    const headers = parseHeaders(message(['Subject: =?UTF-8?Q?Notice_=E2=80=94_reg_17?=', ' =?UTF-8?B?IMKnMw==?=', 'To: a@b.example', 'X-Other: one', 'X-Other: two'], 'Subject: not a header'));
    expect(headers).toEqual({ subject: 'Notice — reg 17 §3', to: 'a@b.example', 'x-other': 'one' });
    expect(decodeEncodedWords('plain words')).toBe('plain words');
  });
});
