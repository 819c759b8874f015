/** The canonical published roster of one unit for one period (scheduling system export). */
export type Qualification = 'USK' | 'VB' | 'SSK';
export type ShiftType = 'DAG' | 'KVÄLL' | 'NATT' | 'DELAD';
export type AbsenceCode = 'SJK' | 'SEM' | 'FPL' | 'UTB' | 'OVR';

export interface Delegation {
  type: string;
  /** Last day the delegation counts (inclusive). */
  validTo: string;
}

export interface ScheduleBreak {
  /** Local `HH:MM`. */
  start: string;
  end: string;
}

export interface Shift {
  /** Local date on which the shift starts. */
  date: string;
  /** Local wall-clock `HH:MM`; an end at or before start means the next day. */
  start: string;
  end: string;
  type: ShiftType;
  breaks: ScheduleBreak[];
}

export interface Absence {
  date: string;
  code: AbsenceCode;
  /** Both absent: the whole day. */
  from?: string;
  to?: string;
}

export interface Employee {
  /** The scheduling system's own id (not the staff id in the planning tool). */
  id: string;
  employmentNumber: string;
  /** The unit the employee belongs to when lent to the exporting unit; absent means the exporting unit. */
  homeUnit?: string;
  firstName: string;
  lastName: string;
  qualification: Qualification;
  delegations: Delegation[];
  shifts: Shift[];
  absences: Absence[];
}

export interface ScheduleUnit {
  id: string;
  name: string;
  costCenter: string;
}

export interface Schedule {
  generated: string;
  revision: number;
  periodStart: string;
  periodEnd: string;
  unit: ScheduleUnit;
  employees: Employee[];
}
