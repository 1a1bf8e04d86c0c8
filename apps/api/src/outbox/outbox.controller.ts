import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { User, mayAccessForce, visibleForces } from '../auth/user';
import { CurrentActor, requireRole } from '../common/actor';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;

export class ListOutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'dead: dead letters (kept failing, or a list report refused as incomplete)' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES as unknown as string[])
  status?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

const READERS = ['administrator', 'oversight', 'appropriate-authority', 'case-officer'] as const;

/** What the outbox holds and how its delivery went, without the payloads (they may hold personal data). */
const COLUMNS = `id, idempotency_key AS "idempotencyKey", matter_reference AS "matterReference", subject_id AS "subjectId",
  purpose, recipient, payload->>'forceId' AS "forceId", status, attempts, last_error AS "lastError", not_before AS "notBefore",
  created_at AS "createdAt", delivered_at AS "deliveredAt", dead_at AS "deadAt"`;

@ApiTags('outbox')
@ApiBearerAuth('bearer')
@Controller('outbox')
export class OutboxController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Outgoing messages by delivery status: pending (with the last error, e.g. no-route), delivered, or dead letters' })
  list(@Query() q: ListOutboxQuery, @CurrentActor() user: User) {
    requireRole(user, READERS, 'The outbox');
    return this.db.query(
      `SELECT ${COLUMNS} FROM outbox_message WHERE ($1::text IS NULL OR status = $1) AND ($3::text[] IS NULL OR payload->>'forceId' = ANY($3)) ORDER BY id DESC LIMIT $2`,
      [q.status ?? null, q.limit ?? 100, visibleForces(user)],
    );
  }

  @Get(':id/attempts')
  @ApiOperation({ summary: 'Every delivery attempt of one message: channel, outcome, error code, times' })
  async attempts(@Param('id', ParseIntPipe) id: number, @CurrentActor() user: User) {
    requireRole(user, READERS, 'The outbox');
    const [message] = await this.db.query(`SELECT ${COLUMNS} FROM outbox_message WHERE id = $1`, [id]);
    if (!message || !mayAccessForce(user, message.forceId ?? '')) throw new NotFoundException(`outbox message ${id} not found`);
    const attempts = await this.db.query(
      `SELECT attempt, channel, outcome, error, started_at AS "startedAt", finished_at AS "finishedAt"
       FROM delivery_attempt WHERE outbox_message_id = $1 ORDER BY attempt`,
      [id],
    );
    return { ...message, attempts };
  }
}
