import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpException, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { COMMAND_GRANTS, type Role } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { Public } from '../../auth/auth.guard';
import { requireGrant } from '../../common/actor';
import { IdentifierPipe } from '../../common/pipes';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { CurrentSession, RedirectTo, SignedInGuard } from '../session/signed-in.guard';
import { WebSessions, type WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { errorList } from '../refer/referral';
import { blankResponse, checkResponse, recommendationPage, responseAnswersFromForm, responseDtoOf, responseToCheck, type ResponseInProgress } from './response';

/** A recommendation's page, and its response as question → check your answers → confirmation, sent by RecommendationsService.respond. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('recommendation')
export class RecommendationPagesController {
  private readonly calendar = englandAndWalesCalendar();

  constructor(
    private readonly pages: Pages,
    private readonly sessions: WebSessions,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get(':reference')
  async show(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const view = await this.recommendations.get(reference, session.user!);
    const page = recommendationPage(view, new Date(), this.calendar);
    // The response is offered to the roles the grants table lets respond, while the engine awaits it.
    const mayRespond = page.awaitingResponse && (COMMAND_GRANTS['recommendation-response'].roles as readonly Role[]).includes(session.user!.role);
    sendPage(res, this.pages.render('recommendation/show.njk', { ...this.frame(session), title: `Recommendation ${view.reference}`, page, reference: view.reference, respondHref: mayRespond ? this.base(view.reference) : null }));
  }

  @Get(':reference/response')
  async question(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const inProgress = await this.inProgress(session, reference, true);
    this.showQuestion(res, session, reference, inProgress, {}, 200);
  }

  @Post(':reference/response')
  async answer(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const inProgress = await this.inProgress(session, reference, true);
    inProgress.answers = responseAnswersFromForm(body);
    await this.sessions.saveData(session);
    const errors = checkResponse(inProgress.answers);
    if (Object.keys(errors).length) return this.showQuestion(res, session, reference, inProgress, errors, 400);
    res.redirect(303, `${this.base(reference)}/check`);
  }

  @Get(':reference/response/check')
  async check(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const inProgress = await this.inProgress(session, reference, false);
    if (Object.keys(checkResponse(inProgress.answers)).length) throw new RedirectTo(this.base(reference));
    this.showCheck(res, session, reference, inProgress, [], 200);
  }

  @Post(':reference/response/check')
  async respond(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireGrant(user, COMMAND_GRANTS['recommendation-response']);
    const inProgress = this.stored(session, reference);
    if (inProgress?.recorded) throw new RedirectTo(`${this.base(reference)}/confirmation`);
    if (!inProgress || Object.keys(checkResponse(inProgress.answers)).length) throw new RedirectTo(this.base(reference));
    try {
      await this.recommendations.respond(reference, responseDtoOf(inProgress.answers) as { accepted: boolean; summary: string; occurredAt: string }, user, inProgress.idempotencyKey);
    } catch (err) {
      // A refusal (409 naming the rule: already answered, published) or a force not one's own (403) is shown here.
      if (!(err instanceof HttpException) || ![403, 409].includes(err.getStatus())) throw err;
      const b = err.getResponse() as Record<string, unknown>;
      const rule = typeof b.rule === 'string' ? ` (rule ${b.rule}${typeof b.regulation === 'string' ? `, ${b.regulation}` : ''})` : '';
      return this.showCheck(res, session, reference, inProgress, [{ text: `${String(b.message ?? 'The response was refused')}${rule}`, href: '#main-content' }], err.getStatus());
    }
    inProgress.recorded = true;
    await this.sessions.saveData(session);
    res.redirect(303, `${this.base(reference)}/confirmation`);
  }

  @Get(':reference/response/confirmation')
  async confirmation(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    if (!this.stored(session, reference)?.recorded) throw new RedirectTo(this.base(reference));
    sendPage(res, this.pages.render('recommendation/confirmation.njk', { ...this.frame(session), title: 'Response recorded', reference, href: `/recommendation/${encodeURIComponent(reference)}` }));
  }

  private base(reference: string) {
    return `/recommendation/${encodeURIComponent(reference)}/response`;
  }

  private stored(session: WebSession, reference: string): ResponseInProgress | undefined {
    return (session.data.recommendationResponses as Record<string, ResponseInProgress> | undefined)?.[reference];
  }

  /** The response in progress for this recommendation; its question page begins one (with its Idempotency-Key) when there is none or the last was recorded. */
  private async inProgress(session: WebSession, reference: string, mayBegin: boolean): Promise<ResponseInProgress> {
    requireGrant(session.user!, COMMAND_GRANTS['recommendation-response']);
    // Only a recommendation the person may see: another force's answers 404 before any question is shown.
    await this.recommendations.get(reference, session.user!);
    const existing = this.stored(session, reference);
    if (existing && !existing.recorded) return existing;
    if (!mayBegin) throw new RedirectTo(this.base(reference));
    const begun: ResponseInProgress = { idempotencyKey: randomUUID(), answers: blankResponse() };
    session.data.recommendationResponses = { ...((session.data.recommendationResponses as Record<string, ResponseInProgress>) ?? {}), [reference]: begun };
    await this.sessions.saveData(session);
    return begun;
  }

  private frame(session: WebSession) {
    return { user: session.user!, csrfToken: session.csrfToken };
  }

  private showQuestion(res: Response, session: WebSession, reference: string, inProgress: ResponseInProgress, errors: Record<string, string>, status: number) {
    const a = inProgress.answers;
    sendPage(
      res,
      this.pages.render('recommendation/response.njk', {
        ...this.frame(session),
        title: 'Record the response to the recommendation',
        reference,
        action: this.base(reference),
        a,
        errors: errorList(errors),
        fieldErrors: errors,
        acceptedItems: [
          { value: 'yes', text: 'Yes, accepted', checked: a.accepted === 'yes' },
          { value: 'no', text: 'No, not accepted', checked: a.accepted === 'no' },
        ],
      }),
      status,
    );
  }

  private showCheck(res: Response, session: WebSession, reference: string, inProgress: ResponseInProgress, errors: { text: string; href: string }[], status: number) {
    sendPage(res, this.pages.render('recommendation/check.njk', { ...this.frame(session), title: 'Check the response before recording it', reference, action: `${this.base(reference)}/check`, rows: responseToCheck(inProgress.answers, this.base(reference)), errors }), status);
  }
}
