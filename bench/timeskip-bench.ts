/** Benchmarks on Temporal's time-skipping test server: history length per route, and a lifecycle simulation. */
import type { Duration } from '@temporalio/common';
import { londonDateOf } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { matterWorkflowId, recordMatterEvent } from '@conduct/workflows';
import { CASE_OFFICER, Decision, Event, WorkflowHarness, newReference } from '../test/support/workflow-harness';
import { runLoops, summarize, Summary } from './stats';

type Step = { decide: Decision } | { record: Event } | { sleep: Duration };
type Route = { name: string; steps: (h: WorkflowHarness) => Promise<Step[]> };

const cal = englandAndWalesCalendar();
const nowOf = async (h: WorkflowHarness) => new Date(await h.env.currentTimeMs()).toISOString();
const dateIn = async (h: WorkflowHarness, days: number) => londonDateOf((await h.env.currentTimeMs()) + days * 86_400_000);

const d = (decide: Record<string, unknown>) => ({ decide: decide as unknown as Decision });
const e = (event: string, extra: Record<string, unknown> = {}) => ({ record: { event, ...extra } as unknown as Event });

/** The standard routes, as the workflow tests run them (with the time that passes between steps). */
export const ROUTES: Record<string, Route> = {
  'no further action (severity: neither)': { name: 'short', steps: async () => [d({ decision: 'severity-assessment', severity: 'neither' })] },
  'no case to answer': {
    name: 'no-case',
    steps: async () => [d({ decision: 'severity-assessment', severity: 'misconduct' }), e('notice-of-investigation-served'), { sleep: '30 days' }, e('investigator-report-submitted'), d({ decision: 'case-to-answer', caseToAnswer: 'none' })],
  },
  'misconduct meeting': {
    name: 'meeting',
    steps: async (h) => [
      d({ decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting' }),
      e('notice-of-investigation-served'),
      { sleep: '3 days' },
      e('representations-received'),
      e('interview-arranged', { scheduledFor: await dateIn(h, 7) }),
      e('disclosure-given'),
      { sleep: '7 days' },
      e('interview-held'),
      { sleep: '30 days' },
      e('investigator-report-submitted'),
      d({ decision: 'case-to-answer', caseToAnswer: 'misconduct' }),
      e('notice-of-referral-served'),
      { sleep: '10 days' },
      e('officer-response-received'),
      e('documents-supplied-to-chair'),
      { sleep: '14 days' },
      e('proceedings-held'),
      d({ decision: 'outcome', outcome: 'written-warning', actor: { id: 'chair', role: 'case-officer' } }),
      e('outcome-report-delivered'),
      e('outcome-notified'),
    ],
  },
  'misconduct hearing (dismissal)': {
    name: 'hearing',
    steps: async () => [
      d({ decision: 'severity-assessment', severity: 'gross-misconduct' }),
      e('notice-of-investigation-served'),
      { sleep: '60 days' },
      e('investigator-report-submitted'),
      d({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' }),
      e('notice-of-referral-served'),
      { sleep: '15 days' },
      e('officer-response-received'),
      e('documents-supplied-to-chair'),
      e('pre-hearing-held'),
      { sleep: '20 days' },
      e('proceedings-held'),
      d({ decision: 'outcome', outcome: 'dismissal-without-notice' }),
      e('outcome-notified'),
    ],
  },
  'accelerated hearing': {
    name: 'accelerated',
    steps: async (h) => {
      const noticeOn = londonDateOf(await h.env.currentTimeMs());
      return [
        d({ decision: 'severity-assessment', severity: 'gross-misconduct' }),
        d({ decision: 'special-conditions', reason: 'conviction; public interest' }),
        e('investigator-report-submitted'),
        d({ decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' }),
        e('notice-of-referral-served'),
        e('proceedings-scheduled', { scheduledFor: cal.addWorkingDays(noticeOn, 12) }),
        { sleep: '16 days' },
        e('proceedings-held'),
        d({ decision: 'outcome', outcome: 'dismissal-without-notice' }),
        e('outcome-notified'),
      ];
    },
  },
  'resigned during investigation': { name: 'resigned', steps: async () => [d({ decision: 'severity-assessment', severity: 'misconduct' }), { sleep: '10 days' }, e('resigned')] },
};

async function refer(h: WorkflowHarness, prefix: string, kind = 'conduct-matter'): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: kind as never, forceId: 'bench', appropriateAuthority: 'Chief Constable', receivedOn: londonDateOf(await h.env.currentTimeMs()), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }] });
  await h.waitForSubject(reference, 'pc-1');
  return reference;
}

async function runSteps(h: WorkflowHarness, reference: string, steps: Step[], withSleeps: boolean): Promise<void> {
  for (const step of steps) {
    if ('sleep' in step) {
      if (withSleeps) await withTimeout(h.env.sleep(step.sleep), 60_000, `sleeping ${step.sleep} did not return within 60 s`);
    } else if ('decide' in step) await h.decide(reference, 'pc-1', { ...step.decide, occurredAt: await nowOf(h) } as Decision);
    else await h.record(reference, 'pc-1', { ...step.record, occurredAt: await nowOf(h) });
  }
}

export interface HistoryRow {
  route: string;
  matterEvents: number | null;
  subjectEvents: number | null;
  total: number | null;
  runs?: number;
  subjectEventTypes?: Record<string, number>;
  error?: string;
}

/** Runs every standard route to its end (awaiting both workflows' results skips the time left), and reads each workflow's history length. */
export async function histories(newHarness: () => Promise<WorkflowHarness>, opts: { months: number; log: (s: string) => void }): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const [route, r] of Object.entries(ROUTES)) {
    // A fresh time-skipping server per route, as the workflow tests do: time is global to a server.
    const h = await newHarness();
    opts.log(`   ${route}`);
    try {
      const reference = await refer(h, `hist-${r.name}`);
      await runSteps(h, reference, await r.steps(h), true);
      const matter = h.env.client.workflow.getHandle(matterWorkflowId(reference));
      await withTimeout(matter.result(), 60_000, 'the matter did not finish within 60 s');
      const subject = h.subjectHandle(reference, 'pc-1');
      await withTimeout(subject.result(), 60_000, "the subject's track did not finish within 60 s");
      const m = (await matter.describe()).historyLength;
      const s = (await subject.describe()).historyLength;
      // Which kinds of event make up the subject's history (what to cut to shorten it).
      const byType: Record<string, number> = {};
      for (const ev of (await subject.fetchHistory()).events ?? []) {
        const type = String(ev.eventType ?? 'unknown').replace(/^EVENT_TYPE_/, '');
        byType[type] = (byType[type] ?? 0) + 1;
      }
      rows.push({ route, matterEvents: m, subjectEvents: s, total: m + s, subjectEventTypes: byType });
    } catch (err) {
      rows.push({ route, matterEvents: null, subjectEvents: null, total: null, error: String((err as Error).message ?? err).slice(0, 200) });
    } finally {
      await h.stop();
    }
  }
  // A complaint open for three years, the complainant updated every 4 weeks: the longest run of its history.
  const h = await newHarness();
  opts.log(`   a complaint open ${opts.months} months`);
  try {
    const reference = await refer(h, 'hist-long', 'complaint');
    const handle = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    const runs = new Set<string>();
    let longest = 0;
    const updates = Math.round((opts.months * 365.25) / 12 / 28);
    for (let i = 0; i < updates; i++) {
      await h.env.sleep('28 days');
      await handle.executeUpdate(recordMatterEvent, { args: [{ event: 'complainant-updated', note: `update ${i + 1}`, occurredAt: await nowOf(h), actor: CASE_OFFICER }] });
      const desc = await handle.describe();
      runs.add(desc.runId);
      longest = Math.max(longest, desc.historyLength);
    }
    const s = (await h.subjectHandle(reference, 'pc-1').describe()).historyLength;
    rows.push({ route: `complaint open ${opts.months} months, ${updates} complainant updates (longest run)`, matterEvents: longest, subjectEvents: s, total: longest + s, runs: runs.size });
  } catch (err) {
    rows.push({ route: 'three-year complaint', matterEvents: null, subjectEvents: null, total: null, error: String((err as Error).message ?? err).slice(0, 200) });
  } finally {
    await h.stop();
  }
  return rows;
}

/** Six years: the longest route ends within two (a written warning lives 18 months). */
const SETTLE_MONTHS = 72;

export interface SimulationResult {
  matters: number;
  concurrency: number;
  mix: Record<string, number>;
  driveSeconds: number;
  settleSeconds: number;
  monthsSkipped: number;
  wallSeconds: number;
  completed: number;
  failed: number;
  errors: string[];
  stepMs: Summary;
}

/**
 * `matters` matters through their whole lifecycle: the caseload's mix (≈64% no further action, ≈34% investigated
 * with no case to answer, ≈2% to proceedings, split between meetings and hearings), driven `concurrency` at a time,
 * then every matter's workflow awaited to its end (the server skips the time left: appeal windows, warnings).
 */
export async function simulate(h: WorkflowHarness, opts: { matters: number; concurrency: number; settleTimeoutMs: number }): Promise<SimulationResult> {
  const plan: string[] = [];
  for (let i = 0; i < opts.matters; i++) {
    const x = i % 100;
    plan.push(x < 64 ? 'no further action (severity: neither)' : x < 98 ? 'no case to answer' : x === 98 ? 'misconduct meeting' : 'misconduct hearing (dismissal)');
  }
  const mix: Record<string, number> = {};
  for (const p of plan) mix[p] = (mix[p] ?? 0) + 1;
  const references: string[] = [];
  const stepMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const r = await runLoops(opts.concurrency, () => next >= plan.length, async () => {
    const route = ROUTES[plan[next++]];
    const reference = await refer(h, `sim-${route.name}`);
    for (const step of await route.steps(h)) {
      const t0 = performance.now();
      await runSteps(h, reference, [step], false);
      if (!('sleep' in step)) stepMs.push(performance.now() - t0);
    }
    references.push(reference);
  });
  const driven = performance.now();
  // To the end: the server skips the time left (appeal windows, warnings) a month at a time, and each matter's
  // status is read between skips. Not by awaiting every result at once: the test client unlocks time skipping for
  // each awaited result, and hundreds of those at once unbalance the server's lock ("Unbalanced lock and unlock
  // calls") and stop it.
  let open = [...references];
  const settleErrors: string[] = [];
  let skipped = 0;
  let endedOtherwise = 0;
  while (open.length && performance.now() - driven < opts.settleTimeoutMs && skipped < SETTLE_MONTHS) {
    await withTimeout(h.env.sleep('30 days'), 120_000, 'skipping 30 days did not return within 120 s');
    skipped++;
    const still: string[] = [];
    for (let i = 0; i < open.length; i += 50) {
      const batch = open.slice(i, i + 50);
      const statuses = await Promise.all(batch.map((reference) => h.env.client.workflow.getHandle(matterWorkflowId(reference)).describe().then((x) => x.status.name)));
      batch.forEach((reference, j) => {
        if (statuses[j] === 'RUNNING') still.push(reference);
        else if (statuses[j] !== 'COMPLETED') {
          endedOtherwise++;
          if (settleErrors.length < 3) settleErrors.push(`matter ${reference} ended ${statuses[j]}`);
        }
      });
    }
    open = still;
  }
  if (open.length && settleErrors.length < 3) settleErrors.push(`${open.length} matters still running after ${skipped} months skipped, e.g. ${open[0]}`);
  const completed = references.length - open.length - endedOtherwise;
  const done = performance.now();
  return {
    matters: opts.matters,
    concurrency: opts.concurrency,
    mix,
    driveSeconds: (driven - started) / 1000,
    settleSeconds: (done - driven) / 1000,
    monthsSkipped: skipped,
    wallSeconds: (done - started) / 1000,
    completed,
    failed: r.failed + (references.length - completed),
    errors: [...r.errors, ...settleErrors],
    stepMs: summarize(stepMs),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
