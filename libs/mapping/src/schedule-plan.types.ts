import type { PlanningStaff, PlanningStaffDay, Reason } from '@brygga/domain';

/** An employee whose part of a schedule export must not be applied. */
export interface ScheduleQuarantine {
  /** The scheduling system's employee id (or `#<position>` when the export carried none that is valid). */
  employeeId: string;
  /** Known unless the export's employment number itself was broken; lets the applier leave that staff member's days alone. */
  employmentNumber?: string;
  /** Its text names the employee id and the rule (and a time, where one is at fault); never a personal value. */
  reason: Reason;
}

export interface StaffPlan {
  /** The planning tool's staff id: the employment number. */
  staffId: string;
  staff: PlanningStaff;
  /** Every date of the exported period (`YYYY-MM-DD`), days off included as empty days. */
  days: Record<string, PlanningStaffDay>;
}

export type SchedulePlan =
  | { outcome: 'notServed'; unitId: string }
  | {
      outcome: 'apply';
      tenant: string;
      team: string;
      unitId: string;
      revision: number;
      rulesVersion: string;
      staff: StaffPlan[];
      quarantined: ScheduleQuarantine[];
    };
