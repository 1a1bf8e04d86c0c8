import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { setting } from '@conduct/config';
import { MIGRATIONS } from './migrations';

// A DATE is a civil date: keep it as 'YYYY-MM-DD' rather than a midnight in the host's time zone.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = setting('DATABASE_URL', env);
  if (!url) throw new Error('DATABASE_URL is not set: npm start sets it for the embedded PostgreSQL, or point it at your own server');
  return url;
}

/**
 * One definition of the connection, shared by the api, the worker and the migration runner. Never `synchronize`.
 * No entities: the migrations are the schema, and each table's SQL is in its module (`tables/`).
 */
export function dataSourceOptions(url = databaseUrl()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: setting('DATABASE_POOL_SIZE') },
  };
}

export async function runMigrations(url = databaseUrl()): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
