import type { Assignment, Intervention } from '@brygga/domain';
import type { PlanningIdSource } from './assignment-plan.types';

/** Readable, deterministic ids for tests (the real ones are keyed hashes). */
export const testIds: PlanningIdSource = {
  customerId: (n) => `C-${n.replace(/\D/g, '').length}-test`,
  serviceOrderId: (a, i) => `SO-${a}-${i}`,
};

export function intervention(overrides: Partial<Intervention> = {}): Intervention {
  return {
    id: 'INS-1',
    code: 'PH',
    name: 'Personlig hygien',
    extent: { kind: 'daily', occasions: 1, times: [{ name: 'morgon' }] },
    doubleStaffing: false,
    ...overrides,
  };
}

/** A valid aktiv assignment for HT-NORR with one decision (2026-11-23 to 2027-05-31). */
export function assignment(interventions: Intervention[] = [intervention()], overrides: Partial<Assignment> = {}): Assignment {
  return {
    sourceSystem: 'treserva-test',
    id: 'UPP-1',
    version: 1,
    status: 'aktiv',
    startDate: '2026-11-23',
    changedAt: '2026-11-19T14:12:00+01:00',
    provider: { code: 'HT-NORR', name: 'Hemtjänst Norr', regi: 'kommunal' },
    client: {
      identityNumber: '19380412-5676',
      identityKind: 'personnummer',
      protectedIdentity: false,
      firstName: 'Test',
      lastName: 'Person',
      address: { street: 'Gatan 1', postalCode: '903 26', city: 'Umeå' },
      key: { kind: 'ingen' },
    },
    assessor: { id: 'BH-1', name: 'Handläggare' },
    fixedCareContacts: [],
    decisions: [{ id: 'BES-1', decisionDate: '2026-11-18', validFrom: '2026-11-23', validTo: '2027-05-31', legalBasis: 'SoL 4 kap. 1 §', interventions }],
    ...overrides,
  };
}
