import * as fs from 'fs';
import * as path from 'path';
import { AddressInfo } from 'net';
import { SMTPServer } from 'smtp-server';
import { isSet } from '@conduct/config';
import { RoutesConfig, caughtMailFileName } from '@conduct/notifications';

/**
 * `npm start`'s local mail catcher: a real SMTP server (the `smtp-server` package) in the stack's own process,
 * on 127.0.0.1 only, that accepts every message and keeps it as an `.eml` file in its folder (named by arrival
 * time, so the names sort by time; `listCaughtMail` reads them). Nothing is relayed anywhere.
 */
export interface MailCatcher {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/** Where every message goes in the embedded default: `NOTIFICATION_ROUTES`' wildcard (every force, every role). */
export const MAIL_CATCHER_ADDRESS = 'psd@mail-catcher.localhost';
export const MAIL_CATCHER_ROUTES: RoutesConfig = { default: { '*': { email: MAIL_CATCHER_ADDRESS } } };

/** The embedded default has no mail server: the catcher runs when `SMTP_URL` is not given. */
export function wantsMailCatcher(env: NodeJS.ProcessEnv): boolean {
  return !isSet('SMTP_URL', env);
}

/**
 * What the worker is given to send to the catcher: its `SMTP_URL`, and the wildcard route unless routes are
 * configured (then those routes stand, and their e-mail routes land in the catcher).
 */
export function mailCatcherEnv(env: NodeJS.ProcessEnv, url: string): Record<string, string> {
  return { SMTP_URL: url, ...(isSet('NOTIFICATION_ROUTES', env) ? {} : { NOTIFICATION_ROUTES: JSON.stringify(MAIL_CATCHER_ROUTES) }) };
}

export async function startMailCatcher(opts: { dir: string; port?: number }): Promise<MailCatcher> {
  fs.mkdirSync(opts.dir, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A stuck client is dropped rather than held for ever; the outbox retries it.
    socketTimeout: 60_000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const name = caughtMailFileName(new Date(), ++sequence);
        // Written beside, then renamed: a reader never sees half a message.
        const partial = path.join(opts.dir, `.${name}.partial`);
        fs.promises
          .writeFile(partial, Buffer.concat(chunks))
          .then(() => fs.promises.rename(partial, path.join(opts.dir, name)))
          .then(() => callback(null), (err: Error) => callback(Object.assign(err, { responseCode: 451 })));
      });
    },
  });
  // A client's broken connection must not stop the stack.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir: opts.dir,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
