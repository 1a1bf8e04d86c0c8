import 'reflect-metadata';
import { createHash, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { knownHarmlessWarning } from '@conduct/logging';
import type { Tracing } from '@conduct/temporal';
import { DataSource } from 'typeorm';
import {
  DecisionCommand,
  EventCommand,
  MatterInput,
  MatterReferral,
  MatterView,
  RecommendationInput,
  recommendationWorkflowId,
  SubjectView,
  matterState,
  matterWorkflowId,
  recordDecision,
  recordEvent,
  referralRecorded,
  subjectState,
  subjectWorkflowId,
} from '@conduct/workflows';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createConductWorker } from '../../apps/worker/src/temporal-worker';

type Distribute<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
export type Decision = Distribute<DecisionCommand, 'actor'> & { actor?: DecisionCommand['actor'] };
export type Event = Distribute<EventCommand, 'actor'> & { actor?: EventCommand['actor'] };

export const APPROPRIATE_AUTHORITY = { id: 'aa-1', role: 'appropriate-authority' as const };
export const CASE_OFFICER = { id: 'co-1', role: 'case-officer' as const };
/** Every decision carries its rationale; a workflow test about something else sends this one. */
export const TEST_RATIONALE = 'recorded by the workflow tests: the decision this test needs';

/**
 * A real Temporal time-skipping test server, the real worker (its Nest providers as activities)
 * and the real PostgreSQL the suite's global setup started.
 */
export interface WorkerChoice {
  tracing?: Tracing;
  /** A bundle's path; the suite's bundle (WORKFLOW_TEST_BUNDLE_PATH) otherwise. */
  workflowBundle?: string;
}

export class WorkflowHarness {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    private worker: Worker,
    private running: Promise<void>,
    private readonly app: INestApplicationContext,
    readonly db: DataSource,
    readonly taskQueue: string,
  ) {}

  /** `tracing`: a worker that traces; `workflowBundle`: other workflow code than the suite's bundle. */
  static async start(opts: WorkerChoice = {}): Promise<WorkflowHarness> {
    quietRuntime();
    const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH;
    if (!serverPath) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the suite with `npm test`');
    process.env.DATABASE_URL = process.env.WORKFLOW_TEST_DATABASE_URL;
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: serverPath } } });
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    const taskQueue = `workflow-tests-${randomUUID()}`;
    // The SDK's own sticky-queue timeout on the time-skipping server, as the recorded histories were made with
    // (the stack's 3 s is for a worker killed and restarted, which these tests do not do).
    process.env.WORKER_STICKY_QUEUE_TIMEOUT_MS ??= '10000';
    const worker = await WorkflowHarness.worker(app, env, taskQueue, opts);
    const running = worker.run();
    return new WorkflowHarness(env, worker, running, app, app.get(DataSource), taskQueue);
  }

  private static worker(app: INestApplicationContext, env: TestWorkflowEnvironment, taskQueue: string, opts: WorkerChoice): Promise<Worker> {
    return createConductWorker(
      app,
      // Temporal's own workflow task timeout, as the recorded histories' subject tracks were started with.
      { address: '', namespace: env.namespace ?? 'default', taskQueue, workflowTaskTimeoutMs: 10_000 },
      { connection: env.nativeConnection, workflowBundle: { codePath: opts.workflowBundle ?? process.env.WORKFLOW_TEST_BUNDLE_PATH! }, tracing: opts.tracing },
    );
  }

  /** Stops the worker and starts another on the same server and task queue, as a deployment does; running workflows carry on. */
  async replaceWorker(opts: WorkerChoice = {}): Promise<void> {
    this.worker.shutdown();
    await this.running;
    this.worker = await WorkflowHarness.worker(this.app, this.env, this.taskQueue, opts);
    this.running = this.worker.run();
  }

  async stop(): Promise<void> {
    try {
      if (process.env.RECORD_HISTORIES) await this.recordHistories();
    } finally {
      this.worker.shutdown();
      await this.running;
      await this.app.close();
      await this.env.teardown();
    }
  }

  /** Workflows this harness started, for recording their histories. */
  private readonly started = new Set<string>();

  /**
   * With RECORD_HISTORIES=1, writes the history of every workflow the test ran to
   * workflows/test/histories, where the replay test checks that today's code still replays them.
   */
  private async recordHistories(): Promise<void> {
    const dir = path.resolve(__dirname, '../../workflows/test/histories');
    fs.mkdirSync(dir, { recursive: true });
    const fullName = expect.getState().currentTestName ?? path.basename(expect.getState().testPath ?? 'test');
    // Two tests whose names begin alike get files of their own: the name's start, then a digest of all of it.
    const testName = `${fullName.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60)}-${createHash('sha256').update(fullName).digest('hex').slice(0, 8)}`;
    let i = 0;
    for (const workflowId of this.started) {
      const ids = [workflowId];
      if (workflowId.startsWith('matter-')) {
        const view = await this.env.client.workflow.getHandle(workflowId).query(matterState).catch(() => null);
        for (const s of view?.subjects ?? []) ids.push(s.workflowId);
      }
      for (const id of ids) {
        // The CLI writes the JSON form that Temporal's UI and `historyFromJSON` share.
        const json = execFileSync(process.env.TEMPORAL_CLI_PATH!, ['workflow', 'show', '--address', this.env.address, '--workflow-id', id, '--output', 'json'], { maxBuffer: 64 << 20 });
        const kind = id.includes('-subject-') ? 'subject' : id.split('-')[0];
        const file = path.join(dir, `${testName}-${++i}-${kind}.json`);
        // A recorded history is what a deployed worker may have produced: it is kept, never recorded again.
        if (fs.existsSync(file)) throw new Error(`${path.basename(file)} exists: recorded histories are never re-recorded (remove it only if this change made it)`);
        fs.writeFileSync(file, json);
      }
    }
  }

  async refer(referral: Omit<MatterReferral, 'referredBy' | 'referredAt'> & Partial<Pick<MatterReferral, 'referredAt'>>, opts: { historyLimit?: number } = {}): Promise<WorkflowHandle> {
    const handle = await this.env.client.workflow.start('matter', {
      workflowId: matterWorkflowId(referral.reference),
      taskQueue: this.taskQueue,
      args: [{ referral: { referredBy: CASE_OFFICER, referredAt: `${referral.receivedOn}T09:00:00Z`, ...referral }, historyLimit: opts.historyLimit }],
    });
    this.started.add(handle.workflowId);
    await handle.executeUpdate(referralRecorded);
    return handle;
  }

  /** Starts a matter brought in by an import (its input as the API's import builds it), recorded like a referral. */
  async startImported(input: MatterInput): Promise<WorkflowHandle> {
    const handle = await this.env.client.workflow.start('matter', { workflowId: matterWorkflowId(input.referral.reference), taskQueue: this.taskQueue, args: [input] });
    this.started.add(handle.workflowId);
    await handle.executeUpdate(referralRecorded);
    return handle;
  }

  async startRecommendation(input: RecommendationInput): Promise<WorkflowHandle> {
    const handle = await this.env.client.workflow.start('recommendation', { workflowId: recommendationWorkflowId(input.reference), taskQueue: this.taskQueue, args: [input] });
    this.started.add(handle.workflowId);
    return handle;
  }

  /** A decision, with TEST_RATIONALE unless the test gives its own (or `rationale: undefined` to leave it out). */
  decide(reference: string, subjectId: string, cmd: Decision): Promise<SubjectView> {
    return this.subjectHandle(reference, subjectId).executeUpdate(recordDecision, { args: [{ actor: APPROPRIATE_AUTHORITY, rationale: TEST_RATIONALE, ...cmd } as DecisionCommand] });
  }

  record(reference: string, subjectId: string, cmd: Event): Promise<SubjectView> {
    return this.subjectHandle(reference, subjectId).executeUpdate(recordEvent, { args: [{ actor: CASE_OFFICER, ...cmd } as EventCommand] });
  }

  subject(reference: string, subjectId: string): Promise<SubjectView> {
    return this.subjectHandle(reference, subjectId).query(subjectState);
  }

  matter(reference: string): Promise<MatterView> {
    return this.env.client.workflow.getHandle(matterWorkflowId(reference)).query(matterState);
  }

  subjectHandle(reference: string, subjectId: string): WorkflowHandle {
    return this.env.client.workflow.getHandle(subjectWorkflowId(reference, subjectId));
  }

  /** Lets the subject's track catch up with a start it has not yet processed. */
  async waitForSubject(reference: string, subjectId: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      try {
        await this.subject(reference, subjectId);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`subject ${subjectId} of ${reference} never started`);
  }

  outbox(reference: string): Promise<{ purpose: string; recipient: string; subject_id: string | null; payload: Record<string, unknown> }[]> {
    return this.db.query(`SELECT purpose, recipient, subject_id, payload FROM outbox_message WHERE matter_reference = $1 ORDER BY id`, [reference]);
  }

  audit(reference: string): Promise<{ action: string; rule: string | null; regulation: string | null; subject_id: string | null; actor: string }[]> {
    return this.db.query(`SELECT action, rule, regulation, subject_id, actor FROM audit_entry WHERE matter_reference = $1 ORDER BY id`, [reference]);
  }
}

/**
 * A fresh time-skipping server, worker and projection for each test of the file (time is global to a server, so
 * tests must not share one): the harness returned stands for the current test's, started before it and stopped after.
 */
export function freshHarnessPerTest(): WorkflowHarness {
  let current: WorkflowHarness | undefined;
  beforeEach(async () => {
    current = await WorkflowHarness.start();
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return new Proxy({} as WorkflowHarness, {
    get(_, key) {
      if (!current) throw new Error('the workflow harness is started for each test: use it inside one');
      const value = Reflect.get(current, key, current) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** A unique matter reference per test, so tests share one database without meeting. */
export function newReference(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

let runtimeInstalled = false;
/**
 * Worker state changes are logged at INFO; tests want only warnings. The Rust core's logs are
 * forwarded to this logger (not written to the console by the core itself) so that the warnings
 * known to be harmless here (KNOWN_HARMLESS_WARNINGS in @conduct/logging, with why) are dropped,
 * and only those. Also used by the benchmark.
 */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const logger = new DefaultLogger('WARN', (entry) => {
    if (!knownHarmlessWarning(entry.message)) defaultLogger.log(entry.level, entry.message, entry.meta);
  });
  const defaultLogger = new DefaultLogger('WARN');
  try {
    Runtime.install({ logger, telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } } });
  } catch {
    /* already installed by another test file in this process */
  }
}

/** The refusal an update met: its type, message, and the rule, regulation and rule set it names. */
export function refusal(p: Promise<unknown>): Promise<{ type?: string; message: string; rule?: string; regulation?: string | null; ruleSet?: string }> {
  return p.then(
    () => {
      throw new Error('expected the update to be refused');
    },
    (e) => {
      if (!(e instanceof WorkflowUpdateFailedError)) throw e;
      const cause = e.cause as { type?: string; message: string; details?: { rule?: string; regulation?: string | null; ruleSet?: string }[] };
      return { type: cause?.type, message: cause?.message ?? e.message, ...(cause?.details?.[0] ?? {}) };
    },
  );
}
