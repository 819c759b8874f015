import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Delegation, PlanningStaff, PlanningStaffDay, Qualification } from '@brygga/domain';
import type { ScheduleKeys } from './schedule-keys';

/** What was last applied for one unit: its revision, and the periods applied at that revision. */
export interface UnitState {
  revision: number;
  /** `periodStart/periodEnd` of every document applied at `revision`. */
  periods: string[];
}

/** The staff record last sent, and what its skills are computed from (for the daily run). */
export interface SentStaff {
  hash: string;
  unitId: string;
  staff: PlanningStaff;
  qualification: Qualification;
  delegations: Delegation[];
}

/** The StaffDay last sent for one employee-day, and which unit's export sent it. */
export interface SentDay {
  unitId: string;
  hash: string;
  empty: boolean;
}

export interface DayRecord {
  staffId: string;
  date: string;
  day: SentDay;
}

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Hash of a body as sent: the mapper builds bodies with a fixed key order, so equal content gives equal JSON. */
export function contentHash(body: PlanningStaff | PlanningStaffDay): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
}

export function periodOf(periodStart: string, periodEnd: string): string {
  return `${periodStart}/${periodEnd}`;
}

/**
 * Stale when the revision is below the unit's applied one, or equal to it for a period
 * already applied at that revision. Equal revisions with another period are the same
 * roster seen through another window (the poller's window moves daily), so they apply.
 */
export function isStale(state: UnitState, revision: number, period: string): boolean {
  return revision < state.revision || (revision === state.revision && state.periods.includes(period));
}

/** What the schedules flow last sent, per unit, staff member and employee-day (keys: see scheduleKeys). */
export class ScheduleStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ScheduleKeys,
  ) {}

  async unitState(unitId: string): Promise<UnitState> {
    const h = await this.redis.hgetall(this.keys.unit(unitId));
    return { revision: Number(h.revision ?? 0), periods: h.periods ? (JSON.parse(h.periods) as string[]) : [] };
  }

  /** Written last, once everything of the document was accepted. */
  async recordApplied(unitId: string, revision: number, period: string): Promise<void> {
    const state = await this.unitState(unitId);
    const periods = revision === state.revision ? [...new Set([...state.periods, period])] : [period];
    await this.redis.hset(this.keys.unit(unitId), { revision: String(revision), periods: JSON.stringify(periods), appliedAt: new Date().toISOString() });
  }

  /** Staff ids the unit's last applied export listed, per date asked for. */
  async unitDays(unitId: string, dates: string[]): Promise<Map<string, string[]>> {
    if (dates.length === 0) return new Map();
    const values = await this.redis.hmget(this.keys.unitDays(unitId), ...dates);
    const out = new Map<string, string[]>();
    dates.forEach((date, i) => {
      const v = values[i];
      if (v) out.set(date, JSON.parse(v) as string[]);
    });
    return out;
  }

  async recordUnitDays(unitId: string, staffIdsByDate: Map<string, string[]>): Promise<void> {
    if (staffIdsByDate.size === 0) return;
    const fields: Record<string, string> = {};
    for (const [date, ids] of staffIdsByDate) fields[date] = JSON.stringify([...ids].sort());
    await this.redis.hset(this.keys.unitDays(unitId), fields);
  }

  async sentStaff(tenant: string, staffIds: string[]): Promise<Map<string, SentStaff>> {
    if (staffIds.length === 0) return new Map();
    const values = await this.redis.hmget(this.keys.staff(tenant), ...staffIds);
    const out = new Map<string, SentStaff>();
    staffIds.forEach((id, i) => {
      const v = values[i];
      if (v) out.set(id, JSON.parse(v) as SentStaff);
    });
    return out;
  }

  async allStaff(tenant: string): Promise<Map<string, SentStaff>> {
    const raw = await this.redis.hgetall(this.keys.staff(tenant));
    return new Map(Object.entries(raw).map(([id, v]) => [id, JSON.parse(v) as SentStaff]));
  }

  async staffTenants(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.staffTenants())).sort();
  }

  async recordStaff(tenant: string, entries: Array<{ staffId: string; sent: SentStaff }>): Promise<void> {
    if (entries.length === 0) return;
    const fields: Record<string, string> = {};
    for (const { staffId, sent } of entries) fields[staffId] = JSON.stringify(sent);
    await this.redis.multi().hset(this.keys.staff(tenant), fields).sadd(this.keys.staffTenants(), tenant).exec();
  }

  async sentDays(tenant: string, staffId: string, dates: string[]): Promise<Map<string, SentDay>> {
    if (dates.length === 0) return new Map();
    const values = await this.redis.hmget(this.keys.days(tenant, staffId), ...dates);
    const out = new Map<string, SentDay>();
    dates.forEach((date, i) => {
      const v = values[i];
      if (!v) return;
      const [unitId, hash, empty] = v.split('|');
      out.set(date, { unitId, hash, empty: empty === 'e' });
    });
    return out;
  }

  async recordDays(tenant: string, records: DayRecord[]): Promise<void> {
    if (records.length === 0) return;
    const multi = this.redis.multi();
    for (const { staffId, date, day } of records) multi.hset(this.keys.days(tenant, staffId), date, `${day.unitId}|${day.hash}|${day.empty ? 'e' : 'n'}`);
    await multi.exec();
  }

  /** Returns a release function, or null when another worker holds this unit. */
  async tryLock(unitId: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const token = randomUUID();
    const key = this.keys.unitLock(unitId);
    const ok = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    return async () => {
      await this.redis.eval(UNLOCK, 1, key, token);
    };
  }
}
