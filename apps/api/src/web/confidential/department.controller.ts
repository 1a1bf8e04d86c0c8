import { Body, Controller, Get, HttpException, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Public } from '../../auth/auth.guard';
import { ConfidentialAssessmentDto, ConfidentialQuestionDto } from '../../confidential-reports/confidential-reports.dto';
import { ConfidentialReportsService } from '../../confidential-reports/confidential-reports.service';
import { ReferMatterDto } from '../../matters/matters.dto';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { conductMatterReferral, referralFieldErrors, reportRows, recordPage } from './department.view';

/** The field errors of a form, from the API's own DTO, so the page refuses exactly what the API refuses. */
async function fieldErrors<T extends object>(dto: new () => T, body: Record<string, unknown>): Promise<Record<string, string>> {
  const errors = await validate(plainToInstance(dto, body), { whitelist: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})[0] ?? `${e.property} is not valid`]));
}

/** The professional standards department's pages for confidential reports: the same service and checks as the API. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('psd/confidential-reports')
export class ConfidentialReportsDeskController {
  constructor(
    private readonly pages: Pages,
    private readonly reports: ConfidentialReportsService,
  ) {}

  @Get()
  async list(@Query('after') after: unknown, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    const page = await this.reports.list(user, typeof after === 'string' ? after : undefined);
    sendPage(
      res,
      this.pages.render('confidential/desk-list.njk', {
        title: 'Confidential reports', section: 'confidential', user, csrfToken: session.csrfToken, rows: reportRows(page.reports),
        next: page.next ? `/psd/confidential-reports?after=${page.next}` : null,
        firstPage: typeof after === 'string' && after !== '' ? '/psd/confidential-reports' : null,
      }),
    );
  }

  @Get(':reference')
  async record(@Param('reference') reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    await this.show(reference, session, res);
  }

  @Post(':reference/assessment')
  async assess(@Param('reference') reference: string, @Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const form = { assessment: body.assessment, rationale: typeof body.rationale === 'string' ? body.rationale.trim() : body.rationale };
    const errors = await fieldErrors(ConfidentialAssessmentDto, form);
    if (Object.keys(errors).length) return this.show(reference, session, res, { errors, values: form }, 400);
    await this.reports.assess(reference, form as ConfidentialAssessmentDto, session.user!);
    res.redirect(303, `/psd/confidential-reports/${encodeURIComponent(reference)}`);
  }

  @Post(':reference/questions')
  async ask(@Param('reference') reference: string, @Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const form = { question: typeof body.question === 'string' ? body.question.trim() : body.question };
    const errors = await fieldErrors(ConfidentialQuestionDto, form);
    if (Object.keys(errors).length) return this.show(reference, session, res, { errors, values: form }, 400);
    await this.reports.ask(reference, form as ConfidentialQuestionDto, session.user!);
    res.redirect(303, `/psd/confidential-reports/${encodeURIComponent(reference)}`);
  }

  /**
   * The report becomes a conduct matter: one subject here (a referral with more is made through the API), received on
   * the day the report came, through the same service as the API's, then to the matter's page.
   */
  @Post(':reference/conduct-matter')
  async referConductMatter(@Param('reference') reference: string, @Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    const record = await this.reports.record(reference, user);
    const referral = conductMatterReferral(body, record);
    const errors = referralFieldErrors(await validate(plainToInstance(ReferMatterDto, referral), { whitelist: true }));
    if (Object.keys(errors).length) return this.show(reference, session, res, { errors, values: body }, 400);
    try {
      await this.reports.referConductMatter(reference, plainToInstance(ReferMatterDto, referral), user);
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() >= 500 || err.getStatus() === 403) throw err;
      const r = err.getResponse() as { message?: unknown; field?: unknown; rule?: unknown; regulation?: unknown };
      const text = `${Array.isArray(r.message) ? r.message.join('; ') : String(r.message)}${r.regulation ? ` (${String(r.regulation)})` : ''}`;
      return this.show(reference, session, res, { errors: { [typeof r.field === 'string' && !r.field.startsWith('subjects') ? r.field : 'matterReference']: text }, values: body }, err.getStatus());
    }
    res.redirect(303, `/matter/${encodeURIComponent(referral.reference as string)}`);
  }

  /** A form, not a link: reading the identity is an act, recorded in the report's trail, and never a page a browser may prefetch. */
  @Post(':reference/identity')
  async identity(@Param('reference') reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const { identity } = await this.reports.identity(reference, session.user!, null);
    await this.show(reference, session, res, undefined, 200, identity);
  }

  private async show(reference: string, session: WebSession, res: Response, form?: { errors: Record<string, string>; values: Record<string, unknown> }, status = 200, identity?: string) {
    const user = session.user!;
    const record = await this.reports.record(reference, user);
    const errors = form ? Object.entries(form.errors).map(([field, text]) => ({ text, href: `#${field}` })) : [];
    sendPage(res, this.pages.render('confidential/desk-record.njk', {
      title: `Confidential report ${record.reference}`, section: 'confidential', user, csrfToken: session.csrfToken,
      reference: record.reference, ...recordPage(record, user.role), errors, fieldErrors: form?.errors ?? {}, values: form?.values ?? {}, identity,
    }), status);
  }
}
