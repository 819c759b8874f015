import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DocumentSource } from '@brygga/flow-kernel';
import type { JobHandlerProvider } from '@brygga/queue';
import { SchedulingSystemClient } from '@brygga/scheduling-system';
import {
  ExportOrder,
  ScheduleDocumentProcessor,
  ScheduleIntake,
  SchedulePoller,
  SchedulesDeps,
  schedulesStores,
  SchedulesStores,
  StaffSkillsProcessor,
} from '@brygga/schedules';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { RedisService } from '../infrastructure/redis.provider';
import { RulesService } from './rules.service';

/** Wires the schedules flow (scheduling system -> planning tool) for this process's role. */
@Injectable()
export class SchedulesFlow implements OnApplicationBootstrap {
  private readonly logger = new Logger('Schedules');
  readonly stores: SchedulesStores;
  private readonly deps: SchedulesDeps;

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly redis: RedisService,
    rules: RulesService,
  ) {
    this.stores = schedulesStores(redis.redis, config.redis.prefix);
    this.deps = {
      redis: redis.redis,
      producer: redis.producer,
      rules: () => rules.current(),
      planning: rules.planning,
      logger: this.logger,
      today: config.today,
    };
  }

  handlerProviders(): JobHandlerProvider[] {
    const { url, token, horizonDays } = this.config.schedulingSystem;
    return [
      new ScheduleDocumentProcessor(this.deps, this.stores),
      new SchedulePoller(this.deps, this.stores, new SchedulingSystemClient(url, token), horizonDays),
      new StaffSkillsProcessor(this.deps, this.stores),
    ];
  }

  /** Stores the raw export, then queues its apply: the caller may acknowledge after this. */
  receiveDocument(bytes: Buffer, source: DocumentSource, order: ExportOrder): Promise<string> {
    return new ScheduleIntake(this.stores, this.redis.producer).accept(bytes, source, order);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    const { pollSeconds, horizonDays } = this.config.schedulingSystem;
    const producer = this.redis.producer;
    await producer.schedule('schedule-poll', 'schedule.poll', pollSeconds > 0 ? { every: pollSeconds * 1000 } : null, { v: 1 });
    // 00:10, after midnight has made yesterday's last delegation day the past.
    await producer.schedule('staff-skills', 'staff-skills.reevaluate', { pattern: '10 0 * * *', tz: 'Europe/Stockholm' }, { v: 1 });
    this.logger.log(`scheduling system: poll ${pollSeconds > 0 ? `every ${pollSeconds} s, ${horizonDays} days ahead` : 'off'}`);
  }
}
