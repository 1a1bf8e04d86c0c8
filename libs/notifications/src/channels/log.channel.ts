import { Channel, OutgoingMessage } from '../message';

/** Development only, and only when a route asks for it: logs that a message would be sent (no content), and counts it delivered. */
export class LogChannel implements Channel {
  readonly kind = 'log' as const;
  constructor(private readonly log: (line: Record<string, unknown>) => void = (l) => console.log(JSON.stringify(l))) {}
  async send(m: OutgoingMessage): Promise<void> {
    this.log({ level: 'info', service: 'outbox', message: 'log channel: message not sent anywhere', outboxId: m.id, purpose: m.purpose, recipient: m.recipient });
  }
}
