/**
 * A subject's track brought in by an import (a case already mid-way or closed): its steps already taken are
 * applied in the order they happened, through the same checks (checks.ts) and the same steps (track.ts) as
 * live commands, so the state is what it would be had each been recorded on the day. Before each step, the
 * deadlines that had already passed by then are closed as the timers would have closed them, quietly (the
 * track's timers say nothing of a deadline or reminder at or before the import). The workflow runs this
 * once when the track starts; the API runs it beforehand with in-process ports, to refuse a step the rules
 * refuse before anything is written. Unit tested without Temporal in import.spec.ts.
 */
import { LIST_REPORTS } from '@conduct/domain';
import * as book from '../deadline-book';
import { snapshotOf } from '../handler-guard';
import type { Refusal } from '../refusal';
import { RULE_VIOLATION } from '../refusal';
import * as checks from './checks';
import { subjectTrack, type TrackPorts } from './track';
import type { AuditRecord, ImportedSubjectStep, OutboxRecord, SubjectInput, SubjectState } from '../types';

/** A track can pass at most this many deadlines in one instant (a series re-set each time it passes). */
const MAX_TIMER_PASSES = 1_000;

export interface ImportResult {
  /** The audit lines of the steps and of the deadlines that passed before the import. */
  lines: AuditRecord[];
  /** Messages still owed after the import (a list report falling due after it): sent as the live track would. */
  send: OutboxRecord[];
  /** Messages the steps would have queued for the past: the department already gave them, so they are only audited. */
  withheld: OutboxRecord[];
  /** The first step the rules refused (its index among the steps), and the steps after it not applied. */
  refused?: { index: number } & Refusal;
}

/**
 * Applies the imported steps to a fresh state `s`. `now` is the instant of the checks (a step may not be in the
 * future); the import's instant is `input.imported.importedAt`.
 */
export async function applyImportedSteps(
  input: SubjectInput,
  workflowId: string,
  s: SubjectState,
  ports: Pick<TrackPorts, 'computeDeadlines' | 'patched'>,
  now: number,
): Promise<ImportResult> {
  const imported = input.imported;
  const result: ImportResult = { lines: [], send: [], withheld: [] };
  if (!imported) return result;
  const outbox: OutboxRecord[] = [];
  const track = subjectTrack(input, workflowId, s, {
    computeDeadlines: ports.computeDeadlines,
    patched: ports.patched,
    updateId: () => undefined,
    record: async (lines, queued = []) => {
      result.lines.push(...lines);
      outbox.push(...queued);
    },
  });
  for (const [index, step] of imported.steps.entries()) {
    const at = Date.parse(stepCommand(step).occurredAt);
    if (Number.isFinite(at)) await passTimeTo(at);
    // Its own id keys the step's audit line (import:<n>), so the same step imported again writes nothing twice.
    const commandId = `import:${index + 1}`;
    const restore = snapshotOf(s);
    try {
      if ('decision' in step) {
        const cmd = { ...step.decision, commandId };
        checks.checkDecisionCommand(s, input, cmd, now);
        await track.decide(cmd);
      } else if ('event' in step) {
        const cmd = { ...step.event, commandId };
        checks.checkEventCommand(s, input, cmd, now);
        await track.recordSubjectEvent(cmd);
      } else {
        const cmd = { ...step.extension, commandId };
        checks.checkExtensionCommand(s, cmd, now);
        await track.extend(cmd);
      }
    } catch (err) {
      // Refused by the rules; or a step that could not be applied at all, which leaves the state as it was.
      restore();
      result.refused = { index, ...(refusalOf(err) ?? { rule: 'step-applicable', regulation: null, reason: `the step could not be applied: ${(err as Error)?.message ?? String(err)}` }) };
      break;
    }
  }
  await passTimeTo(Date.parse(imported.importedAt));
  // A list report whose deadline is still open after the import is still the engine's to send; every other
  // message belonged to the past.
  for (const m of outbox) {
    const owed = (LIST_REPORTS as readonly string[]).includes(m.purpose) && book.findOpen(s.deadlines, m.purpose);
    (owed ? result.send : result.withheld).push(m);
  }
  return result;

  /** The timers, as they would have fired up to `at`: every deadline and reminder then passed is closed quietly. */
  async function passTimeTo(at: number): Promise<void> {
    for (let pass = 0; pass < MAX_TIMER_PASSES; pass++) {
      const wake = book.nextWake(s.deadlines);
      if (wake === undefined || wake > at) return;
      await track.fireTimersAsOf(at);
    }
  }
}

/** The command a step carries. */
export function stepCommand(step: ImportedSubjectStep): { occurredAt: string } {
  return 'decision' in step ? step.decision : 'event' in step ? step.event : step.extension;
}

/** A refusal thrown by a check (a RuleViolation), or undefined for any other error. */
export function refusalOf(err: unknown): Refusal | undefined {
  const e = err as { type?: string; message?: string; details?: unknown[] } | undefined;
  if (e?.type !== RULE_VIOLATION) return undefined;
  const d = (e.details?.[0] ?? {}) as { rule?: string; regulation?: string | null };
  return { rule: d.rule ?? 'refused', regulation: d.regulation ?? null, reason: e.message ?? '' };
}
