import type Redis from 'ioredis';
import { DocumentStore, FlowLogger, FlowStatsStore, kernelKeys, KernelKeys, LockSet } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import type { PlanningClientsRegistry } from '@brygga/planning-tool';
import type { JobProducer } from '@brygga/queue';
import { scheduleKeys, ScheduleKeys } from './schedule-keys';
import { ScheduleStateStore } from './schedule-state.store';

/** Everything the schedules flow needs, built once by the app and passed in. */
export interface SchedulesDeps {
  redis: Redis;
  producer: JobProducer;
  rules: () => MappingRules;
  planning: PlanningClientsRegistry;
  logger: FlowLogger;
  /** Today's local date (Europe/Stockholm), injectable for tests: decides which delegations count. */
  today: () => string;
}

export interface SchedulesStores {
  redis: Redis;
  keys: KernelKeys;
  scheduleKeys: ScheduleKeys;
  documents: DocumentStore;
  state: ScheduleStateStore;
  locks: LockSet;
  stats: FlowStatsStore;
}

export const SCHEDULES_FLOW = 'schedules';
export const SCHEDULING_SYSTEM = 'scheduling-system';

export function schedulesStores(redis: Redis, prefix: string): SchedulesStores {
  const keys = kernelKeys(prefix);
  const sched = scheduleKeys(prefix);
  return {
    redis,
    keys,
    scheduleKeys: sched,
    documents: new DocumentStore(redis, keys),
    state: new ScheduleStateStore(redis, sched),
    locks: new LockSet(redis),
    stats: new FlowStatsStore(redis, keys, SCHEDULES_FLOW),
  };
}
