/**
 * The schedules flow's own data keys, beside the shared ones (documents, stats,
 * quarantine, locks) of `dataKeys(prefix)`. Part of the persisted format: change a key
 * only with a migration.
 *
 * - `sched:unit:{unit}` hash: `revision` applied, `periods` (JSON list of
 *   `start/end` applied at that revision), `appliedAt`.
 * - `sched:unit:{unit}:lock` string: one worker applies a unit at a time.
 * - `sched:unit-days:{unit}` hash: date -> JSON list of the staff ids this unit's last
 *   applied export listed for that date (to find employees who disappeared).
 * - `sched:staff:{tenant}` hash: staff id -> JSON `SentStaff` (hash of the last staff
 *   body sent, the body, qualification and delegations for the daily skills run).
 * - `sched:staff-tenants` set: tenants that hold any staff sent by this flow.
 * - `sched:day:{tenant}:{staffId}` hash: date -> `{unit}|{hash}|{e|n}` of the last
 *   StaffDay sent (e = it was empty).
 */
export function scheduleKeys(prefix: string) {
  // Same `${prefix}:data` root as dataKeys(prefix), so one prefix scan finds everything.
  const base = `${prefix}:data:sched`;
  return {
    unit: (unitId: string) => `${base}:unit:${unitId}`,
    unitLock: (unitId: string) => `${base}:unit:${unitId}:lock`,
    unitDays: (unitId: string) => `${base}:unit-days:${unitId}`,
    staff: (tenant: string) => `${base}:staff:${tenant}`,
    staffTenants: () => `${base}:staff-tenants`,
    days: (tenant: string, staffId: string) => `${base}:day:${tenant}:${staffId}`,
  };
}

export type ScheduleKeys = ReturnType<typeof scheduleKeys>;
