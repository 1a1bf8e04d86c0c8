import { isUserId, MATTER_KIND_WORDS, STAGE_WORDS, type MatterKind, type SubjectStage } from '@conduct/domain';
import type { UnallocatedItem } from '@conduct/persistence';
import { dateInFull, sentenceCase } from '../rendering/words';

/** The most matters one form allocates: the page's own size. */
export const UNALLOCATED_PAGE_SIZE = 50;

export interface UnallocatedRow {
  reference: string;
  id: string;
  href: string;
  kind: string;
  forceId: string;
  stage: string;
  queue: string;
  receivedOn: string;
  investigator: string | null;
}

/** Each matter's row, with an id of its own for its checkbox (a reference may hold characters an id should not). */
export function unallocatedRows(items: readonly UnallocatedItem[]): UnallocatedRow[] {
  return items.map((item, i) => ({
    reference: item.reference,
    id: `matter-${i}`,
    href: `/matter/${encodeURIComponent(item.reference)}`,
    kind: MATTER_KIND_WORDS[item.kind as MatterKind] ?? sentenceCase(item.kind),
    forceId: item.forceId,
    stage: STAGE_WORDS[item.stage as SubjectStage] ?? sentenceCase(item.stage),
    queue: sentenceCase(item.queue),
    receivedOn: dateInFull(item.receivedOn),
    investigator: item.investigatorId,
  }));
}

/** The form's answers: the matters ticked and who to allocate them to (themselves, with "Allocate to me"), each wrong one named. */
export function allocationFormOf(body: Record<string, unknown>, me: string): { references: string[]; caseOfficer: string; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const ticked = body.references;
  const references = (Array.isArray(ticked) ? ticked : ticked === undefined ? [] : [ticked]).filter((r): r is string => typeof r === 'string' && r.length > 0);
  if (!references.length) errors.references = 'Select the matters to allocate';
  else if (references.length > UNALLOCATED_PAGE_SIZE) errors.references = `Select up to ${UNALLOCATED_PAGE_SIZE} matters at a time`;
  const typed = typeof body.caseOfficer === 'string' ? body.caseOfficer.trim() : '';
  const caseOfficer = body.toMe !== undefined ? me : typed;
  if (!caseOfficer) errors.caseOfficer = 'Enter the user id of the case officer, or choose Allocate to me';
  else if (!isUserId(caseOfficer)) errors.caseOfficer = 'Enter a user id of up to 200 characters';
  return { references: [...new Set(references)], caseOfficer, errors };
}
