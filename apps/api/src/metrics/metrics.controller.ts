import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { setting } from '@conduct/config';
import { Public } from '../auth/auth.guard';
import { ApiMetrics } from './api-metrics';

/**
 * Prometheus's scrape endpoint. Without a token (a scraper has none), rate-limited as a public endpoint, and off with
 * METRICS_ENABLED=off. Left out of the OpenAPI document: it is for operators' scrapers, not for the API's clients.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    if (setting('METRICS_ENABLED') === 'off') throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: 'metrics are switched off (METRICS_ENABLED=off)' });
    return this.metrics.scrape();
  }
}
