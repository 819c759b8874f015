import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@brygga/flow-kernel';
import type { OperationsKeys } from './operations-keys';
import { OPERATIONS_KEYS } from './operations.tokens';

/** One version of the rules that was in force: who applied it and when. */
export interface RulesVersion {
  /** 1, 2, …: the order they were applied in. */
  n: number;
  version: string;
  appliedAt: string;
  /** The admin token's name; `rules file` for the file that was in force before the first apply. */
  appliedBy: string;
  /** Set when this apply took an earlier version again (a rollback). */
  rollbackOf?: number;
}

/**
 * The rules versions applied through the admin API, with each one's text, so any can be
 * applied again. Kept without expiry: a few kilobytes per apply. The file itself stays
 * what the processes boot from.
 */
@Injectable()
export class RulesVersionsStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OPERATIONS_KEYS) private readonly keys: OperationsKeys,
  ) {}

  async list(): Promise<RulesVersion[]> {
    return (await this.redis.lrange(this.keys.rulesVersions, 0, -1)).map((v) => JSON.parse(v) as RulesVersion);
  }

  async text(version: string): Promise<string | null> {
    return this.redis.hget(this.keys.rulesTexts, version);
  }

  /** Appends a version (its text kept once per version) and makes it the one every process should hold. */
  async append(entry: Omit<RulesVersion, 'n'>, text: string): Promise<RulesVersion> {
    const n = (await this.redis.llen(this.keys.rulesVersions)) + 1;
    const recorded: RulesVersion = { n, ...entry };
    await this.redis.multi().hsetnx(this.keys.rulesTexts, entry.version, text).rpush(this.keys.rulesVersions, JSON.stringify(recorded)).set(this.keys.rulesInForce, entry.version).exec();
    return recorded;
  }
}
