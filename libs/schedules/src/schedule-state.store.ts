import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSealer } from '@brygga/data-seal';
import { REDIS } from '@brygga/flow-kernel';
import type { PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import type { ContentHash, DayRecord, RosterMaybeWritten, SentDay, SentStaff } from '@brygga/mapping';
import type { ScheduleKeys } from './schedule-keys';
import { SCHEDULE_KEYS } from './schedules.tokens';

/** What a unit's applied export said for one date: its revision and whom it listed. */
export interface UnitDate {
  revision: number;
  staffIds: string[];
}

/** One unit's part of one employee-day; `null` removes it (nothing there, or no longer listed). */
export interface ContributionChange {
  staffId: string;
  date: string;
  day: PlanningStaffDay | null;
}

/** What an apply reads of its unit: the recorded revision and listing per date, and whom an unrecorded apply may have written (RosterMaybeWritten). */
export interface UnitDatesRead {
  applied: Map<string, UnitDate>;
  maybeListed: Map<string, string[]>;
}

/** What was last sent for some of an employee's days, and what an unrecorded apply may have left there. */
export interface SentDaysRead {
  sent: Map<string, SentDay>;
  maybe: Map<string, SentDay[]>;
}

/** Hash of a body as sent: the mapper builds bodies with a fixed key order, so equal content gives equal JSON. */
export const contentHash: ContentHash = (body: PlanningStaff | PlanningStaffDay): string => {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
};

/**
 * The dates of a document's period it may still apply to: those where no applied export
 * of the same unit with a higher or equal revision spoke (scheduling-system README).
 * Equal revisions are the same roster, so a redelivery or an overlapping window of the
 * same revision applies only its new dates.
 */
export function datesToApply(applied: Map<string, UnitDate>, revision: number, dates: readonly string[], sameRevisionToo = false): string[] {
  return dates.filter((date) => {
    const before = applied.get(date)?.revision ?? 0;
    return before < revision || (sameRevisionToo && before === revision);
  });
}

/**
 * What the schedules flow applied and sent, per unit-date, employee-day and staff member
 * (keys: see scheduleKeys). The units' parts of the days (shifts, absences) and the staff
 * sent (names) are sealed; revisions, listings and day hashes are ids, dates and hashes.
 */
@Injectable()
export class ScheduleStateStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SCHEDULE_KEYS) private readonly keys: ScheduleKeys,
    private readonly sealer: DataSealer,
  ) {}

  /** What the unit's applied exports said for each date asked for (dates never applied are absent). */
  async unitDates(unitId: string, dates: readonly string[]): Promise<Map<string, UnitDate>> {
    return this.readFields(this.keys.unitDates(unitId), dates, (v) => JSON.parse(v) as UnitDate);
  }

  /** The same, with the unit's "may have been written" listing per date, in one round trip. */
  async unitDatesForApply(unitId: string, dates: readonly string[]): Promise<UnitDatesRead> {
    if (dates.length === 0) return { applied: new Map(), maybeListed: new Map() };
    const values = await this.redis.hmget(this.keys.unitDates(unitId), ...dates, ...dates.map(maybeListedField));
    const applied = new Map<string, UnitDate>();
    const maybeListed = new Map<string, string[]>();
    dates.forEach((date, i) => {
      const recorded = values[i];
      const maybe = values[dates.length + i];
      if (recorded) applied.set(date, JSON.parse(recorded) as UnitDate);
      if (maybe) maybeListed.set(date, JSON.parse(maybe) as string[]);
    });
    return { applied, maybeListed };
  }

  /** Every unit's part of the employee's days, keyed `{date}|{unit}`. */
  async contributions(tenant: string, staffId: string): Promise<Map<string, PlanningStaffDay>> {
    const raw = await this.redis.hgetallBuffer(this.keys.contributions(tenant, staffId));
    return new Map(Object.entries(raw).map(([field, v]) => [field, this.sealer.openJson<PlanningStaffDay>(v)]));
  }

  /**
   * Written last, once every write of the document was accepted, in one transaction: the
   * unit's parts of the employee-days, then its revision and listing per applied date (the
   * dates' "may have been written" listings go: every employee they named was decided and
   * written by now). A crash before it leaves the document to be applied again whole.
   */
  async recordApplied(tenant: string, unitId: string, changes: readonly ContributionChange[], applied: Map<string, UnitDate>): Promise<void> {
    const multi = this.redis.multi();
    for (const { staffId, date, day } of changes) {
      const key = this.keys.contributions(tenant, staffId);
      if (day === null) multi.hdel(key, contributionField(date, unitId));
      else multi.hset(key, contributionField(date, unitId), this.sealer.sealJson(day));
    }
    if (applied.size > 0) {
      const fields: Record<string, string> = {};
      for (const [date, { revision, staffIds }] of applied) fields[date] = JSON.stringify({ revision, staffIds: [...staffIds].sort() });
      multi.hset(this.keys.unitDates(unitId), fields).hdel(this.keys.unitDates(unitId), ...[...applied.keys()].map(maybeListedField));
    }
    await multi.exec();
  }

  /**
   * Made durable before the first write of an apply goes out, in one transaction: what it
   * may leave standing beyond the record (RosterMaybeWritten). Each field is written in full
   * (the caller merged what was noted before); `unitId` absent: no listing (the skills run).
   */
  async noteMaybeWritten(tenant: string, unitId: string | undefined, note: RosterMaybeWritten): Promise<void> {
    const multi = this.redis.multi();
    if (unitId !== undefined && note.listed.size > 0) {
      multi.hset(this.keys.unitDates(unitId), Object.fromEntries([...note.listed].map(([date, ids]) => [maybeListedField(date), JSON.stringify(ids)])));
    }
    for (const [staffId, { records, days }] of note.staff) {
      const fields: Record<string, string> = Object.fromEntries([...days].map(([date, bodies]) => [date, JSON.stringify(bodies)]));
      if (records) fields[MAYBE_STAFF_FIELD] = JSON.stringify(records);
      if (Object.keys(fields).length > 0) multi.hset(this.keys.maybeWritten(tenant, staffId), fields);
    }
    await multi.exec();
  }

  async sentStaff(tenant: string, staffIds: string[]): Promise<Map<string, SentStaff>> {
    if (staffIds.length === 0) return new Map();
    const values = await this.redis.hmgetBuffer(this.keys.staff(tenant), ...staffIds);
    const out = new Map<string, SentStaff>();
    staffIds.forEach((id, i) => {
      const v = values[i];
      if (v) out.set(id, this.sealer.openJson<SentStaff>(v));
    });
    return out;
  }

  /** The staff last sent and the record hashes an unrecorded apply may have left, in one round trip. */
  async sentStaffForApply(tenant: string, staffIds: readonly string[]): Promise<{ sent: Map<string, SentStaff>; maybe: Map<string, string[]> }> {
    const sent = new Map<string, SentStaff>();
    const maybe = new Map<string, string[]>();
    if (staffIds.length === 0) return { sent, maybe };
    const pipeline = this.redis.pipeline().hmgetBuffer(this.keys.staff(tenant), ...staffIds);
    for (const id of staffIds) pipeline.hget(this.keys.maybeWritten(tenant, id), MAYBE_STAFF_FIELD);
    const [records, ...notes] = resultsOf(await pipeline.exec());
    staffIds.forEach((id, i) => {
      const v = (records as Array<Buffer | null>)[i];
      if (v) sent.set(id, this.sealer.openJson<SentStaff>(v));
      const note = notes[i] as string | null;
      if (note) maybe.set(id, JSON.parse(note) as string[]);
    });
    return { sent, maybe };
  }

  async allStaff(tenant: string): Promise<Map<string, SentStaff>> {
    const raw = await this.redis.hgetallBuffer(this.keys.staff(tenant));
    return new Map(Object.entries(raw).map(([id, v]) => [id, this.sealer.openJson<SentStaff>(v)]));
  }

  async staffTenants(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.staffTenants())).sort();
  }

  async recordStaff(tenant: string, entries: Array<{ staffId: string; sent: SentStaff }>): Promise<void> {
    await this.recordSent(tenant, entries, []);
  }

  /** What the employee's days were last sent as, and the bodies an unrecorded apply may have left, in one round trip. */
  async sentDays(tenant: string, staffId: string, dates: readonly string[]): Promise<SentDaysRead> {
    const sent = new Map<string, SentDay>();
    const maybe = new Map<string, SentDay[]>();
    if (dates.length === 0) return { sent, maybe };
    const [recorded, notes] = resultsOf(await this.redis.pipeline().hmget(this.keys.days(tenant, staffId), ...dates).hmget(this.keys.maybeWritten(tenant, staffId), ...dates).exec());
    dates.forEach((date, i) => {
      const v = (recorded as Array<string | null>)[i];
      const note = (notes as Array<string | null>)[i];
      if (v) {
        const [hash, empty] = v.split('|');
        sent.set(date, { hash, empty: empty === 'e' });
      }
      if (note) maybe.set(date, JSON.parse(note) as SentDay[]);
    });
    return { sent, maybe };
  }

  async recordDays(tenant: string, records: DayRecord[]): Promise<void> {
    await this.recordSent(tenant, [], records);
  }

  /**
   * What the planning tool accepted, in one transaction: staff records and days as sent,
   * and their "may have been written" notes removed (the accepted body replaced them all).
   */
  async recordSent(tenant: string, staff: ReadonlyArray<{ staffId: string; sent: SentStaff }>, days: readonly DayRecord[]): Promise<void> {
    if (staff.length === 0 && days.length === 0) return;
    const multi = this.redis.multi();
    if (staff.length > 0) {
      const fields: Record<string, Buffer> = {};
      for (const { staffId, sent } of staff) fields[staffId] = this.sealer.sealJson(sent);
      multi.hset(this.keys.staff(tenant), fields).sadd(this.keys.staffTenants(), tenant);
      for (const { staffId } of staff) multi.hdel(this.keys.maybeWritten(tenant, staffId), MAYBE_STAFF_FIELD);
    }
    for (const { staffId, date, day } of days) {
      multi.hset(this.keys.days(tenant, staffId), date, `${day.hash}|${day.empty ? 'e' : 'n'}`).hdel(this.keys.maybeWritten(tenant, staffId), date);
    }
    await multi.exec();
  }

  /** The fields of one hash that are set, decoded; a field never written is absent. */
  private async readFields<T>(key: string, fields: readonly string[], decode: (value: string) => T): Promise<Map<string, T>> {
    if (fields.length === 0) return new Map();
    const values = await this.redis.hmget(key, ...fields);
    const out = new Map<string, T>();
    fields.forEach((field, i) => {
      const v = values[i];
      if (v) out.set(field, decode(v));
    });
    return out;
  }
}

/** The field of `sched:maybe:{tenant}:{staffId}` naming staff record hashes (the others are dates). */
const MAYBE_STAFF_FIELD = 'staff';

/** The field of a unit's "may have been written" listing of one date in `sched:unit-dates:{unit}`. */
function maybeListedField(date: string): string {
  return `${date}|maybe`;
}

/** A pipeline's or transaction's results, the first error thrown. */
function resultsOf(results: Array<[Error | null, unknown]> | null): unknown[] {
  if (!results) throw new Error('Redis pipeline was discarded');
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
  return results.map(([, value]) => value);
}

/** The field of one unit's part of one day in `sched:contrib:{tenant}:{staffId}`. */
export function contributionField(date: string, unitId: string): string {
  return `${date}|${unitId}`;
}
