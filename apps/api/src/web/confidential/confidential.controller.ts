import { Body, Controller, Get, HttpException, Post, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/auth.guard';
import { ConfidentialReportsService, NoSuchConfidentialReport } from '../../confidential-reports/confidential-reports.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { WebErrorFilter } from '../web-errors.filter';
import { errorList, readAnswerForm, readReportForm, readReturnForm, type FieldErrors } from './confidential-forms';

type Form = Record<string, unknown> | undefined;

/**
 * The reporter's pages: no sign-in, no cookie read or set, nothing of the browser kept. The reference and the secret
 * travel in the forms' bodies, never in a web address (which histories and logs keep), and the pages are never cached.
 * There is no CSRF token (there is no session to ride on): a forged form could only send a report, not read one.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller('confidential-reporting')
export class ConfidentialReportingPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly reports: ConfidentialReportsService,
  ) {}

  @Get()
  start(@Res() res: Response) {
    this.reportForm(res, { forceId: '', account: '', about: '', identity: '' }, {});
  }

  @Post()
  async report(@Body() body: Form, @Res() res: Response) {
    const { values, errors } = readReportForm(body);
    if (Object.keys(errors).length) return this.reportForm(res, values, errors, 400);
    const made = await this.reports.report({ forceId: values.forceId, account: values.account, about: values.about || undefined, identity: values.identity || undefined });
    sendPage(res, this.pages.render('confidential/made.njk', { title: 'Your report has been sent', ...made, identityGiven: values.identity !== '' }), 201);
  }

  @Get('return')
  comeBack(@Res() res: Response) {
    this.returnForm(res, { reference: '', secret: '' }, {});
  }

  @Post('return')
  async open(@Body() body: Form, @Res() res: Response) {
    const { values, errors } = readReturnForm(body);
    if (Object.keys(errors).length) return this.returnForm(res, values, errors, 400);
    try {
      this.reportPage(res, await this.reports.readAsReporter(values.reference, values.secret), values.secret);
    } catch (err) {
      if (err instanceof NoSuchConfidentialReport) return this.returnForm(res, values, { secret: 'No report has this reference and secret. Check both are as you were given them' }, 404);
      throw err;
    }
  }

  @Post('answer')
  async answer(@Body() body: Form, @Res() res: Response) {
    const { values } = readReturnForm(body);
    const a = readAnswerForm(body);
    try {
      if (a.error) return this.reportPage(res, await this.reports.readAsReporter(values.reference, values.secret), values.secret, { questionId: a.questionId, message: a.error }, 400);
      const view = await this.reports.answer(values.reference, values.secret, { questionId: a.questionId, answer: a.answer });
      this.reportPage(res, view, values.secret, undefined, 200, 'Your answer has been sent');
    } catch (err) {
      if (err instanceof NoSuchConfidentialReport) return this.returnForm(res, values, { secret: 'No report has this reference and secret. Check both are as you were given them' }, 404);
      if (err instanceof HttpException && err.getStatus() === 409) {
        const message = 'This question is already answered. The department may ask you another';
        return this.reportPage(res, await this.reports.readAsReporter(values.reference, values.secret), values.secret, { questionId: a.questionId, message }, 409);
      }
      throw err;
    }
  }

  private reportForm(res: Response, values: object, errors: FieldErrors, status = 200) {
    sendPage(res, this.pages.render('confidential/report.njk', { title: 'Report wrongdoing by a colleague in confidence', values, fieldErrors: errors, errors: errorList(errors) }), status);
  }

  private returnForm(res: Response, values: Record<string, string>, errors: FieldErrors, status = 200) {
    sendPage(res, this.pages.render('confidential/return.njk', { title: 'Read and answer questions about your report', values, fieldErrors: errors, errors: errorList(errors) }), status);
  }

  private reportPage(
    res: Response,
    view: Awaited<ReturnType<ConfidentialReportsService['readAsReporter']>>,
    secret: string,
    error?: { questionId: string; message: string },
    status = 200,
    sent?: string,
  ) {
    const errors = error ? [{ text: error.message, href: `#answer-${error.questionId}` }] : [];
    sendPage(res, this.pages.render('confidential/view.njk', { title: `Your report ${view.reference}`, report: view, secret, error, errors, sent }), status);
  }
}
