/**
 * An Idempotency-Key becomes the command's Temporal update id and part of its audit line's key: 1 to 128 visible
 * ASCII characters (a UUID is a good choice). Anything else is the caller's mistake, answered 400 before it
 * reaches Temporal (which would refuse an over-long id with an error of its own).
 */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

interface Req {
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  status(code: number): Res;
  json(body: unknown): unknown;
}

export function idempotencyKeyCheck(req: Req, res: Res, next: () => void): void {
  const key = req.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Idempotency-Key must be 1 to 128 visible ASCII characters, given once (a UUID is a good choice)', field: 'Idempotency-Key' });
    return;
  }
  next();
}
