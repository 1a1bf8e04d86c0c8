import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import { TIMER_SLACK_MS } from './limits';

/** A timer due sooner than this is never cancelled (see `until`). */
export const CANCEL_GUARD_MS = 60_000;

/**
 * The one timer a workflow keeps, for the earliest instant it must wake at (a reminder, a deadline,
 * a window closing). It stands while that instant stands: news from elsewhere (a subject's signal, an
 * update that leaves the earliest deadline alone) wakes the loop without cancelling and restarting
 * the timer. Fewer history events, and no cancel of a timer that may have fired while the workflow task
 * was with the worker (which Temporal's time-skipping test server rejects, leaving the workflow stuck).
 */
export class WakeTimer {
  private armed?: { at: number; scope: CancellationScope };
  private fired = false;

  /** Wait until `stirred()` holds or the instant `at` (ms since the epoch) is reached. */
  async until(at: number | undefined, stirred: () => boolean): Promise<void> {
    if (this.armed && this.armed.at !== at) {
      // A timer due within the guard is left to fire (its wake finds nothing to do): cancelling one that
      // fired while this workflow task was with the worker is refused by the time-skipping test server,
      // which then never retries the task (temporalio/sdk-java#3088). Backdated records make such timers
      // common: a deadline already past arms a timer of TIMER_SLACK_MS.
      if (this.armed.at - Date.now() > CANCEL_GUARD_MS) this.armed.scope.cancel();
      this.armed = undefined;
    }
    if (!this.armed && at !== undefined) {
      const armed = { at, scope: new CancellationScope() };
      this.armed = armed;
      armed.scope
        .run(() => sleep(Math.max(at - Date.now(), TIMER_SLACK_MS)))
        .then(
          () => {
            if (this.armed === armed) {
              this.armed = undefined;
              this.fired = true;
            }
          },
          () => undefined, // cancelled: a nearer or later instant replaced it
        );
    }
    await condition(() => this.fired || stirred());
    this.fired = false;
  }
}
