import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import {
  Actor,
  extendRecommendationDeadline,
  recommendationState,
  recommendationWorkflowId,
  recordRecommendationPublished,
  recordRecommendationResponse,
} from '@conduct/workflows';
import { CurrentActor, requireRole } from '../common/actor';
import { toHttpError } from '../common/temporal-errors';
import { IsCivilDate, IsInstant } from '../common/validators';
import { ExtensionDto } from '../matters/matters.dto';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export class MakeRecommendationDto {
  @ApiProperty({ example: '2020-138174-R1' }) @Matches(REFERENCE, { message: 'reference must be 1-64 letters, digits, dots, slashes, dashes or underscores' }) reference!: string;
  @ApiProperty({ example: 'MPS-2020-0623' }) @Matches(REFERENCE, { message: 'matterReference must be a matter reference' }) matterReference!: string;
  @ApiProperty({ example: 'metropolitan' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'forceId must be 1-64 letters, digits, dots, dashes or underscores' }) forceId!: string;
  @ApiProperty({ example: 'Commissioner of Police of the Metropolis' }) @IsString() @MinLength(1) @MaxLength(200) recipient!: string;
  @ApiProperty({ example: '2022-01-20' }) @IsCivilDate({ notInFuture: true }) madeOn!: string;
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
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly temporal: TemporalClientProvider) {}

  @Post()
  @ApiOperation({ summary: 'Record an IOPC recommendation: its response is due in 56 days' })
  async make(@Body() dto: MakeRecommendationDto, @CurrentActor() actor: Actor) {
    requireRole(actor, ['oversight', 'administrator', 'case-officer'], 'A recommendation');
    const client = await this.temporal.get();
    try {
      const handle = await client.workflow.start('recommendation', {
        workflowId: recommendationWorkflowId(dto.reference),
        taskQueue: this.temporal.settings.taskQueue,
        args: [{ ...dto, madeBy: actor }],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      return await waitForDeadlines(() => handle.query(recommendationState));
    } catch (err) {
      throw toHttpError(err, `recommendation ${dto.reference}`);
    }
  }

  @Get(':reference')
  @ApiOperation({ summary: 'A recommendation, its response and its deadlines' })
  async get(@Param('reference') reference: string) {
    const client = await this.temporal.get();
    try {
      return await client.workflow.getHandle(recommendationWorkflowId(reference)).query(recommendationState);
    } catch (err) {
      throw toHttpError(err, `recommendation ${reference}`);
    }
  }

  @Post(':reference/response')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the recipient's written response (Sch3 para 28B)" })
  respond(@Param('reference') reference: string, @Body() dto: RecommendationResponseDto, @CurrentActor() actor: Actor, @Headers('idempotency-key') key?: string) {
    requireRole(actor, ['appropriate-authority', 'case-officer', 'administrator'], 'A response to a recommendation');
    return this.update(reference, recordRecommendationResponse, { ...dto, actor, commandId: key });
  }

  @Post(':reference/publication')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the Director General published the response' })
  publish(@Param('reference') reference: string, @Body() dto: RecommendationPublishedDto, @CurrentActor() actor: Actor) {
    requireRole(actor, ['oversight', 'administrator'], 'Publication of a response');
    return this.update(reference, recordRecommendationPublished, { ...dto, actor });
  }

  @Post(':reference/deadlines/:key/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the response deadline on application, with the reason and who agreed' })
  extend(@Param('reference') reference: string, @Param('key') deadlineKey: string, @Body() dto: ExtensionDto, @CurrentActor() actor: Actor) {
    requireRole(actor, ['oversight', 'appropriate-authority', 'administrator'], 'An extension');
    return this.update(reference, extendRecommendationDeadline, { ...dto, key: deadlineKey, actor });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async update(reference: string, def: any, cmd: unknown) {
    const client = await this.temporal.get();
    try {
      return await client.workflow.getHandle(recommendationWorkflowId(reference)).executeUpdate(def, { args: [cmd] });
    } catch (err) {
      throw toHttpError(err, `recommendation ${reference}`);
    }
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
