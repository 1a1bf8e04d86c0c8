import { exitUnlessConfigured } from '@conduct/config';
import { runMigrations } from './data-source';

/** `node tools/run-ts.js libs/persistence/src/migrate.ts`: runs pending migrations against DATABASE_URL. */
exitUnlessConfigured('migrate');
runMigrations().then(
  (ran) => {
    console.log(ran.length ? `migrations run: ${ran.join(', ')}` : 'no pending migrations');
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
