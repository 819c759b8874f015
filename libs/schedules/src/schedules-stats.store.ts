import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { FlowStatsStore, KERNEL_KEYS, type KernelKeys, REDIS } from '@brygga/flow-kernel';

export const SCHEDULES_FLOW = 'schedules';

/** The schedules flow's counters and quarantine: a type of its own, so that it can be injected beside the interventions flow's. */
@Injectable()
export class SchedulesStats extends FlowStatsStore {
  constructor(@Inject(REDIS) redis: Redis, @Inject(KERNEL_KEYS) keys: KernelKeys) {
    super(redis, keys, SCHEDULES_FLOW);
  }
}
