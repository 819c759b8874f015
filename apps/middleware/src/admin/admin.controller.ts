import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Inject, NotFoundException, Post, Query, UnauthorizedException } from '@nestjs/common';
import { bearerTokenMatches } from '@brygga/config';
import { ALL_QUEUES, QueueName } from '@brygga/queue';
import { InterventionsStats } from '@brygga/interventions';
import { SchedulesStats } from '@brygga/schedules';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { RedisService } from '../infrastructure/redis.provider';

const QUEUES = new Set<string>(ALL_QUEUES);

/**
 * What operations need until the full admin surface exists: counters, quarantine,
 * failed jobs, redrive. Everything here is ids, codes and counts: no personal data.
 */
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(MIDDLEWARE_CONFIG) private readonly config: MiddlewareConfig,
    private readonly redis: RedisService,
    private readonly interventions: InterventionsStats,
    private readonly schedules: SchedulesStats,
  ) {}

  @Get('stats')
  async stats(@Headers('authorization') auth?: string): Promise<Record<string, unknown>> {
    this.authorize(auth);
    const queues: Record<string, Record<string, number>> = {};
    for (const queue of this.redis.producer.allQueues()) {
      queues[queue.name] = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children');
    }
    return { interventions: await this.interventions.read(), schedules: await this.schedules.read(), queues };
  }

  @Get('quarantine')
  async quarantine(@Headers('authorization') auth?: string, @Query('limit') limit = '100', @Query('flow') flow = 'interventions'): Promise<unknown[]> {
    this.authorize(auth);
    const stats = new Map([
      ['interventions', this.interventions],
      ['schedules', this.schedules],
    ]).get(flow);
    if (!stats) throw new BadRequestException('flow must be interventions or schedules');
    return stats.listQuarantine(boundedLimit(limit));
  }

  @Get('jobs/failed')
  async failed(@Headers('authorization') auth?: string, @Query('queue') queue?: string, @Query('limit') limit = '100'): Promise<unknown[]> {
    this.authorize(auth);
    const names = queue ? [this.queueName(queue)] : ALL_QUEUES;
    const out: unknown[] = [];
    for (const name of names) {
      const jobs = await this.redis.producer.queue(name).getFailed(0, boundedLimit(limit) - 1);
      out.push(
        ...jobs.map((j) => ({ queue: name, id: j.id, name: j.name, data: j.data, failedReason: j.failedReason, attemptsMade: j.attemptsMade, failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : undefined })),
      );
    }
    return out;
  }

  /** Redrive: failed jobs go back to waiting with fresh attempts (one job, or every failed job of a queue). */
  @Post('jobs/failed/redrive')
  @HttpCode(200)
  async redrive(@Headers('authorization') auth: string | undefined, @Body() body: unknown): Promise<{ redriven: number }> {
    this.authorize(auth);
    const { queue, jobId } = (body && typeof body === 'object' ? body : {}) as { queue?: unknown; jobId?: unknown };
    if (typeof queue !== 'string') throw new BadRequestException('body: {"queue": "<queue name>", "jobId"?: "<id>"}');
    const q = this.redis.producer.queue(this.queueName(queue));
    if (typeof jobId === 'string') {
      const job = await q.getJob(jobId);
      if (!job || !(await job.isFailed())) throw new NotFoundException(`no failed job ${jobId} in ${queue}`);
      await job.retry('failed', { resetAttemptsMade: true });
      return { redriven: 1 };
    }
    let redriven = 0;
    for (let batch = await q.getFailed(0, 999); batch.length > 0; batch = await q.getFailed(0, 999)) {
      for (const job of batch) await job.retry('failed', { resetAttemptsMade: true });
      redriven += batch.length;
    }
    return { redriven };
  }

  private queueName(name: string): QueueName {
    if (!QUEUES.has(name)) throw new BadRequestException(`queue must be one of ${ALL_QUEUES.join(', ')}`);
    return name as QueueName;
  }

  private authorize(header?: string): void {
    if (!bearerTokenMatches(header, this.config.adminToken)) throw new UnauthorizedException('admin endpoints need Authorization: Bearer $ADMIN_TOKEN');
  }
}

function boundedLimit(value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 100;
}
