import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMMAND_GRANTS, Role, checkAllegationFieldsOfDecision, subjectDecisionGrant, subjectEventGrant } from '@conduct/domain';
import type { User } from '../auth/user';
import { IdentifierPipe } from '../common/pipes';
import { CurrentActor, asActor, requireGrant, requireRole } from '../common/actor';
import { ApiCommandErrors } from '../common/api-errors.decorator';
import { DecisionDto, EventDto, ExtensionDto, ListMattersQuery, MatterDecisionDto, MatterEventDto, ReferMatterDto } from './matters.dto';
import { MattersService } from './matters.service';
import { setting } from '@conduct/config';
import { decisionCommand, eventCommand, matterEventCommand } from './commands';
import { requestIdOf } from '../common/request-log.middleware';

/** Barred and advisory list reports hold personal data: those who make and oversee them. */
const LIST_REPORT_READERS: Role[] = ['appropriate-authority', 'administrator', 'oversight'];

@ApiTags('matters')
@ApiBearerAuth('bearer')
@Controller('matters')
export class MattersController {
  constructor(private readonly matters: MattersService) {}

  @Post()
  @ApiOperation({ summary: 'Refer a matter: starts its workflow and one track per subject' })
  @ApiCommandErrors(201)
  @ApiConflictResponse({ description: 'A matter with this reference was already referred' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried referral with the same key is answered with the matter it created' })
  refer(@Body() dto: ReferMatterDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    requireGrant(user, COMMAND_GRANTS.referral);
    return this.matters.refer(dto, user, key);
  }

  @Get()
  @ApiOperation({ summary: 'Search matters: by force, stage, kind, warrant number, deadlines due within N days or overdue' })
  list(@Query() q: ListMattersQuery, @CurrentActor() user: User) {
    return this.matters.list(q, user);
  }

  @Get(':reference')
  @ApiOperation({ summary: 'A matter, its subjects and their deadlines, from the projection' })
  get(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentActor() user: User) {
    return this.matters.get(reference, user);
  }

  @Get(':reference/audit')
  @ApiOperation({ summary: 'The append-only audit trail of a matter' })
  audit(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentActor() user: User) {
    return this.matters.audit(reference, user);
  }

  @Get(':reference/outbox')
  @ApiOperation({ summary: 'Messages queued for a matter: reminders, escalations, notices, list reports' })
  outbox(@Param('reference', new IdentifierPipe('matter')) reference: string, @CurrentActor() user: User) {
    return this.matters.outbox(reference, user);
  }

  @Get(':reference/subjects/:subjectId/list-reports')
  @ApiOperation({ summary: "A subject's barred-list and advisory-list reports, whole, with their delivery; every read is recorded in the audit trail" })
  listReports(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('subjectId', new IdentifierPipe('subject')) subjectId: string,
    @CurrentActor() user: User,
    @Req() req: { headers: Record<string, string | string[] | undefined> },
  ) {
    requireRole(user, LIST_REPORT_READERS, 'A list report');
    return this.matters.listReports(reference, subjectId, user, requestIdOf(req));
  }

  @Post(':reference/decisions')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the Director General's decision on the mode of investigation (Sch3 para 15)" })
  @ApiCommandErrors()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  @ApiConflictResponse({ description: 'Not allowed at this stage: the body names the rule and its regulation' })
  matterDecision(@Param('reference', new IdentifierPipe('matter')) reference: string, @Body() dto: MatterDecisionDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    const grant = COMMAND_GRANTS[dto.decision];
    requireGrant(user, grant);
    return this.matters.matterDecision(reference, { ...dto, actor: asActor(user), commandId: key }, user, grant);
  }

  @Post(':reference/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an event of the matter: referral to the IOPC (mandatory, or voluntary under PRA 2002 Sch 3 paras 4(2)/13(2)/14C(2)), complainant update, timeliness report, investigation completed (ends the timeliness series at its occurredAt)' })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: 'Not allowed now (the deadline is not open or not extendable, or the matter is closed): the body names the rule' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  matterEvent(@Param('reference', new IdentifierPipe('matter')) reference: string, @Body() dto: MatterEventDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    requireGrant(user, COMMAND_GRANTS['matter-event']);
    return this.matters.matterEvent(reference, matterEventCommand(dto, asActor(user), key), user, COMMAND_GRANTS['matter-event']);
  }

  @Post(':reference/deadlines/:key/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: "Extend one of the matter's deadlines, with the reason and who agreed" })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: 'Not allowed now (the deadline is not open or not extendable, or the matter is closed): the body names the rule' })
  extendMatterDeadline(@Param('reference', new IdentifierPipe('matter')) reference: string, @Param('key', new IdentifierPipe('deadline')) deadlineKey: string, @Body() dto: ExtensionDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    requireGrant(user, COMMAND_GRANTS['matter-deadline-extension']);
    return this.matters.extendMatterDeadline(reference, { ...dto, key: deadlineKey, actor: asActor(user), commandId: key }, user, COMMAND_GRANTS['matter-deadline-extension']);
  }

  @Post(':reference/subjects/:subjectId/decisions')
  @HttpCode(200)
  @ApiOperation({ summary: "Record a decision on a subject's track (severity, case to answer, outcome...)" })
  @ApiCommandErrors()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  @ApiBody({ type: DecisionDto, examples: { severity: { value: { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: 'A rude remark to a member of the public, if proved, would justify a written warning', occurredAt: '2020-06-24T10:00:00Z' } } } })
  @ApiConflictResponse({ description: 'Not allowed at this stage: the body names the rule and its regulation' })
  subjectDecision(@Param('reference', new IdentifierPipe('matter')) reference: string, @Param('subjectId', new IdentifierPipe('subject')) subjectId: string, @Body() dto: DecisionDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    const grant = subjectDecisionGrant(dto.decision);
    requireGrant(user, grant);
    // A decision the regulations do not tie to allegations carries none (not dropped without a word).
    const misplaced = checkAllegationFieldsOfDecision(dto.decision, dto);
    if (misplaced) throw new BadRequestException({ message: misplaced.reason, field: misplaced.field, rule: misplaced.rule, regulation: misplaced.regulation });
    return this.matters.subjectDecision(reference, subjectId, decisionCommand(dto, asActor(user), key), user, grant);
  }

  @Post(':reference/subjects/:subjectId/events')
  @HttpCode(200)
  @ApiOperation({ summary: "Record an event on a subject's track (notice served, interview held, resigned...)" })
  @ApiCommandErrors()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  @ApiConflictResponse({ description: 'Not allowed at this stage: the body names the rule and its regulation' })
  subjectEvent(@Param('reference', new IdentifierPipe('matter')) reference: string, @Param('subjectId', new IdentifierPipe('subject')) subjectId: string, @Body() dto: EventDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    const grant = subjectEventGrant(dto.event);
    requireGrant(user, grant);
    return this.matters.subjectEvent(reference, subjectId, eventCommand(dto, asActor(user), key, { panelRules: panelRulesConfigured() }), user, grant);
  }

  @Post(':reference/subjects/:subjectId/deadlines/:key/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: "Extend a deadline on a subject's track, with the reason and who agreed" })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: 'Not allowed now (the deadline is not open or not extendable, or the matter is closed): the body names the rule' })
  extendSubjectDeadline(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('subjectId', new IdentifierPipe('subject')) subjectId: string,
    @Param('key', new IdentifierPipe('deadline')) deadlineKey: string,
    @Body() dto: ExtensionDto,
    @CurrentActor() user: User,
    @Headers('idempotency-key') key?: string,
  ) {
    requireGrant(user, COMMAND_GRANTS['subject-deadline-extension']);
    return this.matters.extendSubjectDeadline(reference, subjectId, { ...dto, key: deadlineKey, actor: asActor(user), commandId: key }, user, COMMAND_GRANTS['subject-deadline-extension']);
  }
}

/** PANEL_RULES, where anything is configured: it travels with a panel command so the workflow's check is deterministic. */
export function panelRulesConfigured() {
  const rules = setting('PANEL_RULES');
  return Object.keys(rules).length ? rules : undefined;
}
