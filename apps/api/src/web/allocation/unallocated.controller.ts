import { Body, Controller, Get, HttpException, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { COMMAND_GRANTS } from '@conduct/domain';
import { encodeDayCursor, decodeDayCursor, listUnallocated } from '@conduct/persistence';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllocationService } from '../../allocation/allocation.service';
import { Public } from '../../auth/auth.guard';
import { visibleForces } from '../../auth/user';
import { requireGrant } from '../../common/actor';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { allocationFormOf, UNALLOCATED_PAGE_SIZE, unallocatedRows } from './unallocated.view';

/**
 * Unallocated work (issue 15): the open matters of the person's forces with no case officer, oldest first, and a form
 * that allocates the ticked ones to a case officer at once, through the API's own AllocationService (all or none).
 */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('unallocated')
export class UnallocatedController {
  constructor(
    private readonly pages: Pages,
    private readonly allocation: AllocationService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  async page(@CurrentSession() session: WebSession, @Res() res: Response, @Query('after') after?: string, @Query('allocated') allocated?: string, @Query('to') to?: string) {
    const done = /^\d{1,3}$/.test(allocated ?? '') && typeof to === 'string' ? { count: Number(allocated), to } : null;
    await this.show(res, session, { after, done, errors: {}, status: 200 });
  }

  @Post()
  async allocate(@Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireGrant(user, COMMAND_GRANTS.allocation);
    const form = allocationFormOf(body, user.id);
    if (Object.keys(form.errors).length) return this.show(res, session, { errors: form.errors, typed: body, status: 400 });
    try {
      await this.allocation.allocateCaseOfficers(form.references.map((reference) => ({ reference, caseOfficer: form.caseOfficer })), user, null);
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() >= 500) throw err;
      const answer = err.getResponse() as { message?: unknown; errors?: { field: string; reason: string }[] };
      // Each refusal in the words the API gives, with the matter it concerns: the form's own list, not allocations[i].
      const reasons = (answer.errors ?? [{ field: '', reason: String(answer.message) }]).map((e) => {
        const i = /^allocations\[(\d+)\]/.exec(e.field)?.[1];
        const reference = i !== undefined ? form.references[Number(i)] : form.references.length === 1 ? form.references[0] : undefined;
        return `${reference ? `${reference}: ` : ''}${e.reason.replace(/^(allocations\[\d+\](\.\w+)?|\w+): /, '')}`;
      });
      return this.show(res, session, { errors: { caseOfficer: reasons.join('. ') }, typed: body, status: err.getStatus() });
    }
    res.redirect(303, `/unallocated?${new URLSearchParams({ allocated: String(form.references.length), to: form.caseOfficer })}`);
  }

  private async show(
    res: Response,
    session: WebSession,
    o: { after?: string; done?: { count: number; to: string } | null; errors: Record<string, string>; typed?: Record<string, unknown>; status: number },
  ) {
    const user = session.user!;
    const cursor = o.after ? decodeDayCursor(o.after) : undefined;
    const errors = { ...o.errors, ...(cursor === null ? { after: 'That page link is not one this list gave out: start again from the first page' } : {}) };
    const page = cursor === null ? { items: [], more: false } : await listUnallocated(this.db, { forces: visibleForces(user) }, { limit: UNALLOCATED_PAGE_SIZE, after: cursor });
    const last = page.items[page.items.length - 1];
    const ticked = new Set([o.typed?.references].flat().filter((r): r is string => typeof r === 'string'));
    sendPage(
      res,
      this.pages.render('unallocated.njk', {
        title: 'Unallocated work',
        section: 'unallocated',
        user,
        csrfToken: session.csrfToken,
        rows: unallocatedRows(page.items).map((r) => ({ ...r, checked: ticked.has(r.reference) })),
        mayAllocate: (COMMAND_GRANTS.allocation.roles as readonly string[]).includes(user.role),
        caseOfficer: typeof o.typed?.caseOfficer === 'string' ? o.typed.caseOfficer : '',
        done: o.done ?? null,
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field === 'references' ? 'matter-0' : field}` })),
        fieldErrors: errors,
        next: page.more && last ? `/unallocated?after=${encodeDayCursor({ receivedOn: last.receivedOn, reference: last.reference })}` : null,
        firstPage: o.after ? '/unallocated' : null,
      }),
      Object.keys(errors).length && o.status === 200 ? 400 : o.status,
    );
  }
}
