import type { Employee, ScheduleUnit } from '@brygga/domain';

/**
 * What the simulator holds for one unit: its people with every shift and absence it
 * knows of, and the revision of the unit's last publish.
 */
export interface UnitRoster {
  unit: ScheduleUnit;
  revision: number;
  /** The period this roster was generated or posted for: the default period to publish. */
  periodStart: string;
  periodEnd: string;
  employees: Employee[];
}
