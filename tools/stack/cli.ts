import * as path from 'path';
import { RunningStack, startStack } from './stack';
import { ROLES, signToken } from './tokens';
import { isSet, setting } from '@conduct/config';

/** `npm start`: the embedded stack, until Ctrl-C. */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const dataDir = path.resolve(root, setting('CONDUCT_DATA_DIR'));
  // This process stops everything itself, in order. The servers run in their own process groups, so a
  // Ctrl-C reaches this process only; one during the start stops what has started.
  const starting = new AbortController();
  let stack: RunningStack | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!stack) {
      console.log(`[stack] ${signal}: stopping what has started`);
      starting.abort(new Error(`stopped by ${signal} while starting`));
      return;
    }
    console.log(`[stack] ${signal}: stopping the API, the worker, Temporal and PostgreSQL`);
    await stack.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
  stack = await startStack({
    ownProcessGroups: true,
    mailCatcher: true,
    abort: starting.signal,
    dataDir,
    apiPort: setting('PORT'),
    temporalPort: setting('TEMPORAL_PORT'),
    uiPort: setting('TEMPORAL_UI_PORT'),
    postgresPort: setting('POSTGRES_PORT'),
    databaseUrl: setting('DATABASE_URL'),
    // Unset: the embedded dev server (the declared default is what a service falls back to).
    temporalAddress: isSet('TEMPORAL_ADDRESS') ? setting('TEMPORAL_ADDRESS') : undefined,
    log: (line) => console.log(`[stack] ${line}`),
  });
  console.log(
    [
      '',
      'Misconduct proceedings engine is running:',
      `  Web interface  ${stack.apiUrl}/   (open it in a browser; ${isSet('AUTH_OIDC_ISSUER') ? `sign in through ${setting('AUTH_OIDC_ISSUER')}` : 'sign in with the development sign-in: any name, role and force'})`,
      `  API            ${stack.apiUrl}   (health: ${stack.apiUrl}/health)`,
      `  API docs       ${stack.apiUrl}/docs   (OpenAPI JSON: ${stack.apiUrl}/docs-json)`,
      `  Temporal UI    ${stack.temporalUiUrl ?? '(external Temporal: see your own server)'}`,
      `  Temporal gRPC  ${stack.temporalAddress}`,
      `  PostgreSQL     ${stack.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`,
      `  Mail catcher   ${stack.mailCatcher ? `${stack.mailCatcher.url} (messages: ${stack.mailCatcher.dir})` : '(off: SMTP_URL is set)'}`,
      `  Data folder    ${dataDir}`,
      'Bearer tokens for each role (also: npm run token -- <role> [force]):',
      ...(await tokenLines(stack.authJwtSecret)),
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
  if (stopping) {
    // Stopped while the start's last step was under way.
    await stack.stop();
    process.exit(0);
  }
}

main().catch((err) => {
  if (err instanceof Error && /^stopped by SIG/.test(err.message)) process.exit(0);
  console.error(`[stack] could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

async function tokenLines(secret: string | undefined): Promise<string[]> {
  if (!secret) return ['  (tokens come from your identity provider)'];
  const force = setting('CONDUCT_DEFAULT_FORCE');
  return Promise.all(ROLES.map(async (role) => `  ${role.padEnd(22)} ${await signToken(secret, { sub: `demo-${role}`, role, force, forces: role === 'oversight' ? ['*'] : undefined })}`));
}
