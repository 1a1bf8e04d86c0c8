import { Body, Controller, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import type { User } from '../auth/user';
import { CurrentActor, requireRole } from '../common/actor';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/**
 * Temporal's remote codec protocol, so the Web UI can show a signed-in user the payloads that are
 * encrypted in the history (`temporal server start-dev --ui-codec-endpoint …/codec`).
 */
@ApiTags('operations')
@ApiBearerAuth('bearer')
@Controller('codec')
export class CodecController {
  constructor(private readonly temporal: TemporalClientProvider) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open encrypted payloads for the Temporal Web UI (signed-in users only)' })
  async decode(@Body() body: { payloads?: JsonPayload[] }, @CurrentActor() user: User) {
    requireRole(user, ['administrator', 'oversight', 'appropriate-authority', 'case-officer', 'investigator'], 'Reading workflow payloads');
    return { payloads: toJson(await this.codec().decode(fromJson(body?.payloads))) };
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Seal payloads as the engine does (for the Web UI)' })
  async encode(@Body() body: { payloads?: JsonPayload[] }, @CurrentActor() user: User) {
    requireRole(user, ['administrator'], 'Sealing workflow payloads');
    return { payloads: toJson(await this.codec().encode(fromJson(body?.payloads))) };
  }

  private codec() {
    if (!this.temporal.codec) throw new NotFoundException('payload encryption is not configured');
    return this.temporal.codec;
  }
}

function fromJson(payloads: JsonPayload[] | undefined): Payload[] {
  return (Array.isArray(payloads) ? payloads : []).map((p) => ({
    metadata: Object.fromEntries(Object.entries(p?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64')])),
    data: Buffer.from(String(p?.data ?? ''), 'base64'),
  }));
}

function toJson(payloads: Payload[]): JsonPayload[] {
  return payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
    data: Buffer.from(p.data ?? []).toString('base64'),
  }));
}
