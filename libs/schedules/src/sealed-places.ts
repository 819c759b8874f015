import type { SealedPlace } from '@brygga/data-seal';

/**
 * The schedules flow's sealed values (keys as in scheduleKeys, below `${prefix}:data:`):
 * each unit's part of an employee's days (shifts and absences, sick leave among them) and
 * the staff records sent (names). Unit dates, day hashes and queues are ids, dates and hashes.
 */
export const SCHEDULES_SEALED_PLACES: readonly SealedPlace[] = [
  { what: 'roster parts', type: 'hash', key: /^sched:contrib:[^:]+:[^:]+$/ },
  { what: 'staff sent', type: 'hash', key: /^sched:staff:[^:]+$/ },
];
