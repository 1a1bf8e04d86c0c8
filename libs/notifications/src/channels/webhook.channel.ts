import { createHmac } from 'crypto';
import { Channel, DeliveryError, OutgoingMessage, RenderedMessage } from '../message';

export const SIGNATURE_HEADER = 'x-conduct-signature';
export const TIMESTAMP_HEADER = 'x-conduct-timestamp';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the receiver checks both, and rejects stale timestamps. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A signed HTTP POST (the College of Policing list interface, a force system). 2xx is delivered;
 * 5xx, 408, 429, timeouts and network errors are retried; any other 4xx is a permanent refusal.
 * The outbox idempotency key goes in the Idempotency-Key header for the receiver to dedupe.
 */
export class WebhookChannel implements Channel {
  readonly kind = 'webhook' as const;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(m: OutgoingMessage, r: RenderedMessage): Promise<void> {
    const body = JSON.stringify(r.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': m.idempotencyKey,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(this.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new DeliveryError('timeout', true);
      throw new DeliveryError('connection-failed', true);
    }
    if (res.ok) return;
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    throw new DeliveryError(`http-${res.status}`, retryable);
  }
}
