import { EventEmitter } from 'events';
import { DataSource } from 'typeorm';
import { ApiMetrics } from './api-metrics';

/** A DataSource that answers the gauges' three queries (or fails, as PostgreSQL down would). */
function database(answer: 'up' | 'down'): DataSource {
  return {
    query: async (sql: string) => {
      if (answer === 'down') throw new Error('connect ECONNREFUSED');
      if (sql.includes('GROUP BY status')) return [{ status: 'pending', n: 3 }, { status: 'dead', n: 2 }];
      if (sql.includes('min(created_at)')) return [{ seconds: 754.5 }];
      return [{ open_past_due: 4, missed: 1 }];
    },
  } as unknown as DataSource;
}

function answer(metrics: ApiMetrics, req: { method: string; url: string; path?: string; route?: { path: string } }, statusCode: number): void {
  const res = Object.assign(new EventEmitter(), { statusCode });
  metrics.middleware(req, res, () => undefined);
  res.emit('finish');
}

describe("the API's metrics", () => {
  it('count each answered request under its route template and status, and read the outbox and deadline gauges at the scrape', async () => {
    const metrics = new ApiMetrics(database('up'));
    answer(metrics, { method: 'GET', url: '/matters/PSD-1', path: '/matters/PSD-1', route: { path: '/matters/:reference' } }, 404);
    answer(metrics, { method: 'GET', url: '/nowhere/PSD-2', path: '/nowhere/PSD-2' }, 404);
    const text = await metrics.scrape();
    expect(text).toContain('conduct_http_request_duration_seconds_count{method="GET",route="/matters/:reference",status="404"} 1');
    expect(text).toContain('conduct_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toMatch(/PSD-/);
    for (const line of ['conduct_engine_gauges_read 1', 'conduct_outbox_messages{status="pending"} 3', 'conduct_outbox_messages{status="dead"} 2', 'conduct_outbox_dead_letters 2', 'conduct_outbox_oldest_undelivered_seconds 754.5', 'conduct_deadlines{state="open_past_due"} 4', 'conduct_deadlines{state="missed"} 1']) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('leave the gauges out, rather than show them as 0, when PostgreSQL does not answer, and still count the requests', async () => {
    const metrics = new ApiMetrics(database('down'));
    answer(metrics, { method: 'GET', url: '/health', path: '/health', route: { path: '/health' } }, 503);
    const text = await metrics.scrape();
    expect(text.split('\n')).toContain('conduct_engine_gauges_read 0');
    expect(text).toContain('route="/health",status="503"');
    expect(text).not.toMatch(/^conduct_(outbox|deadlines)/m);
  });
});
