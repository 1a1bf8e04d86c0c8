/** An outbox row as a channel sees it. The payload may hold personal data: never log it. */
export interface OutgoingMessage {
  id: string;
  idempotencyKey: string;
  matterReference: string;
  subjectId: string | null;
  purpose: string;
  recipient: string;
  payload: Record<string, unknown>;
}

/** What a template made of a message: the same words for an e-mail and a webhook. */
export interface RenderedMessage {
  title: string;
  text: string;
  regulation: string | null;
  dueDate: string | null;
  /** Structured content for machine receivers (the College of Policing list interface, force systems). */
  body: Record<string, unknown>;
}

/**
 * A failed send. `code` is a classification safe to log and store (`http-503`, `timeout`,
 * `smtp-451`, `connection-refused`), never the receiver's text, which may echo an address.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`delivery failed: ${code}`);
  }
}

export interface Channel {
  readonly kind: 'email' | 'webhook' | 'log';
  send(message: OutgoingMessage, rendered: RenderedMessage): Promise<void>;
}
