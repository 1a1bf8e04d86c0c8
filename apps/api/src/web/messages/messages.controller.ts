import { Controller, Get, NotFoundException, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { findDeliveryAttempts, findMessage, listMessages, OUTBOX_STATUSES } from '@conduct/persistence';
import { Public } from '../../auth/auth.guard';
import { mayAccessForce, visibleForces } from '../../auth/user';
import { requireRole } from '../../common/actor';
import { OUTBOX_READERS } from '../../outbox/outbox-readers';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { attemptRow, messageRow, messagesFilterOf, STATUS_WORDS, type MessagesQuery } from './messages.view';

const PAGE_SIZE = 50;

/** What the engine sent for the forces the reader may see, newest first, and each message's delivery attempts. Read-only. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly pages: Pages,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  async list(@Query() q: MessagesQuery, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireRole(user, OUTBOX_READERS, 'The messages sent');
    const { status, beforeId, errors } = messagesFilterOf(q);
    const failed = Object.keys(errors).length > 0;
    // One more than a page: whether there is a next page.
    const found = failed ? [] : await listMessages(this.db, { status, limit: PAGE_SIZE + 1, forces: visibleForces(user), beforeId });
    const rows = found.slice(0, PAGE_SIZE).map(messageRow);
    const statusParam = status ? `status=${encodeURIComponent(status)}&` : '';
    const next = found.length > PAGE_SIZE ? `/messages?${statusParam}before=${rows[rows.length - 1].id}` : null;
    sendPage(
      res,
      this.pages.render('messages/list.njk', {
        section: 'messages',
        user,
        csrfToken: session.csrfToken,
        title: 'Messages sent',
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field === 'before' ? 'main-content' : field}` })),
        fieldErrors: errors,
        rows,
        next,
        firstPage: beforeId ? `/messages${status ? `?status=${encodeURIComponent(status)}` : ''}` : null,
        statusItems: [{ value: '', text: 'Any status' }, ...OUTBOX_STATUSES.map((s) => ({ value: s, text: STATUS_WORDS[s].text, selected: status === s }))],
      }),
      failed ? 400 : 200,
    );
  }

  @Get(':id')
  async message(@Param('id') id: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireRole(user, OUTBOX_READERS, 'The messages sent');
    if (!/^[1-9]\d{0,14}$/.test(id)) throw new NotFoundException();
    const found = await findMessage(this.db, id);
    // Another force's message answers as one that does not exist.
    if (!found || !mayAccessForce(user, (found.forceId as string | null) ?? '')) throw new NotFoundException();
    const attempts = (await findDeliveryAttempts(this.db, id)).map(attemptRow);
    const message = messageRow(found);
    sendPage(res, this.pages.render('messages/message.njk', { section: 'messages', user, csrfToken: session.csrfToken, title: `${message.title}: message ${message.id}`, message, attempts }));
  }
}
