// Allocation of work: who in the force works each matter and each subject. The regulations name no case officer,
// so the case officer is the force's own record (the projection, audited), and allocating one changes nothing the
// regulations allow. The investigator is the matter's appointment (CR reg 15): allocating one records the event
// investigator-appointed, which the matter's workflow checks with checkInvestigator (investigator.ts), never here.
//
// Who can be allocated: someone who has signed in (the web interface or the API) to the matter's force. The token's
// subject is the id "allocated to me" compares with, and its force is a verified claim; the person records of
// people.ts are subjects, known by a number no sign-in carries.

import { isSeniorOfficer } from './ranks';

/** The two allocations a matter and each of its subjects has. */
export const ALLOCATION_ROLES = ['case-officer', 'investigator'] as const;
export type AllocationRole = (typeof ALLOCATION_ROLES)[number];

/** The filter words My work and the matters search understand, besides a person's user id. */
export const ALLOCATED_TO_WORDS = ['me', 'unallocated'] as const;

/** Work is allocated within the force whose matter it is (issue 15); the one exception is the investigator below. */
export const ALLOCATION_WITHIN_FORCE = 'allocation-within-force';
/** Only someone the engine knows (they have signed in to a force) can be allocated. */
export const ALLOCATION_TO_KNOWN_STAFF = 'allocation-to-known-staff';

/**
 * The queue a matter's unallocated work waits in: its force's general queue, unless one of its allegations falls in a
 * category the force routes to a specialist unit (ALLOCATION_ROUTES: for example sexual misconduct to a unit of its
 * own). The first route of the force that matches wins. A matter once routed stays routed (the projection never moves
 * it back to the general queue when an allegation is added).
 */
export const GENERAL_QUEUE = 'general';

/** A force's route: the specialist queue, and the IOPC complaint categories (allegations.ts) that go to it. */
export interface AllocationRoute {
  queue: string;
  categories: readonly string[];
}

export function allocationQueueOf(
  matter: { forceId: string; allegations?: readonly { category: string }[] },
  routes: Readonly<Record<string, readonly AllocationRoute[]>> = {},
): string {
  const categories = new Set((matter.allegations ?? []).map((a) => a.category));
  return (routes[matter.forceId] ?? []).find((r) => r.categories.some((c) => categories.has(c)))?.queue ?? GENERAL_QUEUE;
}

/** ALLOCATION_ROUTES as configured, checked: each route's queue a name, its categories the IOPC's. Problems named by place. */
export function checkAllocationRoutes(value: unknown, knownCategories: readonly string[], field = 'ALLOCATION_ROUTES'): { field: string; reason: string }[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field, reason: 'must be an object of force ids to lists of routes' }];
  const problems: { field: string; reason: string }[] = [];
  for (const [force, routes] of Object.entries(value)) {
    if (!Array.isArray(routes)) {
      problems.push({ field: `${field}.${force}`, reason: 'must be a list of routes' });
      continue;
    }
    routes.forEach((r: Record<string, unknown>, i) => {
      const at = `${field}.${force}[${i}]`;
      if (typeof r?.queue !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(r.queue) || r.queue === GENERAL_QUEUE)
        problems.push({ field: `${at}.queue`, reason: `must name a specialist queue: lower-case letters, digits and dashes, not ${GENERAL_QUEUE}` });
      const unknown = Array.isArray(r?.categories) ? r.categories.filter((c) => !knownCategories.includes(c as string)) : null;
      if (!Array.isArray(r?.categories) || !r.categories.length) problems.push({ field: `${at}.categories`, reason: 'must list one or more IOPC complaint categories' });
      else if (unknown?.length) problems.push({ field: `${at}.categories`, reason: `not IOPC complaint categories: ${unknown.join(', ')}` });
    });
  }
  return problems;
}

export type AllocationRefusal = { status: 400 | 404 | 409; field: string; rule: string; reason: string };

/** Someone known to the engine: their user id and each force they have signed in to. */
export interface KnownStaff {
  userId: string;
  forceIds: readonly string[];
}

/** A user id as a sign-in gives it: 1-200 printable characters, no spaces at either end. */
export function isUserId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 && v.trim() === v && !/[\u0000-\u001f\u007f]/.test(v);
}

/**
 * Whether `userId` may be allocated `role` on a matter of `forceId`, and in which force they serve. A case officer
 * must serve in the matter's force. So must an investigator, except that a senior officer's investigator must not
 * (CR reg 15(3)): there someone of another force is allowed, and the workflow's own check then refuses one of the
 * same force. `staff` is what the engine knows of the user (undefined: never signed in).
 */
export function checkAllocatee(q: {
  field: string;
  role: AllocationRole;
  matter: { reference: string; forceId: string };
  userId: string;
  staff: KnownStaff | undefined;
  subjectRanks?: readonly (string | null | undefined)[];
}): { allowed: true; forceId: string } | { allowed: false; refusal: AllocationRefusal } {
  const { field, matter, userId, staff } = q;
  const refuse = (status: 400 | 404 | 409, rule: string, reason: string) => ({ allowed: false as const, refusal: { status, field, rule, reason: `${field}: ${reason}` } });
  if (!isUserId(userId)) return refuse(400, ALLOCATION_TO_KNOWN_STAFF, 'give the user id of the person allocated, as they sign in (1-200 characters)');
  if (!staff || staff.forceIds.length === 0) {
    return refuse(404, ALLOCATION_TO_KNOWN_STAFF, `nobody signed in as '${userId}' is known to the engine: someone can be allocated work once they have signed in to their force`);
  }
  const seniorSubject = q.role === 'investigator' && (q.subjectRanks ?? []).some((r) => isSeniorOfficer(r ?? undefined));
  if (seniorSubject) {
    const other = staff.forceIds.find((f) => f !== matter.forceId);
    if (other) return { allowed: true, forceId: other };
  }
  if (staff.forceIds.includes(matter.forceId)) return { allowed: true, forceId: matter.forceId };
  return refuse(409, ALLOCATION_WITHIN_FORCE, `'${userId}' serves in ${staff.forceIds.join(', ')}, not ${matter.forceId}: work on a matter of ${matter.forceId} is allocated within that force${q.role === 'investigator' ? ' (an investigator of another force only for a senior officer, CR reg 15(3))' : ''}, so nothing was recorded`);
}

/** The filter "allocated to" as asked: the signed-in user, nobody, or a named person; null when the word is not one. */
export type AllocatedTo = { userId: string } | { unallocated: true };
export function allocatedToFilter(value: string | undefined, me: string): AllocatedTo | null | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (v === 'me') return { userId: me };
  if (v === 'unallocated') return { unallocated: true };
  return isUserId(v) ? { userId: v } : null;
}

/** One item of a bulk allocation: a matter's case officer, or a subject's (null: no longer allocated). */
export interface AllocationItem {
  reference: string;
  subjectId?: string;
  caseOfficer: string | null;
}

/** A bulk allocation names each matter or subject once: two items for one would leave the outcome to their order. */
export function duplicateAllocationItems(items: readonly AllocationItem[]): AllocationRefusal[] {
  const seen = new Map<string, number>();
  const refusals: AllocationRefusal[] = [];
  for (const [i, item] of items.entries()) {
    const key = `${item.reference}\u0000${item.subjectId ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const field = `allocations[${i}]`;
      refusals.push({ status: 400, field, rule: 'allocation-once-per-request', reason: `${field}: allocates ${item.subjectId ? `subject ${item.subjectId} of ` : ''}matter ${item.reference} again (allocations[${first}] did): name each once` });
    } else seen.set(key, i);
  }
  return refusals;
}

/** The answer's status for a bulk allocation refused: a mistake in the request first, then what is not there, then a rule. */
export function bulkRefusalStatus(refusals: readonly AllocationRefusal[]): 400 | 404 | 409 {
  if (refusals.some((r) => r.status === 400)) return 400;
  if (refusals.some((r) => r.status === 404)) return 404;
  return 409;
}
