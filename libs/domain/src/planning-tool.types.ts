/**
 * The planning tool's wire model (planning-tool/openapi.yaml), as the mapping produces
 * it and the planning-tool adapter sends it. Optional fields are omitted, never null.
 */
export interface PlanningCustomer {
  identityNumber: string;
  protectedIdentity: boolean;
  firstName: string;
  lastName: string;
  address: { street: string; postalCode: string; city: string; doorCode?: string };
  phone?: string;
  key: { kind: 'PHYSICAL' | 'DIGITAL' | 'NONE'; lockId?: string };
  safetyAlarm?: boolean;
  language?: string;
  teamId: string;
  contactStaffIds?: string[];
  active: boolean;
  activeUntil?: string;
}

export type PlanningWeekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export interface PlanningVisitSlot {
  label?: string;
  earliest: string;
  latest: string;
}

export interface PlanningServiceOrder {
  activityCode: string;
  title: string;
  minutesPerVisit: number;
  staffPerVisit: 1 | 2;
  requiredSkills: string[];
  schedule: {
    kind: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'ON_DEMAND';
    visitsPerPeriod?: number;
    everyNthWeek?: number;
    weekdays?: PlanningWeekday[];
    visits?: PlanningVisitSlot[];
  };
  validFrom: string;
  validTo?: string;
  goal?: string;
  note?: string;
  source: {
    system: string;
    assignmentId: string;
    assignmentVersion: number;
    decisionId: string;
    interventionId: string;
    interventionCode: string;
  };
}

export interface PlanningStaff {
  employmentNumber: string;
  firstName: string;
  lastName: string;
  teamId: string;
  skills: string[];
  active?: boolean;
}

export interface PlanningInterval {
  /** ISO 8601 with the Europe/Stockholm offset of that instant. */
  start: string;
  end: string;
}

export interface PlanningStaffDay {
  shifts: Array<PlanningInterval & { kind?: string; teamId?: string; breaks: PlanningInterval[] }>;
  absences: Array<PlanningInterval & { reason: 'SICK' | 'VACATION' | 'PARENTAL' | 'TRAINING' | 'OTHER' }>;
}
