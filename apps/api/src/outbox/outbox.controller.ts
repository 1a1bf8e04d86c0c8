import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { User, mayAccessForce, visibleForces } from '../auth/user';
import { CurrentActor, requireRole } from '../common/actor';
import { OUTBOX_READERS } from './outbox-readers';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { OUTBOX_STATUSES, findDeliveryAttempts, findMessage, listMessages } from '@conduct/persistence';

export class ListOutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'dead: dead letters (kept failing, or a list report refused as incomplete)' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES as unknown as string[])
  status?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}


@ApiTags('outbox')
@ApiBearerAuth('bearer')
@Controller('outbox')
export class OutboxController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Outgoing messages by delivery status: pending (with the last error, e.g. no-route), delivered, or dead letters' })
  list(@Query() q: ListOutboxQuery, @CurrentActor() user: User) {
    requireRole(user, OUTBOX_READERS, 'The outbox');
    return listMessages(this.db, { status: q.status ?? null, limit: q.limit ?? 100, forces: visibleForces(user) });
  }

  @Get(':id/attempts')
  @ApiOperation({ summary: 'Every delivery attempt of one message: channel, outcome, error code, times' })
  async attempts(@Param('id', ParseIntPipe) id: number, @CurrentActor() user: User) {
    requireRole(user, OUTBOX_READERS, 'The outbox');
    const message = await findMessage(this.db, id);
    if (!message || !mayAccessForce(user, (message.forceId as string | null) ?? '')) throw new NotFoundException(`outbox message ${id} not found`);
    const attempts = await findDeliveryAttempts(this.db, id);
    return { ...message, attempts };
  }
}
