import { Controller, Get, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { outcomesDecided, overdueDeadlinesReport, referredMatters, timeInStageReport, timelinessReport } from '@conduct/persistence';
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
    const rows = await overdueDeadlinesReport(this.db, visibleForces(user));
    return send(res, q.format, rows);
  }

  @Get('timeliness')
  @ApiOperation({ summary: 'Investigations open more than 12 months after the matter reached the appropriate authority (CR reg 19 / CMR reg 13)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async timeliness(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, READERS, 'Reports');
    const rows = await timelinessReport(this.db, visibleForces(user));
    return send(res, q.format, rows);
  }

  @Get('quarterly')
  @ApiOperation({ summary: 'Matters referred, by stage now, and outcomes decided, per quarter of the financial year (1 April to 31 March)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async quarterly(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, READERS, 'Reports');
    const referred = await referredMatters(this.db, visibleForces(user));
    const outcomes = await outcomesDecided(this.db, visibleForces(user));
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
    const rows = await timeInStageReport(this.db, visibleForces(user));
    return send(res, q.format, rows);
  }
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

