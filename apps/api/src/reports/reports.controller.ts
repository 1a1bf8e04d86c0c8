import { Controller, Get, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { financialQuarterOf, londonDateOf } from '@conduct/domain';
import { User, visibleForces } from '../auth/user';
import { CurrentActor, requireRole } from '../common/actor';

/** The part of the HTTP response a report touches. */
interface Response {
  setHeader(name: string, value: string): unknown;
}

class FormatQuery {
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

const READERS = ['oversight', 'appropriate-authority', 'administrator'] as const;

/** What oversight asks for: overdue deadlines, the timeliness report, quarterly figures, time in each stage. JSON or CSV. */
@ApiTags('reports')
@ApiBearerAuth('bearer')
@Controller('reports')
export class ReportsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('overdue-deadlines')
  @ApiOperation({ summary: 'Every deadline missed or past due and not met, oldest first' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async overdue(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, READERS, 'Reports');
    const rows = await this.db.query(
      `SELECT d.matter_reference AS "matterReference", m.force_id AS "forceId", d.subject_id AS "subjectId", d.name AS deadline,
              d.regulation, d.due_date AS "dueDate", d.status, (current_date - d.due_date) AS "daysOverdue"
       FROM deadline d JOIN matter m ON m.reference = d.matter_reference
       WHERE (d.status = 'missed' OR (d.status = 'open' AND d.due_at < now())) AND ${forceFilter(user, 'm', 1)}
       ORDER BY d.due_date, d.matter_reference`,
      forceParams(user),
    );
    return send(res, q.format, rows);
  }

  @Get('timeliness')
  @ApiOperation({ summary: 'Investigations open more than 12 months after the matter reached the appropriate authority (CR reg 19 / CMR reg 13)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async timeliness(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, READERS, 'Reports');
    const rows = await this.db.query(
      `SELECT s.matter_reference AS "matterReference", m.force_id AS "forceId", s.subject_id AS "subjectId", m.received_on AS "receivedOn",
              s.stage, (extract(year FROM age(current_date, m.received_on)) * 12 + extract(month FROM age(current_date, m.received_on)))::int AS "monthsOpen"
       FROM subject s JOIN matter m ON m.reference = s.matter_reference
       WHERE s.stage IN ('severity-assessment', 'investigation') AND m.received_on <= current_date - interval '12 months' AND ${forceFilter(user, 'm', 1)}
       ORDER BY m.received_on`,
      forceParams(user),
    );
    return send(res, q.format, rows);
  }

  @Get('quarterly')
  @ApiOperation({ summary: 'Matters referred, by stage now, and outcomes decided, per quarter of the financial year (1 April to 31 March)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async quarterly(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, READERS, 'Reports');
    const referred: { received_on: string; kind: string; stage: string }[] = await this.db.query(
      `SELECT m.received_on, m.kind, m.stage FROM matter m WHERE ${forceFilter(user, 'm', 1)}`,
      forceParams(user),
    );
    const outcomes: { occurred_at: Date; outcome: string }[] = await this.db.query(
      `SELECT a.occurred_at, a.details->>'outcome' AS outcome FROM audit_entry a JOIN matter m ON m.reference = a.matter_reference
       WHERE a.action = 'decision:outcome' AND ${forceFilter(user, 'm', 1)}`,
      forceParams(user),
    );
    const rows = new Map<string, { financialYear: string; quarter: number; measure: string; value: string; count: number }>();
    const add = (date: string, measure: string, value: string) => {
      const fq = financialQuarterOf(date);
      const key = `${fq.financialYear}|${fq.quarter}|${measure}|${value}`;
      const row = rows.get(key) ?? { ...fq, measure, value, count: 0 };
      row.count += 1;
      rows.set(key, row);
    };
    for (const m of referred) {
      add(m.received_on, 'referred-by-kind', m.kind);
      add(m.received_on, 'referred-by-stage-now', m.stage);
    }
    for (const o of outcomes) add(londonDateOf(o.occurred_at.getTime()), 'outcome', o.outcome);
    const sorted = [...rows.values()].sort((a, b) => `${a.financialYear}${a.quarter}${a.measure}${a.value}`.localeCompare(`${b.financialYear}${b.quarter}${b.measure}${b.value}`));
    return send(res, q.format, sorted);
  }

  @Get('time-in-stage')
  @ApiOperation({ summary: "Days subjects spent in each stage (completed stays, and open ones to today)" })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async timeInStage(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, READERS, 'Reports');
    const rows = await this.db.query(
      `WITH stays AS (
         SELECT t.to_stage AS stage, t.at AS entered,
                lead(t.at) OVER (PARTITION BY t.matter_reference, t.subject_id ORDER BY t.revision) AS left_at
         FROM stage_transition t JOIN matter m ON m.reference = t.matter_reference
         WHERE ${forceFilter(user, 'm', 1)})
       SELECT stage, count(*)::int AS stays, count(left_at)::int AS completed,
              round(avg(extract(epoch FROM (coalesce(left_at, now()) - entered)) / 86400)::numeric, 1)::float AS "meanDays",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (coalesce(left_at, now()) - entered)) / 86400))::numeric, 1)::float AS "medianDays"
       FROM stays WHERE stage <> 'closed' GROUP BY stage ORDER BY stage`,
      forceParams(user),
    );
    return send(res, q.format, rows);
  }
}

function forceFilter(user: User, alias: string, param: number): string {
  return visibleForces(user) ? `${alias}.force_id = ANY($${param})` : `$${param}::text[] IS NULL`;
}

function forceParams(user: User): unknown[] {
  return [visibleForces(user)];
}

function send(res: Response, format: 'json' | 'csv' | undefined, rows: Record<string, unknown>[]) {
  if (format !== 'csv') return rows;
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const cell = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

