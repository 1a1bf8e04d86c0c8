import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@conduct/persistence';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { RecordChangeActivities } from './activities/record-change.activities';
import { OutboxModule } from './outbox/outbox.module';

@Module({
  imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() }), OutboxModule],
  providers: [RecordChangeActivities, { provide: CalendarActivitiesService, useFactory: () => new CalendarActivitiesService() }],
})
export class WorkerModule {}
