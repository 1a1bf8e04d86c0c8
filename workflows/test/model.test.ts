/**
 * Model-based test (issue 11, "no command can wedge a matter"): random sequences of decisions and events,
 * for every kind of matter and subject, drawn from the domain's vocabulary (./model/proceedings-model.ts),
 * against the real workflows on Temporal's time-skipping test server with the real worker activities.
 * Asserts that every update is answered in bounded time, that every refusal is a RuleViolation naming
 * its rule, that the stage machine's invariants hold after every step, and that no workflow task failed.
 *
 *   MODEL_RUNS=5000        sequences (default 240, about two minutes), run MODEL_PARALLEL (default 8) at a time
 *   MODEL_SEED=<seed>      replay a run (the seed is printed at the start and on failure);
 *   MODEL_PATH=<path>      with the seed, the counterexample fast-check printed
 *   MODEL_SHRINK=1         shrink a failure (slow: every attempt runs its workflows again)
 *   MODEL_TRACE=1          print every step as it is sent
 *
 * A replay sends the same commands in the same order; two sent "together" may still be applied in
 * either order, as Temporal accepts them.
 *   MODEL_STEPS=6..24      steps per sequence
 */
import * as fc from 'fast-check';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { londonDateOf, addCalendarDays, ruleSetFor } from '@conduct/domain';
import {
  SubjectView,
  MatterView,
  RecommendationView,
  extendDeadline,
  extendMatterDeadline,
  extendRecommendationDeadline,
  matterState,
  matterWorkflowId,
  recommendationState,
  recordDecision,
  recordEvent,
  recordMatterDecision,
  recordMatterEvent,
  recordRecommendationPublished,
  recordRecommendationResponse,
  subjectState,
} from '@conduct/workflows';
import { CASE_OFFICER, WorkflowHarness, newReference } from '../../test/support/workflow-harness';
import {
  Answer,
  Clock,
  MatterFacts,
  RecommendationFacts,
  Scenario,
  SubjectFacts,
  acceptSubjectCommand,
  applyQuirk,
  buildMatterCommand,
  buildRecommendationCommand,
  buildSubjectCommand,
  checkAnswer,
  chooseSubjectCommand,
  newSubjectFacts,
  observeMatter,
  observeRecommendation,
  observeSubject,
  scenarioArbitrary,
} from './model/proceedings-model';

const DEFAULT_RUNS = 240;
const RUNS = Number(process.env.MODEL_RUNS ?? DEFAULT_RUNS);
const PARALLEL = Math.max(1, Number(process.env.MODEL_PARALLEL ?? 8));
const SEED = process.env.MODEL_SEED !== undefined ? Number(process.env.MODEL_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const PATH = process.env.MODEL_PATH;
const [MIN_STEPS, MAX_STEPS] = (process.env.MODEL_STEPS ?? '6..24').split('..').map(Number);
/** An update not answered within this (wall clock) counts as wedged. */
const UPDATE_TIMEOUT_MS = Number(process.env.MODEL_UPDATE_TIMEOUT_MS ?? 30_000);

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.start();
});
afterAll(async () => {
  await h?.stop();
});

/** Sends one update and says how it was answered, within UPDATE_TIMEOUT_MS. */
async function answer<V>(send: () => Promise<V>, handle?: WorkflowHandle): Promise<Answer<V>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Answer<V>>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout', ms: UPDATE_TIMEOUT_MS }), UPDATE_TIMEOUT_MS)));
  const sent = send().then(
    (view): Answer<V> => ({ kind: 'accepted', view }),
    (e): Answer<V> => {
      if (e instanceof WorkflowUpdateFailedError) {
        const cause = e.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
        const detail = (cause?.details?.[0] ?? {}) as Record<string, unknown>;
        return { kind: 'refused', type: cause?.type, rule: detail.rule, regulation: detail.regulation, hasRegulation: 'regulation' in detail, message: cause?.message ?? e.message };
      }
      // What the API maps to 409 'workflow-open' (apps/api/src/common/temporal-errors.ts).
      if (/workflow execution already completed|already completed/i.test(e?.message ?? '')) return { kind: 'finished' };
      return { kind: 'error', message: `${e?.name}: ${e?.message}` };
    },
  ).then(async (a): Promise<Answer<V>> => {
    // The time-skipping server answers an update to a workflow that has completed with "update … not found".
    if (a.kind === 'error' && handle && /WorkflowNotFoundError/.test(a.message)) {
      const status = await handle.describe().then((d) => d.status.name, () => 'unknown');
      if (status === 'COMPLETED') return { kind: 'finished' };
      return { kind: 'error', message: `${a.message} (workflow ${status})` };
    }
    return a;
  });
  try {
    return await Promise.race([sent, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Any other call to the server, bounded too: a hang is reported as a problem, not a stuck test. */
function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${UPDATE_TIMEOUT_MS} ms`)), UPDATE_TIMEOUT_MS)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const TRACE = !!process.env.MODEL_TRACE;

/** temporal.api.enums.v1.WorkflowTaskFailedCause values that are Temporal's own races, resolved by a retry. */
const BENIGN_TASK_FAILURES: Record<number, string> = { 1: 'UNHANDLED_COMMAND', 13: 'RESET_STICKY_TASK_QUEUE', 17: 'FORCE_CLOSE_COMMAND', 31: 'UNHANDLED_UPDATE' };

interface Run {
  /** The scenario's steps, cut where time passes: segment k runs, then the batch's clock moves on. */
  segments: { steps: { step: Scenario['steps'][number]; n: number }[]; daysAfter: number }[];
  problems: string[];
  log: string[];
  driver?: Driver;
}

interface Driver {
  runStep(step: Scenario['steps'][number], n: number): Promise<void>;
  afterTime(days: number): Promise<void>;
  finish(): Promise<void>;
}

function newRun(sc: Scenario): Run {
  const segments: Run['segments'] = [{ steps: [], daysAfter: 0 }];
  sc.steps.forEach((step, n) => {
    if (step.kind === 'time') {
      segments[segments.length - 1].daysAfter = step.days;
      segments.push({ steps: [], daysAfter: 0 });
    } else segments[segments.length - 1].steps.push({ step, n });
  });
  const run: Run = { segments, problems: [], log: [] };
  if (TRACE) {
    run.log.push = (...lines: string[]) => {
      for (const l of lines) process.stderr.write(`[model] ${l}\n`);
      return Array.prototype.push.apply(run.log, lines);
    };
  }
  return run;
}

/** Runs a stage of a scenario, turning a hang or a throw into a problem. */
async function guarded(run: Run, what: () => Promise<void>): Promise<void> {
  if (run.problems.length) return;
  try {
    await what();
  } catch (err) {
    run.problems.push(`the scenario stopped: ${(err as Error).message}`);
  }
}

/**
 * Runs a batch of scenarios side by side, each on its own matter. Time is the server's, shared: the
 * scenarios run their segments together, then time passes once for all (the most any asked for).
 */
async function runBatch(scenarios: Scenario[], first: number): Promise<string[][]> {
  const runs = scenarios.map(newRun);
  await Promise.all(runs.map((run, i) => guarded(run, async () => void (run.driver = await driveScenario(scenarios[i], first + i, run.problems, run.log)))));
  const rounds = Math.max(...runs.map((r) => r.segments.length));
  for (let k = 0; k < rounds; k++) {
    await Promise.all(runs.map((run) => guarded(run, async () => {
      for (const { step, n } of run.segments[k]?.steps ?? []) {
        await run.driver!.runStep(step, n);
        if (run.problems.length) return;
      }
    })));
    const days = Math.max(0, ...runs.map((r) => r.segments[k]?.daysAfter ?? 0));
    if (days > 0) {
      runs.forEach((r) => r.log.push(`${days} days pass`));
      try {
        await within(h.env.sleep(`${days} days`), `sleeping ${days} days`);
      } catch (err) {
        runs.forEach((r) => r.problems.push(`time could not pass: ${(err as Error).message}`));
      }
      await Promise.all(runs.map((run) => guarded(run, () => run.driver!.afterTime(days))));
    }
  }
  await Promise.all(runs.map(async (run) => {
    try {
      await run.driver?.finish();
    } catch (err) {
      run.problems.push(`the end of the scenario: ${(err as Error).message}`);
    }
  }));
  stats.sequences += scenarios.length;
  stats.steps += scenarios.reduce((n, sc) => n + sc.steps.length, 0);
  return runs.map((run, i) => {
    const sc = scenarios[i];
    if (!run.problems.length) return [];
    return [`scenario ${first + i}: ${sc.matterKind} (${sc.recordableCategories.join(', ') || 'no categories'}), subjects ${sc.subjects.map((s, j) => `s${j + 1} ${s.kind}${s.finalWrittenWarningLive ? ' (FWW live)' : ''}`).join(', ')}`, ...run.log.map((l) => `  ${l}`), 'problems:', ...run.problems.map((p) => `  ${p}`)];
  });
}

async function driveScenario(sc: Scenario, index: number, problems: string[], log: string[]): Promise<Driver> {
  const reference = newReference(`model-${index}`);
  const nowMs = await h.env.currentTimeMs();
  const receivedOn = addCalendarDays(londonDateOf(nowMs), -10);
  const subjectIds = sc.subjects.map((_, i) => `s${i + 1}`);
  log.push(`${reference}: referred`);
  await within(h.refer({
    reference,
    kind: sc.matterKind,
    forceId: 'model-force',
    appropriateAuthority: 'Chief Constable',
    receivedOn,
    recordableCategories: sc.recordableCategories,
    subjects: sc.subjects.map((s, i) => ({ subjectId: subjectIds[i], kind: s.kind, finalWrittenWarningLive: s.finalWrittenWarningLive, rank: s.kind === 'police-officer' ? 'PC' : s.kind === 'special-constable' ? 'SC' : undefined, unit: 'Response 1', lineManagers: ['insp-1'] })),
  }), `${reference}: referral`);
  for (const id of subjectIds) await within(h.waitForSubject(reference, id), `${reference}: ${id} starting`);
  const facts: SubjectFacts[] = sc.subjects.map((spec) => newSubjectFacts(spec, ruleSetFor(receivedOn).ruleSet));
  const views: (SubjectView | undefined)[] = sc.subjects.map(() => undefined);
  const matterFacts: MatterFacts = { modeDecisions: 0, mode: null };
  let matterView: MatterView | undefined = await within(h.matter(reference), `${reference}: matter query`);
  problems.push(...observeMatter(matterFacts, matterView, undefined, 'referral'));
  const recFacts: RecommendationFacts = { responses: 0, publications: 0 };
  let recHandle: WorkflowHandle | undefined;
  let recView: RecommendationView | undefined;
  if (sc.withRecommendation) {
    recHandle = await within(h.startRecommendation({ reference: `${reference}-rec`, matterReference: reference, forceId: 'model-force', recipient: 'Chief Constable', madeOn: receivedOn, text: 'review the training', madeBy: { id: 'iopc-1', role: 'oversight' } }), `${reference}: recommendation`);
  }
  const clock = async (): Promise<Clock> => ({ nowMs: await within(h.env.currentTimeMs(), 'the server clock'), receivedOn });
  const subjectHandle = (i: number) => h.subjectHandle(reference, subjectIds[i]);
  const sendSubject = (i: number, type: 'decision' | 'event' | 'extension', cmd: Record<string, unknown>) => {
    const handle = subjectHandle(i);
    const update = type === 'decision' ? recordDecision : type === 'event' ? recordEvent : extendDeadline;
    return answer(() => handle.executeUpdate(update as typeof recordDecision, { args: [cmd as never] }), handle);
  };
  /** A subject's workflow that finished must have closed its track: look at its last state. */
  const finishedSubject = async (i: number, what: string): Promise<string[]> => {
    const v = await within(subjectHandle(i).query(subjectState), `${what}: query`);
    views[i] = v;
    const found = observeSubject(facts[i], v, `${what} (finished)`);
    if (v.stage !== 'closed') found.push(`${what}: the subject's workflow finished at stage ${v.stage}`);
    return found;
  };
  const typeOf = (c: { type: string }): 'decision' | 'event' | 'extension' => c.type as 'decision' | 'event' | 'extension';

  const runStep = async (step: Scenario['steps'][number], n: number): Promise<void> => {
    const where = `${reference} step ${n + 1}`;
    switch (step.kind) {
      case 'subject': {
        const c = chooseSubjectCommand(facts[step.subject].stage, step.guided, step.pick, views[step.subject], facts[step.subject].kind);
        const ck = await clock();
        const cmd = applyQuirk(buildSubjectCommand(c, step.seed, ck, views[step.subject]), step.seed, ck);
        const what = `${where} ${subjectIds[step.subject]} (${facts[step.subject].kind}, at ${facts[step.subject].stage}): ${c.type} ${c.name}${step.seed.quirk !== 'none' ? ` [${step.seed.quirk}]` : ''}`;
        const a = await sendSubject(step.subject, typeOf(c), cmd);
        log.push(`${what} → ${told(a)}`);
        problems.push(...checkAnswer(what, a, true));
        if (a.kind === 'finished') problems.push(...(await finishedSubject(step.subject, what)));
        if (a.kind === 'accepted') {
          views[step.subject] = a.view;
          problems.push(...acceptSubjectCommand(facts[step.subject], typeOf(c), cmd, a.view, what));
        }
        break;
      }
      case 'together': {
        const f = facts[step.subject];
        const ck = await clock();
        const chosen = step.picks.map((p, k) => {
          const c = chooseSubjectCommand(f.stage, true, p, views[step.subject], f.kind);
          return { c, cmd: applyQuirk(buildSubjectCommand(c, step.seeds[k], ck, views[step.subject]), step.seeds[k], ck) };
        });
        const what = `${where} ${subjectIds[step.subject]} (${f.kind}, at ${f.stage}): together ${chosen.map((x) => `${x.c.type} ${x.c.name}`).join(' + ')}`;
        const answers = await Promise.all(chosen.map((x) => sendSubject(step.subject, typeOf(x.c), x.cmd)));
        log.push(`${what} → ${answers.map(told).join(' + ')}`);
        answers.forEach((a) => problems.push(...checkAnswer(what, a, true)));
        if (answers.some((a) => a.kind === 'finished')) problems.push(...(await finishedSubject(step.subject, what)));
        // Applied one at a time: check the accepted ones in the order their revisions show.
        const accepted = answers
          .map((a, k) => ({ a, k }))
          .filter((x): x is { a: Extract<Answer<SubjectView>, { kind: 'accepted' }>; k: number } => x.a.kind === 'accepted')
          .sort((x, y) => x.a.view.revision - y.a.view.revision);
        for (const { a, k } of accepted) {
          views[step.subject] = a.view;
          problems.push(...acceptSubjectCommand(f, typeOf(chosen[k].c), chosen[k].cmd, a.view, `${what} (#${k + 1})`));
        }
        break;
      }
      case 'retry': {
        const f = facts[step.subject];
        const last = f.lastAccepted;
        if (!last || last.cmd.commandId === undefined) break;
        const what = `${where} ${subjectIds[step.subject]} (at ${f.stage}): retry of ${last.type} ${String(last.cmd.decision ?? last.cmd.event ?? last.cmd.key)} (${String(last.cmd.commandId)})`;
        const a = await sendSubject(step.subject, last.type, last.cmd);
        log.push(`${what} → ${told(a)}`);
        if (a.kind === 'refused') problems.push(`${what}: a retried request was refused (${String(a.rule)}: ${a.message}), not answered`);
        else problems.push(...checkAnswer(what, a, true));
        if (a.kind === 'finished') problems.push(...(await finishedSubject(step.subject, what)));
        if (a.kind === 'accepted') {
          if (views[step.subject] && a.view.revision !== views[step.subject]!.revision && a.view.stage !== f.stage) problems.push(`${what}: a retried request changed the subject (${f.stage} → ${a.view.stage})`);
          views[step.subject] = a.view;
          problems.push(...observeSubject(f, a.view, what));
        }
        break;
      }
      case 'matter': {
        const ck = await clock();
        const built = buildMatterCommand(step.pick, step.seed, ck, matterView);
        const cmd = applyQuirk(built.cmd, step.seed, ck);
        const what: string = `${where} matter (${sc.matterKind}, at ${matterView?.stage}): ${built.type} ${String(built.cmd.decision ?? built.cmd.event ?? built.cmd.key)}${step.seed.quirk !== 'none' ? ` [${step.seed.quirk}]` : ''}`;
        const handle = h.env.client.workflow.getHandle(matterWorkflowId(reference));
        const update = built.type === 'decision' ? recordMatterDecision : built.type === 'event' ? recordMatterEvent : extendMatterDeadline;
        const a = await answer(() => handle.executeUpdate(update as typeof recordMatterDecision, { args: [cmd as never] }), handle);
        log.push(`${what} → ${told(a)}`);
        problems.push(...checkAnswer(what, a, true));
        if (a.kind === 'finished') {
          // A matter finishes only when every subject's workflow has: it must have closed first.
          const v: MatterView = await within(handle.query(matterState), `${what}: query`);
          if (v.stage !== 'closed') problems.push(`${what}: the matter's workflow finished at stage ${v.stage}`);
          matterView = v;
        }
        if (a.kind === 'accepted') {
          matterView = a.view;
          problems.push(...observeMatter(matterFacts, a.view, cmd as { decision?: string }, what));
        }
        break;
      }
      case 'recommendation': {
        if (!recHandle) break;
        const ck = await clock();
        const built = buildRecommendationCommand(step.pick, step.seed, ck, recView);
        const cmd = applyQuirk(built.cmd, step.seed, ck);
        const what = `${where} recommendation (at ${recView?.stage ?? 'awaiting-response'}): ${built.type}${step.seed.quirk !== 'none' ? ` [${step.seed.quirk}]` : ''}`;
        const update = built.type === 'response' ? recordRecommendationResponse : built.type === 'publication' ? recordRecommendationPublished : extendRecommendationDeadline;
        const handle = recHandle;
        const a = await answer(() => handle.executeUpdate(update as typeof recordRecommendationResponse, { args: [cmd as never] }), handle);
        log.push(`${what} → ${told(a)}`);
        problems.push(...checkAnswer(what, a, true));
        if (a.kind === 'finished') {
          const v: RecommendationView = await within(handle.query(recommendationState), `${what}: query`);
          if (v.stage !== 'published') problems.push(`${what}: the recommendation's workflow finished at stage ${v.stage}`);
          recView = v;
        }
        if (a.kind === 'accepted') {
          recView = a.view;
          problems.push(...observeRecommendation(recFacts, a.view, built.type, what));
        }
        break;
      }
      case 'time':
        break; // the batch lets time pass (runBatch)
    }
  };

  const afterTime = async (days: number): Promise<void> => {
    // Windows close and tracks may close with them: look again.
    for (const [i] of subjectIds.entries()) {
      const v = await answer(() => subjectHandle(i).query(subjectState));
      if (v.kind === 'accepted') {
        views[i] = v.view;
        problems.push(...observeSubject(facts[i], v.view, `${reference} (after ${days} days) ${subjectIds[i]}`));
      } else if (v.kind === 'timeout') problems.push(`${reference}: ${subjectIds[i]} did not answer a query within ${UPDATE_TIMEOUT_MS} ms`);
    }
  };

  // At the end: every workflow still answers, none failed, and none had a workflow task fail (wedged, or retried).
  const finish = async (): Promise<void> => {
  const handles: WorkflowHandle[] = [h.env.client.workflow.getHandle(matterWorkflowId(reference)), ...subjectIds.map((_, i) => subjectHandle(i)), ...(recHandle ? [recHandle] : [])];
  for (const handle of handles) {
    const history = await within(handle.fetchHistory(), `${handle.workflowId}: history`);
    for (const e of history.events ?? []) {
      const failed = e.workflowTaskFailedEventAttributes;
      if (failed) {
        const cause = Number(failed.cause ?? 0);
        // Races Temporal resolves itself (a message arrived while the task completed; a sticky cache reset) are
        // not the workflow's doing; an unhandled failure, a nondeterminism or a bad command is.
        if (BENIGN_TASK_FAILURES[cause]) log.push(`${handle.workflowId}: workflow task retried (${BENIGN_TASK_FAILURES[cause]})`);
        else problems.push(`${handle.workflowId}: a workflow task failed (event ${e.eventId}, cause ${cause}): ${failed.failure?.message ?? 'no message'}`);
      }
      if (e.workflowExecutionFailedEventAttributes) problems.push(`${handle.workflowId}: the workflow failed: ${e.workflowExecutionFailedEventAttributes.failure?.message}`);
    }
  }
  for (const [i] of subjectIds.entries()) {
    const v = await answer(() => subjectHandle(i).query(subjectState));
    if (v.kind === 'timeout') problems.push(`${subjectIds[i]}: the final query was not answered`);
    else if (v.kind === 'accepted') problems.push(...observeSubject(facts[i], v.view, `${reference} at the end, ${subjectIds[i]}`));
  }
  const m = await answer(() => h.env.client.workflow.getHandle(matterWorkflowId(reference)).query(matterState));
  if (m.kind === 'accepted') problems.push(...observeMatter(matterFacts, m.view, undefined, `${reference} at the end`));
  if (recHandle) {
    const r = await answer(() => recHandle!.query(recommendationState));
    if (r.kind === 'accepted') problems.push(...observeRecommendation(recFacts, r.view, undefined, `${reference} recommendation at the end`));
  }
  // Leave the server to the next scenarios: their timers would otherwise wake these workflows.
  await within(Promise.all(handles.map((x) => x.terminate('model scenario done').catch(() => undefined))), `${reference}: terminating`);
  };
  return { runStep, afterTime, finish };
}

function told(a: Answer<unknown>): string {
  switch (a.kind) {
    case 'accepted': {
      const v = a.view as { stage?: string; revision?: number };
      return `accepted (stage ${v.stage}, revision ${v.revision})`;
    }
    case 'refused':
      return `refused ${a.type} ${String(a.rule)} [${String(a.regulation)}]`;
    default:
      return a.kind;
  }
}

const stats = { sequences: 0, steps: 0 };

describe('the workflows against the model', () => {
  it(`answers every command, accepted or refused naming its rule, and keeps the stage machine's invariants, over ${RUNS} random sequences`, async () => {
    const batches = Math.ceil(RUNS / PARALLEL);
    // eslint-disable-next-line no-console
    console.log(`model: ${RUNS} sequences (${batches} batches of ${PARALLEL} in parallel, ${MIN_STEPS}..${MAX_STEPS} steps each), seed ${SEED}${PATH ? `, path ${PATH}` : ''}; replay with MODEL_SEED=${SEED}${RUNS !== DEFAULT_RUNS ? ` MODEL_RUNS=${RUNS}` : ''}`);
    const started = Date.now();
    // Scenarios are numbered as in the full run, so a replayed batch's scenarios keep their numbers.
    let batch = PATH ? Number(PATH.split(':')[0]) : 0;
    await fc.assert(
      fc.asyncProperty(fc.array(scenarioArbitrary({ minSteps: MIN_STEPS, maxSteps: MAX_STEPS }), { minLength: PARALLEL, maxLength: PARALLEL }), async (scenarios) => {
        const b = batch++;
        const reports = await runBatch(scenarios, b * PARALLEL);
        const failed = reports.filter((r) => r.length);
        if (failed.length) throw new Error(`${failed.length} of ${scenarios.length} scenarios broke a rule:\n${failed.map((r) => r.join('\n')).join('\n\n')}`);
      }),
      {
        numRuns: PATH ? 1 : batches, // a path replays the one batch it names
        seed: SEED,
        path: PATH,
        endOnFailure: !process.env.MODEL_SHRINK,
        // The scenarios are long: say what broke, and how to run it again, rather than print them whole.
        reporter: (out) => {
          if (!out.failed) return;
          const again = `MODEL_SEED=${out.seed} MODEL_PATH=${out.counterexamplePath} MODEL_RUNS=${RUNS} MODEL_PARALLEL=${PARALLEL} MODEL_STEPS=${MIN_STEPS}..${MAX_STEPS}`;
          throw new Error(`model: failed after ${out.numRuns} batches; replay with ${again}\n${(out.errorInstance as Error)?.message ?? String(out.errorInstance)}`);
        },
      },
    );
    // eslint-disable-next-line no-console
    console.log(`model: ${stats.sequences} sequences, ${stats.steps} steps, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 3_600_000);
});
