// The floor: a workflow that does nothing, and a probe that sleeps until a given instant and says when it woke.
import { sleep } from '@temporalio/workflow';

export async function empty(): Promise<void> {
  return;
}

/** Sleeps until `fireAt` (ms since the epoch) and returns the workflow's time when it ran again. */
export async function probe(fireAt: number): Promise<number> {
  const wait = fireAt - Date.now();
  if (wait > 0) await sleep(wait);
  return Date.now();
}
