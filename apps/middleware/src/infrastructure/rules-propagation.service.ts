import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { KEY_PREFIX, REDIS } from '@brygga/flow-kernel';
import { operationsKeys, type OperationsKeys, type RulesPropagated, type RulesPropagation } from '@brygga/operations';
import { MIDDLEWARE_CONFIG, type MiddlewareConfig } from '../config/middleware.config';
import { RulesService } from './rules.service';

/** How often a process says which rules it holds (and checks the version applied): a missed announcement is caught within this. */
const PRESENCE_MS = 2_000;
/** A process not heard of for this long is gone: not waited for. */
const GONE_MS = 10_000;
/** How long an apply waits for every live process to hold the new rules. */
const ANNOUNCE_WAIT_MS = 10_000;
const POLL_MS = 100;
const SHUTDOWN_WAIT_MS = 500;

/**
 * Rules applied through the admin API reach every process of the installation, not only
 * the one that answered: the apply writes the file, sets the version in force in Redis
 * and publishes it; each process takes the file again on the message, and also on its
 * presence tick when its version differs from the one in force (a message missed while
 * reconnecting). Each process keeps a presence entry (version, time), which is what an
 * apply waits on before it queues the re-sends. The rules file must be the same file for
 * every process (one path on a shared volume).
 */
@Injectable()
export class RulesPropagationService implements RulesPropagation, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MappingRules');
  private readonly keys: OperationsKeys;
  private readonly processId: string;
  private subscriber?: Redis;
  private timer?: NodeJS.Timeout;
  private warnedAbout?: string;
  private ticking = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KEY_PREFIX) prefix: string,
    private readonly rules: RulesService,
    @Inject(MIDDLEWARE_CONFIG) config: MiddlewareConfig,
  ) {
    this.keys = operationsKeys(prefix);
    this.processId = `${hostname()}:${process.pid}:${config.role}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriber = this.redis.duplicate({ connectionName: `${this.processId}:rules` });
    this.subscriber.on('message', (_channel: string, version: string) => void this.follow(version, 'rules applied (announced)'));
    // Errors of a lost connection are the main connection's to report; this one reconnects by itself.
    this.subscriber.on('error', () => undefined);
    await this.subscriber.subscribe(this.keys.rulesApplied);
    await this.tick();
    this.timer = setInterval(() => void this.tick(), PRESENCE_MS);
    this.timer.unref();
  }

  async announce(version: string): Promise<RulesPropagated> {
    await this.redis.publish(this.keys.rulesApplied, version);
    await this.present();
    const until = Date.now() + ANNOUNCE_WAIT_MS;
    for (;;) {
      const { processes, lagging } = await this.holding(version);
      if (lagging.length === 0 || Date.now() >= until) {
        if (lagging.length > 0) this.logger.warn(`mapping rules ${version}: ${lagging.length} of ${processes} processes did not take them within ${ANNOUNCE_WAIT_MS} ms: ${lagging.join(', ')}`);
        return { processes, lagging };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Commands wait for a Redis that is away (maxRetriesPerRequest null): a shutdown does not. A presence left behind is gone by GONE_MS anyway.
    this.subscriber?.disconnect();
    await Promise.race([this.redis.hdel(this.keys.rulesProcesses, this.processId).catch(() => undefined), new Promise((r) => setTimeout(r, SHUTDOWN_WAIT_MS).unref())]);
  }

  private async holding(version: string): Promise<RulesPropagated> {
    const now = Date.now();
    const entries = Object.entries(await this.redis.hgetall(this.keys.rulesProcesses)).map(([id, v]) => ({ id, ...(JSON.parse(v) as { version: string; at: number }) }));
    const live = entries.filter((e) => now - e.at <= GONE_MS);
    return { processes: live.length, lagging: live.filter((e) => e.version !== version).map((e) => e.id).sort() };
  }

  private async tick(): Promise<void> {
    // While Redis is away a tick waits; the next ones are skipped rather than queued behind it.
    if (this.ticking) return;
    this.ticking = true;
    try {
      const inForce = await this.redis.get(this.keys.rulesInForce);
      if (inForce !== null) this.follow(inForce, 'rules applied (checked)');
      await this.present();
    } catch {
      // Redis away: the next tick tries again; the rules in force stay meanwhile.
    } finally {
      this.ticking = false;
    }
  }

  /** Takes the file again when it holds other rules than this process; a file that does not hold the version applied is said once. */
  private follow(version: string, trigger: string): void {
    if (this.rules.current().version === version) return;
    const outcome = this.rules.reload(trigger);
    if (this.rules.current().version !== version && this.warnedAbout !== version) {
      this.warnedAbout = version;
      this.logger.error(`mapping rules ${version} were applied, but this process's rules file gives ${outcome.status.version} (${outcome.outcome}${outcome.problem ? `: ${outcome.problem}` : ''}): is MAPPING_RULES_FILE the same file for every process?`);
    }
    void this.present().catch(() => undefined);
  }

  private async present(): Promise<void> {
    await this.redis.hset(this.keys.rulesProcesses, this.processId, JSON.stringify({ version: this.rules.current().version, at: Date.now() }));
  }
}
