import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { KEY_PREFIX, LastSyncStore, MaintenanceWindowsStore, REDIS, RULES, type RulesAccessor, TenantBreakerStore, type TenantHealth, TenantHealthStore } from '@brygga/flow-kernel';
import type { MappingRules } from '@brygga/mapping';
import { FlowOperationsExplorer, operationsKeys, readLastReconcile, type ReconcileSummary } from '@brygga/operations';
import { JobProducer } from '@brygga/queue';
import { scheduleKeys } from '@brygga/schedules';
import type { AlertKeys } from './alert-keys';
import { ALERT_KEYS } from './alerts.tokens';

export interface WaitingQueue {
  queue: string;
  waiting: number;
  paused: boolean;
  /** Since when its oldest waiting job waits (created, or back from a delay or an attempt); undefined when none waits. */
  oldestSince?: Date;
}

export interface TenantInput {
  tenant: string;
  health?: TenantHealth;
  breaker: 'closed' | 'open' | 'probing';
  inMaintenance: boolean;
}

/**
 * What the conditions read, from the state every process shares (Redis, BullMQ, the rules
 * in force): never a document's content, only times, ids and counts.
 */
@Injectable()
export class AlertInputs {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEY_PREFIX) private readonly prefix: string,
    @Inject(ALERT_KEYS) private readonly keys: AlertKeys,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    private readonly lastSync: LastSyncStore,
    private readonly tenantHealth: TenantHealthStore,
    private readonly maintenance: MaintenanceWindowsStore,
    private readonly breakers: TenantBreakerStore,
    private readonly producer: JobProducer,
    private readonly flows: FlowOperationsExplorer,
  ) {}

  /**
   * When the feed last brought something, or, before its first change, when alerts first
   * looked (kept once, so a new installation is silent from its start, not from 1970).
   */
  async feedChangedAt(now: Date): Promise<Date> {
    const changed = (await this.lastSync.readAll()).feedChange;
    if (changed !== undefined) return new Date(changed);
    await this.redis.set(this.keys.feedBaseline, String(now.getTime()), 'NX');
    return new Date(Number(await this.redis.get(this.keys.feedBaseline)));
  }

  /** The served units (the rules' `units`) that have no applied roster for `date`. */
  async unitsWithoutRoster(date: string): Promise<string[]> {
    const units = Object.keys(this.rules().units).sort();
    const keys = scheduleKeys(this.prefix);
    const pipeline = this.redis.pipeline();
    for (const unit of units) pipeline.hexists(keys.unitDates(unit), date);
    const replies = (await pipeline.exec()) ?? [];
    return units.filter((_unit, i) => {
      const [error, exists] = replies[i];
      if (error) throw error;
      return exists === 0;
    });
  }

  /** Failed jobs (not discarded by an operator) and quarantined entries waiting since `cutoff` or longer. */
  async unhandled(cutoff: Date): Promise<{ failedJobs: number; quarantined: number }> {
    const queues = this.producer.allQueues();
    const failedKeys = new Map(queues.map((q) => [q.name, q.toKey('failed')]));
    const counts = await Promise.all([...failedKeys.values()].map((key) => this.redis.zcount(key, '-inf', cutoff.getTime())));
    const discardedOld = await this.discardedSince(failedKeys, cutoff);
    const quarantined = await Promise.all(this.flows.all().map((flow) => flow.stats.countQuarantined(cutoff)));
    return { failedJobs: counts.reduce((a, b) => a + b, 0) - discardedOld, quarantined: quarantined.reduce((a, b) => a + b, 0) };
  }

  async waitingQueues(): Promise<WaitingQueue[]> {
    return Promise.all(
      this.producer.allQueues().map(async (queue) => {
        const [[oldest], waiting, paused] = await Promise.all([queue.getJobs(['waiting'], 0, 0, true), queue.getWaitingCount(), queue.isPaused()]);
        // A retried or delayed job has waited only since it came back: its creation time would overstate it.
        const since = oldest ? Math.max(oldest.timestamp + (oldest.delay ?? 0), oldest.processedOn ?? 0) : undefined;
        return { queue: queue.name, waiting, paused, ...(since !== undefined && { oldestSince: new Date(since) }) };
      }),
    );
  }

  /** The tenants the rules in force name: their health as the workers saw it, their circuit breaker, and whether a maintenance window is in force. */
  async tenants(now: Date): Promise<TenantInput[]> {
    const [health, breakers] = await Promise.all([this.tenantHealth.readAll(now), this.breakers.readAll()]);
    const tenants = Object.keys(this.rules().tenants).sort();
    const windows = await Promise.all(tenants.map((tenant) => this.maintenance.activeFor(tenant, now)));
    return tenants.map((tenant, i) => ({ tenant, health: health[tenant], breaker: breakers[tenant]?.state ?? 'closed', inMaintenance: windows[i] !== undefined }));
  }

  /** The last finished reconciliation run, in brief (undefined before the first). */
  async lastReconcile(): Promise<ReconcileSummary | undefined> {
    return readLastReconcile(this.redis, operationsKeys(this.prefix));
  }

  /** Discarded jobs are handled (an operator decided): those among the old failed ones are not counted. */
  private async discardedSince(failedKeys: Map<string, string>, cutoff: Date): Promise<number> {
    const byQueue = new Map<string, string[]>();
    for (const member of await this.redis.hkeys(operationsKeys(this.prefix).discarded)) {
      const colon = member.indexOf(':');
      const queue = member.slice(0, colon);
      if (failedKeys.has(queue)) byQueue.set(queue, [...(byQueue.get(queue) ?? []), member.slice(colon + 1)]);
    }
    let old = 0;
    for (const [queue, ids] of byQueue) {
      const scores = await this.redis.zmscore(failedKeys.get(queue) as string, ...ids);
      old += scores.filter((s) => s !== null && Number(s) <= cutoff.getTime()).length;
    }
    return old;
  }
}
