import type { Assignment, KeyKind, PlanningCustomer } from '@brygga/domain';
import type { ProviderRule } from './mapping-rules.types';

const KEY_KINDS: Record<KeyKind, PlanningCustomer['key']['kind']> = { fysisk: 'PHYSICAL', digital: 'DIGITAL', ingen: 'NONE' };

/** `903 26` -> `90326`: the planning tool takes digits only. */
export function postalDigits(postalCode: string): string {
  return postalCode.replace(/\D/g, '');
}

/** The client's team: the first postal-code prefix rule that matches, else the provider's default. */
export function teamFor(provider: ProviderRule, postalCode: string): string {
  const digits = postalDigits(postalCode);
  return provider.postalCodeTeams?.find((r) => digits.startsWith(r.prefix))?.team ?? provider.team;
}

/**
 * The planning tool's customer. `avslutad`: the customer stays, active until slutdatum;
 * once slutdatum has passed (before `today`) it is inactive, as the daily run would set it.
 */
export function customerOf(assignment: Assignment, provider: ProviderRule, today: string): PlanningCustomer {
  const { client } = assignment;
  const ended = assignment.status === 'avslutad' ? assignment.endDate : undefined;
  return {
    identityNumber: client.identityNumber,
    protectedIdentity: client.protectedIdentity,
    firstName: client.firstName,
    lastName: client.lastName,
    address: {
      street: client.address.street,
      postalCode: postalDigits(client.address.postalCode),
      city: client.address.city,
      ...(client.address.doorCode !== undefined && { doorCode: client.address.doorCode }),
    },
    ...(client.phone !== undefined && { phone: client.phone }),
    key: { kind: KEY_KINDS[client.key.kind], ...(client.key.lockId !== undefined && { lockId: client.key.lockId }) },
    ...(client.safetyAlarm !== undefined && { safetyAlarm: client.safetyAlarm }),
    ...(client.language !== undefined && { language: client.language }),
    teamId: teamFor(provider, client.address.postalCode),
    ...(assignment.fixedCareContacts.length > 0 && { contactStaffIds: [...assignment.fixedCareContacts] }),
    active: ended === undefined || ended >= today,
    ...(ended !== undefined && { activeUntil: ended }),
  };
}
