import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@conduct/persistence';
import { AllocationController } from './allocation/allocation.controller';
import { AllocationService } from './allocation/allocation.service';
import { StaffRegister } from './allocation/staff-register';
import { AuthSettings, authSettings } from './auth/auth.config';
import { AuthGuard } from './auth/auth.guard';
import { RateLimits } from './common/rate-limit';
import { CodecController } from './codec/codec.controller';
import { ConfidentialReportsController } from './confidential-reports/confidential-reports.controller';
import { ConfidentialReportsService } from './confidential-reports/confidential-reports.service';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { ServerUnavailableFilter } from './health/unavailable';
import { MattersController } from './matters/matters.controller';
import { MattersService } from './matters/matters.service';
import { ApiMetrics } from './metrics/api-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OutboxController } from './outbox/outbox.controller';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { RecommendationsService } from './recommendations/recommendations.service';
import { ReturnsService } from './reports/returns.service';
import { ReportsController } from './reports/reports.controller';
import { RulesController } from './rules/rules.controller';
import { TemporalClientProvider } from './temporal/temporal-client.provider';
import { WEB_CONTROLLERS, WEB_PROVIDERS } from './web';

@Module({
  imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() })],
  controllers: [CodecController, ConfidentialReportsController, HealthController, ImportsController, MattersController, MetricsController, OutboxController, PeopleController, RecommendationsController, ReportsController, RulesController, ...WEB_CONTROLLERS, AllocationController],
  providers: [
    MattersService,
    PeopleService,
    ReturnsService,
    ConfidentialReportsService,
    RecommendationsService,
    ImportsService,
    ApiMetrics,
    TemporalClientProvider,
    ...WEB_PROVIDERS,
    AllocationService,
    StaffRegister,
    { provide: AuthSettings, useFactory: () => authSettings() },
    { provide: RateLimits, useFactory: () => new RateLimits() },
    { provide: APP_GUARD, useClass: AuthGuard },
    // PostgreSQL or Temporal down or restarting: 503 naming it, not 500.
    { provide: APP_FILTER, useClass: ServerUnavailableFilter },
  ],
})
export class AppModule {}
