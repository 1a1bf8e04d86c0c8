import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../http';
import { DataSource } from 'typeorm';
import { MATTER_KIND_WORDS, MATTER_KINDS, STAGE_WORDS, SUBJECT_STAGES } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { countWork, decodeWorkCursor, encodeWorkCursor, listWork } from '@conduct/persistence';
import { Public } from '../../auth/auth.guard';
import { visibleForces } from '../../auth/user';
import { Pages } from '../rendering/pages';
import { sentenceCase, soonBefore } from '../rendering/words';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { ALLOCATED_TO_CHOICES, DUE_WITHIN_CHOICES, filterOf, groupWork, WorkQuery } from './my-work.view';

const PAGE_SIZE = 50;

/** The home page: the matters of the signed-in person's forces that owe a deadline, soonest first, grouped by urgency. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller()
export class MyWorkController {
  private readonly calendar = englandAndWalesCalendar();

  constructor(
    private readonly pages: Pages,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  async myWork(@Query() q: WorkQuery, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    const now = new Date();
    const { filter, errors } = filterOf(q, now, this.calendar, user.id);
    const after = q.after ? decodeWorkCursor(q.after) : undefined;
    if (after === null) errors.after = 'That page link is not one this list gave out: start again from the first page';
    const forces = visibleForces(user);
    const query = { ...filter, forces };
    const failed = Object.keys(errors).length > 0;
    const [page, counts] = failed
      ? [{ items: [], more: false }, { overdue: 0, soon: 0, later: 0 }]
      : await Promise.all([listWork(this.db, query, { limit: PAGE_SIZE, after: after ?? undefined }), countWork(this.db, query, soonBefore(now, this.calendar))]);
    const last = page.items[page.items.length - 1];
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'after' && typeof v === 'string' && v !== '') as [string, string][]);
    const next = page.more && last ? `/?${new URLSearchParams([...params, ['after', encodeWorkCursor({ dueAt: last.deadline.dueAt, reference: last.reference })]])}` : null;
    sendPage(
      res,
      this.pages.render('my-work.njk', {
        title: 'My work',
        section: 'my-work',
        user,
        csrfToken: session.csrfToken,
        q,
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
        fieldErrors: errors,
        groups: groupWork(page.items, now, this.calendar),
        counts,
        total: counts.overdue + counts.soon + counts.later,
        next,
        firstPage: q.after ? `/?${params}` : null,
        seesOtherForces: forces === null || forces.length > 1,
        stageItems: [{ value: '', text: 'Any stage' }, ...SUBJECT_STAGES.map((s) => ({ value: s, text: sentenceCase(STAGE_WORDS[s]), selected: q.stage === s }))],
        kindItems: [{ value: '', text: 'Any kind' }, ...MATTER_KINDS.map((k) => ({ value: k, text: MATTER_KIND_WORDS[k], selected: q.kind === k }))],
        allocatedToItems: ALLOCATED_TO_CHOICES.map((c) => ({ value: c.value, text: c.text, selected: (q.allocatedTo ?? '') === c.value })),
        dueWithinItems: [{ value: '', text: 'Any time' }, ...DUE_WITHIN_CHOICES.map((n) => ({ value: String(n), text: `${n} working days`, selected: q.dueWithin === String(n) }))],
      }),
      failed ? 400 : 200,
    );
  }
}
