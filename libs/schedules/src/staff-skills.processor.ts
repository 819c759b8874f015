import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { LockSet, RULES, type RulesAccessor, TODAY, type Today, waitOutUnavailableTenant } from '@brygga/flow-kernel';
import { type MappingRules, planSkillsResend, rosterMaybeWritten, SentStaff } from '@brygga/mapping';
import { PlanningClientsRegistry } from '@brygga/planning-tool';
import { JOB_LOCK_DURATION_MS, JobHandlers, type JobHandlerProvider, type JobPayloads } from '@brygga/queue';
import { sendPlannedWrites } from './planned-writes.sender';
import type { ScheduleKeys } from './schedule-keys';
import { contentHash, ScheduleStateStore } from './schedule-state.store';
import { SchedulesStats } from './schedules-stats.store';
import { SCHEDULE_KEYS } from './schedules.tokens';

type ReevaluateJob = Job<JobPayloads['staff-skills.reevaluate']>;

export interface ReevaluateResult {
  date: string;
  checked: number;
  resent: number;
  /** Staff being written by an export right now: they get today's skills from that export anyway. */
  busyStaff: string[];
}

// BullMQ's job lock lease, renewed while held (LockSet): a dead worker's lock lapses before its jobs return.
const LOCK_TTL_MS = JOB_LOCK_DURATION_MS;

/**
 * Daily: recomputes the skills of every staff member this flow sent, for `date` (else
 * today), and re-sends those whose skills changed, as when a delegation's last day has
 * passed. Each staff member is handled under the same lock an export takes for them, so
 * a concurrent export cannot be overwritten with older data.
 */
@Injectable()
@JobHandlers()
export class StaffSkillsProcessor implements JobHandlerProvider {
  constructor(
    private readonly state: ScheduleStateStore,
    private readonly locks: LockSet,
    @Inject(SCHEDULE_KEYS) private readonly keys: ScheduleKeys,
    private readonly stats: SchedulesStats,
    private readonly planning: PlanningClientsRegistry,
    @Inject(RULES) private readonly rules: RulesAccessor<MappingRules>,
    @Inject(TODAY) private readonly today: Today,
  ) {}

  handlers() {
    // A tenant unavailable now: the whole run waits for it (what it resent before is recorded and not sent again).
    return { 'staff-skills.reevaluate': (job: ReevaluateJob, token?: string) => waitOutUnavailableTenant(job, token, () => this.reevaluate(job)) };
  }

  async reevaluate(job: ReevaluateJob): Promise<ReevaluateResult> {
    const { v, date: requested } = job.data;
    if (v !== 1) throw new UnrecoverableError(`staff-skills.reevaluate payload version ${String(v)} is not known to this worker`);
    const date = requested ?? this.today();
    const result: ReevaluateResult = { date, checked: 0, resent: 0, busyStaff: [] };
    for (const tenant of await this.state.staffTenants()) {
      for (const entry of await this.state.allStaff(tenant)) {
        const held = await this.locks.take([this.keys.staffLock(tenant, entry[0])], LOCK_TTL_MS);
        if (!held) {
          result.busyStaff.push(entry[0]);
          continue;
        }
        try {
          // Read again under the lock: an export may have sent a newer record since the list was read.
          const read = await this.state.sentStaffForApply(tenant, [entry[0]]);
          const current = read.sent.get(entry[0]);
          result.checked++;
          if (current) result.resent += await this.resend(tenant, date, entry[0], current, read.maybe.get(entry[0]) ?? []);
        } finally {
          await held.release();
        }
      }
    }
    await this.stats.incrementMany({ skillsChecked: result.checked, skillsResent: result.resent });
    // Busy staff are retried by the queue so that nobody keeps an expired skill for a day.
    if (result.busyStaff.length > 0) throw new Error(`staff skills: staff ${result.busyStaff.join(', ')} were busy; retrying`);
    return result;
  }

  private async resend(tenant: string, date: string, staffId: string, sent: SentStaff, maybe: readonly string[]): Promise<number> {
    const rules = this.rules();
    const resend = planSkillsResend(staffId, sent, rules, date, contentHash);
    if (!resend) return 0;
    // As an export does: noted before it goes out, so a record sent and never recorded is not taken for the old one.
    await this.state.noteMaybeWritten(tenant, undefined, rosterMaybeWritten([resend], { records: new Map([[staffId, maybe]]) }));
    await sendPlannedWrites(
      this.planning,
      tenant,
      [resend],
      `staff-skills\u0000${staffId}\u0000${date}`,
      rules.version,
      (chunk) => this.state.recordStaff(tenant, chunk.flatMap((w) => (w.staff ? [w.staff] : []))),
      () => this.stats.increment('failed'),
    );
    return 1;
  }
}
