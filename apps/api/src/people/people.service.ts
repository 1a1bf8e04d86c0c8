import { BadRequestException, ForbiddenException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { setting } from '@conduct/config';
import {
  characteristicFieldsGiven,
  checkCharacteristics,
  COMMAND_GRANTS,
  compareIsoDates,
  concernsOfCategory,
  mayActOnForce,
  deriveFromEarlierOutcomes,
  earlyInterventionFlags,
  earlyInterventionRulesOf,
  LIST_REPORTS,
  londonDateOf,
  READ_GRANTS,
  type EarlyInterventionFlag,
  type Ethnicity,
  type Sex,
  type Role,
} from '@conduct/domain';
import {
  appendPersonCharacteristicsRecorded,
  appendPersonRead,
  findAllegationsAgainst,
  findEarlyInterventionCandidates,
  findListReports,
  findPerson,
  findPersonByNumber,
  findPersonCharacteristics,
  findPersonSubjects,
  findWarningsOn,
  type PersonRow,
  type Sql,
  upsertPersonCharacteristics,
} from '@conduct/persistence';
import type { EncryptionCodec } from '@conduct/temporal';
import { User, mayAccessForce, visibleForces } from '../auth/user';
import { requireGrant } from '../common/actor';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { characteristicsView, sealCharacteristics } from './characteristics';
import type { PersonCharacteristicsDto } from './people.dto';

/** Who reads a person's record, refused with the roles that may (the grants table, libs/domain/src/grants.ts). */
export function requirePersonReader(user: { role: Role }): void {
  const { roles, words } = READ_GRANTS.person;
  if (!(roles as readonly Role[]).includes(user.role)) {
    throw new ForbiddenException({ message: `${words} may be read only by: ${roles.join(', ')} (you are ${user.role})`, rolesAllowed: roles });
  }
}

export type PersonRecord = Awaited<ReturnType<PeopleService['read']>>;

/** A person's record: every matter they were subject to, each outcome, the warnings recorded and their list reports. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** The payload keys that seal the protected characteristics; without them nothing is kept or shown (503 naming the setting). */
  private codec(what: string): EncryptionCodec {
    const codec = this.temporal.codec;
    if (!codec) throw new ServiceUnavailableException({ message: `${what}: this service has no PAYLOAD_ENCRYPTION_KEYS to keep protected characteristics encrypted`, field: 'characteristics', setting: 'PAYLOAD_ENCRYPTION_KEYS' });
    return codec;
  }

  /** The person whose protected characteristics the user would record: 403 for a role that may not, 404 for a force they may not act on. */
  async personToRecordOn(id: string, user: User): Promise<PersonRow> {
    const grant = COMMAND_GRANTS['person-characteristics'];
    requireGrant(user, grant);
    const person = await findPerson(this.db, id);
    if (!person || !mayActOnForce(user, person.forceId, grant)) throw new NotFoundException(`person ${id} not found`);
    return person;
  }

  /**
   * Records a person's protected characteristics, replacing any earlier record whole: the values sealed, and a line on
   * the audit trail of each matter the person was subject to naming the fields given and the source, never the values,
   * in the same transaction. Refused before anything is written: the role (403), the values (400), the person (404).
   */
  async recordCharacteristics(id: string, dto: Pick<PersonCharacteristicsDto, 'sex' | 'ethnicity' | 'dateOfBirth' | 'source'>, user: User, requestId: string | null) {
    requireGrant(user, COMMAND_GRANTS['person-characteristics']);
    const problem = checkCharacteristics(dto, londonDateOf(Date.now()));
    if (problem) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problem.reason, field: problem.field, rule: problem.rule, regulation: 'Equality Act 2010 s.4' });
    const person = await this.personToRecordOn(id, user);
    // Checked above: each value is one of its list, or not given.
    const values = { sex: (dto.sex || null) as Sex | null, ethnicity: (dto.ethnicity || null) as Ethnicity | null, dateOfBirth: dto.dateOfBirth || null };
    const { sealed, keyId } = await sealCharacteristics(this.codec('the protected characteristics cannot be recorded'), values);
    const source = dto.source.trim();
    const row = await this.db.transaction(async (tx) => {
      await upsertPersonCharacteristics(tx, { personId: person.id, sealed, keyId, source, recordedBy: user.id });
      const subjects = await findPersonSubjects(tx, person.id);
      await appendPersonCharacteristicsRecorded(tx, {
        recordId: randomUUID(), personId: person.id, matters: subjects.map((s) => ({ matterReference: s.matterReference, subjectId: s.subjectId })),
        actor: user.id, actorRole: user.role, regulation: 'Equality Act 2010 s.4', details: { requestId, fields: characteristicFieldsGiven(dto), source },
      });
      return (await findPersonCharacteristics(tx, [person.id]))[0];
    });
    return { personId: person.id, characteristics: await characteristicsView(this.codec('the protected characteristics cannot be read'), row) };
  }

  async byId(id: string, user: User, requestId: string | null) {
    requirePersonReader(user);
    const person = await findPerson(this.db, id);
    return this.read(person, `person ${id}`, user, requestId);
  }

  async byNumber(forceId: string, numberKind: string, number: string, user: User, requestId: string | null) {
    requirePersonReader(user);
    const person = await findPersonByNumber(this.db, forceId, numberKind, number);
    return this.read(person, `person with ${numberKind} ${number} in force ${forceId}`, user, requestId);
  }

  /**
   * Everyone of the forces the reader sees whom an early-intervention rule flags, with each flag. Each person listed
   * is a person read: audited in the trail of each matter the flags name, in the report's transaction.
   */
  async earlyInterventionReport(user: User, requestId: string | null) {
    requirePersonReader(user);
    return this.db.transaction(async (tx) => {
      const candidates = await findEarlyInterventionCandidates(tx, visibleForces(user));
      const flags = await earlyInterventionOf(tx, candidates);
      const rows = candidates.flatMap((c) => (flags.get(c.personId) ?? []).map((f) => ({ ...c, ...f })));
      const readId = randomUUID();
      for (const c of candidates.filter((c) => flags.get(c.personId)?.length)) {
        const named = new Set(flags.get(c.personId)!.flatMap((f) => f.matterReferences));
        const subjects = (await findPersonSubjects(tx, c.personId)).filter((s) => named.has(s.matterReference));
        await appendPersonRead(tx, {
          readId: `${readId}:${c.personId}`, personId: c.personId, matters: subjects.map((s) => ({ matterReference: s.matterReference, subjectId: s.subjectId })),
          actor: user.id, actorRole: user.role, regulation: 'early intervention (force policy)', details: { requestId, report: 'early-intervention' },
        });
      }
      return rows;
    });
  }

  /** The read and its audit lines are one transaction: no audit line, no record. */
  private async read(person: PersonRow | undefined, what: string, user: User, requestId: string | null) {
    if (!person || !mayAccessForce(user, person.forceId)) throw new NotFoundException(`${what} not found`);
    return this.db.transaction(async (tx) => {
      const subjects = await findPersonSubjects(tx, person.id);
      const matters = [];
      for (const s of subjects) {
        const reports = await findListReports(tx, s.matterReference, s.subjectId, LIST_REPORTS);
        matters.push({
          reference: s.matterReference, kind: s.matterKind, stage: s.matterStage, receivedOn: s.receivedOn,
          subject: {
            subjectId: s.subjectId, kind: s.subjectKind, rank: s.rank, stage: s.stage, severity: s.severity, caseToAnswer: s.caseToAnswer,
            formOfProceedings: s.formOfProceedings, outcome: s.outcome, closedBecause: s.closedBecause,
          },
          // What was sent to the College of Policing, without its personal data: the whole report is read, and audited, through the matter.
          listReports: reports.map((r) => ({ id: String(r.id), purpose: r.purpose, status: r.status, dueDate: r.dueDate, createdAt: r.createdAt, deliveredAt: r.deliveredAt })),
        });
      }
      const today = londonDateOf(Date.now());
      const derived = deriveFromEarlierOutcomes(subjects, today);
      const warnings = subjects
        .filter((s) => (s.outcome === 'written-warning' || s.outcome === 'final-written-warning') && s.warningLiveUntil)
        .map((s) => ({ matterReference: s.matterReference, subjectId: s.subjectId, warning: s.outcome, liveUntil: s.warningLiveUntil, live: compareIsoDates(s.warningLiveUntil as string, today) >= 0 }));
      const earlyIntervention = (await earlyInterventionOf(tx, [{ personId: person.id, forceId: person.forceId }])).get(person.id) ?? [];
      const [sealed] = await findPersonCharacteristics(tx, [person.id]);
      const characteristics = sealed ? await characteristicsView(this.codec('the protected characteristics cannot be read'), sealed) : null;
      await appendPersonRead(tx, {
        readId: randomUUID(), personId: person.id, matters: subjects.map((s) => ({ matterReference: s.matterReference, subjectId: s.subjectId })),
        actor: user.id, actorRole: user.role, regulation: 'CR reg 42(5)', details: { requestId },
      });
      return {
        id: person.id, forceId: person.forceId, numberKind: person.numberKind, number: person.number,
        matters,
        warnings,
        // On today's date, from the engine's own records (CR reg 42(5)); and earlier reductions in rank (CR reg 42(3)).
        finalWrittenWarningLive: derived.finalWrittenWarningLive,
        reducedInRank: derived.reducedInRank,
        // Advice for the appropriate authority, never a decision (libs/domain/src/early-intervention.ts).
        earlyIntervention,
        // For the Home Office's return (Equality Act 2010 s.4); null until recorded.
        characteristics,
      };
    });
  }
}

/** The early-intervention flags of these people, each under their own force's rules (EARLY_INTERVENTION_RULES). */
export async function earlyInterventionOf(sql: Sql, people: readonly { personId: string; forceId: string }[]): Promise<Map<string, EarlyInterventionFlag[]>> {
  const ids = people.map((p) => p.personId);
  const allegations = await findAllegationsAgainst(sql, ids);
  const warnings = await findWarningsOn(sql, ids);
  const configured = setting('EARLY_INTERVENTION_RULES');
  const flags = new Map<string, EarlyInterventionFlag[]>();
  for (const p of people) {
    const record = {
      allegations: allegations.filter((a) => a.personId === p.personId).map((a) => ({ ...a, concerns: concernsOfCategory(a.category) })),
      warnings: warnings.filter((w) => w.personId === p.personId),
    };
    flags.set(p.personId, earlyInterventionFlags(record, earlyInterventionRulesOf(p.forceId, configured)));
  }
  return flags;
}
