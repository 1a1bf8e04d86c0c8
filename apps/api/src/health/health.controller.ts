import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '../auth/auth.guard';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

/** A check that has not answered in this long counts as down: a server that is gone must not hang the probe. */
const PROBE_TIMEOUT_MS = 1_500;

const NAMES = { database: 'PostgreSQL', temporal: 'Temporal' } as const;

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** Alive: the process answers, whatever its servers do. Orchestrators restart it when this fails. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Ready when both PostgreSQL and Temporal answer; otherwise 503 naming the parts that are down, so a load
   * balancer stops sending requests the API cannot serve (and a person sees which server to look at).
   */
  @Get()
  async health() {
    const [database, temporal] = await Promise.all([
      this.check(() => this.db.query('SELECT 1')),
      this.check(async () => {
        const client = await this.temporal.get();
        await client.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => client.workflowService.getSystemInfo({}));
      }),
    ]);
    const checks = { database, temporal };
    const down = (Object.keys(checks) as (keyof typeof checks)[]).filter((k) => checks[k] === 'down').map((k) => NAMES[k]);
    if (down.length) throw new ServiceUnavailableException({ statusCode: 503, status: 'degraded', message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down`, down, checks });
    return { status: 'ok', checks };
  }

  private async check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), PROBE_TIMEOUT_MS)))]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
