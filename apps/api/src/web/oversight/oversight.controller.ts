import { Controller, Get, NotFoundException, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { londonDateOf, readsPersonRecords } from '@conduct/domain';
import { outcomesDecided, overdueDeadlinesReport, referredMatters, timeInStageReport, timelinessReport } from '@conduct/persistence';
import { Public } from '../../auth/auth.guard';
import { mayAccessForce, visibleForces } from '../../auth/user';
import { requireRole } from '../../common/actor';
import { quarterlyRows, REPORT_READERS, toCsv } from '../../reports/report-data';
import { RETURN_NAMES, RETURNS, ReturnsService, type ReturnName } from '../../reports/returns.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession, WebUser } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { barChartSvg } from './charts';
import {
  filterQueryString,
  isOversightReport,
  OVERSIGHT_REPORTS,
  overdueView,
  quarterKey,
  quarterlyView,
  quartersOf,
  reportFilterOf,
  timeInStageView,
  timelinessView,
  type OversightReport,
  type ReportFilter,
  type ReportQuery,
  type ReportView,
} from './reports.view';
import { answersOfPeriod, dateItems, lastFinancialYear, periodOf, type PeriodAnswers } from './returns.view';

/**
 * Oversight's reports as pages, read-only: the same queries as the API's /reports, narrowed to the forces the reader
 * may see (and to one of them, or one quarter, by the filters), each as charts with a table of their numbers, and CSV.
 */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('oversight')
export class OversightController {
  constructor(
    private readonly pages: Pages,
    @InjectDataSource() private readonly db: DataSource,
    private readonly returns: ReturnsService,
  ) {}

  @Get()
  async index(@Query() q: ReportQuery, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireRole(user, REPORT_READERS, 'Reports');
    const { filter, errors } = this.filterFor(q, user);
    const failed = Object.keys(errors).length > 0;
    const forces = failed ? [] : this.forcesFor(user, filter);
    const [overdue, timeliness] = await Promise.all([overdueDeadlinesReport(this.db, forces), timelinessReport(this.db, forces)]);
    const query = filterQueryString(filter);
    const reports = Object.entries(OVERSIGHT_REPORTS).map(([name, r]) => ({ ...r, href: `/oversight/${name}${query}`, csv: `/oversight/${name}.csv${query}` }));
    sendPage(
      res,
      this.pages.render('oversight/index.njk', {
        ...this.frame(session),
        title: 'Reports',
        q,
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
        fieldErrors: errors,
        seesOtherForces: seesOtherForces(user),
        reports,
        counts: { overdue: overdue.length, timeliness: timeliness.length },
      }),
      failed ? 400 : 200,
    );
  }

  /** The returns: a period (the last whole financial year unless one is chosen), and each return to download for it. */
  @Get('returns')
  returnsPage(@CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireRole(user, REPORT_READERS, 'Reports');
    this.sendReturnsPage(res, session, answersOfPeriod(lastFinancialYear(londonDateOf(Date.now()))), {}, 200);
  }

  /** One return for the period typed, as a CSV download (a problem with the period shows the page again, named). */
  @Get('returns/download')
  async downloadReturn(@Query() q: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireRole(user, REPORT_READERS, 'Reports');
    const name = q.return;
    if (typeof name !== 'string' || !(RETURN_NAMES as readonly string[]).includes(name)) throw new NotFoundException(`no return named ${String(name)}`);
    const { answers, period, errors } = periodOf(q);
    if (!period) return this.sendReturnsPage(res, session, answers, errors, 400);
    const csv = await this.returns.csv(name as ReturnName, user, period.from, period.to, null);
    res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}-${period.from}-to-${period.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(csv);
  }

  @Get(':report')
  async report(@Param('report') name: string, @Query() q: ReportQuery, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireRole(user, REPORT_READERS, 'Reports');
    const csv = name.endsWith('.csv');
    const report = csv ? name.slice(0, -'.csv'.length) : name;
    if (!isOversightReport(report)) throw new NotFoundException();
    const { filter, errors } = this.filterFor(q, user);
    const failed = Object.keys(errors).length > 0;
    if (csv && failed) {
      res.status(400).setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.send(`${Object.values(errors).join('\n')}\n`);
      return;
    }
    const { view, quarters } = failed ? { view: { charts: [], tables: [], csvRows: [] }, quarters: [] } : await this.build(report, this.forcesFor(user, filter), filter);
    if (csv) {
      res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${report}-${londonDateOf(Date.now())}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(toCsv(view.csvRows));
      return;
    }
    sendPage(
      res,
      this.pages.render('oversight/report.njk', {
        ...this.frame(session),
        title: OVERSIGHT_REPORTS[report].title,
        summary: OVERSIGHT_REPORTS[report].summary,
        report,
        q,
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
        fieldErrors: errors,
        seesOtherForces: seesOtherForces(user),
        charts: view.charts.map((c) => ({ title: c.title, svg: barChartSvg(c) })),
        tables: view.tables,
        csvHref: `/oversight/${report}.csv${filterQueryString(filter)}`,
        quarterItems:
          report === 'quarterly'
            ? [{ value: '', text: 'Every quarter' }, ...quarters.map((k) => ({ value: quarterKey(k), text: `${k.financialYear} Q${k.quarter}`, selected: q.quarter === quarterKey(k) }))]
            : null,
      }),
      failed ? 400 : 200,
    );
  }

  private async build(report: OversightReport, forces: string[] | null, filter: ReportFilter): Promise<{ view: ReportView; quarters: ReturnType<typeof quartersOf> }> {
    switch (report) {
      case 'overdue-deadlines':
        return { view: overdueView(await overdueDeadlinesReport(this.db, forces)), quarters: [] };
      case 'timeliness':
        return { view: timelinessView(await timelinessReport(this.db, forces)), quarters: [] };
      case 'time-in-stage':
        return { view: timeInStageView(await timeInStageReport(this.db, forces)), quarters: [] };
      case 'quarterly': {
        const [referred, outcomes] = await Promise.all([referredMatters(this.db, forces), outcomesDecided(this.db, forces)]);
        const rows = quarterlyRows(referred, outcomes);
        return { view: quarterlyView(rows, filter.quarter), quarters: quartersOf(rows) };
      }
    }
  }

  /** The filters checked, and a force the reader may not see refused by name. */
  private filterFor(q: ReportQuery, user: WebUser): { filter: ReportFilter; errors: Record<string, string> } {
    const checked = reportFilterOf(q);
    if (checked.filter.forceId && !mayAccessForce(user, checked.filter.forceId)) checked.errors.forceId = `Force: you may not see the reports of ${checked.filter.forceId}`;
    return checked;
  }

  /** One force chosen, or every force the reader may see (null: all). */
  private forcesFor(user: WebUser, filter: ReportFilter): string[] | null {
    return filter.forceId ? [filter.forceId] : visibleForces(user);
  }

  private sendReturnsPage(res: Response, session: WebSession, answers: PeriodAnswers, errors: Record<string, string>, status: number): void {
    const user = session.user!;
    sendPage(
      res,
      this.pages.render('oversight/returns.njk', {
        ...this.frame(session),
        title: 'Returns',
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}-day` })),
        fieldErrors: errors,
        fromItems: dateItems(answers.from, Boolean(errors.from)),
        toItems: dateItems(answers.to, Boolean(errors.to)),
        returns: RETURN_NAMES.map((name) => ({ name, ...RETURNS[name] })),
        seesOtherForces: seesOtherForces(user),
        characteristicsWithheld: !readsPersonRecords(user.role),
      }),
      status,
    );
  }

  private frame(session: WebSession) {
    return { section: 'oversight' as const, user: session.user!, csrfToken: session.csrfToken };
  }
}

function seesOtherForces(user: WebUser): boolean {
  const forces = visibleForces(user);
  return forces === null || forces.length > 1;
}
