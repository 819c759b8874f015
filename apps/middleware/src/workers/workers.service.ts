import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JournalWriter } from '@brygga/journal';
import { BRYGGA_METRICS, type BryggaMetrics } from '@brygga/metrics';
import { JobHandlersExplorer, QueueName, type WorkerBeat, WorkerEvent, WorkerHost } from '@brygga/queue';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { RedisService } from '../infrastructure/redis.provider';

/**
 * Starts the queue workers (the worker role only has this service), with the handlers of
 * every flow module found through `@JobHandlers()`; hands running jobs back on shutdown.
 */
@Injectable()
export class WorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private host?: WorkerHost;

  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly redis: RedisService,
    private readonly handlers: JobHandlersExplorer,
    @Inject(BRYGGA_METRICS) private readonly metrics: BryggaMetrics,
    private readonly journal: JournalWriter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { concurrency, shutdownTimeoutMs, retryBaseDelayMs, heartbeat } = this.config.workers;
    this.host = new WorkerHost({
      connection: this.redis.redis,
      prefix: this.config.redis.prefix,
      concurrency: { [QueueName.Assignments]: concurrency, [QueueName.CaseDocuments]: 2, [QueueName.ScheduleDocuments]: 2, [QueueName.Scheduler]: 1, [QueueName.Operations]: 1 },
      shutdownTimeoutMs,
      backoffBaseMs: retryBaseDelayMs,
      heartbeat: { ...heartbeat, onMiss: (queue, error) => this.logger.warn(`${queue} worker heartbeat missed: ${error.message}`) },
      onEvent: (event) => {
        this.log(event);
        this.measure(event);
        this.journaled(event);
      },
      // Without a drop directory this worker cannot import dropped files: it leaves them to a worker that can.
      queues: Object.values(QueueName).filter((q) => q !== QueueName.CaseDocuments || Boolean(this.config.caseSystem.dropDir)),
    });
    // Refuses (before any worker starts) a job with no handler or with two.
    await this.host.start(this.handlers.providers());
    this.logger.log(`workers started (assignments concurrency ${concurrency})`);
  }

  get running(): boolean {
    return this.host?.running ?? false;
  }

  /** Each worker's last heartbeat on its own blocking connection (for /health/ready). */
  beats(): WorkerBeat[] {
    return this.host?.beats() ?? [];
  }

  private measure(event: WorkerEvent): void {
    if (event.type === 'error' || event.seconds === undefined) return;
    const outcome = event.type === 'completed' ? 'completed' : event.final ? 'failed' : 'retried';
    this.metrics.jobDuration.observe({ queue: event.queue, outcome }, event.seconds);
  }

  /** A failed attempt, in the journal by its job's ids: `retrying` while attempts remain, `failed` when it gave up. */
  private journaled(event: WorkerEvent): void {
    if (event.type !== 'failed') return;
    this.journal.write({
      kind: 'job.failed',
      status: event.final ? 'failed' : 'retrying',
      refs: { ...event.ids, jobId: event.jobId, requestId: event.requestId },
      reasons: [event.reasonCode],
      detail: { queue: event.queue, job: event.name, attempts: event.attemptsMade },
    });
  }

  private log(event: WorkerEvent): void {
    // Reasons are built from ids, codes and field names only (never personal data).
    if (event.type === 'failed') {
      const what = event.final ? 'failed permanently' : `failed (attempt ${event.attemptsMade}, will retry)`;
      this.logger.warn(`${event.queue}/${event.name} job ${event.jobId} ${what}: ${event.reason}`);
    } else if (event.type === 'error') {
      this.logger.error(`${event.queue} worker error: ${event.reason}`);
    } else {
      this.logger.debug(`${event.queue}/${event.name} job ${event.jobId} completed`);
    }
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (!this.host) return;
    this.logger.log(`stopping workers${signal ? ` on ${signal}` : ''}: running jobs finish or are handed back`);
    await this.host.close();
    this.host = undefined;
  }
}
