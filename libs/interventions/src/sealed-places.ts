import type { SealedPlace } from '@brygga/data-seal';

/**
 * The interventions flow's sealed values (keys as in dataKeys, below `${prefix}:data:`):
 * each assignment version (the client, address, door code, notes) and each customer's
 * parts. The assignment state and the ended list hold ids, versions and dates only.
 */
export const INTERVENTIONS_SEALED_PLACES: readonly SealedPlace[] = [
  { what: 'assignment versions', type: 'string', key: /^asgv:[^:]+:\d+$/ },
  { what: 'customers', type: 'hash', key: /^cust:[^:]+:[^:]+$/ },
];
