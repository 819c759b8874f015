import { Inject, Injectable } from '@nestjs/common';
import { type DryRunAnswer, DryRunDocumentRefused, type FlowRulesReplay, hasXmlRoot, type ReplayBatch, type ReplayItem, ReplayedFlow, TODAY, type Today } from '@brygga/flow-kernel';
import { mapSchedule, type MappingRules, staffSkills } from '@brygga/mapping';
import { JobProducer } from '@brygga/queue';
import { parseScheduleExport, ScheduleRejectedError } from '@brygga/scheduling-system';
import { ScheduleStateStore } from './schedule-state.store';
import { SCHEDULES_FLOW } from './schedules-stats.store';

/**
 * The schedules flow for the rules tools: a schedule export mapped under candidate rules
 * (each staff record and how many days it would send, who would be quarantined), every
 * staff member this flow sent replayed for the skills the rules give them (qualification
 * and delegations as last sent), and the re-send of those whose skills change through
 * the daily skills run's job, which sends exactly those.
 */
@Injectable()
@ReplayedFlow()
export class SchedulesRulesReplay implements FlowRulesReplay<MappingRules> {
  readonly flow = SCHEDULES_FLOW;

  constructor(
    private readonly state: ScheduleStateStore,
    private readonly producer: JobProducer,
    @Inject(TODAY) private readonly today: Today,
  ) {}

  async dryRun(document: Buffer, rules: MappingRules): Promise<DryRunAnswer | undefined> {
    if (!hasXmlRoot(document, 'ScheduleExport')) return undefined;
    let schedule;
    try {
      schedule = parseScheduleExport(document);
    } catch (error) {
      if (error instanceof ScheduleRejectedError) throw new DryRunDocumentRefused(this.flow, error.reason);
      throw error;
    }
    const records = schedule.employees.length + schedule.quarantined.length;
    const plan = mapSchedule(schedule, rules, this.today());
    if (plan.outcome === 'notServed') return { flow: this.flow, records, operations: [], quarantined: [], notServed: [plan.unitId] };
    return {
      flow: this.flow,
      records,
      // A staff record's names are personal data: its team and skills only, and how many of its days would go.
      operations: plan.staff.map((s) => ({ tenant: plan.tenant, kind: 'putStaff', staffId: s.staffId, detail: { teamId: s.staff.teamId, skills: s.staff.skills, days: Object.keys(s.days).length } })),
      quarantined: plan.quarantined.map((q) => ({ ref: q.employeeId, reasons: [q.reason] })),
      notServed: [],
    };
  }

  async size(): Promise<number> {
    let count = 0;
    for (const tenant of await this.state.staffTenants()) count += (await this.state.allStaff(tenant)).size;
    return count;
  }

  async replay(inForce: MappingRules, candidate: MappingRules, batch: (b: ReplayBatch) => Promise<void>): Promise<void> {
    const today = this.today();
    for (const tenant of await this.state.staffTenants()) {
      const staff = await this.state.allStaff(tenant);
      const items: ReplayItem[] = [];
      for (const [staffId, sent] of staff) {
        const before = staffSkills(sent, inForce, today);
        const after = staffSkills(sent, candidate, today);
        if (JSON.stringify(before) !== JSON.stringify(after)) items.push({ flow: this.flow, id: staffId, kinds: ['staffSkillsChanged'], fields: ['staff.skills'] });
      }
      await batch({ items, scanned: staff.size, unavailable: 0 });
    }
  }

  /** One skills run: it re-sends every staff member whose skills under the rules now in force differ from those last sent, which are exactly these. */
  async resend(items: ReplayItem[], attempt: string): Promise<number> {
    if (items.length === 0) return 0;
    await this.producer.enqueue('staff-skills.reevaluate', { v: 1 }, { jobId: `staff-skills-rules-${attempt}` });
    return 1;
  }
}
