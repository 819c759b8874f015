import { Module } from '@nestjs/common';
import { SchedulesRulesReplay } from './schedules-rules.replay';
import { SchedulesModule } from './schedules.module';

/** The schedules flow for the rules tools (dry-run, replay, apply), in the process that answers the admin API. */
@Module({ imports: [SchedulesModule], providers: [SchedulesRulesReplay] })
export class SchedulesRulesModule {}
