/**
 * Waits until `check` answers true, asking every 100 ms: for what the stack does after answering (the projection, the
 * outbox), which a test reads back. Fails after `timeoutMs`, naming `what` it waited for.
 */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} was not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
