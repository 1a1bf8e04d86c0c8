import { Body, Controller, Get, HttpException, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { COMMAND_GRANTS, isUserId } from '@conduct/domain';
import { AllocationService } from '../../allocation/allocation.service';
import { Public } from '../../auth/auth.guard';
import { requireGrant } from '../../common/actor';
import { IdentifierPipe } from '../../common/pipes';
import { MattersService } from '../../matters/matters.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';

/** A matter's case officer, allocated, changed or taken off from the matter page (issue 15), through AllocationService. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('matter')
export class CaseOfficerPageController {
  constructor(
    private readonly pages: Pages,
    private readonly matters: MattersService,
    private readonly allocation: AllocationService,
  ) {}

  @Get(':reference/case-officer')
  async page(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    requireGrant(session.user!, COMMAND_GRANTS.allocation);
    await this.show(res, session, reference, {}, '', 200);
  }

  @Post(':reference/case-officer')
  async allocate(@Param('reference', new IdentifierPipe('matter')) reference: string, @Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    requireGrant(user, COMMAND_GRANTS.allocation);
    const typed = typeof body.caseOfficer === 'string' ? body.caseOfficer.trim() : '';
    const caseOfficer = body.toMe !== undefined ? user.id : body.unallocate !== undefined ? null : typed;
    if (caseOfficer === '') return this.show(res, session, reference, { caseOfficer: 'Enter the user id of the case officer, or choose Allocate to me' }, typed, 400);
    if (caseOfficer !== null && !isUserId(caseOfficer)) return this.show(res, session, reference, { caseOfficer: 'Enter a user id of up to 200 characters' }, typed, 400);
    try {
      await this.allocation.allocateCaseOfficers([{ reference, caseOfficer }], user, null);
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() >= 500 || err.getStatus() === 404) throw err;
      const answer = err.getResponse() as { message?: unknown };
      return this.show(res, session, reference, { caseOfficer: String(answer.message).replace(/^\w+: /, '') }, typed, err.getStatus());
    }
    res.redirect(303, `/matter/${encodeURIComponent(reference)}`);
  }

  private async show(res: Response, session: WebSession, reference: string, errors: Record<string, string>, typed: string, status: number) {
    const matter = (await this.matters.get(reference, session.user!)) as { reference: string; caseOfficer: string | null };
    sendPage(
      res,
      this.pages.render('case-officer.njk', {
        title: `Case officer of ${matter.reference}`,
        section: 'my-work',
        user: session.user!,
        csrfToken: session.csrfToken,
        matter,
        matterHref: `/matter/${encodeURIComponent(matter.reference)}`,
        typed,
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
        fieldErrors: errors,
      }),
      status,
    );
  }
}
