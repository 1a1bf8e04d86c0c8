import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@conduct/persistence';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { RecordChangeActivities } from './activities/record-change.activities';

@Module({
  imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() })],
  providers: [RecordChangeActivities, { provide: CalendarActivitiesService, useFactory: () => new CalendarActivitiesService() }],
})
export class WorkerModule {}
