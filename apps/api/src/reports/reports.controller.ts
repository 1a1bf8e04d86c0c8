import { Controller, Get, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { outcomesDecided, overdueDeadlinesReport, referredMatters, timeInStageReport, timelinessReport } from '@conduct/persistence';
import { User, visibleForces } from '../auth/user';
import { CurrentActor, requireRole } from '../common/actor';
import { quarterlyRows, REPORT_READERS, toCsv } from './report-data';

/** The part of the HTTP response a report touches. */
interface Response {
  setHeader(name: string, value: string): unknown;
}

class FormatQuery {
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}


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
    requireRole(user, REPORT_READERS, 'Reports');
    const rows = await overdueDeadlinesReport(this.db, visibleForces(user));
    return send(res, q.format, rows);
  }

  @Get('timeliness')
  @ApiOperation({ summary: 'Investigations open more than 12 months after the matter reached the appropriate authority (CR reg 19 / CMR reg 13)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async timeliness(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, REPORT_READERS, 'Reports');
    const rows = await timelinessReport(this.db, visibleForces(user));
    return send(res, q.format, rows);
  }

  @Get('quarterly')
  @ApiOperation({ summary: 'Matters referred, by stage now, and outcomes decided, per quarter of the financial year (1 April to 31 March)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async quarterly(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, REPORT_READERS, 'Reports');
    const referred = await referredMatters(this.db, visibleForces(user));
    const outcomes = await outcomesDecided(this.db, visibleForces(user));
    return send(res, q.format, quarterlyRows(referred, outcomes));
  }

  @Get('time-in-stage')
  @ApiOperation({ summary: "Days subjects spent in each stage (completed stays, and open ones to today)" })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async timeInStage(@Query() q: FormatQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    requireRole(user, REPORT_READERS, 'Reports');
    const rows = await timeInStageReport(this.db, visibleForces(user));
    return send(res, q.format, rows);
  }
}

function send(res: Response, format: 'json' | 'csv' | undefined, rows: object[]) {
  if (format !== 'csv') return rows;
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  return toCsv(rows);
}

