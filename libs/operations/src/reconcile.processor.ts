import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, UnrecoverableError } from 'bullmq';
import type { DriftItem } from '@brygga/domain';
import { comeBackLater, type FlowReconcile, LockSet, ReconciledFlow, TenantReadPacer } from '@brygga/flow-kernel';
import { JOB_LOCK_DURATION_MS, JobHandlers, type JobHandlerProvider, type JobPayloads, JobProducer } from '@brygga/queue';
import type { OperationsKeys } from './operations-keys';
import { OPERATIONS_KEYS, RECONCILE_SETTINGS } from './operations.tokens';
import { MAX_RECONCILE_ITEMS, newReconcileRun, type ReconcileRun, ReconcileRunsStore } from './reconcile-runs.store';

/** RECONCILE_MAX_RPS, RECONCILE_CRON (null: no nightly run), RECONCILE_REPAIR. */
export interface ReconcileSettings {
  maxRps: number;
  cron: string | null;
  autoRepair: boolean;
  /** The run lock's lease and how soon a run that found it held looks again (defaults RUN_LOCK_TTL_MS, RUN_LOCK_RETRY_MS; tests shorten them). */
  runLock?: { ttlMs: number; retryMs: number };
}

// BullMQ's job lock lease, renewed while held (LockSet): a dead worker's run lock lapses before its job returns from the stalled check.
export const RUN_LOCK_TTL_MS = JOB_LOCK_DURATION_MS;
/** A run lasts minutes (33 for 20,000 customers at 20/s): looking again every 5–10 s costs little and starts the next soon after. */
export const RUN_LOCK_RETRY_MS = 5_000;

const PROGRESS_EVERY_MS = 1000;
/** Who a run or repair is by when no operator asked (a run's `by`). */
const SCHEDULE = 'schedule';

/**
 * Runs reconciliation in a worker: each flow in scope reads back what it applied at the
 * run's pace and names what drifted; a repair re-sends exactly the items picked. Both are
 * `operations` jobs. A run reads under the run lock, so RECONCILE_MAX_RPS is the planning
 * tool's whole reconciliation load however many processes take runs: a run that finds it
 * held stays `queued` and its job comes back later without spending an attempt. A repair
 * takes no run lock: it reads nothing, and writes per record under that record's lock as
 * an apply does.
 */
@Injectable()
@JobHandlers()
export class ReconcileProcessor implements JobHandlerProvider {
  private readonly logger = new Logger('Reconcile');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly runs: ReconcileRunsStore,
    private readonly producer: JobProducer,
    private readonly locks: LockSet,
    @Inject(OPERATIONS_KEYS) private readonly keys: OperationsKeys,
    @Inject(RECONCILE_SETTINGS) private readonly settings: ReconcileSettings,
  ) {}

  handlers() {
    return {
      'reconcile.run': (job: Job<JobPayloads['reconcile.run']>, token?: string) => this.run(job, token),
      'reconcile.repair': (job: Job<JobPayloads['reconcile.repair']>) => this.repair(job.data),
      'reconcile.nightly': (job: Job<JobPayloads['reconcile.nightly']>) => this.nightly(job.data),
    };
  }

  /** The nightly tick: a run queued as an operator's would be, marked for an automatic repair with RECONCILE_REPAIR=true. */
  async nightly({ v }: JobPayloads['reconcile.nightly']): Promise<{ outcome: string; runId: string }> {
    if (v !== 1) throw new UnrecoverableError(`reconcile.nightly payload version ${String(v)} is not known to this worker`);
    const run = { ...newReconcileRun('all', SCHEDULE), ...(this.settings.autoRepair && { autoRepair: true }) };
    await this.runs.create(run);
    await this.producer.enqueue('reconcile.run', { v: 1, runId: run.runId }, { jobId: `reconcile-${run.runId}` });
    return { outcome: 'queued', runId: run.runId };
  }

  async run(job: Job<JobPayloads['reconcile.run']>, token?: string): Promise<{ outcome: string }> {
    const { v, runId } = job.data;
    if (v !== 1) throw new UnrecoverableError(`reconcile.run payload version ${String(v)} is not known to this worker`);
    const run = await this.runs.get(runId);
    if (!run) throw new UnrecoverableError(`reconcile run ${runId}: expired or unknown`);
    const { ttlMs, retryMs } = this.settings.runLock ?? { ttlMs: RUN_LOCK_TTL_MS, retryMs: RUN_LOCK_RETRY_MS };
    const held = await this.locks.take([this.keys.reconcileRunLock], ttlMs);
    if (!held) {
      await this.waiting(run);
      return comeBackLater(job, token, retryMs);
    }
    try {
      await this.runs.holding(runId);
      await this.read(run);
    } finally {
      await held.release();
    }
    // The repair reads nothing: it goes after the lock, so the next run need not wait for its writes.
    await this.autoRepair(run);
    return { outcome: run.status };
  }

  /** The run's record while another run reads: still `queued`, naming that run (written only when that changes). */
  private async waiting(run: ReconcileRun): Promise<void> {
    const holder = await this.runs.holder();
    const waitingFor = holder !== undefined && holder !== run.runId ? holder : undefined;
    if (run.status === 'queued' && run.waitingFor === waitingFor) return;
    // 'running' here: its process died mid-run and BullMQ returned the job before the dead holder's lease lapsed.
    run.status = 'queued';
    if (waitingFor) run.waitingFor = waitingFor;
    else delete run.waitingFor;
    await this.runs.save(run);
  }

  /** The run itself, under the run lock: every flow in scope read back at the run's pace; the record says done or failed. */
  private async read(run: ReconcileRun): Promise<void> {
    const started = performance.now();
    delete run.waitingFor;
    Object.assign(run, { status: 'running', startedAt: new Date().toISOString(), checked: {}, counts: {}, items: [], itemsLeftOut: 0 });
    await this.runs.save(run);
    const pacer = new TenantReadPacer(this.settings.maxRps);
    let written = Date.now();
    try {
      for (const flow of this.flows(run)) {
        run.checked[flow.flow] = 0;
        await flow.downstream(pacer.pace, async ({ items, checked }) => {
          run.checked[flow.flow] += checked;
          for (const item of items) this.add(run, item);
          if (Date.now() - written < PROGRESS_EVERY_MS) return;
          written = Date.now();
          await this.runs.save(run);
        });
        const upstream = await flow.upstream();
        run.checked[`${flow.flow}.upstream`] = upstream.checked;
        for (const item of upstream.items) this.add(run, item);
      }
      run.status = 'done';
    } catch (error) {
      run.status = 'failed';
      run.problem = error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
    }
    run.finishedAt = new Date().toISOString();
    run.durationSeconds = Math.round(performance.now() - started) / 1000;
    await (run.status === 'done' ? this.runs.finished(run) : this.runs.save(run));
  }

  private async autoRepair(run: ReconcileRun): Promise<void> {
    const { runId } = run;
    if (run.status === 'done' && run.autoRepair && run.items.length > 0) {
      // RECONCILE_REPAIR: the drift found is repaired in the same job, as an operator's repair of every item.
      run.repairs.push({ attempt: 'a1', by: SCHEDULE, status: 'queued', items: run.items.map((_, i) => i) });
      await this.runs.save(run);
      // A failed repair is in the run's record and the journal (and its alert stays raised); the run itself is done and is not retried for it.
      await this.repair({ v: 1, runId, attempt: 'a1' }).catch((error: unknown) => this.logger.warn(`reconcile run ${runId}: its automatic repair a1 failed (${error instanceof Error ? error.name : 'error'}); see the run and the journal`));
    }
  }

  async repair({ v, runId, attempt }: JobPayloads['reconcile.repair']): Promise<{ outcome: string }> {
    if (v !== 1) throw new UnrecoverableError(`reconcile.repair payload version ${String(v)} is not known to this worker`);
    const run = await this.runs.get(runId);
    const repair = run?.repairs.find((r) => r.attempt === attempt);
    if (!run || !repair) throw new UnrecoverableError(`reconcile run ${runId}: expired, or no repair ${attempt}`);
    repair.status = 'running';
    await this.runs.save(run);
    const items = repair.items.map((i) => run.items[i]).filter((i): i is DriftItem => i !== undefined);
    repair.sent = {};
    try {
      // The journal names who asked: the nightly run itself (RECONCILE_REPAIR), or an operator (named in the audit's reconcile.repair).
      const by = repair.by === SCHEDULE ? 'schedule' : 'operator';
      for (const flow of this.flows(run)) repair.sent[flow.flow] = await flow.repair(items, { runId, attempt, by });
      repair.status = 'done';
    } catch (error) {
      repair.status = 'failed';
      repair.problem = error instanceof Error ? `${error.name}: ${error.message}` : 'failed';
    }
    await this.runs.save(run);
    if (repair.status === 'failed') throw new Error(`reconcile repair ${runId}/${attempt}: ${repair.problem}`);
    return { outcome: repair.status };
  }

  private add(run: ReconcileRun, item: DriftItem): void {
    run.counts[item.kind] = (run.counts[item.kind] ?? 0) + 1;
    if (run.items.length < MAX_RECONCILE_ITEMS) run.items.push(item);
    else run.itemsLeftOut++;
  }

  /** The `@ReconciledFlow()` providers in the run's scope, once per flow, in flow-name order (operations import no flow). */
  private flows(run: ReconcileRun): FlowReconcile[] {
    const byFlow = new Map<string, FlowReconcile>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: ReconciledFlow.KEY })) {
      const flow = wrapper.instance as FlowReconcile;
      if (run.scope === 'all' || run.scope === flow.flow) byFlow.set(flow.flow, flow);
    }
    return [...byFlow.values()].sort((a, b) => (a.flow < b.flow ? -1 : 1));
  }
}

