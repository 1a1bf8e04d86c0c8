import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '../auth/auth.guard';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** Alive: the process answers. Orchestrators restart it when this fails. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready when both PostgreSQL and Temporal answer. */
  @Get()
  async health() {
    const checks = { database: await this.check(() => this.db.query('SELECT 1')), temporal: await this.check(async () => (await this.temporal.get()).workflowService.getSystemInfo({})) };
    const ok = Object.values(checks).every((c) => c === 'up');
    if (!ok) throw new ServiceUnavailableException({ status: 'degraded', checks });
    return { status: 'ok', checks };
  }

  private async check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
    try {
      await probe();
      return 'up';
    } catch {
      return 'down';
    }
  }
}
