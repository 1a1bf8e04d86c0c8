/** Closing a subject's track: on the day it closed, with every deadline ended but those that outlast the case. */
import { IsoDate, londonDateOf } from '@conduct/domain';
import * as book from '../deadline-book';
import type { TrackContext } from './context';
import { notOwedAfter } from './deadlines';
import type { NoProceedingsRoute } from '../types';

export type ClosedBecause = NoProceedingsRoute | 'outcome' | 'local-disciplinary-referral' | 'former-officer-no-gross-misconduct';

/** Reports to the College of Policing and live warnings outlast the case; every other deadline ends with it. */
const OUTLAST_THE_CASE = ['barred-list-report', 'barred-list-removal', 'advisory-list-report', 'advisory-list-removal', 'warning-live', 'appeal-decision-notice'];

/** Closes the track on the day it closed: the step's own day, or `on` (a window that passed), else today. */
export function closeTrack(ctx: TrackContext, because: ClosedBecause, on?: IsoDate): void {
  const { s, step } = ctx;
  s.stage = 'closed';
  s.closedBecause = because;
  s.closedOn = on ?? londonDateOf(step ? step.occurredAt : new Date(Date.now()).toISOString());
  book.cancelAll(s.deadlines, (k) => !OUTLAST_THE_CASE.includes(k));
  // Closed by a back-dated step: nothing fell due for the case after the day it ended.
  if (step) notOwedAfter(ctx, (d) => !OUTLAST_THE_CASE.includes(d.key), londonDateOf(step.occurredAt), 'the case closed');
}
