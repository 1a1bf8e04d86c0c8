/**
 * `npm run bench:pages [-- --matters N] [--requests R] [--out file.json]`: how fast the web interface's pages render
 * with N open matters (50,000 by default, the capacity target) in the database. It starts the embedded stack, writes
 * the matters straight into the read model (matter, subject, deadline, audit trail, stage transitions: the rows the
 * workflows write, in their shapes; filling 50,000 through the workflows takes an hour, and the pages read only
 * these tables), signs in by the development sign-in, and times R requests of each page, one at a time, from the
 * request to the last byte. Not part of `npm test`: results go into bench/pages-bench.md by hand.
 */
import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client as Pg } from 'pg';
import { londonDateOf } from '@conduct/domain';
import { startStack } from '../tools/stack';
import { WebClient } from '../test/support/web-client';
import { fmt, markdownTable, parseArgs, summarize } from './stats';

const FORCES = 10;
const FORCE = 'force-1';

/** The read model of `n` open matters: 10 forces, 1–2 subjects each, 4 deadlines per subject (one met), 12 audit lines, an outcome on every fourth; about half allocated. */
async function fill(pg: Pg, n: number): Promise<void> {
  await pg.query(`
    INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority, mode_of_investigation, received_on, revision, case_officer, timeliness_starts_on)
    SELECT 'BENCH-' || g, 'matter-BENCH-' || g, (ARRAY['complaint','recordable-conduct-matter','conduct-matter','dsi-matter'])[1 + g % 4], 'schedule-3',
           'force-' || (g % ${FORCES}), 'open', 'DCS ' || (g % 50), 'local', current_date - (g % 700), 1,
           -- Allocation (issue 15): one matter in 30 to the signed-in person, half to 40 others, the rest unallocated.
           CASE WHEN g % 30 = 1 THEN 'dev:bench-aa' WHEN g % 2 = 0 THEN 'co-' || (g % 40) END,
           current_date - (g % 700) - CASE WHEN g % 4 = 0 THEN g % 60 ELSE 0 END
    FROM generate_series(1, $1) g`, [n]);
  await pg.query(`
    INSERT INTO subject (matter_reference, subject_id, workflow_id, kind, rank, warrant_number, stage, severity, status, revision)
    SELECT 'BENCH-' || g, s, 'subject-BENCH-' || g || '-' || s, 'police-officer', 'PC', (100000 + g * 2 + (s = 'b')::int)::text,
           (ARRAY['severity-assessment','investigation','awaiting-case-to-answer','misconduct-meeting','misconduct-hearing'])[1 + g % 5],
           (ARRAY['misconduct','gross-misconduct'])[1 + g % 2], '{}'::jsonb, 1
    FROM generate_series(1, $1) g CROSS JOIN (VALUES ('a'), ('b')) AS v(s) WHERE s = 'a' OR g % 3 = 0`, [n]);
  await pg.query(`
    INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status, extensions, settled_at)
    SELECT s.workflow_id, 'd' || k, s.matter_reference, s.subject_id, 'rule-' || k, 'Deadline ' || k, 'CR reg ' || (15 + k),
           current_date + ((substr(s.matter_reference, 7)::int * 7 + k * 31) % 150 - 30), (current_date + ((substr(s.matter_reference, 7)::int * 7 + k * 31) % 150 - 30))::timestamptz + interval '23 hours',
           CASE WHEN k = 1 THEN 'met' WHEN ((substr(s.matter_reference, 7)::int * 7 + k * 31) % 150 - 30) < 0 THEN 'missed' ELSE 'open' END, '[]'::jsonb,
           CASE WHEN k = 1 THEN now() - interval '3 days' END
    FROM subject s CROSS JOIN generate_series(1, 4) k WHERE s.matter_reference LIKE 'BENCH-%'`);
  await pg.query(`
    INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
    SELECT 'bench:' || g || ':' || k, 'BENCH-' || g, 'a', 'bench-aa', 'appropriate-authority',
           (ARRAY['referred','severity-assessment','notice-served','interview-held','report-received','case-to-answer'])[1 + k % 6], 'rule-' || k, 'CR reg ' || (15 + k % 10),
           now() - ((g % 700) || ' days')::interval + (k || ' hours')::interval, jsonb_build_object('rationale', 'As recorded in the decision log, entry ' || k)
    FROM generate_series(1, $1) g CROSS JOIN generate_series(1, 12) k`, [n]);
  // An outcome decided on every fourth matter, so the quarterly report counts outcomes as well as referrals.
  await pg.query(`
    INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
    SELECT 'bench:' || g || ':outcome', 'BENCH-' || g, 'a', 'bench-aa', 'appropriate-authority', 'decision:outcome', 'outcome', 'CR reg 35',
           now() - ((g % 700) || ' days')::interval + interval '20 days',
           jsonb_build_object('outcome', (ARRAY['management-advice','written-warning','final-written-warning','dismissal-without-notice'])[1 + g % 4], 'rationale', 'As the panel found')
    FROM generate_series(1, $1) g WHERE g % 4 = 0`, [n]);
  await pg.query(`
    INSERT INTO stage_transition (matter_reference, subject_id, from_stage, to_stage, at, revision)
    SELECT 'BENCH-' || g, 'a', t.f, t.t, now() - ((g % 700) || ' days')::interval + (t.r || ' days')::interval, t.r
    FROM generate_series(1, $1) g CROSS JOIN (VALUES (NULL, 'severity-assessment', 1), ('severity-assessment', 'investigation', 2), ('investigation', 'awaiting-case-to-answer', 30)) AS t(f, t, r)`, [n]);
  await pg.query(`UPDATE matter m SET next_due_at = n.due_at FROM (SELECT matter_reference, min(due_at) AS due_at FROM deadline
    WHERE settled_at IS NULL AND status IN ('open', 'missed') GROUP BY matter_reference) n WHERE n.matter_reference = m.reference`);
  await pg.query('ANALYZE');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const matters = typeof args.matters === 'string' ? Number(args.matters) : 50_000;
  const requests = typeof args.requests === 'string' ? Number(args.requests) : 200;
  const log = (s: string) => console.error(`[bench:pages] ${s}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-bench-pages-'));
  fs.chmodSync(dataDir, 0o755);
  const stack = await startStack({ dataDir, uiPort: null, silent: true, log });
  const pg = new Pg({ connectionString: stack.databaseUrl });
  try {
    await pg.connect();
    const began = performance.now();
    await fill(pg, matters);
    log(`${matters} open matters written in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    const base = stack.apiUrl;
    const asForce = new WebClient(base);
    await asForce.signIn({ id: 'bench-aa', role: 'appropriate-authority', force: FORCE });
    const asOversight = new WebClient(base);
    await asOversight.signIn({ id: 'bench-oversight', role: 'oversight', force: 'iopc', forces: ['*'] });
    const pages: { name: string; who: WebClient; path: (i: number) => string }[] = [
      { name: `My work (one force: ${matters / FORCES} open matters)`, who: asForce, path: () => '/' },
      { name: 'My work, next page (cursor)', who: asForce, path: () => '/?after=' + nextCursorOf(firstPage) },
      { name: `My work (oversight, every force: ${matters} open matters)`, who: asOversight, path: () => '/' },
      { name: 'My work, overdue only, one stage', who: asForce, path: () => '/?overdue=true&stage=investigation' },
      { name: 'My work, search by warrant number', who: asForce, path: (i) => `/?search=${100000 + ((i * 20 + 1) % matters) * 2}` },
      { name: 'My work, allocated to me', who: asForce, path: () => '/?allocatedTo=me' },
      { name: 'My work, unallocated', who: asForce, path: () => '/?allocatedTo=unallocated' },
      { name: `Unallocated work (one force)`, who: asForce, path: () => '/unallocated' },
      { name: 'A matter page', who: asForce, path: (i) => `/matter/BENCH-${((i * 10) % matters) + 1}` },
      { name: 'A matter timeline', who: asForce, path: (i) => `/matter/BENCH-${((i * 10) % matters) + 1}/timeline` },
      { name: 'Quarterly report (oversight, every force)', who: asOversight, path: () => '/oversight/quarterly' },
      { name: 'Timeliness report (one force)', who: asForce, path: () => '/oversight/timeliness' },
      // A year's outcomes (about an eighth of the force's matters), each row with its subject's trail read (LATERAL).
      { name: 'Home Office return, the last 365 days (one force, CSV)', who: asForce, path: () => `/oversight/returns/download?return=home-office-misconduct&${periodQuery(365)}` },
    ];
    const firstPage = (await asForce.get('/')).html;
    const rows: string[][] = [];
    const results: Record<string, unknown> = { startedAt: new Date().toISOString(), matters, requests, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version } };
    for (const page of pages) {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        const res = await page.who.get(page.path(i));
        times.push(performance.now() - t);
        status = res.status;
        if (res.status !== 200) break;
      }
      if (status !== 200) {
        rows.push([page.name, `answered ${status}`, '', '', '']);
        continue;
      }
      const s = summarize(times);
      results[page.name] = s;
      rows.push([page.name, String(s.count), fmt(s.p50, ' ms'), fmt(s.p95, ' ms'), fmt(s.max, ' ms')]);
    }
    console.log(markdownTable(['Page', 'Requests', 'p50', 'p95', 'max'], rows));
    const out = typeof args.out === 'string' ? args.out : path.join(__dirname, 'results', `${new Date().toISOString().slice(0, 10)}-pages-${matters}.json`);
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    log(`results in ${out}`);
  } finally {
    await pg.end().catch(() => undefined);
    await stack.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The returns page's query for the `days` up to today (London dates). */
function periodQuery(days: number): string {
  const [from, to] = [Date.now() - days * 86_400_000, Date.now()].map((t) => londonDateOf(t).split('-'));
  return new URLSearchParams({ 'from-day': from[2], 'from-month': from[1], 'from-year': from[0], 'to-day': to[2], 'to-month': to[1], 'to-year': to[0] }).toString();
}

/** The "Next page" link's cursor on My work's first page. */
function nextCursorOf(html: string): string {
  const m = /[?&;]after=([A-Za-z0-9_-]+)/.exec(html.replace(/&amp;/g, '&'));
  if (!m) throw new Error('My work has no next page');
  return m[1];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
