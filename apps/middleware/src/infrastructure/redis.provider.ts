import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { describeRedisTarget } from '@brygga/config';
import { assertNoEviction, createRedis, JobProducer } from '@brygga/queue';
import { MIDDLEWARE_CONFIG, MiddlewareConfig } from '../config/middleware.config';
import { persistenceVerdict, readRedisPersistence, type RedisPersistence } from './redis-persistence.check';

/**
 * The one Redis connection of the flows' stores, and the producer on a second one. Created in a factory, not a
 * constructor, so that a Redis that is down or evicts keys stops the boot with a clear
 * message instead of failing later inside a job.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private constructor(
    readonly redis: Redis,
    readonly producer: JobProducer,
    /** As read at boot (for /health/ready): what Redis keeps of what it acknowledged. */
    readonly persistence: RedisPersistence,
    private readonly queues: Redis,
  ) {}

  static async connect(config: MiddlewareConfig): Promise<RedisService> {
    const redis = createRedis(config.redis.target, `brygga-${config.role}`);
    const logger = new Logger('Redis');
    let persistence: RedisPersistence;
    try {
      if (!(await pingWithin(redis, 10_000))) {
        throw new Error(`${describeRedisTarget(config.redis.target)} did not answer within 10 s; is it running?`);
      }
      await assertNoEviction(redis);
      persistence = await checkPersistence(redis, config);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    // The producer's queues on a connection of their own: BullMQ defines its ~50 scripts on the connection it is given,
    // and ioredis copies every defined script onto each pipeline and MULTI built on it, which cost a worker
    // about 5 % of its CPU on the flows' own transactions. Ordering needs no shared connection: the intake awaits its stores before it queues.
    const queues = redis.duplicate({ connectionName: `brygga-${config.role}-queues` });
    return new RedisService(redis, new JobProducer(queues, config.redis.prefix, (error) => logger.warn(`queue connection: ${error.message}`)), persistence, queues);
  }

  ping(timeoutMs = 1000): Promise<boolean> {
    return pingWithin(this.redis, timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    await this.queues.quit().catch(() => this.queues.disconnect());
    await this.redis.quit().catch(() => this.redis.disconnect());
    this.logger.log('Redis connection closed');
  }
}

export const redisServiceProvider = {
  provide: RedisService,
  inject: [MIDDLEWARE_CONFIG],
  useFactory: (config: MiddlewareConfig) => RedisService.connect(config),
};

/** "Nothing lost" holds only if Redis keeps what it acknowledged: refuse or warn at boot (README "Redis persistence"). */
async function checkPersistence(redis: Redis, config: MiddlewareConfig): Promise<RedisPersistence> {
  const { persistence, refusal } = await readRedisPersistence(redis);
  const verdict = persistenceVerdict(persistence, config.env.NODE_ENV, config.redis.persistenceAccepted, refusal);
  if (verdict.action === 'refuse') throw new Error(verdict.message);
  const logger = new Logger('Redis');
  if (verdict.action === 'warn') logger.warn(verdict.message);
  else logger.log(verdict.message);
  return persistence;
}

async function pingWithin(redis: Redis, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const pong = redis
    .ping()
    .then((r) => r === 'PONG')
    .catch(() => false);
  const result = await Promise.race([pong, timeout]);
  clearTimeout(timer);
  return result;
}
