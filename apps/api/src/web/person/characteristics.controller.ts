import { Body, Controller, Get, HttpException, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { londonDateOf } from '@conduct/domain';
import { Public } from '../../auth/auth.guard';
import { PeopleService } from '../../people/people.service';
import type { Response } from '../http';
import { Pages } from '../rendering/pages';
import { sentenceCase } from '../rendering/words';
import { sendPage } from '../send-page';
import { CurrentSession, SignedInGuard } from '../session/signed-in.guard';
import type { WebSession } from '../session/web-sessions';
import { WebErrorFilter } from '../web-errors.filter';
import { answersOf, characteristicsChoices, formErrorOf, readCharacteristicsForm, type CharacteristicsAnswers, type FieldErrors } from './characteristics-form';

/** "Record protected characteristics" (Equality Act 2010 s.4) from the person page, through PeopleService. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('person')
export class PersonCharacteristicsPageController {
  constructor(
    private readonly pages: Pages,
    private readonly people: PeopleService,
  ) {}

  @Get(':id/characteristics')
  async page(@Param('id') id: string, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    await this.people.personToRecordOn(id, user);
    // The form starts from what is recorded: reading it is a read of the person's record, audited as one.
    const record = await this.people.byId(id, user, null);
    await this.show(res, session, id, answersOf(record.characteristics), {}, 200);
  }

  @Post(':id/characteristics')
  async record(@Param('id') id: string, @Body() body: Record<string, unknown>, @CurrentSession() session: WebSession, @Res() res: Response) {
    const user = session.user!;
    await this.people.personToRecordOn(id, user);
    const { answers, input, errors } = readCharacteristicsForm(body, londonDateOf(Date.now()));
    if (Object.keys(errors).length) return this.show(res, session, id, answers, errors, 400);
    try {
      await this.people.recordCharacteristics(id, { sex: answers.sex || null, ethnicity: answers.ethnicity || null, dateOfBirth: (input.dateOfBirth as string | undefined) ?? null, source: answers.source }, user, null);
    } catch (err) {
      if (!(err instanceof HttpException) || err.getStatus() !== 400) throw err;
      const refusal = err.getResponse() as { rule?: string; field?: string; message?: unknown };
      return this.show(res, session, id, answers, formErrorOf(String(refusal.rule), String(refusal.field), String(refusal.message)), 400);
    }
    res.redirect(303, `/person/${encodeURIComponent(id)}?recorded=characteristics`);
  }

  private async show(res: Response, session: WebSession, id: string, answers: CharacteristicsAnswers, errors: FieldErrors, status: number) {
    const person = await this.people.personToRecordOn(id, session.user!);
    const heading = `${sentenceCase(person.numberKind)} ${person.number}`;
    sendPage(
      res,
      this.pages.render('person-characteristics.njk', {
        title: `Record protected characteristics: ${heading}`,
        section: 'my-work',
        user: session.user!,
        csrfToken: session.csrfToken,
        heading,
        personHref: `/person/${encodeURIComponent(id)}`,
        answers,
        ...characteristicsChoices(answers),
        errors: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
        fieldErrors: errors,
      }),
      status,
    );
  }
}
