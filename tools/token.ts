import * as path from 'path';
import { ROLES, embeddedSecret, signToken } from './stack/tokens';
import { setting } from '@conduct/config';

/**
 * `npm run token -- [role] [force]`: prints bearer tokens for the embedded default (signed with the
 * secret `npm start` keeps in the data folder). With no role, one for each role.
 */
async function main(): Promise<void> {
  const [role, force = setting('CONDUCT_DEFAULT_FORCE')] = process.argv.slice(2);
  const dataDir = path.resolve(__dirname, '..', setting('CONDUCT_DATA_DIR'));
  const secret = setting('AUTH_JWT_SECRET') ?? embeddedSecret(dataDir);
  for (const r of role ? [role] : ROLES) {
    const forces = r === 'oversight' ? ['*'] : undefined;
    console.log(`${r.padEnd(22)} ${await signToken(secret, { sub: `demo-${r}`, role: r, force, forces })}`);
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
