import { Body, Controller, ForbiddenException, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { extendRecommendationDeadline, recommendationState, recommendationWorkflowId, recordRecommendationPublished } from '@conduct/workflows';
import { COMMAND_GRANTS, mayActOnForce } from '@conduct/domain';
import { User } from '../auth/user';
import { IdentifierPipe } from '../common/pipes';
import { CurrentActor, asActor, requireGrant } from '../common/actor';
import { ApiCommandErrors } from '../common/api-errors.decorator';
import { EARLIEST_DATE, IsCivilDate, IsInstant } from '../common/validators';
import { ExtensionDto } from '../matters/matters.dto';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { RecommendationsService } from './recommendations.service';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export class MakeRecommendationDto {
  @ApiProperty({ example: '2020-138174-R1' }) @Matches(REFERENCE, { message: 'reference must be 1-64 letters, digits, dots, slashes, dashes or underscores' }) reference!: string;
  @ApiProperty({ example: 'MPS-2020-0623' }) @Matches(REFERENCE, { message: 'matterReference must be a matter reference' }) matterReference!: string;
  @ApiProperty({ example: 'metropolitan' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'forceId must be 1-64 letters, digits, dots, dashes or underscores' }) forceId!: string;
  @ApiProperty({ example: 'Commissioner of Police of the Metropolis' }) @IsString() @MinLength(1) @MaxLength(200) recipient!: string;
  @ApiProperty({ example: '2022-01-20' }) @IsCivilDate({ notInFuture: true, notBefore: EARLIEST_DATE }) madeOn!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(8000) text!: string;
}

export class RecommendationResponseDto {
  @ApiProperty() @IsBoolean() accepted!: boolean;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(8000) summary!: string;
  @ApiProperty({ example: '2022-03-10T10:00:00Z' }) @IsInstant() occurredAt!: string;
}

export class RecommendationPublishedDto {
  @ApiPropertyOptional({ example: '2022-03-25T10:00:00Z' }) @IsInstant() occurredAt!: string;
}

/** IOPC learning recommendations (Sch3 paras 28A/28B): response within 56 days, publication within 21. */
@ApiTags('recommendations')
@ApiBearerAuth('bearer')
@Controller('recommendations')
export class RecommendationsController {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Record an IOPC recommendation: its response is due in 56 days' })
  @ApiCommandErrors(201)
  @ApiConflictResponse({ description: 'A recommendation with this reference was already recorded' })
  async make(@Body() dto: MakeRecommendationDto, @CurrentActor() user: User) {
    requireGrant(user, COMMAND_GRANTS.recommendation);
    if (!mayActOnForce(user, dto.forceId, COMMAND_GRANTS.recommendation)) throw new ForbiddenException({ message: `forceId: you may record recommendations only for ${user.forceId}`, field: 'forceId' });
    return this.temporal.call({ what: `recommendation ${dto.reference}`, command: true }, async (client) => {
      const handle = await client.workflow.start('recommendation', {
        workflowId: recommendationWorkflowId(dto.reference),
        taskQueue: this.temporal.settings.taskQueue,
        workflowTaskTimeout: this.temporal.settings.workflowTaskTimeoutMs,
        args: [{ ...dto, madeBy: asActor(user) }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      return waitForDeadlines(() => handle.query(recommendationState));
    });
  }

  @Get(':reference')
  @ApiOperation({ summary: 'A recommendation, its response and its deadlines' })
  get(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @CurrentActor() user: User) {
    return this.recommendations.get(reference, user);
  }

  @Post(':reference/response')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the recipient's written response (Sch3 para 28B)" })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: 'Not allowed at this stage (already answered, published, or the deadline not extendable): the body names the rule' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  respond(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @Body() dto: RecommendationResponseDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    return this.recommendations.respond(reference, dto, user, key);
  }

  @Post(':reference/publication')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the Director General published the response' })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: 'Not allowed at this stage (already answered, published, or the deadline not extendable): the body names the rule' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  publish(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @Body() dto: RecommendationPublishedDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    requireGrant(user, COMMAND_GRANTS['recommendation-publication']);
    return this.recommendations.command(reference, user, COMMAND_GRANTS['recommendation-publication'], recordRecommendationPublished, { ...dto, actor: asActor(user), commandId: key });
  }

  @Post(':reference/deadlines/:key/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the response deadline on application, with the reason and who agreed' })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: 'Not allowed at this stage (already answered, published, or the deadline not extendable): the body names the rule' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  extend(@Param('reference', new IdentifierPipe('recommendation')) reference: string, @Param('key', new IdentifierPipe('deadline')) deadlineKey: string, @Body() dto: ExtensionDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    requireGrant(user, COMMAND_GRANTS['recommendation-extension']);
    return this.recommendations.command(reference, user, COMMAND_GRANTS['recommendation-extension'], extendRecommendationDeadline, { ...dto, key: deadlineKey, actor: asActor(user), commandId: key });
  }
}

/** The workflow sets its deadline in its first task; answer once it has. */
async function waitForDeadlines<T extends { deadlines: unknown[] }>(query: () => Promise<T>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const view = await query();
    if (view.deadlines.length) return view;
    await new Promise((r) => setTimeout(r, 50));
  }
  return query();
}
