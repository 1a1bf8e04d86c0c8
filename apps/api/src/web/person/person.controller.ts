import { Controller, Get, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { londonDateOf, MATTER_KIND_WORDS, STAGE_WORDS, type IsoDate, type MatterKind, type SubjectStage } from '@conduct/domain';
import { Public } from '../../auth/auth.guard';
import { PeopleService, type PersonRecord } from '../../people/people.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { dateInFull, sentenceCase } from '../rendering/words';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { characteristicsRows } from './characteristics-form';

/** What the person page shows: the person's record in words, every read audited by the service. */
export function personPageOf(p: PersonRecord, today: IsoDate = londonDateOf(Date.now())) {
  return {
    heading: `${sentenceCase(p.numberKind)} ${p.number}`,
    // Protected characteristics (Equality Act 2010 s.4) for the Home Office's return; null: not recorded.
    characteristics: characteristicsRows(p.characteristics, today),
    characteristicsHref: `/person/${encodeURIComponent(p.id)}/characteristics`,
    facts: [
      { key: { text: 'Force' }, value: { text: p.forceId } },
      { key: { text: 'Final written warning live today (CR reg 42(5))' }, value: { text: p.finalWrittenWarningLive ? 'Yes, recorded by this engine' : 'No warning recorded by this engine is live' } },
      { key: { text: 'Reduced in rank before' }, value: { text: p.reducedInRank.length ? p.reducedInRank.map((r) => r.matterReference).join(', ') : 'Not recorded by this engine' } },
    ],
    matters: p.matters.map((m) => [
      { html: `<a class="govuk-link" href="/matter/${encodeURIComponent(m.reference)}">${escapeHtml(m.reference)}</a>` },
      { text: MATTER_KIND_WORDS[m.kind as MatterKind] ?? sentenceCase(m.kind) },
      { text: dateInFull(m.receivedOn) },
      { text: m.subject.subjectId },
      { text: sentenceCase(STAGE_WORDS[m.subject.stage as SubjectStage] ?? m.subject.stage) },
      { text: m.subject.outcome ? sentenceCase(m.subject.outcome) : 'None yet' },
      { text: m.listReports.length ? m.listReports.map((r) => `${sentenceCase(String(r.purpose))} (${String(r.status)})`).join(', ') : 'None' },
    ]),
    // Advice for the appropriate authority: which rule, on which matters, since when. It decides nothing.
    earlyIntervention: p.earlyIntervention.map((f) => ({
      words: capitalFirst(f.words),
      matters: f.matterReferences,
      raisedOn: dateInFull(f.raisedOn),
      ruleId: f.ruleId,
    })),
    warnings: p.warnings.map((w) => [
      { text: sentenceCase(w.warning ?? '') },
      { text: w.matterReference },
      { text: dateInFull(w.liveUntil as string) },
      { text: w.live ? 'Live' : 'Expired' },
    ]),
  };
}

const capitalFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A person's page: the appropriate authority's and administrators' view across matters (READ_GRANTS.person). */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('person')
export class PersonPageController {
  constructor(
    private readonly pages: Pages,
    private readonly people: PeopleService,
  ) {}

  @Get(':id')
  async person(@Param('id') id: string, @CurrentSession() session: WebSession, @Res() res: Response, @Query('recorded') recorded?: string) {
    const user = session.user!;
    const record = await this.people.byId(id, user, null);
    const page = personPageOf(record);
    const banner = recorded === 'characteristics' && record.characteristics ? 'Protected characteristics recorded' : null;
    sendPage(res, this.pages.render('person.njk', { title: `Person: ${page.heading}`, section: 'my-work', user, csrfToken: session.csrfToken, banner, ...page }));
  }
}
