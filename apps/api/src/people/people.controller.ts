import { BadRequestException, Body, Controller, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { PERSON_NUMBER_KINDS } from '@conduct/domain';
import type { User } from '../auth/user';
import { CurrentActor } from '../common/actor';
import { PersonCharacteristicsDto } from './people.dto';
import { PeopleService } from './people.service';
import { requestIdOf } from '../common/request-log.middleware';

const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;


@ApiTags('people')
@ApiBearerAuth('bearer')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: "A person's record, found by force and number; appropriate authority and administrators only; every read is recorded in the audit trail of each matter it shows" })
  @ApiQuery({ name: 'forceId', required: true })
  @ApiQuery({ name: 'numberKind', required: true, enum: PERSON_NUMBER_KINDS })
  @ApiQuery({ name: 'number', required: true })
  @ApiForbiddenResponse({ description: 'Not a role that may read a person' })
  @ApiNotFoundResponse({ description: 'No such person in a force you may see' })
  byNumber(@Query('forceId') forceId: unknown, @Query('numberKind') numberKind: unknown, @Query('number') number: unknown, @CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    if (typeof forceId !== 'string' || !IDENT.test(forceId)) throw new BadRequestException({ message: 'forceId: give the force, 1-64 letters, digits, dots, dashes or underscores', field: 'forceId' });
    if (typeof numberKind !== 'string' || !(PERSON_NUMBER_KINDS as readonly string[]).includes(numberKind)) throw new BadRequestException({ message: `numberKind: one of ${PERSON_NUMBER_KINDS.join(', ')}`, field: 'numberKind' });
    if (typeof number !== 'string' || number.trim() === '' || number.length > 40) throw new BadRequestException({ message: 'number: give the number, up to 40 characters', field: 'number' });
    return this.people.byNumber(forceId, numberKind, number.trim(), user, requestIdOf(req));
  }

  @Get('early-intervention')
  @ApiOperation({
    summary:
      "Everyone of the forces you see whom an early-intervention rule flags (EARLY_INTERVENTION_RULES, or the defaults), each flag with its rule, its matters and the day it was met; advice for the appropriate authority, never a decision; appropriate authority and administrators only; each person listed is an audited read",
  })
  @ApiForbiddenResponse({ description: 'Not a role that may read a person' })
  earlyIntervention(@CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    return this.people.earlyInterventionReport(user, requestIdOf(req));
  }

  @Get(':id')
  @ApiOperation({ summary: "A person's record: every matter they were subject to, each subject's stage and outcome, the warnings recorded with their live-until dates, their list reports, their protected characteristics (null until recorded); appropriate authority and administrators only; every read is audited" })
  @ApiForbiddenResponse({ description: 'Not a role that may read a person' })
  @ApiNotFoundResponse({ description: 'No such person in a force you may see' })
  byId(@Param('id') id: string, @CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    return this.people.byId(id, user, requestIdOf(req));
  }

  @Put(':id/characteristics')
  @ApiOperation({
    summary:
      "Record a person's protected characteristics (Equality Act 2010 s.4: sex, ethnicity, date of birth) for the Home Office's return, with where they come from. Replaces the whole record: a value left out is no longer recorded. Kept encrypted; audited on each of the person's matters with the fields given and the source, never the values; appropriate authority and administrators only",
  })
  @ApiOkResponse({ description: "Recorded: the person's characteristics as the record now shows them" })
  @ApiBadRequestResponse({ description: 'A value not in its list, a date of birth not a real past day or under 16, no value at all, or no source: `field` and `rule` name it' })
  @ApiForbiddenResponse({ description: 'Not a role that may record them: `rolesAllowed` names those that may' })
  @ApiNotFoundResponse({ description: 'No such person in a force you may act on' })
  @ApiServiceUnavailableResponse({ description: 'No PAYLOAD_ENCRYPTION_KEYS to keep them encrypted: nothing recorded' })
  recordCharacteristics(@Param('id') id: string, @Body() dto: PersonCharacteristicsDto, @CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    return this.people.recordCharacteristics(id, dto, user, requestIdOf(req));
  }
}
