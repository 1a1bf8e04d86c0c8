import { BadRequestException, HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { bulkRefusalStatus, checkAllocatee, COMMAND_GRANTS, duplicateAllocationItems, mayActOnForce, type AllocationItem, type AllocationRefusal } from '@conduct/domain';
import { decodeDayCursor, encodeDayCursor, findAllocationTargets, findStaffForces, listUnallocated, writeCaseOfficer, type AllocationTarget } from '@conduct/persistence';
import { asActor } from '../common/actor';
import { User, mayAccessForce, visibleForces } from '../auth/user';
import { MattersService } from '../matters/matters.service';
import type { InvestigatorAllocationDto, UnallocatedQuery } from './allocation.dto';

export interface AllocationDone {
  reference: string;
  subjectId: string | null;
  from: string | null;
  to: string | null;
  /** False when the matter or subject was already allocated so: nothing written. */
  changed: boolean;
}

/**
 * Allocation of work (issue 15). Case officers are the force's own record: checked, then written with one audit line
 * each, all in one transaction, so a bulk allocation is applied whole or not at all. An investigator's allocation is
 * the matter's appointment (CR reg 15), recorded by its workflow, which checks it.
 */
@Injectable()
export class AllocationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly matters: MattersService,
  ) {}

  async allocateCaseOfficers(items: readonly AllocationItem[], user: User, requestId: string | null): Promise<{ allocations: AllocationDone[] }> {
    return this.db.transaction(async (tx) => {
      const targets = await findAllocationTargets(tx, items.map((i) => i.reference), true);
      const staff = await findStaffForces(tx, items.flatMap((i) => (i.caseOfficer === null ? [] : [i.caseOfficer])));
      const refusals = [...duplicateAllocationItems(items), ...items.flatMap((item, i) => this.refusalOf(item, i, targets.get(item.reference), staff, user, items.length > 1))];
      if (refusals.length) {
        refusals.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
        throw new HttpException(
          { statusCode: bulkRefusalStatus(refusals), message: refusals.length === 1 ? refusals[0].reason : `${refusals.length} allocations were refused, so none was recorded: ${refusals.map((r) => r.reason).join('; ')}`, ...(refusals.length === 1 ? { field: refusals[0].field, rule: refusals[0].rule } : {}), errors: refusals },
          bulkRefusalStatus(refusals),
        );
      }
      const batch = randomUUID();
      const done: AllocationDone[] = [];
      for (const [i, item] of items.entries()) {
        const target = targets.get(item.reference)!;
        const from = item.subjectId ? target.subjects.find((s) => s.subjectId === item.subjectId)!.caseOfficer : target.caseOfficer;
        const changed = from !== item.caseOfficer;
        if (changed) {
          await writeCaseOfficer(tx, {
            idempotencyKey: `allocation:${batch}:${i}`, reference: item.reference, subjectId: item.subjectId ?? null, from, to: item.caseOfficer,
            actor: user.id, actorRole: user.role, details: { requestId, batch, ...(items.length > 1 ? { bulk: items.length } : {}) },
          });
        }
        done.push({ reference: item.reference, subjectId: item.subjectId ?? null, from, to: item.caseOfficer, changed });
      }
      return { allocations: done };
    });
  }

  /** Each item's refusal, naming its field: another force's matter answers as one that does not exist. */
  private refusalOf(item: AllocationItem, i: number, target: AllocationTarget | undefined, staff: Map<string, string[]>, user: User, bulk: boolean): AllocationRefusal[] {
    const at = bulk ? `allocations[${i}].` : '';
    if (!target || !mayAccessForce(user, target.forceId)) return [{ status: 404, field: `${at}reference`, rule: 'matter-exists', reason: `${at}reference: matter ${item.reference} not found` }];
    if (!mayActOnForce(user, target.forceId, COMMAND_GRANTS.allocation)) {
      return [{ status: 409, field: `${at}reference`, rule: 'allocation-within-force', reason: `${at}reference: work on matter ${item.reference} of ${target.forceId} is allocated by that force (or an administrator granted it)` }];
    }
    if (item.subjectId && !target.subjects.some((s) => s.subjectId === item.subjectId)) {
      return [{ status: 404, field: `${at}subjectId`, rule: 'subject-exists', reason: `${at}subjectId: subject ${item.subjectId} of matter ${item.reference} not found (a subject just referred appears a moment later)` }];
    }
    if (target.stage === 'closed') return [{ status: 409, field: `${at}reference`, rule: 'workflow-open', reason: `${at}reference: matter ${item.reference} is closed: its work is no longer allocated` }];
    if (item.caseOfficer === null) return [];
    const check = checkAllocatee({ field: `${at}caseOfficer`, role: 'case-officer', matter: target, userId: item.caseOfficer, staff: staff.has(item.caseOfficer) ? { userId: item.caseOfficer, forceIds: staff.get(item.caseOfficer)! } : undefined });
    return check.allowed ? [] : [check.refusal];
  }

  /**
   * The matter's investigator: someone signed in to its force (of another force only for a senior officer), appointed
   * by the event investigator-appointed, which the workflow checks (CR reg 15(3)) before anything is recorded.
   */
  async allocateInvestigator(reference: string, dto: InvestigatorAllocationDto, user: User, idempotencyKey?: string) {
    const target = (await findAllocationTargets(this.db, [reference], false)).get(reference);
    const refused = this.refusalOf({ reference, caseOfficer: null }, 0, target, new Map(), user, false);
    if (refused.length) throw new HttpException({ statusCode: refused[0].status, message: refused[0].reason, field: refused[0].field, rule: refused[0].rule }, refused[0].status);
    const staff = await findStaffForces(this.db, [dto.userId]);
    const check = checkAllocatee({
      field: 'userId', role: 'investigator', matter: target!, userId: dto.userId,
      staff: staff.has(dto.userId) ? { userId: dto.userId, forceIds: staff.get(dto.userId)! } : undefined, subjectRanks: target!.subjects.map((s) => s.rank),
    });
    if (!check.allowed) throw new HttpException({ statusCode: check.refusal.status, message: check.refusal.reason, field: check.refusal.field, rule: check.refusal.rule }, check.refusal.status);
    const investigator = {
      id: dto.userId,
      ...(check.forceId !== target!.forceId ? { forceId: check.forceId } : {}),
      ...(dto.unit !== undefined ? { unit: dto.unit } : {}),
      ...(dto.lineManagers !== undefined ? { lineManagers: dto.lineManagers } : {}),
      ...(dto.interestedParty !== undefined ? { interestedParty: dto.interestedParty } : {}),
    };
    return this.matters.matterEvent(
      reference,
      { event: 'investigator-appointed', investigator, occurredAt: dto.occurredAt ?? new Date().toISOString(), actor: asActor(user), ...(idempotencyKey ? { commandId: idempotencyKey } : {}) },
      user,
      COMMAND_GRANTS.allocation,
    );
  }

  async unallocated(q: UnallocatedQuery, user: User) {
    const after = q.after === undefined ? undefined : decodeDayCursor(q.after);
    if (after === null) throw new BadRequestException({ message: 'after: not a cursor this list gave out: start again from the first page', field: 'after' });
    const limit = q.limit ?? 50;
    const { items, more } = await listUnallocated(this.db, { forces: visibleForces(user), forceId: q.forceId, queue: q.queue }, { limit, after });
    const last = items[items.length - 1];
    return { limit, next: more && last ? encodeDayCursor({ receivedOn: last.receivedOn, reference: last.reference }) : null, items };
  }
}
