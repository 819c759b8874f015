import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { AdminRequestContext } from '@brygga/admin-access';
import { type DriftItem, driftItemKey } from '@brygga/domain';
import { JobProducer } from '@brygga/queue';
import { OperationsAudit } from './operations-audit';
import { newReconcileRun, type ReconcileRun, ReconcileRunsStore, type ReconcileScope, type ReconcileSummary } from './reconcile-runs.store';

const SCOPES: readonly ReconcileScope[] = ['interventions', 'schedules', 'all'];
const RUN_ID = /^c-[0-9a-z]{6,32}$/;

/** Reconciliation as operator actions, audited: start a run, read it, list recent runs, repair its drift. */
@Injectable()
export class ReconcileService {
  constructor(
    private readonly runs: ReconcileRunsStore,
    private readonly producer: JobProducer,
    private readonly audit: OperationsAudit,
  ) {}

  async start(actor: AdminRequestContext | undefined, scope: unknown = 'all'): Promise<{ runId: string }> {
    const work = async () => {
      if (!SCOPES.includes(scope as ReconcileScope)) throw new BadRequestException(`scope: one of ${SCOPES.join(', ')}`);
      const run = newReconcileRun(scope as ReconcileScope, actor?.principal.name ?? 'schedule');
      const { runId } = run;
      await this.runs.create(run);
      await this.producer.enqueue('reconcile.run', { v: 1, runId }, { jobId: `reconcile-${runId}` });
      return { runId };
    };
    return actor ? this.audit.record(actor, 'reconcile.start', typeof scope === 'string' ? scope : undefined, work) : work();
  }

  async get(runId: string): Promise<ReconcileRun> {
    const run = RUN_ID.test(runId) ? await this.runs.get(runId) : undefined;
    if (!run) throw new NotFoundException('no such reconciliation run (or expired)');
    return run;
  }

  async recent() {
    return this.runs.recent();
  }

  /** The newest run (queued, running or finished), or none yet: the operations page's reconciliation section. */
  async latest(): Promise<ReconcileRun | undefined> {
    return this.runs.latest();
  }

  /** The last finished run's counts, as the metrics and the alert read them: the dashboard's summary. */
  async lastSummary(): Promise<ReconcileSummary | undefined> {
    return this.runs.lastFinished();
  }

  /**
   * Queues the repair of the run's items (all, or those given: each must be one of the
   * run's, by its content); answers the repair's attempt id and how many items it covers.
   */
  async repair(actor: AdminRequestContext | undefined, runId: string, picked?: unknown): Promise<{ runId: string; attempt: string; items: number }> {
    const work = async () => {
      const run = await this.get(runId);
      if (run.status !== 'done') throw new BadRequestException(`the run is ${run.status}: only a finished run is repaired`);
      const indexes = picked === undefined ? run.items.map((_, i) => i) : this.indexesOf(run, picked);
      const attempt = `a${run.repairs.length + 1}`;
      run.repairs.push({ attempt, by: actor?.principal.name ?? 'schedule', status: 'queued', items: indexes });
      await this.runs.save(run);
      await this.producer.enqueue('reconcile.repair', { v: 1, runId, attempt }, { jobId: `reconcile-${runId}-${attempt}` });
      return { runId, attempt, items: indexes.length };
    };
    return actor ? this.audit.record(actor, 'reconcile.repair', runId, work) : work();
  }

  private indexesOf(run: ReconcileRun, picked: unknown): number[] {
    if (!Array.isArray(picked)) throw new BadRequestException('items: a list of the run\'s drift items');
    const byKey = new Map(run.items.map((item, i) => [driftItemKey(item), i]));
    return picked.map((item: unknown, n) => {
      const i = typeof item === 'object' && item !== null ? byKey.get(driftItemKey(item as DriftItem)) : undefined;
      if (i === undefined) throw new BadRequestException(`items[${n}]: not an item of this run`);
      return i;
    });
  }
}
