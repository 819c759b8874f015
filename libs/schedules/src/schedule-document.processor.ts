import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import type { Employee } from '@brygga/domain';
import { mapSchedule, SchedulePlan } from '@brygga/mapping';
import type { JobHandlerProvider, JobPayloads } from '@brygga/queue';
import { ParsedSchedule, parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';
import { sendPlannedWrites } from './planned-writes.sender';
import { datesOf } from './period-dates';
import type { SchedulesDeps, SchedulesStores } from './schedules-flow-context';
import { isStale, periodOf, SentDay } from './schedule-state.store';
import { PlannedWrite, planScheduleWrites, RemovedStaff } from './schedule-writes.planner';

type ApplyJob = Job<JobPayloads['schedule-document.apply']>;
type AppliedPlan = Extract<SchedulePlan, { outcome: 'apply' }>;
export type ScheduleApplyOutcome = 'applied' | 'stale' | 'notServed';

const LOCK_TTL_MS = 120_000;
const LOCK_RETRY_MS = 250;

/**
 * Applies one stored schedule export: stale revisions are skipped, quarantined
 * employees reported, and of the rest only what changed is written (staff before their
 * days). One unit is applied by one worker at a time; what was sent is recorded as
 * the planning tool accepts it, and the revision last.
 */
export class ScheduleDocumentProcessor implements JobHandlerProvider {
  constructor(
    private readonly deps: SchedulesDeps,
    private readonly stores: SchedulesStores,
  ) {}

  handlers() {
    return { 'schedule-document.apply': (job: ApplyJob, token?: string) => this.apply(job, token) };
  }

  async apply(job: ApplyJob, token?: string): Promise<ScheduleApplyOutcome> {
    const { v, documentId } = job.data;
    if (v !== 1) throw new UnrecoverableError(`schedule-document.apply payload version ${String(v)} is not known to this worker`);
    const schedule = await this.load(documentId);
    const release = await this.stores.state.tryLock(schedule.unit.id, LOCK_TTL_MS);
    if (!release) {
      // Another worker is applying this unit: wait our turn without spending an attempt.
      await job.moveToDelayed(Date.now() + LOCK_RETRY_MS + Math.floor(Math.random() * LOCK_RETRY_MS), token);
      throw new DelayedError();
    }
    try {
      return await this.applyLocked(schedule, documentId, job.attemptsMade === 0);
    } finally {
      await release();
    }
  }

  private async load(documentId: string): Promise<ParsedSchedule> {
    const bytes = await this.stores.documents.get(documentId);
    if (!bytes) throw new UnrecoverableError(`schedule document ${documentId}: stored content expired or missing`);
    try {
      return parseScheduleExport(bytes);
    } catch (error) {
      if (error instanceof ScheduleRejectedError) {
        await this.stores.stats.increment('rejected');
        throw new UnrecoverableError(`schedule document ${documentId} rejected: ${error.reason}`);
      }
      throw error;
    }
  }

  private async applyLocked(schedule: ParsedSchedule, documentId: string, firstAttempt: boolean): Promise<ScheduleApplyOutcome> {
    const { state, stats } = this.stores;
    const unitId = schedule.unit.id;
    const period = periodOf(schedule.periodStart, schedule.periodEnd);
    if (isStale(await state.unitState(unitId), schedule.revision, period)) {
      await stats.increment('skippedStale');
      return 'stale';
    }
    const rules = this.deps.rules();
    const plan = mapSchedule(schedule, rules, this.deps.today());
    if (plan.outcome === 'notServed') {
      await stats.increment('notServed');
      return 'notServed';
    }
    // Reported once per document, not again on each retry of its delivery.
    for (const q of firstAttempt ? plan.quarantined : []) {
      await stats.quarantine({ ref: q.employeeId, version: schedule.revision, documentId, reasons: [q.reason], rulesVersion: rules.version });
      this.deps.logger.warn(`schedule document ${documentId}, unit ${unitId} revision ${schedule.revision}: ${q.reason}`);
    }
    const dates = datesOf(schedule.periodStart, schedule.periodEnd);
    const { writes, counts } = await this.planWrites(plan, schedule, dates);
    await sendPlannedWrites(
      this.deps.planning,
      plan.tenant,
      writes,
      `schedule\u0000${unitId}\u0000${schedule.revision}`,
      rules.version,
      (chunk) => this.recordAccepted(plan.tenant, chunk),
      () => stats.increment('failed'),
    );
    await state.recordUnitDays(unitId, listedByDate(plan, dates));
    await state.recordApplied(unitId, schedule.revision, period);
    await stats.incrementMany({ applied: 1, ...counts });
    return 'applied';
  }

  private async planWrites(plan: AppliedPlan, schedule: ParsedSchedule, dates: string[]) {
    const { state } = this.stores;
    const staffIds = plan.staff.map((s) => s.staffId);
    const sentDays = new Map<string, Map<string, SentDay>>();
    for (const id of staffIds) sentDays.set(id, await state.sentDays(plan.tenant, id, dates));
    return planScheduleWrites({
      unitId: plan.unitId,
      staff: plan.staff,
      employees: new Map(schedule.employees.map((e): [string, Employee] => [e.employmentNumber, e])),
      sentStaff: await state.sentStaff(plan.tenant, staffIds),
      sentDays,
      removed: await this.removedStaff(plan, dates),
    });
  }

  /** Staff this unit listed for these dates before and does not list now (nor holds back in quarantine). */
  private async removedStaff(plan: AppliedPlan, dates: string[]): Promise<RemovedStaff[]> {
    // A quarantined employee without a readable employment number might be anyone listed before: clear nobody.
    if (plan.quarantined.some((q) => q.employmentNumber === undefined)) return [];
    const present = new Set([...plan.staff.map((s) => s.staffId), ...plan.quarantined.map((q) => q.employmentNumber as string)]);
    const listed = await this.stores.state.unitDays(plan.unitId, dates);
    const removedDates = new Map<string, string[]>();
    for (const [date, ids] of listed) {
      for (const id of ids) if (!present.has(id)) removedDates.set(id, [...(removedDates.get(id) ?? []), date]);
    }
    const removed: RemovedStaff[] = [];
    for (const [staffId, staffDates] of removedDates) removed.push({ staffId, days: await this.stores.state.sentDays(plan.tenant, staffId, staffDates) });
    return removed;
  }

  private async recordAccepted(tenant: string, chunk: PlannedWrite[]): Promise<void> {
    await this.stores.state.recordStaff(tenant, chunk.flatMap((w) => (w.staff ? [w.staff] : [])));
    await this.stores.state.recordDays(tenant, chunk.flatMap((w) => (w.day ? [w.day] : [])));
  }
}

/** Who the unit lists for each date now: applied staff and quarantined ones (their days stay as they were). */
function listedByDate(plan: AppliedPlan, dates: string[]): Map<string, string[]> {
  const ids = [...plan.staff.map((s) => s.staffId), ...plan.quarantined.flatMap((q) => (q.employmentNumber ? [q.employmentNumber] : []))];
  return new Map(dates.map((d) => [d, ids]));
}
