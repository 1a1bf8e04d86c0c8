import * as fs from 'fs';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from './tools/stack/postgres';
import { dataSourceOptions } from './libs/persistence/src';

async function main() {
  const dir = '/tmp/listq/pg';
  const fresh = !fs.existsSync(dir);
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 25432 });
  process.env.DATABASE_URL = pg.url;
  const ds = new DataSource({ ...(dataSourceOptions() as object), migrationsRun: false } as never);
  await ds.initialize();
  await ds.runMigrations();
  if (fresh) {
    await ds.query(`INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority, received_on, revision)
      SELECT 'M-'||i, 'matter-M-'||i, 'conduct-matter', 'conduct', 'bench-force', CASE WHEN i % 10 = 0 THEN 'closed' ELSE 'investigation' END, 'CC', date '2023-01-01' + (i % 1000), 1 FROM generate_series(1,50000) i`);
    await ds.query(`INSERT INTO subject (matter_reference, subject_id, workflow_id, kind, warrant_number, stage, revision)
      SELECT 'M-'||i, 'pc-1', 'x', 'police-officer', 'W-'||i, CASE WHEN i % 50 = 0 THEN 'misconduct-meeting' WHEN i % 10 = 0 THEN 'closed' ELSE 'investigation' END, 1 FROM generate_series(1,50000) i`);
    await ds.query(`INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status)
      SELECT 'w-'||i, 'k'||k, 'M-'||i, NULL, 'r', 'n', 'reg', date '2026-11-01' + ((i*7+k*13) % 400), timestamptz '2026-11-01' + make_interval(days => (i*7+k*13) % 400), CASE WHEN k < 3 THEN 'met' ELSE 'open' END FROM generate_series(1,50000) i, generate_series(1,6) k`);
    await ds.query('ANALYZE');
  }
  const queries: Record<string, string> = JSON.parse(fs.readFileSync('/tmp/listq/queries.json', 'utf8'));
  for (const [name, sql] of Object.entries(queries)) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) { const t = performance.now(); await ds.query(sql); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    console.log(`${name}: p50 ${times[15].toFixed(1)} ms, max ${times[29].toFixed(1)} ms`);
    if (process.env.EXPLAIN) console.log((await ds.query('EXPLAIN ANALYZE ' + sql)).map((r: any) => r['QUERY PLAN']).join('\n'));
  }
  await ds.destroy();
  await pg.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
