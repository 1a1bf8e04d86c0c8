import { CancellationScope, condition, sleep } from '@temporalio/workflow';
import { TIMER_SLACK_MS } from './limits';

/**
 * The one timer a workflow keeps, for the earliest instant it must wake at (a reminder, a deadline,
 * a window closing). It stands while that instant stands: news from elsewhere (a subject's signal, an
 * update that leaves the earliest deadline alone) wakes the loop without cancelling and restarting
 * the timer. Fewer history events, and no cancel of a timer that fired while the workflow task was
 * with the worker (which Temporal's time-skipping test server rejects, leaving the workflow stuck).
 */
export class WakeTimer {
  private armed?: { at: number; scope: CancellationScope };
  private fired = false;

  /** Wait until `stirred()` holds or the instant `at` (ms since the epoch) is reached. */
  async until(at: number | undefined, stirred: () => boolean): Promise<void> {
    if (this.armed && this.armed.at !== at) {
      this.armed.scope.cancel();
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
