import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { FLOW_LOGGER, type FlowLogger } from '@brygga/flow-kernel';
import { JobProducer } from '@brygga/queue';
import { SCHEDULES_WORKER_OPTIONS, type SchedulesWorkerOptions } from './schedules.tokens';

/**
 * What makes the flow's jobs happen by themselves in a worker: the schedules poll and
 * the daily skills re-evaluation (BullMQ job schedulers, one however many workers upsert
 * them). Upserted once the application is up, not when built.
 */
@Injectable()
export class SchedulesScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly producer: JobProducer,
    @Inject(SCHEDULES_WORKER_OPTIONS) private readonly options: SchedulesWorkerOptions,
    @Inject(FLOW_LOGGER) private readonly logger: FlowLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { pollSeconds, horizonDays } = this.options.schedulingApi;
    await this.producer.schedule('schedule-poll', 'schedule.poll', pollSeconds > 0 ? { every: pollSeconds * 1000 } : null, { v: 1 });
    // 00:10, after midnight has made yesterday's last delegation day the past.
    await this.producer.schedule('staff-skills', 'staff-skills.reevaluate', { pattern: '10 0 * * *', tz: 'Europe/Stockholm' }, { v: 1 });
    this.logger.log(`scheduling system: poll ${pollSeconds > 0 ? `every ${pollSeconds} s, ${horizonDays} days ahead` : 'off'}`);
  }
}
