import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { DriftItem, DriftKind } from '@brygga/domain';
import { REDIS } from '@brygga/flow-kernel';
import type { OperationsKeys } from './operations-keys';
import { OPERATIONS_KEYS } from './operations.tokens';

export type ReconcileScope = 'interventions' | 'schedules' | 'all';

/** One repair of a run's items: which (by index into the run's items), by whom, and what it sent. */
export interface ReconcileRepair {
  attempt: string;
  by: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  items: number[];
  /** Planning operations sent, per flow. */
  sent?: Record<string, number>;
  problem?: string;
}

/** A reconciliation run as `GET /admin/api/reconcile/{runId}` answers it. */
export interface ReconcileRun {
  runId: string;
  scope: ReconcileScope;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** The admin token's name, or `schedule` for the nightly run. */
  by: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  /** Records compared per flow (customers, staff members), and upstream (`{flow}.upstream`: assignments in the feed, unit windows read). */
  checked: Record<string, number>;
  counts: Partial<Record<DriftKind, number>>;
  items: DriftItem[];
  /** Items found beyond those kept (a run keeps at most MAX_ITEMS). */
  itemsLeftOut: number;
  repairs: ReconcileRepair[];
  /** The nightly run with RECONCILE_REPAIR=true: its drift is repaired as soon as it is found. */
  autoRepair?: boolean;
  /** While `queued`: the run whose reading this one waits for (one run reads at a time, across every process). */
  waitingFor?: string;
  problem?: string;
}

/** A run as queued: a new id, nothing found yet. */
export function newReconcileRun(scope: ReconcileScope, by: string): ReconcileRun {
  return { runId: `c-${randomBytes(8).toString('hex')}`, scope, status: 'queued', by, queuedAt: new Date().toISOString(), checked: {}, counts: {}, items: [], itemsLeftOut: 0, repairs: [] };
}

/** The last finished run in brief: counts only, for the metrics and the alert (kept until the next run replaces it). */
export interface ReconcileSummary {
  runId: string;
  finishedAt: string;
  durationSeconds: number;
  counts: Partial<Record<DriftKind, number>>;
  items: number;
}

/** The last finished run's summary, for readers outside Nest (the metrics at scrape time, the alerts). */
export async function readLastReconcile(redis: Redis, keys: Pick<OperationsKeys, 'reconcileLast'>): Promise<ReconcileSummary | undefined> {
  const raw = await redis.get(keys.reconcileLast);
  return raw === null ? undefined : (JSON.parse(raw) as ReconcileSummary);
}

/** A run is kept a week: the nightly runs of a week can be compared; the list holds the last 30. */
const RUN_TTL_SECONDS = 7 * 24 * 3600;
const RECENT = 30;
export const MAX_RECONCILE_ITEMS = 10_000;

/** Reconciliation runs by id, and the recent ones newest first. */
@Injectable()
export class ReconcileRunsStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OPERATIONS_KEYS) private readonly keys: OperationsKeys,
  ) {}

  async create(run: ReconcileRun): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.reconcileRun(run.runId), JSON.stringify(run), 'EX', RUN_TTL_SECONDS)
      .lpush(this.keys.reconcileRuns, run.runId)
      .ltrim(this.keys.reconcileRuns, 0, RECENT - 1)
      .exec();
  }

  async get(runId: string): Promise<ReconcileRun | undefined> {
    const raw = await this.redis.get(this.keys.reconcileRun(runId));
    return raw === null ? undefined : (JSON.parse(raw) as ReconcileRun);
  }

  /** A finished run becomes the last one (a failed run does not: its counts would be a part of the truth). */
  async finished(run: ReconcileRun): Promise<void> {
    const summary: ReconcileSummary = { runId: run.runId, finishedAt: run.finishedAt ?? new Date().toISOString(), durationSeconds: run.durationSeconds ?? 0, counts: run.counts, items: run.items.length + run.itemsLeftOut };
    await this.redis.multi().set(this.keys.reconcileRun(run.runId), JSON.stringify(run), 'EX', RUN_TTL_SECONDS).set(this.keys.reconcileLast, JSON.stringify(summary)).exec();
  }

  async save(run: ReconcileRun): Promise<void> {
    await this.redis.set(this.keys.reconcileRun(run.runId), JSON.stringify(run), 'EX', RUN_TTL_SECONDS);
  }

  /** Names the run that took the run lock: what a run that finds the lock held says it waits for. */
  async holding(runId: string): Promise<void> {
    await this.redis.set(this.keys.reconcileRunLockHolder, runId, 'EX', RUN_TTL_SECONDS);
  }

  /** The run that last took the run lock (read only while the lock is held, so it names the holder). */
  async holder(): Promise<string | undefined> {
    return (await this.redis.get(this.keys.reconcileRunLockHolder)) ?? undefined;
  }

  /** The newest run, whatever its status (the operations page shows it whole). */
  async latest(): Promise<ReconcileRun | undefined> {
    const [id] = await this.redis.lrange(this.keys.reconcileRuns, 0, 0);
    return id === undefined ? undefined : this.get(id);
  }

  /** The last finished run in brief (the dashboard's summary). */
  async lastFinished(): Promise<ReconcileSummary | undefined> {
    return readLastReconcile(this.redis, this.keys);
  }

  /** The recent runs, newest first, without their items (a list, not the drift). */
  async recent(): Promise<Array<Omit<ReconcileRun, 'items'> & { items: number }>> {
    const ids = await this.redis.lrange(this.keys.reconcileRuns, 0, RECENT - 1);
    const runs = await Promise.all(ids.map((id) => this.get(id)));
    return runs.filter((r): r is ReconcileRun => r !== undefined).map((r) => ({ ...r, items: r.items.length }));
  }
}
