import type { PlanningCustomer, PlanningServiceOrder, PlanningStaff } from '@brygga/domain';

/** Fictitious, contract-valid planning-tool bodies for tests; the names are checked for in error messages. */
export function aCustomer(overrides: Partial<PlanningCustomer> = {}): PlanningCustomer {
  return {
    identityNumber: '19121212-1212',
    protectedIdentity: false,
    firstName: 'Tolvan',
    lastName: 'Tolvansson',
    address: { street: 'Testgatan 1', postalCode: '90326', city: 'Umeå' },
    key: { kind: 'NONE' },
    teamId: 'NORR-1',
    active: true,
    ...overrides,
  };
}

export function aServiceOrder(overrides: Partial<PlanningServiceOrder> = {}): PlanningServiceOrder {
  return {
    activityCode: 'OMV-HYG',
    title: 'Personlig hygien',
    minutesPerVisit: 20,
    staffPerVisit: 1,
    requiredSkills: [],
    schedule: { kind: 'DAILY', visitsPerPeriod: 1, visits: [{ label: 'morgon', earliest: '07:30', latest: '08:30' }] },
    validFrom: '2026-11-23',
    source: { system: 'treserva-umea', assignmentId: 'UPP-1', assignmentVersion: 1, decisionId: 'BES-1', interventionId: 'INS-1', interventionCode: 'PH' },
    ...overrides,
  };
}

export function aStaff(overrides: Partial<PlanningStaff> = {}): PlanningStaff {
  return { employmentNumber: 'E11000', firstName: 'Anna', lastName: 'Test', teamId: 'NORR-1', skills: ['USK'], ...overrides };
}
