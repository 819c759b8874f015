import type Redis from 'ioredis';
import type { MappingRules } from '@brygga/mapping';
import type { PlanningClientsRegistry, PlanningIds } from '@brygga/planning-tool';
import type { JobProducer } from '@brygga/queue';
import { AssignmentStateStore } from './assignment-state.store';
import { CustomerStateStore } from './customer-state.store';
import { DocumentStore, FlowLogger, FlowStatsStore } from '@brygga/flow-kernel';
import { dataKeys, DataKeys } from './redis-keys';

/** Everything the interventions flow needs, built once by the app and passed in. */
export interface InterventionsDeps {
  redis: Redis;
  prefix: string;
  producer: JobProducer;
  rules: () => MappingRules;
  planning: PlanningClientsRegistry;
  ids: PlanningIds;
  logger: FlowLogger;
  /** Today's local date (Europe/Stockholm), injectable for tests. */
  today: () => string;
}

export interface InterventionsStores {
  keys: DataKeys;
  documents: DocumentStore;
  assignments: AssignmentStateStore;
  customers: CustomerStateStore;
  stats: FlowStatsStore;
}

export const INTERVENTIONS_FLOW = 'interventions';

export function interventionsStores(redis: Redis, prefix: string): InterventionsStores {
  const keys = dataKeys(prefix);
  return {
    keys,
    documents: new DocumentStore(redis, keys),
    assignments: new AssignmentStateStore(redis, keys),
    customers: new CustomerStateStore(redis, keys),
    stats: new FlowStatsStore(redis, keys, INTERVENTIONS_FLOW),
  };
}
