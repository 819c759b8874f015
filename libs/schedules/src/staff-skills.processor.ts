import { Job, UnrecoverableError } from 'bullmq';
import { staffSkills } from '@brygga/mapping';
import type { JobHandlerProvider, JobPayloads } from '@brygga/queue';
import { sendPlannedWrites } from './planned-writes.sender';
import type { SchedulesDeps, SchedulesStores } from './schedules-flow-context';
import { contentHash, SentStaff } from './schedule-state.store';
import { PlannedWrite, staffPath } from './schedule-writes.planner';

type ReevaluateJob = Job<JobPayloads['staff-skills.reevaluate']>;

export interface ReevaluateResult {
  date: string;
  checked: number;
  resent: number;
  /** Units busy applying an export: their staff get today's skills from that export anyway. */
  busyUnits: string[];
}

const LOCK_TTL_MS = 120_000;

/**
 * Daily: recomputes the skills of every staff member this flow sent, for `date` (else
 * today), and re-sends those whose skills changed, as when a delegation's last day has
 * passed. Each unit's staff are handled under that unit's lock, so a concurrent export
 * of the same unit cannot be overwritten with older data.
 */
export class StaffSkillsProcessor implements JobHandlerProvider {
  constructor(
    private readonly deps: SchedulesDeps,
    private readonly stores: SchedulesStores,
  ) {}

  handlers() {
    return { 'staff-skills.reevaluate': (job: ReevaluateJob) => this.reevaluate(job) };
  }

  async reevaluate(job: ReevaluateJob): Promise<ReevaluateResult> {
    const { v, date: requested } = job.data;
    if (v !== 1) throw new UnrecoverableError(`staff-skills.reevaluate payload version ${String(v)} is not known to this worker`);
    const date = requested ?? this.deps.today();
    const result: ReevaluateResult = { date, checked: 0, resent: 0, busyUnits: [] };
    for (const tenant of await this.stores.state.staffTenants()) {
      const byUnit = new Map<string, Array<[string, SentStaff]>>();
      for (const entry of await this.stores.state.allStaff(tenant)) byUnit.set(entry[1].unitId, [...(byUnit.get(entry[1].unitId) ?? []), entry]);
      for (const [unitId, staff] of byUnit) {
        const release = await this.stores.state.tryLock(unitId, LOCK_TTL_MS);
        if (!release) {
          result.busyUnits.push(unitId);
          continue;
        }
        try {
          result.checked += staff.length;
          result.resent += await this.resend(tenant, unitId, date, staff);
        } finally {
          await release();
        }
      }
    }
    await this.stores.stats.incrementMany({ skillsChecked: result.checked, skillsResent: result.resent });
    // A busy unit is retried by the queue so that nobody keeps an expired skill for a day.
    if (result.busyUnits.length > 0) throw new Error(`staff skills: units ${result.busyUnits.join(', ')} were busy; retrying`);
    return result;
  }

  private async resend(tenant: string, unitId: string, date: string, staff: Array<[string, SentStaff]>): Promise<number> {
    const rules = this.deps.rules();
    const writes: PlannedWrite[] = [];
    for (const [staffId, sent] of staff) {
      const skills = staffSkills(sent, rules, date);
      if (JSON.stringify(skills) === JSON.stringify(sent.staff.skills)) continue;
      const body = { ...sent.staff, skills };
      writes.push({ write: { method: 'PUT', path: staffPath(staffId), body }, staff: { staffId, sent: { ...sent, staff: body, hash: contentHash(body) } } });
    }
    await sendPlannedWrites(
      this.deps.planning,
      tenant,
      writes,
      `staff-skills\u0000${unitId}\u0000${date}`,
      rules.version,
      (chunk) => this.stores.state.recordStaff(tenant, chunk.flatMap((w) => (w.staff ? [w.staff] : []))),
      () => this.stores.stats.increment('failed'),
    );
    return writes.length;
  }
}
