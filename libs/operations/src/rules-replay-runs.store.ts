import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@brygga/flow-kernel';
import type { OperationsKeys } from './operations-keys';
import { OPERATIONS_KEYS } from './operations.tokens';
import type { RulesReplayDiff } from './rules-replay.service';

/** A replay run as `GET /admin/api/rules/replay/{runId}` answers it: its progress, then its diff. */
export interface RulesReplayRun {
  runId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** The candidate's version. */
  candidate: string;
  /** Who started it (the admin token's name). */
  by: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Stored items when it was started, and gone through so far. */
  total: number;
  scanned: number;
  diff?: RulesReplayDiff;
  /** Why it failed, in words (never a document's content). */
  problem?: string;
}

/** A run and its candidate are kept a day: long enough to read and apply, not forever. */
const RUN_TTL_SECONDS = 24 * 3600;

/** Replay runs by id, and each run's candidate rules (their text: too big for a job's data, and the job carries ids only). */
@Injectable()
export class RulesReplayRunsStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OPERATIONS_KEYS) private readonly keys: OperationsKeys,
  ) {}

  async create(run: RulesReplayRun, candidateText: string): Promise<void> {
    await this.redis.multi().set(this.keys.rulesReplayRun(run.runId), JSON.stringify(run), 'EX', RUN_TTL_SECONDS).set(this.keys.rulesReplayCandidate(run.runId), candidateText, 'EX', RUN_TTL_SECONDS).exec();
  }

  async get(runId: string): Promise<RulesReplayRun | undefined> {
    const raw = await this.redis.get(this.keys.rulesReplayRun(runId));
    return raw === null ? undefined : (JSON.parse(raw) as RulesReplayRun);
  }

  async candidateText(runId: string): Promise<string | null> {
    return this.redis.get(this.keys.rulesReplayCandidate(runId));
  }

  async save(run: RulesReplayRun): Promise<void> {
    await this.redis.set(this.keys.rulesReplayRun(run.runId), JSON.stringify(run), 'EX', RUN_TTL_SECONDS);
  }
}
