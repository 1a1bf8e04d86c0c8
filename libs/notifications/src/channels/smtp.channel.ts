import { createTransport, Transporter } from 'nodemailer';
import { Channel, DeliveryError, OutgoingMessage, RenderedMessage } from '../message';

/**
 * E-mail over SMTP. The outbox idempotency key is the Message-ID (and an Idempotency-Key header),
 * so a receiver can discard the re-send that follows a crash between the server's 250 and our
 * record of it: SMTP itself cannot be exactly-once without that dedupe on the receiving side.
 */
export class SmtpChannel implements Channel {
  readonly kind = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    private readonly to: string,
    opts: { url: string; from: string; timeoutMs?: number },
  ) {
    const timeout = opts.timeoutMs ?? 10_000;
    this.transport = createTransport(opts.url, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, from: opts.from } as never);
  }

  async send(m: OutgoingMessage, r: RenderedMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        to: this.to,
        subject: r.title,
        text: r.text,
        messageId: messageIdFor(m.idempotencyKey),
        headers: { 'Idempotency-Key': m.idempotencyKey },
      });
    } catch (err) {
      throw classifySmtpError(err);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** A Message-ID is `<local@domain>`; the key's characters outside the atext set are encoded. */
export function messageIdFor(key: string): string {
  return `<${encodeURIComponent(key).replace(/[%']/g, (c) => (c === '%' ? '=' : '_'))}@outbox.conduct-engine>`;
}

function classifySmtpError(err: unknown): DeliveryError {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return new DeliveryError(`smtp-${e.responseCode}`, e.responseCode < 500);
  const code = (e.code ?? 'error').toString().toLowerCase();
  if (code.includes('timedout') || code === 'etimedout' || code === 'etimeout') return new DeliveryError('timeout', true);
  if (code === 'econnection' || code === 'econnrefused' || code === 'esocket') return new DeliveryError('connection-failed', true);
  return new DeliveryError(`smtp-${code}`, true);
}
