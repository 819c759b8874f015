import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSealer } from '@brygga/data-seal';
import { REDIS } from '@brygga/flow-kernel';
import type { PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import type { ContentHash, DayRecord, SentDay, SentStaff } from '@brygga/mapping';
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

  /** Every unit's part of the employee's days, keyed `{date}|{unit}`. */
  async contributions(tenant: string, staffId: string): Promise<Map<string, PlanningStaffDay>> {
    const raw = await this.redis.hgetallBuffer(this.keys.contributions(tenant, staffId));
    return new Map(Object.entries(raw).map(([field, v]) => [field, this.sealer.openJson<PlanningStaffDay>(v)]));
  }

  /**
   * Written last, once every write of the document was accepted, in one transaction: the
   * unit's parts of the employee-days, then its revision and listing per applied date. A
   * crash before it leaves the document to be applied again whole.
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
      multi.hset(this.keys.unitDates(unitId), fields);
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

  async allStaff(tenant: string): Promise<Map<string, SentStaff>> {
    const raw = await this.redis.hgetallBuffer(this.keys.staff(tenant));
    return new Map(Object.entries(raw).map(([id, v]) => [id, this.sealer.openJson<SentStaff>(v)]));
  }

  async staffTenants(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.staffTenants())).sort();
  }

  async recordStaff(tenant: string, entries: Array<{ staffId: string; sent: SentStaff }>): Promise<void> {
    if (entries.length === 0) return;
    const fields: Record<string, Buffer> = {};
    for (const { staffId, sent } of entries) fields[staffId] = this.sealer.sealJson(sent);
    await this.redis.multi().hset(this.keys.staff(tenant), fields).sadd(this.keys.staffTenants(), tenant).exec();
  }

  async sentDays(tenant: string, staffId: string, dates: string[]): Promise<Map<string, SentDay>> {
    return this.readFields(this.keys.days(tenant, staffId), dates, (v) => {
      const [hash, empty] = v.split('|');
      return { hash, empty: empty === 'e' };
    });
  }

  async recordDays(tenant: string, records: DayRecord[]): Promise<void> {
    if (records.length === 0) return;
    const multi = this.redis.multi();
    for (const { staffId, date, day } of records) multi.hset(this.keys.days(tenant, staffId), date, `${day.hash}|${day.empty ? 'e' : 'n'}`);
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

/** The field of one unit's part of one day in `sched:contrib:{tenant}:{staffId}`. */
export function contributionField(date: string, unitId: string): string {
  return `${date}|${unitId}`;
}
