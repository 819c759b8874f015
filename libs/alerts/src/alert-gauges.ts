import type Redis from 'ioredis';
import type { AlertCondition } from './alert-condition';
import { alertKeys } from './alert-keys';
import { AlertOutboxStore } from './alert-outbox.store';
import { AlertStateStore } from './alert-state.store';

export interface AlertGauges {
  active: Record<AlertCondition, number>;
  webhookPending: number;
}

/** What the metrics read at scrape time, in any process (the state is Redis's, shared by all). */
export function alertGaugesReader(redis: Redis, prefix: string): () => Promise<AlertGauges> {
  const keys = alertKeys(prefix);
  const store = new AlertStateStore(redis, keys);
  const outbox = new AlertOutboxStore(redis, keys);
  return async () => ({ active: await store.activeCounts(), webhookPending: await outbox.pending() });
}
