import 'reflect-metadata';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source';

/**
 * For an integration spec: each test runs in a transaction of its own on the integration database, rolled back after
 * it, so nothing one test writes is seen by another or left behind (other suites write the same database meanwhile).
 * Call once at the top of the spec; `query()` is the running test's query runner.
 */
export function eachTestRolledBack(isolation?: 'REPEATABLE READ'): { query: () => QueryRunner } {
  let db: DataSource;
  let q: QueryRunner | undefined;
  beforeAll(async () => {
    db = new DataSource({ ...dataSourceOptions(process.env.INTEGRATION_DATABASE_URL), extra: { max: 2 } });
    await db.initialize();
  });
  afterAll(async () => db.destroy());
  beforeEach(async () => {
    q = db.createQueryRunner();
    await q.connect();
    await q.startTransaction(isolation);
  });
  afterEach(async () => {
    await q!.rollbackTransaction();
    await q!.release();
    q = undefined;
  });
  return {
    query: () => {
      if (!q) throw new Error('no test is running: call query() inside a test or a beforeEach');
      return q;
    },
  };
}
