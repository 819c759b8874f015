import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { comeBackLater, DocumentStore, FLOW_LOGGER, FLOW_OUTCOMES, type FlowEventRefs, type FlowLogger, type FlowOutcomeObserver, LastSyncStore, LockSet, PERSON_KEYS, type PersonKeys, planningAnswerOf, RULES, type RulesAccessor, TODAY, type Today, waitOutUnavailableTenant } from '@brygga/flow-kernel';
import type { Employee, PlanningStaffDay } from '@brygga/domain';
import { type EarlierMaybeWritten, mapSchedule, type MappingRules, PlannedStaffWrite, planScheduleWrites, possiblyListed, rosterMaybeWritten, SchedulePlan, type SentDay, type SentStaff, StaffDayPlan, StaffRecordPlan } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JOB_LOCK_DURATION_MS, JobHandlers, type JobHandlerProvider, type JobPayloads } from '@brygga/queue';
import { ParsedSchedule, parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';
import { sendPlannedWrites } from './planned-writes.sender';
import { datesOf } from './period-dates';
import type { ScheduleKeys } from './schedule-keys';
import { contentHash, ScheduleStateStore, type UnitDatesRead } from './schedule-state.store';
import { SCHEDULES_FLOW, SchedulesStats } from './schedules-stats.store';
import { SCHEDULE_KEYS } from './schedules.tokens';
import { decideUnitDates, listedStaffIds, mergedDays, UnitDatesDecision } from './unit-dates.planner';
import { UnitOrderStore } from './unit-order.store';

type ApplyJob = Job<JobPayloads['schedule-document.apply']>;
type AppliedPlan = Extract<SchedulePlan, { outcome: 'apply' }>;
export type ScheduleApplyOutcome = 'applied' | 'stale' | 'notServed';

// BullMQ's job lock lease, renewed while held (LockSet): a dead worker's lock lapses before its jobs return.
const LOCK_TTL_MS = JOB_LOCK_DURATION_MS;
const LOCK_RETRY_MS = 250;

/**
 * Applies one stored schedule export, date by date: dates a newer (or the same) revision
 * of the unit already spoke for are left alone, the others set this unit's part of each
 * listed employee's day, and each changed day is sent as the merge of every unit's part.
 * Quarantined employees are reported and keep what they had. The unit and every employee
 * involved are locked together, so two units cannot race on one employee's day; what may
 * be written is noted before the first write goes out (RosterMaybeWritten), what was sent
 * is recorded as the planning tool accepts it, the unit's parts and revisions last.
 */
@Injectable()
@JobHandlers()
export class ScheduleDocumentProcessor implements JobHandlerProvider {
  constructor(
    private readonly documents: DocumentStore,
    private readonly state: ScheduleStateStore,
    private readonly order: UnitOrderStore,
    private readonly locks: LockSet,
    @Inject(SCHEDULE_KEYS) private readonly keys: ScheduleKeys,
    private readonly stats: SchedulesStats,
    private readonly planning: PlanningClientsRegistry,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
    @Inject(FLOW_LOGGER) private readonly logger: FlowLogger,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
    private readonly lastSync: LastSyncStore,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
  ) {}

  handlers() {
    // A tenant under maintenance or with its breaker open: the job waits, without failing or spending an attempt.
    return { 'schedule-document.apply': (job: ApplyJob, token?: string) => waitOutUnavailableTenant(job, token, () => this.apply(job, token)) };
  }

  async apply(job: ApplyJob, token?: string): Promise<ScheduleApplyOutcome> {
    const { v, documentId } = job.data;
    if (v !== 1) throw new UnrecoverableError(`schedule-document.apply payload version ${String(v)} is not known to this worker`);
    const schedule = await this.load(documentId);
    // A unit's exports queued together apply in the order it published them.
    if (await this.order.earlierPending(schedule.unit.id, schedule.revision, documentId)) return comeBackLater(job, token, LOCK_RETRY_MS);
    const outcome = await this.applyInOrder(job, token, schedule, documentId);
    await this.order.done(schedule.unit.id, documentId);
    return outcome;
  }

  private async applyInOrder(job: ApplyJob, token: string | undefined, schedule: ParsedSchedule, documentId: string): Promise<ScheduleApplyOutcome> {
    const plan = mapSchedule(schedule, this.rules(), this.today());
    if (plan.outcome === 'notServed') {
      await this.stats.increment('notServed');
      this.outcomes.outcome(SCHEDULES_FLOW, 'skipped', 'not-served');
      this.outcomes.event?.({ kind: 'roster.skipped', status: 'skipped', refs: { documentId, unitId: schedule.unit.id, version: schedule.revision, jobId: job.id }, reasons: ['not-served'] });
      return 'notServed';
    }
    const dates = datesOf(schedule.periodStart, schedule.periodEnd);
    const staffIds = involvedStaff(plan, await this.state.unitDatesForApply(plan.unitId, dates));
    const held = await this.locks.take(this.lockKeys(plan, staffIds), LOCK_TTL_MS);
    if (held) {
      try {
        // The unit's listings change only under its lock: read again, and go on only if everyone involved is locked.
        const applied = await this.state.unitDatesForApply(plan.unitId, dates);
        if (involvedStaff(plan, applied).every((id) => staffIds.includes(id))) {
          const refs = { documentId, unitId: plan.unitId, version: schedule.revision, tenant: plan.tenant, jobId: job.id };
          return await this.applyLocked(schedule, plan, { documentId, acceptedAt: job.data.acceptedAt, reapply: job.data.reapply === true, refs }, dates, applied, job.attemptsMade === 0);
        }
      } finally {
        await held.release();
      }
    }
    // Another worker is applying this unit or writing one of these employees: our turn comes after.
    return comeBackLater(job, token, LOCK_RETRY_MS);
  }

  private lockKeys(plan: AppliedPlan, staffIds: readonly string[]): string[] {
    const keys = this.keys;
    return [keys.unitLock(plan.unitId), ...staffIds.map((id) => keys.staffLock(plan.tenant, id))];
  }

  private async load(documentId: string): Promise<ParsedSchedule> {
    const bytes = await this.documents.get(documentId);
    if (!bytes) throw new UnrecoverableError(`schedule document ${documentId}: stored content expired or missing`);
    try {
      return parseScheduleExport(bytes);
    } catch (error) {
      if (error instanceof ScheduleRejectedError) {
        await this.stats.increment('rejected');
        throw new UnrecoverableError(`schedule document ${documentId} rejected: ${error.reason}`);
      }
      throw error;
    }
  }

  private async applyLocked(
    schedule: ParsedSchedule,
    plan: AppliedPlan,
    { documentId, acceptedAt, reapply, refs }: { documentId: string; acceptedAt?: number; reapply: boolean; refs: FlowEventRefs },
    dates: string[],
    applied: UnitDatesRead,
    firstAttempt: boolean,
  ): Promise<ScheduleApplyOutcome> {
    const { state, stats, outcomes } = this;
    const decision = decideUnitDates(plan, dates, applied.applied, reapply, applied.maybeListed);
    if (decision.dates.length === 0) {
      await stats.increment('skippedStale');
      outcomes.outcome(SCHEDULES_FLOW, 'skipped', 'stale');
      outcomes.event?.({ kind: 'roster.skipped', status: 'skipped', refs, reasons: ['stale'] });
      return 'stale';
    }
    const rulesVersion = plan.rulesVersion;
    // Reported once per document, not again on each retry of its delivery.
    for (const q of firstAttempt ? plan.quarantined : []) {
      await stats.quarantine({ ref: q.employeeId, version: schedule.revision, documentId, reasons: [q.reason], rulesVersion });
      outcomes.outcome(SCHEDULES_FLOW, 'quarantined', q.reason.code);
      outcomes.event?.({ kind: 'roster.quarantined', status: 'quarantined', refs: { ...refs, employeeId: q.employeeId }, personKey: q.employmentNumber === undefined ? undefined : this.persons.employee(q.employmentNumber), rulesVersion, reasons: [q.reason.code] });
      this.logger.warn(`schedule document ${documentId}, unit ${plan.unitId} revision ${schedule.revision}: ${q.reason.text}`);
    }
    const sentStaff = await state.sentStaffForApply(plan.tenant, plan.staff.map((s) => s.staffId));
    const days = await this.staffDays(plan, decision);
    const { writes, counts } = planScheduleWrites({
      unitId: plan.unitId,
      staff: staffRecords(plan, schedule, decision.newest, sentStaff.sent),
      sentStaff: sentStaff.sent,
      maybeStaff: sentStaff.maybe,
      days: days.plans,
      contentHash,
    });
    // Durable before any write goes out: a worker killed between the planning tool's answer
    // and the record leaves a note the next diff reads, not a body nobody knows was sent.
    if (writes.length > 0) await state.noteMaybeWritten(plan.tenant, plan.unitId, rosterMaybeWritten(writes, { listed: applied.maybeListed, records: sentStaff.maybe, days: days.maybe }));
    const staffKeys = plan.staff.flatMap((s) => this.persons.employee(s.staffId) ?? []);
    const told = (status: string, answer: { status: string; code?: string }) =>
      writes.length > 0 &&
      outcomes.event?.({ kind: 'planning.write', status, refs, alsoFor: staffKeys, rulesVersion, answer, detail: { operations: [...new Set(writes.map((w) => w.operation.kind))].join('+'), count: writes.length } });
    try {
      await sendPlannedWrites(
        this.planning,
        plan.tenant,
        writes,
        `schedule\u0000${plan.unitId}\u0000${schedule.revision}`,
        rulesVersion,
        (chunk) => this.recordAccepted(plan.tenant, chunk),
        () => stats.increment('failed'),
      );
    } catch (error) {
      told(...planningAnswerOf(error));
      throw error;
    }
    told('accepted', { status: '2xx' });
    await state.recordApplied(plan.tenant, plan.unitId, decision.changes, decision.record);
    await stats.incrementMany({ applied: 1, ...counts, datesSkippedStale: dates.length - decision.dates.length });
    await this.lastSync.record(`roster:${plan.unitId}`);
    outcomes.outcome(SCHEDULES_FLOW, 'applied', 'none');
    outcomes.event?.({ kind: 'roster.applied', status: 'applied', refs, alsoFor: staffKeys, rulesVersion, detail: { staff: plan.staff.length, writes: writes.length } });
    if (acceptedAt !== undefined && writes.length > 0) outcomes.confirmed(SCHEDULES_FLOW, acceptedAt);
    return 'applied';
  }

  /**
   * Every employee-day the document changes, merged with the other units' parts, beside what
   * was last sent for it and what an unrecorded apply may have left there (also returned by
   * employee, for the next note).
   */
  private async staffDays(plan: AppliedPlan, decision: UnitDatesDecision): Promise<{ plans: StaffDayPlan[]; maybe: NonNullable<EarlierMaybeWritten['days']> }> {
    const { state } = this;
    const staffIds = [...new Set(decision.changes.map((c) => c.staffId))];
    const stored = new Map<string, Map<string, PlanningStaffDay>>();
    for (const id of staffIds) stored.set(id, await state.contributions(plan.tenant, id));
    const sent = new Map<string, { sent: Map<string, SentDay>; maybe: Map<string, SentDay[]> }>();
    for (const id of staffIds) sent.set(id, await state.sentDays(plan.tenant, id, decision.dates));
    const plans = mergedDays(plan.unitId, decision.changes, stored).map((d) => {
      const read = sent.get(d.staffId);
      return { ...d, previous: read?.sent.get(d.date), maybe: read?.maybe.get(d.date), removed: decision.removed.has(d.staffId) };
    });
    return { plans, maybe: new Map([...sent].map(([id, read]) => [id, read.maybe])) };
  }

  private async recordAccepted(tenant: string, chunk: PlannedStaffWrite[]): Promise<void> {
    await this.state.recordSent(
      tenant,
      chunk.flatMap((w) => (w.staff ? [w.staff] : [])),
      chunk.flatMap((w) => (w.day ? [w.day] : [])),
    );
  }
}

/**
 * The staff records the document gives. A document older than an applied one of its
 * unit (a late publish) only creates records never sent: the newer export's stand.
 */
function staffRecords(plan: AppliedPlan, schedule: ParsedSchedule, newest: boolean, sent: Map<string, SentStaff>): StaffRecordPlan[] {
  const employees = new Map(schedule.employees.map((e): [string, Employee] => [e.employmentNumber, e]));
  return plan.staff
    .filter((s) => newest || !sent.has(s.staffId))
    .map((s) => {
      const employee = employees.get(s.staffId);
      if (!employee) throw new Error(`staff ${s.staffId} is in the plan but not among the parsed employees`);
      return { staffId: s.staffId, staff: s.staff, employee };
    });
}

/** Everyone whose days the document may change: those it lists, and those the unit listed (or may have, unrecorded) on its dates before. */
function involvedStaff(plan: AppliedPlan, read: UnitDatesRead): string[] {
  const before = [...new Set([...read.applied.keys(), ...read.maybeListed.keys()])].flatMap((date) => possiblyListed(read.applied.get(date)?.staffIds, read.maybeListed.get(date)));
  return [...new Set([...listedStaffIds(plan), ...before])].sort();
}
