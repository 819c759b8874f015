import type { Provider } from '@nestjs/common';
import type Redis from 'ioredis';
import { alertGaugesReader } from '@brygga/alerts';
import { KEY_PREFIX, LastSyncStore, REDIS, TenantBreakerStore } from '@brygga/flow-kernel';
import { BRYGGA_METRICS, createBryggaMetrics, JOB_STATES, type JobState, type LastSyncSeconds } from '@brygga/metrics';
import { JobProducer } from '@brygga/queue';
import { DRIFT_KINDS } from '@brygga/domain';
import { operationsKeys, readLastReconcile } from '@brygga/operations';
import { RulesService } from '../infrastructure/rules.service';

/**
 * This process's metrics: queue depths and last syncs read from Redis when Prometheus
 * scrapes (every process shows the same cluster-wide values; take `max by (...)`), and the
 * rules in force and their reloads followed as they happen.
 */
export const metricsProvider: Provider = {
  provide: BRYGGA_METRICS,
  inject: [JobProducer, RulesService, LastSyncStore, TenantBreakerStore, REDIS, KEY_PREFIX],
  useFactory: (producer: JobProducer, rules: RulesService, lastSync: LastSyncStore, breakers: TenantBreakerStore, redis: Redis, prefix: string) => {
    const metrics = createBryggaMetrics({
      queueCounts: async () => {
        const out: Record<string, Partial<Record<JobState, number>>> = {};
        for (const queue of producer.allQueues()) out[queue.name] = await queue.getJobCounts(...JOB_STATES);
        return out;
      },
      lastSyncs: () => lastSyncSeconds(lastSync, rules),
      // Every configured tenant, closed ones at 0: an alert on the series needs it to exist.
      tenantBreakers: async () => {
        const states = await breakers.readAll();
        return Object.fromEntries(rules.planning.tenants().map((tenant) => [tenant, (states[tenant]?.state ?? 'closed') !== 'closed']));
      },
      // The alerts' state is Redis's: every role shows it, whichever process evaluated.
      alerts: alertGaugesReader(redis, prefix),
      reconcile: async () => {
        const last = await readLastReconcile(redis, operationsKeys(prefix));
        return last && { drift: Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, last.counts[kind] ?? 0])), durationSeconds: last.durationSeconds };
      },
    });
    metrics.rulesInfo.set({ version: rules.current().version }, 1);
    rules.onReload((outcome, version) => {
      metrics.rulesReloads.inc({ outcome });
      if (outcome === 'accepted') {
        metrics.rulesInfo.reset();
        metrics.rulesInfo.set({ version }, 1);
      }
    });
    return metrics;
  },
};

/**
 * Only the units and tenants the rules in force name: one the rules dropped would
 * otherwise hold the oldest roster back forever.
 */
async function lastSyncSeconds(lastSync: LastSyncStore, rules: RulesService): Promise<LastSyncSeconds> {
  const { feed, rosters, tenants } = await lastSync.readAll();
  const served = rules.current().units;
  const rosterTimes = Object.entries(rosters)
    .filter(([unit]) => Object.hasOwn(served, unit))
    .map(([, at]) => seconds(at));
  const configured = new Set(rules.planning.tenants());
  return {
    feed: feed === undefined ? undefined : seconds(feed),
    oldestRoster: rosterTimes.length > 0 ? Math.min(...rosterTimes) : undefined,
    tenants: Object.fromEntries(Object.entries(tenants).flatMap(([tenant, at]) => (configured.has(tenant) ? [[tenant, seconds(at)]] : []))),
  };
}

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
