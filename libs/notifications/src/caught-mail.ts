import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * The local mail catcher's folder (`npm start`'s embedded default: `<data folder>/mail/`) holds one `.eml` file
 * per message it received, named by the time it arrived (`2026-11-30T10-17-11.123Z-0001.eml`), so the names sort
 * by time. This reads what a page needs to list them.
 */
export interface CaughtMail {
  /** The message's `Date` header as an ISO instant (the file's time when it has none). */
  date: string;
  to: string;
  subject: string;
  /** The file's name in the folder. */
  file: string;
}

export const CAUGHT_MAIL_EXTENSION = '.eml';

/** The name the catcher gives a message: its arrival time (no colons, for every file system) and a counter for ties. */
export function caughtMailFileName(receivedAt: Date, sequence: number): string {
  return `${receivedAt.toISOString().replace(/:/g, '-')}-${String(sequence).padStart(4, '0')}${CAUGHT_MAIL_EXTENSION}`;
}

/** The messages in `dir`, newest first; none when the folder does not exist yet. */
export async function listCaughtMail(dir: string): Promise<CaughtMail[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = names.filter((n) => n.endsWith(CAUGHT_MAIL_EXTENSION)).sort().reverse();
  return Promise.all(
    files.map(async (file) => {
      const full = path.join(dir, file);
      const raw = await fs.readFile(full, 'utf8');
      const headers = parseHeaders(raw);
      const date = new Date(headers.date ?? '');
      return {
        date: Number.isNaN(date.getTime()) ? (await fs.stat(full)).mtime.toISOString() : date.toISOString(),
        to: headers.to ?? '',
        subject: headers.subject ?? '',
        file,
      };
    }),
  );
}

/** The header block of an RFC 5322 message: lower-cased names, folded lines joined, encoded words decoded. */
export function parseHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first of a repeated header wins, as mail readers show it.
    headers[name] ??= decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047 `=?charset?B|Q?text?=` words (nodemailer writes non-ASCII subjects so); adjacent words join without space. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      return /^utf-?8$/i.test(charset) ? bytes.toString('utf8') : bytes.toString('latin1');
    });
}
