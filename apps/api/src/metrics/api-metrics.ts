import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { OUTBOX_DEPTH_STATUSES, engineGauges } from '@conduct/persistence';
import { setting } from '@conduct/config';
import { RoutedRequest, routeLabel } from './route-label';

/** Seconds: from a cached read (a few ms) to the API's own deadline for its calls to Temporal (10 s by default). */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface Res {
  statusCode: number;
  on(event: 'finish', fn: () => void): unknown;
}

/**
 * The API process's Prometheus metrics: each request's duration by method, route template and status, and the
 * engine's own gauges read from PostgreSQL at each scrape. No label names a matter, a person or a force: `/metrics`
 * answers without a token, and oversight per force has its own, authenticated, reports. Each API process has its
 * own registry (in tests several share one Node process).
 */
@Injectable()
export class ApiMetrics {
  private readonly registry = new Registry();
  /** Read at scrape time; left out of the answer when PostgreSQL does not answer, rather than shown stale or as 0. */
  private readonly engine = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'conduct_http_request_duration_seconds',
    help: 'HTTP requests answered by the API, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly gaugesRead = new Gauge({ name: 'conduct_engine_gauges_read', help: '1 when the outbox and deadline gauges below were read from PostgreSQL at this scrape, 0 when it did not answer', registers: [this.registry] });
  private readonly outbox = new Gauge({ name: 'conduct_outbox_messages', help: 'Outgoing messages not delivered: pending delivery, or dead (dead letters, waiting for a person)', labelNames: ['status'] as const, registers: [this.engine] });
  private readonly oldestUndelivered = new Gauge({ name: 'conduct_outbox_oldest_undelivered_seconds', help: 'Age of the oldest message still pending delivery (0 when none is)', registers: [this.engine] });
  private readonly deadLetters = new Gauge({ name: 'conduct_outbox_dead_letters', help: 'Messages dead-lettered: failed every attempt, or a list report refused as incomplete', registers: [this.engine] });
  private readonly deadlines = new Gauge({ name: 'conduct_deadlines', help: 'Statutory deadlines open and past due (open_past_due), or missed and not yet done late (missed)', labelNames: ['state'] as const, registers: [this.engine] });

  constructor(@InjectDataSource() private readonly db: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'conduct_api_' });
  }

  /** Express middleware: times every request to its last byte, whoever answered it (a guard, a filter, Swagger). */
  readonly middleware = (req: RoutedRequest & { method: string }, res: Res, next: () => void): void => {
    if (setting('METRICS_ENABLED') === 'off') return next();
    const end = this.httpDuration.startTimer();
    res.on('finish', () => end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
    next();
  };

  async scrape(): Promise<string> {
    let read = true;
    try {
      const g = await engineGauges(this.db);
      for (const s of OUTBOX_DEPTH_STATUSES) this.outbox.set({ status: s }, g.outbox[s]);
      this.deadLetters.set(g.outbox.dead);
      this.oldestUndelivered.set(g.oldestUndeliveredSeconds);
      this.deadlines.set({ state: 'open_past_due' }, g.deadlines.openPastDue);
      this.deadlines.set({ state: 'missed' }, g.deadlines.missed);
    } catch {
      read = false;
    }
    this.gaugesRead.set(read ? 1 : 0);
    return (await this.registry.metrics()) + (read ? await this.engine.metrics() : '');
  }
}
