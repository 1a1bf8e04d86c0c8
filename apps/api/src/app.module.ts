import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@conduct/persistence';
import { HealthController } from './health/health.controller';
import { MattersController } from './matters/matters.controller';
import { MattersService } from './matters/matters.service';
import { OutboxController } from './outbox/outbox.controller';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { RulesController } from './rules/rules.controller';
import { TemporalClientProvider } from './temporal/temporal-client.provider';

@Module({
  imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() })],
  controllers: [HealthController, MattersController, OutboxController, RecommendationsController, RulesController],
  providers: [MattersService, TemporalClientProvider],
})
export class AppModule {}
