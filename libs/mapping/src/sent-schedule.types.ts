import type { Delegation, PlanningStaff, PlanningStaffDay, Qualification } from '@brygga/domain';

/**
 * What the schedules flow last sent, as it records it (sched:staff and sched:day in
 * libs/schedules/src/schedule-keys.ts): here because deciding what to send again needs
 * it. Persisted: change a field only with a migration.
 */

/** The staff record last sent, and what its skills are computed from (for the daily run). */
export interface SentStaff {
  hash: string;
  /** The unit whose export last sent the record. */
  unitId: string;
  staff: PlanningStaff;
  qualification: Qualification;
  delegations: Delegation[];
}

/** The StaffDay last sent for one employee-day (the merge of every unit's part). */
export interface SentDay {
  hash: string;
  empty: boolean;
}

export interface DayRecord {
  staffId: string;
  date: string;
  day: SentDay;
}

/** Hash of a body as sent; injected so the mapping stays pure (the flow hashes with node:crypto). */
export type ContentHash = (body: PlanningStaff | PlanningStaffDay) => string;
