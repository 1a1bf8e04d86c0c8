import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import type { User } from '../auth/user';
import { CurrentActor } from '../common/actor';
import { ReferMatterDto } from '../matters/matters.dto';
import { ConfidentialAnswerDto, ConfidentialAssessmentDto, ConfidentialQuestionDto, ConfidentialReportDto } from './confidential-reports.dto';
import { ConfidentialReportsService } from './confidential-reports.service';
import { requestIdOf } from '../common/request-log.middleware';

/** The reporter's secret travels in a header, never in the path or the query (which logs and proxies keep). */
export const REPORT_SECRET_HEADER = 'x-report-secret';
const SECRET_HEADER_DOC = { name: 'X-Report-Secret', required: true, description: 'The secret given with the reference when the report was made' };


/**
 * Confidential and anonymous reporting. The reporter's three routes need no account: no token, no cookie is read or
 * set, and nothing of the request (address, browser) is stored; they are counted by the token-less rate limit, per
 * address, in memory (apps/api/src/common/rate-limit.ts). The department's routes need a bearer token.
 */
@ApiTags('confidential reports')
@Controller('confidential-reports')
export class ConfidentialReportsController {
  constructor(private readonly reports: ConfidentialReportsService) {}

  @Post()
  @Public()
  @ApiOperation({ summary: 'Report wrongdoing by a colleague, without an account: answered with a reference and a secret, shown once, with which the reporter reads and answers the department\'s questions' })
  @ApiCreatedResponse({ description: '{ reference, secret, receivedOn }: keep both; the secret cannot be shown again' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests without a token from this address' })
  report(@Body() dto: ConfidentialReportDto) {
    return this.reports.report(dto);
  }

  @Get()
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: "The department's list of its force's confidential reports, newest first, a page at a time: a `Link` header (rel=\"next\") gives the next page while there is one" })
  @ApiQuery({ name: 'after', required: false, type: String, description: 'The cursor of the next page, from the previous page\'s Link header' })
  @ApiForbiddenResponse({ description: 'Not a role that works confidential reports' })
  async list(@CurrentActor() user: User, @Query('after') after: unknown, @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown }) {
    const page = await this.reports.list(user, typeof after === 'string' ? after : undefined);
    if (page.next) res.setHeader('Link', `</confidential-reports?after=${page.next}>; rel="next"`);
    return page.reports;
  }

  @Get(':reference')
  @Public()
  @ApiHeader(SECRET_HEADER_DOC)
  @ApiOperation({ summary: "The reporter's view, with the reference and the secret: what they reported and the department's questions with their answers" })
  @ApiNotFoundResponse({ description: 'No report has this reference and secret (rule confidential-report-secret): a wrong secret and an unknown reference are answered alike' })
  read(@Param('reference') reference: string, @Headers(REPORT_SECRET_HEADER) secret: string | undefined) {
    return this.reports.readAsReporter(reference, secret);
  }

  @Post(':reference/answers')
  @Public()
  @HttpCode(200)
  @ApiHeader(SECRET_HEADER_DOC)
  @ApiOperation({ summary: "The reporter answers one of the department's questions, with the reference and the secret; each question is answered once" })
  @ApiNotFoundResponse({ description: 'No report has this reference and secret, or no such question on it' })
  @ApiConflictResponse({ description: 'The question is already answered (rule confidential-question-answered-once)' })
  answer(@Param('reference') reference: string, @Headers(REPORT_SECRET_HEADER) secret: string | undefined, @Body() dto: ConfidentialAnswerDto) {
    return this.reports.answer(reference, secret, dto);
  }

  @Get(':reference/record')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: "The department's view of a report: the account, its assessment, questions and answers, the matter it became, and its trail (never who the reporter is)" })
  @ApiForbiddenResponse({ description: 'Not a role that works confidential reports' })
  @ApiNotFoundResponse({ description: "No such report, or another force's: the same answer" })
  record(@Param('reference') reference: string, @CurrentActor() user: User) {
    return this.reports.record(reference, user);
  }

  @Post(':reference/assessment')
  @ApiBearerAuth('bearer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assess a report, with the rationale: whether it indicates a conduct matter (PRA 2002 s.12(2))' })
  @ApiConflictResponse({ description: 'The report is already a conduct matter (rule confidential-report-one-matter)' })
  assess(@Param('reference') reference: string, @Body() dto: ConfidentialAssessmentDto, @CurrentActor() user: User) {
    return this.reports.assess(reference, dto, user);
  }

  @Post(':reference/questions')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Ask the reporter a question; they read it with their reference and secret' })
  ask(@Param('reference') reference: string, @Body() dto: ConfidentialQuestionDto, @CurrentActor() user: User) {
    return this.reports.ask(reference, dto, user);
  }

  @Get(':reference/identity')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Who the reporter said they are: administrators alone; every read is written to the report\'s trail' })
  @ApiForbiddenResponse({ description: 'Not an administrator' })
  @ApiNotFoundResponse({ description: 'No such report, or the reporter did not say who they are' })
  identity(@Param('reference') reference: string, @CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    return this.reports.identity(reference, user, requestIdOf(req));
  }

  @Post(':reference/conduct-matter')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Turn an assessed report into a conduct matter: a referral as POST /matters takes it, of kind conduct-matter or recordable-conduct-matter, in the report\'s force; the report and the matter name each other' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key is answered with the matter it created' })
  @ApiConflictResponse({ description: 'Not assessed as indicating a conduct matter, already a matter, or not a conduct kind (each rule named)' })
  referConductMatter(@Param('reference') reference: string, @Body() dto: ReferMatterDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    return this.reports.referConductMatter(reference, dto, user, key);
  }
}
