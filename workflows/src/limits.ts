/** Continue-as-new well before Temporal's 10,240-event warning, so a matter open for years keeps a short history. */
export const HISTORY_LIMIT = 2_000;

/**
 * A timer may fire a hair before the instant it was set for (servers round durations), so a deadline
 * within this much of now counts as reached; otherwise the workflow would wake, find nothing due,
 * and set a zero-length timer again.
 */
export const TIMER_SLACK_MS = 1_000;
