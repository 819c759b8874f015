import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { loadMappingRules } from '@brygga/config';
import { DataSealer, readDataKeyRing } from '@brygga/data-seal';
import { FlowKernelModule, type FlowOperations, FlowStatsStore, KERNEL_KEYS, type KernelKeys, KEY_PREFIX, kernelKeys, LastSyncStore, MaintenanceWindowsStore, OperatedFlow, REDIS, RULES, TenantHealthStore } from '@brygga/flow-kernel';
import { JOB_QUEUE, JobProducer, type JobName, type JobPayloads } from '@brygga/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AlertStateStore } from './alert-state.store';
import { AlertWebhookDeliverer } from './alert-webhook.deliverer';
import { AlertEvaluator } from './alert.evaluator';
import { AlertsService } from './alerts.service';
import type { AlertsOptions } from './alerts.tokens';
import { AlertsModule } from './alerts.module';

/** Monday 2026-11-23 10:00 Stockholm (CET): within office hours, before the roster deadline. */
export const MONDAY_10 = new Date('2026-11-23T09:00:00.000Z');

export const DEFAULT_OPTIONS: AlertsOptions = {
  thresholds: { feedSilentMinutes: 120, officeHours: { from: 7, until: 17 }, rosterDeadline: { hour: 16, minute: 0 }, unhandledMinutes: 60, queueAgeMinutes: 15, tenantFailingMinutes: 10 },
  feedPolled: true,
  evaluateSeconds: 30,
  retentionDays: 30,
};

/** A flow as operations see it, with a real quarantine: the alerts find it through discovery like a real one. */
@Injectable()
@OperatedFlow()
class QuarantineOnlyFlow implements FlowOperations {
  readonly flow = 'interventions';
  readonly stats: FlowStatsStore;
  constructor(redis: Redis, keys: KernelKeys) {
    this.stats = new FlowStatsStore(redis, keys, 'interventions');
  }
  canRequeue(): boolean {
    return false;
  }
  async requeue(): Promise<void> {
    throw new Error('not in this rig');
  }
}

export interface Evaluator {
  evaluator: AlertEvaluator;
  deliverer: AlertWebhookDeliverer;
  service: AlertsService;
  store: AlertStateStore;
  close(): Promise<void>;
}

/** The alerts on a real Redis under a unique prefix, the shipped rules and a clock the test moves. */
export interface AlertsRig {
  redis: Redis;
  prefix: string;
  producer: JobProducer;
  clock: { now: Date };
  lastSync: LastSyncStore;
  tenantHealth: TenantHealthStore;
  maintenance: MaintenanceWindowsStore;
  quarantine: FlowStatsStore;
  /** An evaluating process (as many as wanted, sharing the prefix); closed by close(). */
  evaluatorProcess(options?: Partial<AlertsOptions>): Promise<Evaluator>;
  /** Queues the job and lets a worker fail it once, for good. */
  failJob<K extends JobName>(name: K, data: JobPayloads[K]): Promise<void>;
  close(): Promise<void>;
}

export async function alertsRig(label: string): Promise<AlertsRig> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix(label);
  const producer = new JobProducer(redis, prefix);
  const rules = loadMappingRules('config/mapping-rules.yaml');
  const clock = { now: MONDAY_10 };
  const keys = kernelKeys(prefix);
  const closers: Array<() => Promise<void>> = [];
  return {
    redis,
    prefix,
    producer,
    clock,
    lastSync: new LastSyncStore(redis, keys),
    tenantHealth: new TenantHealthStore(redis, keys),
    maintenance: new MaintenanceWindowsStore(redis, keys),
    quarantine: new FlowStatsStore(redis, keys, 'interventions'),
    async evaluatorProcess(options = {}) {
      const own = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      const ownProducer = new JobProducer(own, prefix);
      const close = async () => {
        await moduleRef?.close();
        await ownProducer.close();
        own.disconnect();
      };
      closers.push(close);
      const moduleRef = await Test.createTestingModule({
        imports: [
          FlowKernelModule.forRoot([
            { provide: REDIS, useValue: own },
            { provide: KEY_PREFIX, useValue: prefix },
            { provide: RULES, useValue: () => rules },
            { provide: JobProducer, useValue: ownProducer },
            { provide: DataSealer, useValue: new DataSealer(readDataKeyRing({})) },
          ]),
          AlertsModule.register({ options: { ...DEFAULT_OPTIONS, ...options }, clock: () => clock.now, ticking: false }),
        ],
        providers: [{ provide: QuarantineOnlyFlow, inject: [REDIS, KERNEL_KEYS], useFactory: (r: Redis, k: KernelKeys) => new QuarantineOnlyFlow(r, k) }],
      }).compile();
      await moduleRef.init();
      return { evaluator: moduleRef.get(AlertEvaluator), deliverer: moduleRef.get(AlertWebhookDeliverer), service: moduleRef.get(AlertsService), store: moduleRef.get(AlertStateStore), close };
    },
    async failJob(name, data) {
      await producer.enqueue(name, data, { attempts: 1 });
      const connection = redis.duplicate();
      const worker = new Worker(
        JOB_QUEUE[name],
        async () => {
          throw new Error('failing on purpose');
        },
        { connection, prefix },
      );
      await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
      await worker.close();
      connection.disconnect();
    },
    async close() {
      for (const close of closers.splice(0)) await close();
      await producer.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
