import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { COMMAND_GRANTS, mayActOnForce } from '@conduct/domain';
import { findExistingMatters } from '@conduct/persistence';
import { matterState, matterWorkflowId } from '@conduct/workflows';
import { CalendarActivitiesService } from '../../../worker/src/activities/calendar.activities';
import type { User } from '../auth/user';
import { asActor } from '../common/actor';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { readCsvImport, readJsonImport } from './import-format';
import { PreparedMatter, RefusedRow, validateImport } from './import-validation';

/** Matters started at once: enough to keep Temporal busy, few enough not to crowd out the API's other callers. */
const START_CONCURRENCY = 16;

export type ImportResultRow = { reference: string; line: number; result: 'created' | 'unchanged' };
export interface ImportAnswer {
  created: number;
  unchanged: number;
  matters: ImportResultRow[];
}

/**
 * An import of existing cases: read the file, check every row, then start one matter workflow per matter
 * (its id derived from the reference, started once ever), each carrying its steps already taken.
 */
@Injectable()
export class ImportsService {
  /** The calendar and rules the worker counts deadlines with, to run each subject's steps before anything starts. */
  private readonly calendar = new CalendarActivitiesService();

  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async import(text: string, contentType: string, user: User): Promise<ImportAnswer> {
    const format = /\btext\/csv\b/i.test(contentType) ? 'csv' : /\bjson\b/i.test(contentType) ? 'json' : undefined;
    if (!format) throw new BadRequestException({ message: 'content-type: send the file as application/json or text/csv', field: 'content-type' });
    const file = format === 'csv' ? readCsvImport(text) : readJsonImport(text);

    // The force of every matter, as for a referral: a matter of another force is not the caller's to import.
    const forbidden = file.matters
      .filter((m) => typeof m.value.forceId === 'string' && !mayActOnForce(user, m.value.forceId, COMMAND_GRANTS.import))
      .map((m) => ({ line: m.line, field: 'forceId', reason: `forceId: you may import matters only for ${user.forceId}`, rule: 'own-force' }));
    if (forbidden.length) throw new ForbiddenException({ message: `forceId: ${forbidden.length} matter(s) of another force: nothing was imported`, field: 'forceId', refused: forbidden });

    const { refused, matters } = await validateImport(file, { actor: asActor(user), importedAt: new Date().toISOString(), calendar: this.calendar });
    if (refused.length) throw new BadRequestException({ message: `${refused.length} row(s) refused: nothing was imported`, refused });

    // Already there: the same matter from the same file is unchanged; a different one under the same reference is refused.
    const existing = new Set(await findExistingMatters(this.db, matters.map((m) => m.reference)));
    const unchanged = new Set<string>();
    const conflicts: RefusedRow[] = [];
    await pool(matters.filter((m) => existing.has(m.reference)), START_CONCURRENCY, async (m) => {
      if (await this.sameAsImported(m)) unchanged.add(m.reference);
      else conflicts.push(conflict(m));
    });
    if (conflicts.length) throw new ConflictException({ message: `${conflicts.length} matter(s) already exist with other content: nothing was imported`, refused: conflicts.sort((a, b) => a.line - b.line) });

    const results: ImportResultRow[] = [];
    const lost: RefusedRow[] = [];
    await pool(matters, START_CONCURRENCY, async (m) => {
      if (unchanged.has(m.reference) || (await this.start(m))) {
        results.push({ reference: m.reference, line: m.line, result: unchanged.has(m.reference) ? 'unchanged' : 'created' });
      } else if (await this.sameAsImported(m)) {
        results.push({ reference: m.reference, line: m.line, result: 'unchanged' });
      } else {
        lost.push(conflict(m));
      }
    });
    // Referred (or imported otherwise) in the moment between the check and the start: said so, the rest imported.
    if (lost.length) throw new ConflictException({ message: `${lost.length} matter(s) were referred meanwhile with other content; the others were imported: import the file again to see which`, refused: lost });
    results.sort((a, b) => a.line - b.line);
    return { created: results.filter((r) => r.result === 'created').length, unchanged: results.filter((r) => r.result === 'unchanged').length, matters: results };
  }

  /** Starts the matter once ever (REJECT_DUPLICATE): false when a workflow with its id already exists. */
  private async start(m: PreparedMatter): Promise<boolean> {
    return this.temporal.call({ what: `matter ${m.reference}`, command: true }, async (client) => {
      try {
        await client.workflow.start('matter', {
          workflowId: matterWorkflowId(m.reference),
          taskQueue: this.temporal.settings.taskQueue,
          workflowTaskTimeout: this.temporal.settings.workflowTaskTimeoutMs,
          args: [m.input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    });
  }

  /** Whether the existing matter was imported from the same rows (its fingerprint), asked of its workflow. */
  private async sameAsImported(m: PreparedMatter): Promise<boolean> {
    const view = await this.temporal.call({ what: `matter ${m.reference}`, command: false }, (client) => client.workflow.getHandle(matterWorkflowId(m.reference)).query(matterState)).catch(() => null);
    return !!view?.imported && view.imported.fingerprint === m.input.imported?.fingerprint;
  }
}

function conflict(m: PreparedMatter): RefusedRow {
  return { line: m.line, field: 'reference', reference: m.reference, reason: `matter ${m.reference} already exists and was not imported from these rows`, rule: 'matter-exists' };
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
