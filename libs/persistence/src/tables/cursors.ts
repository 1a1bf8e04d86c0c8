/**
 * Where a page of a list ordered by a day and a reference starts: after this row, in the list's order (the matters
 * list, the unallocated work, the confidential reports). Opaque to the caller: base64url of the two, safe in a query
 * string as it is.
 */
export interface DayCursor {
  receivedOn: string;
  reference: string;
}

export function encodeDayCursor(c: DayCursor): string {
  return Buffer.from(JSON.stringify([c.receivedOn, c.reference])).toString('base64url');
}

/** The cursor back, or null when it is not one a list gave out. */
export function decodeDayCursor(cursor: string): DayCursor | null {
  try {
    const [receivedOn, reference] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof receivedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) && typeof reference === 'string' && reference.length > 0) return { receivedOn, reference };
  } catch {
    /* not a cursor */
  }
  return null;
}
