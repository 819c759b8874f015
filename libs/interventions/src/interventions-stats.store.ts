import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { FlowStatsStore, REDIS } from '@brygga/flow-kernel';
import { DATA_KEYS } from './interventions.tokens';
import type { DataKeys } from './redis-keys';

export const INTERVENTIONS_FLOW = 'interventions';

/** The interventions flow's counters and quarantine: a type of its own, so that it can be injected beside the schedules flow's. */
@Injectable()
export class InterventionsStats extends FlowStatsStore {
  constructor(@Inject(REDIS) redis: Redis, @Inject(DATA_KEYS) keys: DataKeys) {
    super(redis, keys, INTERVENTIONS_FLOW);
  }
}
