import { UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { type AdminRequestContext, adminAccessKeys, AuditLogStore } from '@brygga/admin-access';
import { JOB_QUEUE, JobProducer, type JobName, type JobPayloads } from '@brygga/queue';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { DiscardedJobsStore } from './discarded-jobs.store';
import { FailedJobsReader } from './failed-jobs.reader';
import { FailedJobsService } from './failed-jobs.service';
import { OperationsAudit } from './operations-audit';
import { operationsKeys } from './operations-keys';
import { QueueControlService } from './queue-control.service';

export const OPERATOR: AdminRequestContext = { principal: { name: 'ops-anna', role: 'operator' }, requestId: 'req-1' };

/** The operations services on a real Redis under a unique prefix, built by hand (no Nest), for the lib's specs. */
export interface OperationsRig {
  redis: Redis;
  prefix: string;
  producer: JobProducer;
  audit: AuditLogStore;
  failed: FailedJobsService;
  queues: QueueControlService;
  discards: DiscardedJobsStore;
  /** Queues the jobs and lets a worker fail each as `fail` says (a message; `[code] ...` is a permanent failure). */
  failJobs<K extends JobName>(name: K, jobs: Array<{ id: string; data: JobPayloads[K]; fail: string }>): Promise<void>;
  close(): Promise<void>;
}

export async function operationsRig(label: string): Promise<OperationsRig> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = uniquePrefix(label);
  const producer = new JobProducer(redis, prefix);
  const audit = new AuditLogStore(redis, adminAccessKeys(prefix), 30);
  const operationsAudit = new OperationsAudit(audit);
  const discards = new DiscardedJobsStore(redis, operationsKeys(prefix), 30);
  const reader = new FailedJobsReader(redis, producer, discards);
  return {
    redis,
    prefix,
    producer,
    audit,
    discards,
    failed: new FailedJobsService(producer, reader, discards, operationsAudit),
    queues: new QueueControlService(producer, operationsAudit),
    async failJobs(name, jobs) {
      const reasons = new Map(jobs.map((j) => [j.id, j.fail]));
      for (const j of jobs) await producer.enqueue(name, j.data, { jobId: j.id, attempts: 1 });
      const connection = redis.duplicate();
      const worker = new Worker(
        JOB_QUEUE[name],
        async (job) => {
          const reason = reasons.get(job.id ?? '') ?? 'no reason';
          throw reason.startsWith('[') ? new UnrecoverableError(reason) : new Error(reason);
        },
        { connection, prefix, concurrency: 20 },
      );
      let failed = 0;
      const done = new Promise<void>((resolve) => {
        worker.on('failed', () => {
          failed += 1;
          if (failed === jobs.length) resolve();
        });
      });
      await done;
      await worker.close();
      connection.disconnect();
    },
    async close() {
      await producer.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
