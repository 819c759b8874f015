import type { PlannedStaffWrite } from './schedule-writes.planner';
import type { SentDay } from './sent-schedule.types';

/**
 * What a roster apply may leave standing in the planning tool beyond what is recorded: it
 * sends before it records, so a worker killed between the planning tool's answer and the
 * record (or an apply that fails for good half way) leaves bodies nobody recorded. Noted
 * before the first write goes out, each part cleared by the record of what replaced it;
 * until then the next diff treats them as possibly present beside the recorded version.
 * Only ids, dates and content hashes: no personal value.
 */
export interface RosterMaybeWritten {
  /**
   * Per date, the employees whose day the unit's apply may have written. The unit's next
   * export recomputes their days even when it no longer lists them: its recorded listing
   * does not name them, since the apply that did never lived to record it.
   */
  listed: Map<string, string[]>;
  /** Per employee: staff record hashes, and per date the day bodies, that may stand. Each entry in full (earlier notes kept). */
  staff: Map<string, { records?: string[]; days: Map<string, SentDay[]> }>;
}

/** What was noted before, as read with the state the diff is computed from. */
export interface EarlierMaybeWritten {
  /** The unit's, by date. */
  listed?: Map<string, readonly string[]>;
  /** Staff record hashes by staff id. */
  records?: Map<string, readonly string[]>;
  /** Day bodies by staff id, then date. */
  days?: Map<string, Map<string, readonly SentDay[]>>;
}

/**
 * The note to make durable before `writes` go out: every body they send, each added to
 * what was noted for the same place before (a body an earlier apply may have left is not
 * forgotten because this one may have failed too), and for the unit the employees whose
 * days they write. Nothing to note when nothing is written.
 */
export function rosterMaybeWritten(writes: readonly PlannedStaffWrite[], earlier: EarlierMaybeWritten = {}): RosterMaybeWritten {
  const listed = new Map<string, Set<string>>();
  const staff: RosterMaybeWritten['staff'] = new Map();
  const of = (staffId: string) => {
    const entry = staff.get(staffId) ?? { days: new Map<string, SentDay[]>() };
    staff.set(staffId, entry);
    return entry;
  };
  for (const { staff: record, day } of writes) {
    if (record) {
      const entry = of(record.staffId);
      entry.records = unique([...(entry.records ?? earlier.records?.get(record.staffId) ?? []), record.sent.hash]);
    }
    if (day) {
      const entry = of(day.staffId);
      const before = entry.days.get(day.date) ?? earlier.days?.get(day.staffId)?.get(day.date) ?? [];
      entry.days.set(day.date, uniqueDays([...before, day.day]));
      const names = listed.get(day.date) ?? new Set(earlier.listed?.get(day.date) ?? []);
      listed.set(day.date, names.add(day.staffId));
    }
  }
  return { listed: new Map([...listed].map(([date, names]) => [date, [...names].sort()])), staff };
}

/** Whom the unit may have listed on a date: the recorded listing and any unrecorded apply's. */
export function possiblyListed(recorded: readonly string[] | undefined, maybe: readonly string[] | undefined): string[] {
  return unique([...(recorded ?? []), ...(maybe ?? [])]);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function uniqueDays(days: readonly SentDay[]): SentDay[] {
  const byHash = new Map<string, SentDay>();
  for (const d of days) byHash.set(d.hash, d);
  return [...byHash.values()].sort((a, b) => a.hash.localeCompare(b.hash));
}
