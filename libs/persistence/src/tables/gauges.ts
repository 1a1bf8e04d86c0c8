import { Sql, rows } from './sql';

/**
 * What an operator watches the engine's own queues by, read at each metrics scrape: counts and one age, never a
 * matter's reference, a name or a force. Each query is answered from an index (`outbox_message_status_idx` on
 * (status, not_before), `deadline_status_due_idx` on (status, due_at)), so a scrape stays cheap as the tables grow.
 */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/**
 * The outbox's depth: what is still to deliver, and what a person must look at. Delivered messages are not counted:
 * their number only grows, and counting them made the scrape grow with it (105 ms of a 123 ms scrape at 480,000).
 */
export const OUTBOX_DEPTH_STATUSES = ['pending', 'dead'] as const satisfies readonly OutboxStatus[];
export type OutboxDepthStatus = (typeof OUTBOX_DEPTH_STATUSES)[number];

export interface EngineGauges {
  /** Messages not delivered, by state ('dead': dead letters, kept for a person to look at). */
  outbox: Record<OutboxDepthStatus, number>;
  /** Seconds since the oldest message still pending was queued; 0 when none is. */
  oldestUndeliveredSeconds: number;
  deadlines: {
    /** Open and past their due time: the workflow will mark them missed at its next timer. */
    openPastDue: number;
    /** Marked missed and not yet done late (a step done late settles a missed deadline). */
    missed: number;
  };
}

/** The scrape's three queries, each answerable from an index (the integration test checks the plans). */
export const GAUGE_QUERIES = {
  outboxByStatus: `SELECT status, count(*)::int AS n FROM outbox_message WHERE status IN ('pending', 'dead') GROUP BY status`,
  oldestUndelivered: `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS seconds FROM outbox_message WHERE status = 'pending'`,
  deadlines: `SELECT count(*) FILTER (WHERE status = 'open')::int AS open_past_due,
                     count(*) FILTER (WHERE status = 'missed' AND settled_at IS NULL)::int AS missed
              FROM deadline WHERE status = 'missed' OR (status = 'open' AND due_at < now())`,
} as const;

export async function engineGauges(sql: Sql): Promise<EngineGauges> {
  const [byStatus, oldest, deadlines] = await Promise.all([sql.query(GAUGE_QUERIES.outboxByStatus), sql.query(GAUGE_QUERIES.oldestUndelivered), sql.query(GAUGE_QUERIES.deadlines)]);
  const outbox = Object.fromEntries(OUTBOX_DEPTH_STATUSES.map((s) => [s, 0])) as Record<OutboxDepthStatus, number>;
  for (const r of rows<{ status: OutboxDepthStatus; n: number }>(byStatus)) if (r.status in outbox) outbox[r.status] = r.n;
  const d = rows<{ open_past_due: number; missed: number }>(deadlines)[0];
  return {
    outbox,
    oldestUndeliveredSeconds: Math.max(0, Number(rows<{ seconds: number }>(oldest)[0]?.seconds ?? 0)),
    deadlines: { openPastDue: d?.open_past_due ?? 0, missed: d?.missed ?? 0 },
  };
}
