import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { compareIsoDates, deriveFromEarlierOutcomes, LIST_REPORTS, londonDateOf, READ_GRANTS, type Role } from '@conduct/domain';
import { appendPersonRead, findListReports, findPerson, findPersonByNumber, findPersonSubjects, type PersonRow } from '@conduct/persistence';
import { User, mayAccessForce } from '../auth/user';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
      };
    });
  }
}
