import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpException, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { COMMAND_GRANTS } from '@conduct/domain';
import { Public } from '../../auth/auth.guard';
import { requireGrant } from '../../common/actor';
import { MattersService } from '../../matters/matters.service';
import { ReferMatterDto } from '../../matters/matters.dto';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { selectItems } from '../rendering/allegation-words';
import { sendPage } from '../send-page';
import { CurrentSession, RedirectTo, SignedInGuard } from '../session/signed-in.guard';
import { WebSessions, type WebSession, type WebUser } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import {
  allegationsFromForm,
  blankAllegation,
  blankReferral,
  blankSubject,
  checkReferral,
  checkYourAnswers,
  errorList,
  IOPC_CATEGORY_CHOICES,
  MATTER_KIND_CHOICES,
  matterAnswersFromForm,
  RECORDABLE_CATEGORY_CHOICES,
  referralDtoOf,
  STANDARD_CHOICES,
  SUBJECT_KIND_CHOICES,
  subjectsFromForm,
  type Referral,
} from './referral';

type Form = Record<string, unknown>;

/** The most subjects, or allegations, one referral may carry (the DTO's own limits). */
const MAX_SUBJECTS = 100;
const MAX_ALLEGATIONS = 100;

/** The page a refusal's first field is on. */
const pageOf = (fieldId: string) => (fieldId.startsWith('subjects-') ? '/refer/subjects' : fieldId.startsWith('allegations-') ? '/refer/allegations' : '/refer');

/**
 * Referring a matter: the matter's questions, its subjects (add another), check your answers, then the referral by
 * MattersService.refer, as the API makes it, with the Idempotency-Key the referral was given on its first page.
 */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('refer')
export class ReferController {
  constructor(
    private readonly pages: Pages,
    private readonly sessions: WebSessions,
    private readonly matters: MattersService,
  ) {}

  @Get()
  async matterPage(@CurrentSession() session: WebSession, @Res() res: Response, @Query('change') change?: string) {
    const referral = await this.referral(session, true);
    this.showMatter(res, session, referral, {}, change === 'check', 200);
  }

  @Post()
  async answerMatter(@Body() body: Form, @CurrentSession() session: WebSession, @Res() res: Response) {
    const referral = await this.referral(session, true);
    const user = session.user!;
    referral.answers.matter = matterAnswersFromForm(body, user.forceId, !mayChooseForce(user));
    await this.sessions.saveData(session);
    const errors = checkReferral(referral.answers, 'matter');
    if (Object.keys(errors).length) return this.showMatter(res, session, referral, errors, body.change === 'check', 400);
    res.redirect(303, body.change === 'check' ? '/refer/check' : '/refer/subjects');
  }

  @Get('subjects')
  async subjectsPage(@CurrentSession() session: WebSession, @Res() res: Response, @Query('change') change?: string) {
    const referral = await this.referral(session, false);
    this.showSubjects(res, session, referral, {}, change === 'check', 200);
  }

  /** Without JavaScript, adding or removing a subject posts the page (keeping what was typed), which comes back with one more (or one fewer). */
  @Post('subjects')
  async answerSubjects(@Body() body: Form, @CurrentSession() session: WebSession, @Res() res: Response) {
    const referral = await this.referral(session, false);
    const subjects = subjectsFromForm(body);
    const change = body.change === 'check';
    if (body['subjects-add-another'] !== undefined) {
      if (subjects.length < MAX_SUBJECTS) subjects.push(blankSubject());
      referral.answers.subjects = subjects;
      await this.sessions.saveData(session);
      // Back to the page, at the new subject's first field.
      return res.redirect(303, `/refer/subjects${change ? '?change=check' : ''}#subjects-${subjects.length - 1}-subjectId`);
    }
    if (typeof body.remove === 'string' && /^\d{1,3}$/.test(body.remove) && subjects.length > 1) {
      subjects.splice(Number(body.remove), 1);
      referral.answers.subjects = subjects;
      await this.sessions.saveData(session);
      return res.redirect(303, `/refer/subjects${change ? '?change=check' : ''}`);
    }
    referral.answers.subjects = subjects;
    await this.sessions.saveData(session);
    const errors = checkReferral(referral.answers, 'subjects');
    if (Object.keys(errors).length) return this.showSubjects(res, session, referral, errors, change, 400);
    res.redirect(303, change && referral.answers.allegations?.length ? '/refer/check' : '/refer/allegations');
  }

  @Get('allegations')
  async allegationsPage(@CurrentSession() session: WebSession, @Res() res: Response, @Query('change') change?: string) {
    const referral = await this.referral(session, false);
    this.showAllegations(res, session, referral, {}, change === 'check', 200);
  }

  /** As the subjects' page: adding or removing an allegation posts the page, which comes back with one more (or one fewer). */
  @Post('allegations')
  async answerAllegations(@Body() body: Form, @CurrentSession() session: WebSession, @Res() res: Response) {
    const referral = await this.referral(session, false);
    const allegations = allegationsFromForm(body);
    const change = body.change === 'check';
    referral.answers.allegations = allegations;
    if (body['allegations-add-another'] !== undefined) {
      if (allegations.length < MAX_ALLEGATIONS) allegations.push(blankAllegation());
      await this.sessions.saveData(session);
      return res.redirect(303, `/refer/allegations${change ? '?change=check' : ''}#allegations-${allegations.length - 1}-alleged`);
    }
    if (typeof body.remove === 'string' && /^\d{1,3}$/.test(body.remove) && allegations.length > 1) {
      allegations.splice(Number(body.remove), 1);
      await this.sessions.saveData(session);
      return res.redirect(303, `/refer/allegations${change ? '?change=check' : ''}`);
    }
    await this.sessions.saveData(session);
    const errors = checkReferral(referral.answers, 'allegations');
    if (Object.keys(errors).length) return this.showAllegations(res, session, referral, errors, change, 400);
    res.redirect(303, '/refer/check');
  }

  @Get('check')
  async checkPage(@CurrentSession() session: WebSession, @Res() res: Response) {
    const referral = await this.referral(session, false);
    const errors = checkReferral(referral.answers, 'all');
    // Answers not yet complete go back to their page first.
    if (Object.keys(errors).length) throw new RedirectTo(pageOf(Object.keys(errors)[0]));
    this.showCheck(res, session, referral, [], 200);
  }

  @Post('check')
  async refer(@CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireGrant(user, COMMAND_GRANTS.referral);
    const referral = session.data.referral as Referral | undefined;
    // Sent again after it was recorded (a double click, the back button): the confirmation, not a second referral.
    if (referral?.referred) throw new RedirectTo('/refer/confirmation');
    if (!referral) throw new RedirectTo('/refer');
    const errors = checkReferral(referral.answers, 'all');
    if (Object.keys(errors).length) throw new RedirectTo(pageOf(Object.keys(errors)[0]));
    try {
      await this.matters.refer(referralDtoOf(referral.answers) as unknown as ReferMatterDto, user, referral.idempotencyKey);
    } catch (err) {
      const refusal = refusalOf(err, referral.answers.matter.reference);
      if (!refusal) throw err;
      return this.showCheck(res, session, referral, [refusal.error], refusal.status);
    }
    // Recorded: the session keeps only that it was (the subjects' names and dates of birth are the engine's to keep, not the session's).
    session.data.referral = { idempotencyKey: referral.idempotencyKey, answers: blankReferral(user.forceId), referred: { reference: referral.answers.matter.reference } } satisfies Referral;
    await this.sessions.saveData(session);
    res.redirect(303, '/refer/confirmation');
  }

  @Get('confirmation')
  async confirmation(@CurrentSession() session: WebSession, @Res() res: Response) {
    const referral = session.data.referral as Referral | undefined;
    if (!referral?.referred) throw new RedirectTo('/refer');
    const reference = referral.referred.reference;
    sendPage(res, this.pages.render('refer/confirmation.njk', { title: 'Matter referred', section: 'refer', user: session.user!, csrfToken: session.csrfToken, reference, href: `/matter/${encodeURIComponent(reference)}` }));
  }

  /** The referral in progress; the first page begins a new one (with its Idempotency-Key) when there is none or the last was referred. */
  private async referral(session: WebSession, mayBegin: boolean): Promise<Referral> {
    const user = session.user!;
    requireGrant(user, COMMAND_GRANTS.referral);
    const existing = session.data.referral as Referral | undefined;
    if (existing && !existing.referred) return existing;
    if (!mayBegin) throw new RedirectTo(existing?.referred ? '/refer/confirmation' : '/refer');
    const referral: Referral = { idempotencyKey: randomUUID(), answers: blankReferral(user.forceId) };
    session.data.referral = referral;
    await this.sessions.saveData(session);
    return referral;
  }

  private frame(session: WebSession) {
    return { section: 'refer' as const, user: session.user!, csrfToken: session.csrfToken };
  }

  private showMatter(res: Response, session: WebSession, referral: Referral, errors: Record<string, string>, change: boolean, status: number) {
    const m = referral.answers.matter;
    sendPage(
      res,
      this.pages.render('refer/matter.njk', {
        ...this.frame(session),
        title: 'Refer a matter',
        errors: errorList(errors),
        fieldErrors: errors,
        m,
        change,
        mayChooseForce: mayChooseForce(session.user!),
        kindItems: MATTER_KIND_CHOICES.map((c) => ({ ...c, checked: m.kind === c.value })),
        categoryItems: RECORDABLE_CATEGORY_CHOICES.map((c) => ({ value: c.value, text: c.text, hint: { text: c.hint }, checked: m.recordableCategories.includes(c.value) })),
      }),
      status,
    );
  }

  private showSubjects(res: Response, session: WebSession, referral: Referral, errors: Record<string, string>, change: boolean, status: number) {
    sendPage(
      res,
      this.pages.render('refer/subjects.njk', {
        ...this.frame(session),
        title: 'Who the matter is about',
        errors: errorList(errors),
        fieldErrors: errors,
        subjects: referral.answers.subjects,
        kindChoices: SUBJECT_KIND_CHOICES,
        change,
        reference: referral.answers.matter.reference,
      }),
      status,
    );
  }

  private showAllegations(res: Response, session: WebSession, referral: Referral, errors: Record<string, string>, change: boolean, status: number) {
    const allegations = referral.answers.allegations?.length ? referral.answers.allegations : [blankAllegation()];
    sendPage(
      res,
      this.pages.render('refer/allegations.njk', {
        ...this.frame(session),
        title: 'What is alleged',
        errors: errorList(errors),
        fieldErrors: errors,
        allegations: allegations.map((a) => ({
          alleged: a.alleged,
          categoryItems: selectItems(IOPC_CATEGORY_CHOICES, a.category, 'Choose a category'),
          subjectItems: referral.answers.subjects.map((x) => ({ value: x.subjectId, text: x.subjectId, checked: a.subjectIds.includes(x.subjectId) })),
          standardItems: STANDARD_CHOICES.map((c) => ({ ...c, checked: a.standards.includes(c.value) })),
        })),
        change,
        reference: referral.answers.matter.reference,
      }),
      status,
    );
  }

  private showCheck(res: Response, session: WebSession, referral: Referral, errors: { text: string; href: string }[], status: number) {
    sendPage(res, this.pages.render('refer/check.njk', { ...this.frame(session), title: 'Check your answers before referring the matter', errors, shown: checkYourAnswers(referral.answers, !mayChooseForce(session.user!)) }), status);
  }
}

/** An administrator, or anyone granted other forces, chooses the force; everyone else refers for their own. */
export function mayChooseForce(user: WebUser): boolean {
  return user.role === 'administrator' || user.forces.length > 0;
}

/**
 * A refusal of the referral as an error to show on *check your answers*: the reference taken (409), a force not one's
 * own (403), a subject given twice (400), or a rule (409 naming it). Anything else (the engine unavailable) is an error page.
 */
export function refusalOf(err: unknown, reference: string): { status: number; error: { text: string; href: string } } | undefined {
  if (!(err instanceof HttpException)) return undefined;
  const status = err.getStatus();
  if (status !== 400 && status !== 403 && status !== 409) return undefined;
  const body = err.getResponse();
  const b: Record<string, unknown> = typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
  const message = Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? 'The referral was refused');
  if (b.rule === 'reference-unique') return { status, error: { text: `A matter with the reference ${reference} already exists: change the reference`, href: '/refer?change=check#reference' } };
  const field = typeof b.field === 'string' ? b.field : undefined;
  const rule = typeof b.rule === 'string' ? ` (rule ${b.rule}${typeof b.regulation === 'string' ? `, ${b.regulation}` : ''})` : '';
  // A subject's own field (a person's number, a warning's source): straight to its box.
  const subjectField = field ? /^subjects\[(\d{1,3})\]\.([A-Za-z]+)$/.exec(field) : null;
  const allegationField = field ? /^allegations\[(\d{1,3})\]\.([A-Za-z]+)$/.exec(field) : null;
  if (allegationField) return { status, error: { text: `${message}${rule}`, href: `/refer/allegations?change=check#allegations-${allegationField[1]}-${allegationField[2]}` } };
  const href = field === 'forceId' ? '/refer?change=check#forceId' : field === 'subjects' ? '/refer/subjects?change=check' : subjectField ? `/refer/subjects?change=check#subjects-${subjectField[1]}-${subjectField[2]}` : '#main-content';
  return { status, error: { text: `${message}${rule}`, href } };
}
