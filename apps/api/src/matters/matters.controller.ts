import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DECISION_RULES, EVENT_RULES, Role } from '@conduct/domain';
import type { Actor } from '@conduct/workflows';
import { CurrentActor, requireRole } from '../common/actor';
import { DecisionDto, EventDto, ExtensionDto, ListMattersQuery, MatterDecisionDto, MatterEventDto, ReferMatterDto } from './matters.dto';
import { MattersService } from './matters.service';

const ACTOR_HEADERS = [
  { name: 'X-Actor-Id', required: true, description: 'Who is acting' },
  { name: 'X-Actor-Role', required: true, description: 'appropriate-authority | case-officer | investigator | oversight | administrator' },
];
const RECORDERS: Role[] = ['case-officer', 'investigator', 'appropriate-authority', 'administrator'];

@ApiTags('matters')
@Controller('matters')
export class MattersController {
  constructor(private readonly matters: MattersService) {}

  @Post()
  @ApiOperation({ summary: 'Refer a matter: starts its workflow and one track per subject' })
  @ApiHeader(ACTOR_HEADERS[0]) @ApiHeader(ACTOR_HEADERS[1])
  @ApiConflictResponse({ description: 'A matter with this reference was already referred' })
  refer(@Body() dto: ReferMatterDto, @CurrentActor() actor: Actor) {
    requireRole(actor, RECORDERS, 'A referral');
    return this.matters.refer(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Search matters: by force, stage, kind, warrant number, deadlines due within N days or overdue' })
  list(@Query() q: ListMattersQuery) {
    return this.matters.list(q);
  }

  @Get(':reference')
  @ApiOperation({ summary: 'A matter, its subjects and their deadlines, from the projection' })
  get(@Param('reference') reference: string) {
    return this.matters.get(reference);
  }

  @Get(':reference/audit')
  @ApiOperation({ summary: 'The append-only audit trail of a matter' })
  audit(@Param('reference') reference: string) {
    return this.matters.audit(reference);
  }

  @Get(':reference/outbox')
  @ApiOperation({ summary: 'Messages queued for a matter: reminders, escalations, notices, list reports' })
  outbox(@Param('reference') reference: string) {
    return this.matters.outbox(reference);
  }

  @Post(':reference/decisions')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the Director General's decision on the mode of investigation (Sch3 para 15)" })
  @ApiHeader(ACTOR_HEADERS[0]) @ApiHeader(ACTOR_HEADERS[1]) @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiConflictResponse({ description: 'Not allowed at this stage: the body names the rule and its regulation' })
  matterDecision(@Param('reference') reference: string, @Body() dto: MatterDecisionDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    requireRole(actor, ['oversight', 'appropriate-authority', 'administrator'], 'The mode of investigation');
    return this.matters.matterDecision(reference, { ...dto, actor, commandId: key });
  }

  @Post(':reference/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an event of the matter: referral to the IOPC, complainant update, timeliness report' })
  @ApiHeader(ACTOR_HEADERS[0]) @ApiHeader(ACTOR_HEADERS[1]) @ApiHeader({ name: 'Idempotency-Key', required: false })
  matterEvent(@Param('reference') reference: string, @Body() dto: MatterEventDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    requireRole(actor, RECORDERS, 'A matter event');
    return this.matters.matterEvent(reference, { ...dto, actor, commandId: key });
  }

  @Post(':reference/deadlines/:key/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: "Extend one of the matter's deadlines, with the reason and who agreed" })
  extendMatterDeadline(@Param('reference') reference: string, @Param('key') deadlineKey: string, @Body() dto: ExtensionDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    requireRole(actor, RECORDERS, 'A deadline extension');
    return this.matters.extendMatterDeadline(reference, { ...dto, key: deadlineKey, actor, commandId: key });
  }

  @Post(':reference/subjects/:subjectId/decisions')
  @HttpCode(200)
  @ApiOperation({ summary: "Record a decision on a subject's track (severity, case to answer, outcome...)" })
  @ApiHeader(ACTOR_HEADERS[0]) @ApiHeader(ACTOR_HEADERS[1]) @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ type: DecisionDto, examples: { severity: { value: { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: '2020-06-24T10:00:00Z' } } } })
  @ApiConflictResponse({ description: 'Not allowed at this stage: the body names the rule and its regulation' })
  subjectDecision(@Param('reference') reference: string, @Param('subjectId') subjectId: string, @Body() dto: DecisionDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    requireRole(actor, DECISION_RULES[dto.decision].madeBy, `A ${DECISION_RULES[dto.decision].words}`);
    return this.matters.subjectDecision(reference, subjectId, { ...dto, actor, commandId: key } as never);
  }

  @Post(':reference/subjects/:subjectId/events')
  @HttpCode(200)
  @ApiOperation({ summary: "Record an event on a subject's track (notice served, interview held, resigned...)" })
  @ApiHeader(ACTOR_HEADERS[0]) @ApiHeader(ACTOR_HEADERS[1]) @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiConflictResponse({ description: 'Not allowed at this stage: the body names the rule and its regulation' })
  subjectEvent(@Param('reference') reference: string, @Param('subjectId') subjectId: string, @Body() dto: EventDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    const rule = EVENT_RULES[dto.event as keyof typeof EVENT_RULES];
    requireRole(actor, rule?.madeBy ?? RECORDERS, rule ? `The event '${rule.words}'` : 'This event');
    return this.matters.subjectEvent(reference, subjectId, { ...dto, actor, commandId: key });
  }

  @Post(':reference/subjects/:subjectId/deadlines/:key/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: "Extend a deadline on a subject's track, with the reason and who agreed" })
  extendSubjectDeadline(
    @Param('reference') reference: string,
    @Param('subjectId') subjectId: string,
    @Param('key') deadlineKey: string,
    @Body() dto: ExtensionDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key?: string,
  ) {
    requireRole(actor, RECORDERS, 'A deadline extension');
    return this.matters.extendSubjectDeadline(reference, subjectId, { ...dto, key: deadlineKey, actor, commandId: key });
  }
}
