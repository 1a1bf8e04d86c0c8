import { BadRequestException, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { outcomesDecided, overdueDeadlinesReport, referredMatters, timeInStageReport, timelinessReport } from '@conduct/persistence';
import { IsCivilDate } from '../common/validators';
import { User, visibleForces } from '../auth/user';
import { CurrentActor, requireRole } from '../common/actor';
import { quarterlyRows, REPORT_READERS, toCsv } from './report-data';
import { ReturnsService, type ReturnName } from './returns.service';
import { requestIdOf } from '../common/request-log.middleware';

/** The part of the HTTP response a report touches. */
interface Response {
  setHeader(name: string, value: string): unknown;
}

/** A return's period, both days included. */
class PeriodQuery {
  @IsCivilDate() from!: string;
  @IsCivilDate() to!: string;
}

class FormatQuery {
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}


/** What oversight asks for: overdue deadlines, the timeliness report, quarterly figures, time in each stage. JSON or CSV. */
@ApiTags('reports')
@ApiBearerAuth('bearer')
@Controller('reports')
export class ReportsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly returns: ReturnsService,
  ) {}

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

  @Get('returns/home-office-misconduct')
  @ApiOperation({ summary: "The Home Office's annual case-level police misconduct return, as CSV: one row per subject whose outcome was decided from `from` to `to` (columns: docs/returns.md)" })
  @ApiQuery({ name: 'from', example: '2025-04-01' })
  @ApiQuery({ name: 'to', example: '2026-03-31' })
  async misconductReturn(@Query() q: PeriodQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    return this.sendReturn('home-office-misconduct', q, user, res, requestIdOf(req));
  }

  @Get('returns/iopc-complaints')
  @ApiOperation({ summary: "The IOPC's complaints data, as CSV: one row per allegation and subject on the complaints received from `from` to `to`, by category, with the finding and the working days it took (columns: docs/returns.md)" })
  @ApiQuery({ name: 'from', example: '2025-04-01' })
  @ApiQuery({ name: 'to', example: '2026-03-31' })
  async complaintsReturn(@Query() q: PeriodQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    return this.sendReturn('iopc-complaints', q, user, res, null);
  }

  @Get('returns/iopc-complaints/by-category')
  @ApiOperation({ summary: "The IOPC's complaints data summed by category, as CSV: allegations on the complaints received from `from` to `to`, those finalised, and the mean working days to finalise (columns: docs/returns.md)" })
  @ApiQuery({ name: 'from', example: '2025-04-01' })
  @ApiQuery({ name: 'to', example: '2026-03-31' })
  async complaintsByCategory(@Query() q: PeriodQuery, @CurrentActor() user: User, @Res({ passthrough: true }) res: Response) {
    return this.sendReturn('iopc-complaints-by-category', q, user, res, null);
  }

  private async sendReturn(name: ReturnName, q: PeriodQuery, user: User, res: Response, requestId: string | null): Promise<string> {
    requireRole(user, REPORT_READERS, 'Reports');
    checkPeriod(q);
    const csv = await this.returns.csv(name, user, q.from, q.to, requestId);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    return csv;
  }
}

function checkPeriod(q: PeriodQuery): void {
  if (q.to < q.from) throw new BadRequestException({ message: `to (${q.to}) must not be before from (${q.from})`, field: 'to' });
}

function send(res: Response, format: 'json' | 'csv' | undefined, rows: object[]) {
  if (format !== 'csv') return rows;
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  return toCsv(rows);
}

