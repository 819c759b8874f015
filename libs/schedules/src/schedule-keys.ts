/**
 * The schedules flow's own data keys, beside the shared ones (documents, stats,
 * quarantine, locks) of `dataKeys(prefix)`. Part of the persisted format: change a key
 * only with a migration.
 *
 * - `sched:unit-dates:{unit}` hash: date -> JSON `{ revision, staffIds }`: the revision of
 *   the unit's export applied for that date and the staff ids it listed then (staleness
 *   is per unit and date; the listing finds employees the unit no longer lists); and
 *   `{date}|maybe` -> JSON staff ids whose day an unrecorded apply of the unit may have
 *   written (noted before its writes, removed when the unit's next apply of that date is
 *   recorded): the next export recomputes their days even when it no longer lists them.
 * - `sched:contrib:{tenant}:{staffId}` hash: `{date}|{unit}` -> JSON StaffDay: that unit's
 *   part of the employee's day as its latest applied export gave it (only non-empty
 *   parts are kept). The day sent is the merge of every unit's part.
 * - `sched:day:{tenant}:{staffId}` hash: date -> `{hash}|{e|n}` of the last StaffDay
 *   sent (e = it was empty), whichever units it was merged from.
 * - `sched:maybe:{tenant}:{staffId}` hash: `staff` -> JSON staff record hashes, `{date}`
 *   -> JSON `[{ hash, empty }]` day bodies: what an apply sent (or was about to) without
 *   living to record it, noted before the write goes out; each field removed when what
 *   replaced it is recorded (RosterMaybeWritten in libs/mapping). Ids, dates and hashes.
 * - `sched:staff:{tenant}` hash: staff id -> JSON `SentStaff` (hash of the last staff
 *   body sent, the body, qualification and delegations for the daily skills run).
 * - `sched:staff-tenants` set: tenants that hold any staff sent by this flow.
 * - `sched:queue:{unit}` sorted set: document id by revision, for exports queued and not
 *   yet applied (a unit's exports queued together are applied oldest first).
 * - `sched:lock:unit:{unit}` and `sched:lock:staff:{tenant}:{staffId}` strings: taken
 *   all or nothing, so one worker at a time applies a unit and writes an employee's days.
 */
export function scheduleKeys(prefix: string) {
  // Same `${prefix}:data` root as dataKeys(prefix), so one prefix scan finds everything.
  const base = `${prefix}:data:sched`;
  return {
    unitDates: (unitId: string) => `${base}:unit-dates:${unitId}`,
    contributions: (tenant: string, staffId: string) => `${base}:contrib:${tenant}:${staffId}`,
    days: (tenant: string, staffId: string) => `${base}:day:${tenant}:${staffId}`,
    maybeWritten: (tenant: string, staffId: string) => `${base}:maybe:${tenant}:${staffId}`,
    staff: (tenant: string) => `${base}:staff:${tenant}`,
    staffTenants: () => `${base}:staff-tenants`,
    unitQueue: (unitId: string) => `${base}:queue:${unitId}`,
    unitLock: (unitId: string) => `${base}:lock:unit:${unitId}`,
    staffLock: (tenant: string, staffId: string) => `${base}:lock:staff:${tenant}:${staffId}`,
  };
}

export type ScheduleKeys = ReturnType<typeof scheduleKeys>;
