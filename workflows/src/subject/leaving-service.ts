/** Resignation or retirement does not end the case: the advisory list, and gross misconduct goes on (CR reg 4). */
import { SUBJECT_KIND_RULES, formerOfficerRemainsSubject, type IsoDate } from '@conduct/domain';
import { closeTrack } from './closing';
import type { TrackContext } from './context';
import { endSuspensionReviews } from './deadlines';
import { reportAdvisoryListRemoval, reportToAdvisoryList } from './list-report-steps';
import type { OutboxRecord } from '../types';

export async function leaveService(ctx: TrackContext, how: 'resigned' | 'retired', on: IsoDate, allegationSummary: string | undefined, outbox: OutboxRecord[]): Promise<void> {
  const { s, input } = ctx;
  s.leftService = { how, on };
  s.suspended = false;
  s.restrictedDuties = undefined;
  endSuspensionReviews(ctx, on);
  // Every kind the engine knew before the designated volunteer is on the advisory list, so no running track changes here.
  if (SUBJECT_KIND_RULES[input.subject.kind].advisoryList.applies) await reportToAdvisoryList(ctx, { how, on, allegationSummary }, outbox);
  const continues = formerOfficerRemainsSubject({
    severity: (s.caseToAnswer && s.caseToAnswer !== 'none' ? s.caseToAnswer : s.severity) ?? 'neither',
    leftOn: on,
    allegationReachedAaOn: input.receivedOn,
    allegationReceivedOn: input.receivedOn,
    directorGeneralDetermination: false,
  });
  if (!continues.continues) {
    closeTrack(ctx, 'former-officer-no-gross-misconduct');
    await reportAdvisoryListRemoval(ctx, on, outbox);
  }
}
