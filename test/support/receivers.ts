import * as http from 'http';
import { AddressInfo } from 'net';
import { timingSafeEqual } from 'crypto';
import { SMTPServer } from 'smtp-server';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from '@conduct/notifications';

/** What a receiver does with one request: accept it, fail it, or hang until the sender gives up. */
export type Fault = 'none' | 'fail' | 'hang';

export interface Receipt {
  key: string;
  /** First time this key was seen: a duplicate is acknowledged again but not acted on twice. */
  first: boolean;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The receiving end as a well-behaved receiver is built: it checks the signature and its
 * timestamp, and dedupes by idempotency key, so the sender's at-least-once becomes exactly once.
 */
export class WebhookReceiver {
  readonly receipts: Receipt[] = [];
  readonly accepted = new Map<string, number>();
  readonly badSignatures: string[] = [];
  /** Decides each request's fate; `onAccepted` runs after the key is recorded and before the answer. */
  fault: (key: string) => Fault = () => 'none';
  onAccepted: (key: string) => void = () => undefined;
  private server!: http.Server;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/college/lists`;
    return this;
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const key = String(req.headers['idempotency-key'] ?? '');
    const ts = String(req.headers[TIMESTAMP_HEADER] ?? '');
    const expected = Buffer.from(sign(this.secret, ts, body));
    const given = Buffer.from(String(req.headers[SIGNATURE_HEADER] ?? ''));
    const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
    if (!key || !fresh || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      this.badSignatures.push(key);
      res.writeHead(401).end();
      return;
    }
    const fate = this.fault(key);
    if (fate === 'hang') return; // never answers: the sender's timeout fires
    if (fate === 'fail') {
      res.writeHead(503).end();
      return;
    }
    const first = !this.accepted.has(key);
    this.accepted.set(key, (this.accepted.get(key) ?? 0) + 1);
    this.receipts.push({ key, first, body, headers: req.headers });
    this.onAccepted(key);
    res.writeHead(first ? 201 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ duplicate: !first }));
  }

  /** Keys acted on: each exactly once, however many times it arrived. */
  get uniqueKeys(): string[] {
    return [...this.accepted.keys()];
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export interface Mail {
  messageId: string;
  first: boolean;
  to: string[];
  raw: string;
}

/** A real SMTP server (the `smtp-server` package) that dedupes by Message-ID. */
export class SmtpReceiver {
  readonly mails: Mail[] = [];
  readonly accepted = new Map<string, number>();
  fault: (messageId: string) => 'none' | 'fail' = () => 'none';
  onAccepted: (messageId: string) => void = () => undefined;
  private server!: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
          if (this.fault(messageId) === 'fail') {
            const err = Object.assign(new Error('try again later'), { responseCode: 451 });
            callback(err);
            return;
          }
          const first = !this.accepted.has(messageId);
          this.accepted.set(messageId, (this.accepted.get(messageId) ?? 0) + 1);
          this.mails.push({ messageId, first, to: session.envelope.rcptTo.map((r) => r.address), raw });
          this.onAccepted(messageId);
          callback(null);
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  get uniqueIds(): string[] {
    return [...this.accepted.keys()];
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** One span as an OTLP collector receives it, flattened with its service's name. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  attributes: Record<string, unknown>;
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  status: number;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
const valueOf = (v: OtlpValue): unknown => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.boolValue ?? v.doubleValue;
const attributesOf = (list: OtlpAttribute[] = []): Record<string, unknown> => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/**
 * An OpenTelemetry collector's receiving end, as small as it can be: it takes the OTLP/HTTP exporter's
 * `POST /v1/traces` in OTLP's JSON encoding (what the engine's exporter sends) and keeps every span. Anything
 * else (another path, protobuf) is refused, so a sender that changed its encoding fails the test visibly.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly refused: string[] = [];
  private server!: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/traces' || !String(req.headers['content-type']).startsWith('application/json')) {
          this.refused.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
          res.writeHead(415).end();
          return;
        }
        this.take(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private take(body: { resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: any[] }[] }[] }): void {
    for (const rs of body.resourceSpans ?? []) {
      const service = String(attributesOf(rs.resource?.attributes)['service.name']);
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          this.spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind, startTimeUnixNano: String(s.startTimeUnixNano), attributes: attributesOf(s.attributes), status: s.status?.code ?? 0 });
        }
      }
    }
  }

  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
