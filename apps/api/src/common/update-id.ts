/**
 * A command sent again with the same Idempotency-Key joins the same Temporal update, so a retry after a
 * lost answer waits for the first attempt instead of racing it.
 */
export function updateIdOf(cmd: unknown): { updateId?: string } {
  const id = (cmd as { commandId?: unknown })?.commandId;
  return typeof id === 'string' && id ? { updateId: id } : {};
}
