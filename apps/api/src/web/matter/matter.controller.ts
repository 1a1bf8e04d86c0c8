import { randomUUID } from 'node:crypto';
import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { COMMAND_GRANTS, readsPersonRecords } from '@conduct/domain';
import { Public } from '../../auth/auth.guard';
import { IdentifierPipe } from '../../common/pipes';
import { MattersService } from '../../matters/matters.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { dateAndTime, dateInFull } from '../rendering/words';
import { sendPage } from '../send-page';
import { CurrentSession, RedirectTo, SignedInGuard } from '../session/signed-in.guard';
import { WebSessions, type WebSession, type WebUser } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { actionHref, findOffered, offeredActions, type Action, type MatterFacts } from './actions';
import { answerRows, answersFrom, checkAnswers, defaultAnswers, fieldAt, formById, inputIdOf, type Answers } from './forms';
import { allegationsOf, bannersOf, identityOf, listReportsOf, messagesOf, openDeadlines, subjectOf, timelineOf, timelinessOf, type AuditRow, type MatterRow, type MessageRow } from './matter.view';
import { sendCommand, sendFailureOf } from './send-command';
import { fieldParams } from './question.view';

/** One decision or event being asked, between its question page and its confirmation; kept in the session. */
interface Flow {
  /** Made when the question page was first shown: a double submit, or a back-and-resubmit, records once. */
  idempotencyKey: string;
  answers: Answers;
  body?: Record<string, unknown>;
  recordedAt?: string;
}

/** How many decisions and events a session remembers, for their Idempotency-Keys and confirmations. */
const FLOWS_KEPT = 50;

type Target = { subjectId?: string; deadlineKey?: string };

const SECTIONS = ['overview', 'timeline', 'messages'] as const;
type Section = (typeof SECTIONS)[number];

/** A matter's page (overview, timeline, messages) and the question, check and confirmation pages of each action on it. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('matter')
export class MatterController {
  private readonly calendar = englandAndWalesCalendar();

  constructor(
    private readonly pages: Pages,
    private readonly matters: MattersService,
    private readonly sessions: WebSessions,
  ) {}

  @Get(':reference')
  async overview(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    const [matter, messages] = await Promise.all([this.matter(reference, user), this.matters.outbox(reference, user) as unknown as Promise<MessageRow[]>]);
    const now = new Date();
    const offered = offeredActions(user, matter as MatterFacts);
    const readsPeople = readsPersonRecords(user.role);
    const subjects = matter.subjects.map((s) => ({
      ...subjectOf(s, now, this.calendar, readsPeople && s.personId ? `/person/${encodeURIComponent(s.personId)}` : undefined),
      actions: offered.subjects[s.subjectId] ?? [],
    }));
    const deadlines = openDeadlines(matter.deadlines, now, this.calendar);
    const listReports = listReportsOf(messages);
    sendPage(
      res,
      this.pages.render('matter.njk', {
        ...this.frame(matter, session, 'overview'),
        title: `Matter ${matter.reference}`,
        subjects,
        deadlines,
        listReports,
        allegations: allegationsOf(matter.allegations),
        banners: bannersOf(deadlines, subjects, listReports),
        matterActions: offered.matter,
        // Who works it (issue 15): the case officer's page, for those who allocate, while the matter is open.
        allocateHref: (COMMAND_GRANTS.allocation.roles as readonly string[]).includes(user.role) && matter.stage !== 'closed' ? `/matter/${encodeURIComponent(matter.reference)}/case-officer` : null,
        extensions: offered.extensions,
        receivedOn: dateInFull(matter.receivedOn),
        timeliness: timelinessOf(matter),
      }),
    );
  }

  @Get(':reference/timeline')
  async timeline(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    const [matter, audit] = await Promise.all([this.matter(reference, user), this.matters.audit(reference, user) as Promise<AuditRow[]>]);
    sendPage(res, this.pages.render('matter-timeline.njk', { ...this.frame(matter, session, 'timeline'), title: `Timeline of ${matter.reference}`, timeline: timelineOf(audit) }));
  }

  @Get(':reference/messages')
  async messages(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    const [matter, messages] = await Promise.all([this.matter(reference, user), this.matters.outbox(reference, user) as unknown as Promise<MessageRow[]>]);
    sendPage(res, this.pages.render('matter-messages.njk', { ...this.frame(matter, session, 'messages'), title: `Messages of ${matter.reference}`, messages: messagesOf(messages) }));
  }

  // ---- Doing things: question → check your answers → confirmation ---------------------------------------

  @Get(':reference/act/:formId')
  async question(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('formId') formId: string,
    @Query() q: { subject?: string; deadline?: string; again?: string },
    @CurrentSession() session: WebSession,
    @Res() res: Response,
  ) {
    // Back on the question page after recording it: its confirmation, which offers to record another.
    if (q.again !== 'yes') this.alreadyRecorded(session, reference, formId, q);
    const { matter, action } = await this.offered(reference, formId, q, session.user!);
    let flow = this.flow(session, reference, action);
    if (!flow || (flow.recordedAt && q.again === 'yes')) {
      flow = { idempotencyKey: randomUUID(), answers: defaultAnswers(action.form, new Date()) };
      await this.saveFlow(session, reference, action, flow);
    }
    this.questionPage(res, session, matter, action, flow, [], 200);
  }

  @Post(':reference/act/:formId')
  async answer(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('formId') formId: string,
    @Query() q: { subject?: string; deadline?: string },
    @Body() posted: Record<string, unknown>,
    @CurrentSession() session: WebSession,
    @Res() res: Response,
  ) {
    this.alreadyRecorded(session, reference, formId, q);
    const { matter, action } = await this.offered(reference, formId, q, session.user!);
    const flow = this.flow(session, reference, action);
    // No flow: the session ended or the page was never shown. Start again from the question.
    if (!flow) throw new RedirectTo(action.href);
    const answers = answersFrom(action.form, posted);
    const checked = checkAnswers(action.form, answers, { dueDate: dueDateOf(matter, action), calendar: this.calendar });
    await this.saveFlow(session, reference, action, { ...flow, answers, body: checked.body });
    if (!checked.body) {
      this.questionPage(res, session, matter, action, { ...flow, answers }, checked.errors, 400);
      return;
    }
    throw new RedirectTo(this.step(action, 'check'));
  }

  @Get(':reference/act/:formId/check')
  async check(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('formId') formId: string,
    @Query() q: { subject?: string; deadline?: string },
    @CurrentSession() session: WebSession,
    @Res() res: Response,
  ) {
    this.alreadyRecorded(session, reference, formId, q);
    const { matter, action } = await this.offered(reference, formId, q, session.user!);
    const flow = this.flow(session, reference, action);
    if (!flow?.body) throw new RedirectTo(action.href);
    this.checkPage(res, session, matter, action, flow, undefined);
  }

  @Post(':reference/act/:formId/check')
  async confirm(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('formId') formId: string,
    @Query() q: { subject?: string; deadline?: string },
    @CurrentSession() session: WebSession,
    @Res() res: Response,
  ) {
    const user = session.user!;
    // Sent already (a second click, or back and submit again): the first is the one recorded. Asked before the offer,
    // which the recorded step itself may have changed (a severity assessed is not offered again).
    this.alreadyRecorded(session, reference, formId, q);
    // A flow answered in this session was offered when its question was shown: a second click that arrives after the
    // first has moved the stage on is still sent, with the same key, and Temporal answers it with the first's result.
    const { matter, action } = await this.offered(reference, formId, q, user, session);
    const flow = this.flow(session, reference, action);
    if (!flow?.body) throw new RedirectTo(action.href);
    try {
      await sendCommand(this.matters, reference, action, flow.body, user, flow.idempotencyKey);
    } catch (err) {
      const failure = sendFailureOf(err);
      if (!failure) throw err;
      if (failure.retryAfterSeconds) res.setHeader('Retry-After', String(failure.retryAfterSeconds));
      // A refusal naming a place in the body: the question that asked it again, with the refusal against it.
      const asked = failure.field ? fieldAt(action.form, flow.body, failure.field) : undefined;
      if (asked) this.questionPage(res, session, matter, action, flow, [{ field: asked.name, href: `#${inputIdOf(asked)}`, text: failure.text }], failure.status);
      else this.checkPage(res, session, matter, action, flow, failure);
      return;
    }
    await this.saveFlow(session, reference, action, { ...flow, recordedAt: new Date().toISOString() });
    throw new RedirectTo(this.step(action, 'done'));
  }

  @Get(':reference/act/:formId/done')
  async done(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('formId') formId: string,
    @Query() q: { subject?: string; deadline?: string },
    @CurrentSession() session: WebSession,
    @Res() res: Response,
  ) {
    const matter = await this.matter(reference, session.user!);
    const form = formById(formId);
    if (!form) throw new NotFoundException();
    const target = targetOf(q);
    const flow = (session.data.flows as Record<string, Flow> | undefined)?.[flowKey(reference, formId, target)];
    if (!flow?.recordedAt) throw new RedirectTo(`/matter/${encodeURIComponent(reference)}`);
    const again = findOffered(offeredActions(session.user!, matter as MatterFacts), formId, target);
    sendPage(
      res,
      this.pages.render('action-done.njk', {
        ...this.frame(matter, session, 'overview'),
        title: `${form.title} recorded`,
        form,
        target,
        recordedAt: dateAndTime(flow.recordedAt),
        againHref: again ? `${again.href}${again.href.includes('?') ? '&' : '?'}again=yes` : undefined,
      }),
    );
  }

  // ---- The parts the pages share ----------------------------------------------------------------------

  /** The matter, or the 404 page (another force's matter answers as one that does not exist). */
  private async matter(reference: string, user: WebUser): Promise<MatterRow> {
    return (await this.matters.get(reference, user)) as unknown as MatterRow;
  }

  /** The action asked for, if this person is offered it now; a forged or stale form is refused before anything is recorded. */
  private async offered(reference: string, formId: string, q: { subject?: string; deadline?: string }, user: WebUser, answeredIn?: WebSession): Promise<{ matter: MatterRow; action: Action }> {
    const matter = await this.matter(reference, user);
    const form = formById(formId);
    if (!form) throw new NotFoundException();
    const target = targetOf(q);
    const answered = answeredIn && (answeredIn.data.flows as Record<string, Flow> | undefined)?.[flowKey(reference, formId, target)]?.body;
    const action = findOffered(offeredActions(user, matter as MatterFacts), formId, target) ?? (answered ? { form, ...target, text: form.title, href: actionHref(reference, formId, target) } : undefined);
    if (!action) throw new ForbiddenException(`Your role (${user.role}) cannot record this on ${reference} at its present stage, so nothing was recorded.`);
    return { matter, action };
  }

  /** A form of a flow already recorded goes to its confirmation, whatever is offered now. */
  private alreadyRecorded(session: WebSession, reference: string, formId: string, q: { subject?: string; deadline?: string }): void {
    const target = targetOf(q);
    const flow = (session.data.flows as Record<string, Flow> | undefined)?.[flowKey(reference, formId, target)];
    if (flow?.recordedAt && formById(formId)) throw new RedirectTo(this.step({ href: actionHref(reference, formId, target) }, 'done'));
  }

  private flow(session: WebSession, reference: string, action: Action): Flow | undefined {
    return (session.data.flows as Record<string, Flow> | undefined)?.[flowKey(reference, action.form.id, action)];
  }

  private async saveFlow(session: WebSession, reference: string, action: Action, flow: Flow): Promise<void> {
    const key = flowKey(reference, action.form.id, action);
    const kept = Object.entries((session.data.flows as Record<string, Flow> | undefined) ?? {}).filter(([k]) => k !== key);
    // A session keeps the latest flows only (it lasts a working day): the oldest go first.
    const flows = Object.fromEntries([...kept.slice(-(FLOWS_KEPT - 1)), [key, flow]]);
    session.data = { ...session.data, flows };
    await this.sessions.saveData(session);
  }

  private step(action: Pick<Action, 'href'>, step: 'check' | 'done'): string {
    const [path, qs] = action.href.split('?');
    return `${path}/${step}${qs ? `?${qs}` : ''}`;
  }

  private frame(matter: MatterRow, session: WebSession, section: Section) {
    const base = `/matter/${encodeURIComponent(matter.reference)}`;
    return {
      user: session.user!,
      csrfToken: session.csrfToken,
      section: 'my-work' as const,
      matter,
      matterHref: base,
      identity: identityOf(matter),
      subNavigation: SECTIONS.map((s) => ({ text: s === 'overview' ? 'Overview' : s === 'timeline' ? 'Timeline' : 'Messages', href: s === 'overview' ? base : `${base}/${s}`, active: s === section })),
    };
  }

  private questionPage(res: Response, session: WebSession, matter: MatterRow, action: Action, flow: Flow, errors: { field: string; href: string; text: string }[], status: number) {
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.text]));
    sendPage(
      res,
      this.pages.render('action-question.njk', {
        ...this.frame(matter, session, 'overview'),
        title: action.form.title,
        action,
        errors: errors.map((e) => ({ text: e.text, href: e.href })),
        fields: action.form.fields.map((f) => fieldParams(f, flow.answers, fieldErrors[f.name])),
        checkHref: this.step(action, 'check'),
      }),
      status,
    );
  }

  private checkPage(res: Response, session: WebSession, matter: MatterRow, action: Action, flow: Flow, failure: { status: number; text: string } | undefined) {
    const rows = answerRows(action.form, flow.body!, { dateInFull, dateAndTime }).map((r) => ({
      key: { text: r.key },
      value: { text: r.value },
      actions: { items: [{ href: `${action.href}#${inputIdOf(r.field)}`, text: 'Change', visuallyHiddenText: r.key.toLowerCase() }] },
    }));
    sendPage(
      res,
      this.pages.render('action-check.njk', {
        ...this.frame(matter, session, 'overview'),
        title: 'Check your answers',
        action,
        rows,
        errors: failure ? [{ text: failure.text, href: '#confirm' }] : [],
        failure,
        confirmHref: this.step(action, 'check'),
      }),
      failure?.status ?? 200,
    );
  }
}

/** The present due date of the deadline an extension is about. */
function dueDateOf(matter: MatterRow, action: Action): string | undefined {
  if (!action.deadlineKey) return undefined;
  const deadlines = action.subjectId ? matter.subjects.find((s) => s.subjectId === action.subjectId)?.deadlines ?? [] : matter.deadlines;
  return deadlines.find((d) => d.key === action.deadlineKey)?.dueDate;
}

function targetOf(q: { subject?: string; deadline?: string }): Target {
  const ok = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v) ? v : undefined);
  return { subjectId: ok(q.subject), deadlineKey: ok(q.deadline) };
}

function flowKey(reference: string, formId: string, target: Target): string {
  return [reference, formId, target.subjectId ?? '', target.deadlineKey ?? ''].join('|');
}
