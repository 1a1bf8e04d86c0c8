/**
 * Every row of an import checked before anything is written: the shape and vocabularies (the same DTOs as the
 * API's commands), the dates (none in the future, none before the matter reached the appropriate authority,
 * in the order they happened), and the regulations: each subject's steps are run through the track's own
 * checks and steps (workflows/src/subject/import.ts) with the calendar in-process, so a step the rules refuse
 * is reported with its line and rule before any workflow starts. What passes becomes each matter's input.
 */
import { createHash } from 'crypto';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validate } from 'class-validator';
import { compareIsoDates, complaintMadeOnRefusal, isIsoDate, londonDateOf, MATTER_KINDS, type MatterKind } from '@conduct/domain';
import type {
  Actor,
  CalendarActivities,
  DecisionCommand,
  EventCommand,
  ExtensionCommand,
  ImportedMatterStep,
  ImportedSubjectStep,
  MatterDecisionCommand,
  MatterEventCommand,
  MatterInput,
  MatterReferral,
  SubjectInput,
} from '@conduct/workflows';
import { regimeFor, ruleSetFor } from '@conduct/domain';
import { applyImportedSteps } from '../../../../workflows/src/subject/import';
import { startedSubjectState } from '../../../../workflows/src/subject/state';
import { decisionCommand, eventCommand } from '../matters/commands';
import { DecisionDto, EventDto, ExtensionDto, MatterDecisionDto, MatterEventDto, ReferMatterDto } from '../matters/matters.dto';
import type { FormatRefusal, ImportMatterRows, Located, ReadFile } from './import-format';

/** A row refused: its line, the field, the reason, and the rule (with its regulation where the rules refused it). */
export interface RefusedRow extends FormatRefusal {
  regulation?: string | null;
  reference?: string;
}

export interface PreparedMatter {
  line: number;
  reference: string;
  forceId: string;
  input: MatterInput;
}

export interface ImportContext {
  /** The importer: recorded as who entered each step. */
  actor: Actor;
  /** The instant of the import: what fell before it is the past, closed quietly. */
  importedAt: string;
  /** Counts deadlines as the worker does (the same rules and calendar). */
  calendar: CalendarActivities;
}

/** The key that says which of the three a step is. */
const STEP_KINDS = ['decision', 'event', 'extension'] as const;
const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export async function validateImport(file: ReadFile, ctx: ImportContext): Promise<{ refused: RefusedRow[]; matters: PreparedMatter[] }> {
  const refused: RefusedRow[] = [...file.refused];
  const matters: PreparedMatter[] = [];
  const seen = new Map<string, number>();
  const now = Date.parse(ctx.importedAt);
  for (const m of file.matters) {
    const before = refused.length;
    const reference = typeof m.value.reference === 'string' ? m.value.reference : '';
    const refuse = (line: number, field: string | null, reason: string, rule: string, regulation?: string | null) => refused.push({ line, field, reason, rule, ...(regulation !== undefined ? { regulation } : {}), ...(reference ? { reference } : {}) });

    // The referral: the same checks as POST /matters.
    for (const e of await dtoErrors(ReferMatterDto, m.value)) {
      const [, index] = /^subjects\.(\d+)/.exec(e.field) ?? [];
      refuse(index !== undefined ? m.subjects[Number(index)]?.line ?? m.line : m.line, e.field, e.reason, 'field-valid');
    }
    if (reference && seen.has(reference)) refuse(m.line, 'reference', `matter ${reference} appears twice in the file (first at line ${seen.get(reference)})`, 'reference-once');
    else if (reference) seen.set(reference, m.line);
    const subjectIds = new Set<string>();
    for (const s of m.subjects) {
      const id = String(s.value?.subjectId ?? '');
      if (subjectIds.has(id)) refuse(s.line, 'subjectId', `subjectId '${id}' appears twice in matter ${reference}`, 'subject-once');
      subjectIds.add(id);
    }

    // The steps: each one of the API's commands, in the order they happened.
    const receivedOn = typeof m.value.receivedOn === 'string' && isIsoDate(m.value.receivedOn) ? m.value.receivedOn : undefined;
    // A complaint's made date: only a complaint's, on or before its receipt (CMR reg 13), as a referral's.
    const kind = (MATTER_KINDS as readonly unknown[]).includes(m.value.kind) ? (m.value.kind as MatterKind) : undefined;
    const made = receivedOn && kind && typeof m.value.complaintMadeOn === 'string' && isIsoDate(m.value.complaintMadeOn) ? complaintMadeOnRefusal(kind, receivedOn, m.value.complaintMadeOn) : null;
    if (made) refuse(m.line, 'complaintMadeOn', made.reason, made.rule, made.regulation);
    let previous: { at: number; line: number } | undefined;
    const matterSteps: { line: number; step: ImportedMatterStep }[] = [];
    const subjectSteps: Record<string, { line: number; step: ImportedSubjectStep }[]> = {};
    for (const located of m.steps) {
      const step = await readStep(located, subjectIds, ctx.actor, refuse);
      if (!step) continue;
      const at = Date.parse(step.occurredAt);
      if (receivedOn && compareIsoDates(londonDateOf(at), receivedOn) < 0) {
        refuse(located.line, 'occurredAt', `occurredAt ${step.occurredAt} is before the matter reached the appropriate authority (${receivedOn})`, 'occurred-at-after-matter-began');
      }
      if (previous && at < previous.at) {
        refuse(located.line, 'occurredAt', `occurredAt ${step.occurredAt} is before the step on line ${previous.line}: steps are listed in the order they happened`, 'steps-in-order');
      }
      previous = { at, line: located.line };
      if (step.subjectId === undefined) matterSteps.push({ line: located.line, step: step.command as ImportedMatterStep });
      else (subjectSteps[step.subjectId] ??= []).push({ line: located.line, step: step.command as ImportedSubjectStep });
    }
    if (refused.length > before) continue;

    // The regulations: each subject's steps through the track's own checks and steps, as the workflow will apply them.
    const referral = m.value as unknown as Omit<MatterReferral, 'referredBy' | 'referredAt'>;
    for (const subject of referral.subjects) {
      const steps = subjectSteps[subject.subjectId] ?? [];
      if (!steps.length) continue;
      const input: SubjectInput = {
        matterReference: reference,
        matterWorkflowId: 'import-check',
        matterKind: referral.kind,
        regime: regimeFor(referral.kind),
        forceId: referral.forceId,
        receivedOn: referral.receivedOn,
        // The rule set the matter's workflow will record at referral, so the import's checks are the workflow's.
        ruleSet: ruleSetFor(referral.receivedOn),
        subject,
        imported: { importedAt: ctx.importedAt, steps: steps.map((x) => x.step) },
      };
      const result = await applyImportedSteps(input, 'import-check', startedSubjectState(subject.finalWrittenWarningLive ?? false, () => true), { computeDeadlines: (r) => ctx.calendar.computeDeadlines(r), patched: () => true }, now);
      if (result.refused) {
        const line = steps[result.refused.index].line;
        const kind = STEP_KINDS.find((k) => k in steps[result.refused!.index].step)!;
        refuse(line, kind, `${subject.subjectId}: ${result.refused.reason}`, result.refused.rule, result.refused.regulation);
      }
    }
    if (refused.length > before) continue;

    matters.push({
      line: m.line,
      reference,
      forceId: referral.forceId,
      input: {
        referral: { ...referral, referredBy: ctx.actor, referredAt: ctx.importedAt },
        imported: {
          importedAt: ctx.importedAt,
          fingerprint: fingerprint(m),
          steps: matterSteps.map((x) => x.step),
          subjectSteps: Object.fromEntries(Object.entries(subjectSteps).map(([id, xs]) => [id, xs.map((x) => x.step)])),
        },
      },
    });
  }
  refused.sort((a, b) => a.line - b.line);
  return { refused, matters };
}

type Refuse = (line: number, field: string | null, reason: string, rule: string) => void;

/** One step: which command it is, whose (a subject's, or the matter's when it names none), and the command. */
async function readStep(located: Located, subjectIds: Set<string>, actor: Actor, refuse: Refuse): Promise<{ subjectId?: string; occurredAt: string; command: ImportedMatterStep | ImportedSubjectStep } | undefined> {
  const { line, value } = located;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return void refuse(line, null, 'a step must be an object', 'file-shape');
  const kinds = STEP_KINDS.filter((k) => value[k] !== undefined);
  if (kinds.length !== 1) return void refuse(line, 'decision', `a step names exactly one of ${STEP_KINDS.join(', ')}${kinds.length ? `, not ${kinds.join(' and ')}` : ''}`, 'step-kind');
  const kind = kinds[0];
  const { subjectId, ...rest } = value as { subjectId?: unknown } & Record<string, unknown>;
  if (subjectId !== undefined && !subjectIds.has(String(subjectId))) return void refuse(line, 'subjectId', `subjectId '${String(subjectId)}' is not one of the matter's subjects`, 'subject-known');
  const ofSubject = subjectId !== undefined;
  let dto: new () => object;
  let body: Record<string, unknown> = rest;
  if (kind === 'extension') {
    const { extension, ...ext } = rest;
    if (typeof extension !== 'string' || !IDENT.test(extension)) return void refuse(line, 'extension', 'extension must name the deadline extended (its key, e.g. representations)', 'field-valid');
    dto = ExtensionDto;
    body = ext;
  } else if (kind === 'decision') dto = ofSubject ? DecisionDto : MatterDecisionDto;
  else dto = ofSubject ? EventDto : MatterEventDto;
  const errors = await dtoErrors(dto, body);
  for (const e of errors) refuse(line, e.field, e.reason, 'field-valid');
  if (errors.length) return undefined;
  const occurredAt = String(body.occurredAt);
  const command =
    kind === 'extension'
      ? { extension: { ...(body as Omit<ExtensionCommand, 'actor' | 'key'>), key: String(rest.extension), actor } as ExtensionCommand }
      : kind === 'decision'
        ? { decision: ofSubject ? decisionCommand(body as unknown as DecisionDto, actor, undefined) : ({ ...body, actor } as MatterDecisionCommand) }
        : // A subject's command is built as the API's commands build it (matters/commands.ts): the same typed path.
          { event: ofSubject ? eventCommand(body as unknown as EventDto, actor, undefined) : ({ ...body, actor } as MatterEventCommand) };
  return { subjectId: ofSubject ? String(subjectId) : undefined, occurredAt, command: command as ImportedMatterStep | ImportedSubjectStep };
}

/** The DTO's own validation, as the API's ValidationPipe runs it (unknown fields refused), flattened to field paths. */
async function dtoErrors(dto: new () => object, value: unknown): Promise<{ field: string; reason: string }[]> {
  const errors = await validate(plainToInstance(dto, value ?? {}), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false });
  const out: { field: string; reason: string }[] = [];
  const walk = (es: ValidationError[], prefix: string) => {
    for (const e of es) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      for (const reason of Object.values(e.constraints ?? {})) out.push({ field, reason: reason.startsWith(e.property) || !prefix ? reason : `${field}: ${reason}` });
      walk(e.children ?? [], field);
    }
  };
  walk(errors, '');
  return out;
}

/** The same matter read from the same file (JSON or CSV) has the same fingerprint: what "unchanged" compares. */
export function fingerprint(m: ImportMatterRows): string {
  return createHash('sha256').update(canonical({ matter: m.value, steps: m.steps.map((s) => s.value) })).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
