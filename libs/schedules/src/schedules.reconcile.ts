import { Inject, Injectable } from '@nestjs/common';
import type { DriftItem, PlanningOperation, PlanningStaffDay } from '@brygga/domain';
import {
  type DriftBatch,
  FLOW_OUTCOMES,
  type FlowOutcomeObserver,
  type FlowReconcile,
  idempotencyKey,
  LockSet,
  pacedRead,
  PERSON_KEYS,
  type PersonKeys,
  type ReadPace,
  ReconciledFlow,
  type RepairAttempt,
  repairEach,
  repairEvent,
  repairScope,
  RULES,
  type RulesAccessor,
  sendRepairWrites,
  TODAY,
  type Today,
} from '@brygga/flow-kernel';
import { type IntendedStaff, type MappingRules, mergeStaffDay, type SentStaff, staffDrift, staffSkills } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import type { ScheduleKeys } from './schedule-keys';
import { ScheduleStateStore } from './schedule-state.store';
import { SCHEDULES_FLOW } from './schedules-stats.store';
import { SCHEDULE_KEYS } from './schedules.tokens';
import { SchedulesUpstream } from './schedules.upstream';

const BATCH = 200;

/**
 * The schedules flow for a reconciliation run: every staff member it sent, as it would
 * send them now (the record last sent, its skills under the rules in force; each day the
 * merge of every unit's stored part, over the dates it holds), read back from the planning
 * tool and compared; and the repair of exactly the drifted records and days, under the
 * employee's lock.
 */
@Injectable()
@ReconciledFlow()
export class SchedulesReconcile implements FlowReconcile {
  readonly flow = SCHEDULES_FLOW;

  constructor(
    private readonly state: ScheduleStateStore,
    private readonly planning: PlanningClientsRegistry,
    private readonly locks: LockSet,
    @Inject(SCHEDULE_KEYS) private readonly keys: ScheduleKeys,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
    private readonly schedules: SchedulesUpstream,
    @Inject(FLOW_OUTCOMES) private readonly outcomes: FlowOutcomeObserver,
    @Inject(PERSON_KEYS) private readonly persons: PersonKeys,
  ) {}

  upstream(): Promise<DriftBatch> {
    return this.schedules.check();
  }

  async downstream(pace: ReadPace, batch: (b: DriftBatch) => Promise<void>): Promise<void> {
    for (const tenant of await this.state.staffTenants()) {
      const client = this.planning.forTenant(tenant);
      const staff = [...(await this.state.allStaff(tenant))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 0; i < staff.length; i += BATCH) {
        const items: DriftItem[] = [];
        for (const [staffId, sent] of staff.slice(i, i + BATCH)) {
          const intended = await this.intended(tenant, staffId, sent);
          const record = await pacedRead(pace, tenant, () => client.read({ kind: 'staff', staffId }));
          const days: Record<string, unknown> = {};
          if (record !== undefined) {
            for (const date of Object.keys(intended.days).sort()) {
              days[date] = await pacedRead(pace, tenant, () => client.read({ kind: 'staffDay', staffId, date }));
            }
          }
          items.push(...staffDrift(this.flow, intended, { staff: record, days }));
        }
        await batch({ items, checked: Math.min(BATCH, staff.length - i) });
      }
    }
  }

  /**
   * A missing staff member comes back with every day over the horizon; otherwise only its
   * record or the days named. Each staff member's repair is journaled (`reconcile.repair`,
   * the employee by keyed hash) with the planning tool's answer, a failure included (and
   * thrown on); each roster taken in again too (`taken-in`, by unit).
   */
  async repair(items: DriftItem[], attempt: RepairAttempt): Promise<number> {
    // Upstream first: a roster taken in again is applied by its own job, through the normal path.
    const mine = items.filter((i) => i.flow === this.flow);
    const taken = await this.schedules.repair(mine);
    for (const { unitId, revision, documentId } of taken) {
      const named = mine.filter((i) => i.kind === 'rosterRevisionNotApplied' && i.unitId === unitId);
      this.outcomes.event?.(repairEvent(attempt, { refs: { unitId, version: revision, documentId } }, named, 'taken-in'));
    }
    const sent = taken.length;
    const byStaff = new Map<string, DriftItem[]>();
    for (const item of mine) {
      if (!item.tenant || !item.staffId) continue;
      const key = `${item.tenant}\u0000${item.staffId}`;
      byStaff.set(key, [...(byStaff.get(key) ?? []), item]);
    }
    return sent + (await repairEach(byStaff.values(), async (list) => {
      const tenant = list[0].tenant!;
      const staffId = list[0].staffId!;
      // The planning tool's staff id is the employment number: the employee's journal key.
      const subject = { refs: { tenant, staffId }, personKey: this.persons.employee(staffId) };
      const held = await this.lock(tenant, staffId);
      try {
        const last = (await this.state.sentStaff(tenant, [staffId])).get(staffId);
        if (!last) {
          this.outcomes.event?.(repairEvent(attempt, subject, list, 'skipped'));
          return 0;
        }
        const intended = await this.intended(tenant, staffId, last);
        const operations = repairOperations(intended, list);
        const rulesVersion = this.rules().version;
        await sendRepairWrites(this.outcomes, { attempt, subject, items: list, rulesVersion, operations }, () =>
          this.planning.forTenant(tenant).send(operations.map((operation) => ({ operation, idempotencyKey: idempotencyKey(`reconcile\u0000${repairScope(attempt)}`, operation, rulesVersion) }))),
        );
        return operations.length;
      } finally {
        await held.release();
      }
    }));
  }

  private lock(tenant: string, staffId: string) {
    return this.locks.takeWaiting([this.keys.staffLock(tenant, staffId)], `reconcile repair: a staff member of tenant ${tenant}`);
  }

  private async intended(tenant: string, staffId: string, sent: SentStaff): Promise<IntendedStaff> {
    const parts = new Map<string, PlanningStaffDay[]>();
    for (const [field, part] of await this.state.contributions(tenant, staffId)) {
      const date = field.slice(0, field.indexOf('|'));
      parts.set(date, [...(parts.get(date) ?? []), part]);
    }
    const days = Object.fromEntries([...parts].map(([date, list]) => [date, mergeStaffDay(list)]));
    return { tenant, staffId, staff: { ...sent.staff, skills: staffSkills(sent, this.rules(), this.today()) }, days };
  }
}

function repairOperations(intended: IntendedStaff, items: DriftItem[]): PlanningOperation[] {
  const { staffId } = intended;
  const putDay = (date: string): PlanningOperation => ({ kind: 'putStaffDay', staffId, date, day: intended.days[date] ?? { shifts: [], absences: [] } });
  if (items.some((i) => i.kind === 'staffMissing')) return [{ kind: 'putStaff', staffId, staff: intended.staff }, ...Object.keys(intended.days).sort().map(putDay)];
  const out: PlanningOperation[] = [];
  if (items.some((i) => i.kind === 'staffDiffers')) out.push({ kind: 'putStaff', staffId, staff: intended.staff });
  for (const item of items) if (item.kind === 'staffDayDiffers' && item.date) out.push(putDay(item.date));
  return out;
}
