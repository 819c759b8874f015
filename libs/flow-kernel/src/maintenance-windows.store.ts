import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import type { MaintenanceWindowRule, TenantRule } from '@brygga/domain';
import { KERNEL_KEYS, REDIS, RULES, type RulesAccessor } from './flow-kernel.tokens';
import type { KernelKeys } from './kernel-keys';

/** One maintenance window of a tenant: from the rules file, or set through the admin API. */
export interface MaintenanceWindow extends MaintenanceWindowRule {
  id: string;
  tenant: string;
  source: 'rules' | 'api';
  /** The admin token's name that set it (API windows). */
  createdBy?: string;
  createdAt?: string;
}

/** What is stored per window id: an API window, or the early end of a rules window. */
interface StoredEntry {
  window?: MaintenanceWindow;
  endedAt?: string;
  /** A rules window's own end, so that its early end is kept as long as the file's window lasts. */
  until?: string;
}

/** Ended and past windows are forgotten this long after their end (the page shows the current and coming ones). */
const KEEP_AFTER_END_MS = 24 * 3600_000;
const TENANTS_TTL_SECONDS = 30 * 24 * 3600;
/**
 * How long a process trusts its last read of a tenant's stored windows when asked before a
 * send (`activeForSend`): a window set or ended through the admin API reaches the other
 * processes' sends within this, as a send already past the gate would have gone anyway.
 * The windows' own times are always compared with the send's now, and a change made through
 * this process is seen at once.
 */
export const MAINTENANCE_READ_CACHE_MS = 1000;

/**
 * Each tenant's maintenance windows: the rules file's (read from the rules in force, so a
 * reload adds or drops them) and the admin API's (in Redis, so every process sees the
 * same). `activeFor` is what the write gate and the alerts ask. Ending a window early is
 * stored beside it: deleting an API window, marking a rules window ended (the file stays as written).
 */
@Injectable()
export class MaintenanceWindowsStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KERNEL_KEYS) private readonly keys: KernelKeys,
    @Optional() @Inject(RULES) private readonly rules?: RulesAccessor<{ tenants: Record<string, TenantRule> }>,
  ) {}

  /** Each tenant's stored windows as last read for a send (a read in flight is shared). */
  private readonly recent = new Map<string, { at: number; stored: Promise<Record<string, string>> }>();

  /** The window in force for `tenant` at `now` (of overlapping ones, the one ending last), or undefined. */
  async activeFor(tenant: string, now: Date = new Date()): Promise<MaintenanceWindow | undefined> {
    return activeAt(this.windowsIn(tenant, await this.redis.hgetall(this.keys.maintenance(tenant))), now);
  }

  /** The same, from this process's read of at most MAINTENANCE_READ_CACHE_MS ago: asked before every send, which must not cost a round trip each. */
  async activeForSend(tenant: string, now: Date = new Date()): Promise<MaintenanceWindow | undefined> {
    const kept = this.recent.get(tenant);
    if (kept && performance.now() - kept.at <= MAINTENANCE_READ_CACHE_MS) return activeAt(this.windowsIn(tenant, await kept.stored), now);
    const read = { at: performance.now(), stored: this.redis.hgetall(this.keys.maintenance(tenant)) };
    this.recent.set(tenant, read);
    // A failed read is not kept: the next send asks Redis again.
    read.stored.catch(() => this.recent.get(tenant) === read && this.recent.delete(tenant));
    return activeAt(this.windowsIn(tenant, await read.stored), now);
  }

  /** Every tenant's current and coming windows (not ended), soonest first; one tenant's with `tenant`. */
  async list(now: Date = new Date(), tenant?: string): Promise<MaintenanceWindow[]> {
    const tenants = tenant !== undefined ? [tenant] : await this.tenants();
    const all = (await Promise.all(tenants.map((t) => this.windowsOf(t)))).flat();
    return all.filter((w) => Date.parse(w.until) > now.getTime()).sort((a, b) => Date.parse(a.from) - Date.parse(b.from) || a.id.localeCompare(b.id));
  }

  async add(tenant: string, rule: MaintenanceWindowRule, createdBy: string, now: Date = new Date()): Promise<MaintenanceWindow> {
    const window: MaintenanceWindow = { id: `m-${randomBytes(6).toString('hex')}`, tenant, from: rule.from, until: rule.until, reason: rule.reason, source: 'api', createdBy, createdAt: now.toISOString() };
    await this.redis
      .multi()
      .hset(this.keys.maintenance(tenant), window.id, JSON.stringify({ window } satisfies StoredEntry))
      .sadd(this.keys.maintenanceTenants, tenant)
      .expire(this.keys.maintenanceTenants, TENANTS_TTL_SECONDS)
      .exec();
    this.recent.delete(tenant);
    await this.prune(tenant, now);
    return window;
  }

  /** Ends a current or coming window now; undefined when the tenant has no such window (or it has ended). */
  async end(tenant: string, id: string, now: Date = new Date()): Promise<MaintenanceWindow | undefined> {
    const window = (await this.list(now, tenant)).find((w) => w.id === id);
    if (!window) return undefined;
    const entry: StoredEntry = window.source === 'api' ? { window: { ...window, until: now.toISOString() }, endedAt: now.toISOString() } : { endedAt: now.toISOString(), until: window.until };
    await this.redis.multi().hset(this.keys.maintenance(tenant), id, JSON.stringify(entry)).sadd(this.keys.maintenanceTenants, tenant).exec();
    this.recent.delete(tenant);
    return { ...window, until: now.toISOString() };
  }

  /** Tenants with windows: those the rules name and those given windows through the API. */
  private async tenants(): Promise<string[]> {
    const stored = await this.redis.smembers(this.keys.maintenanceTenants);
    return [...new Set([...Object.keys(this.rules?.().tenants ?? {}), ...stored])].sort();
  }

  private async windowsOf(tenant: string): Promise<MaintenanceWindow[]> {
    return this.windowsIn(tenant, await this.redis.hgetall(this.keys.maintenance(tenant)));
  }

  private windowsIn(tenant: string, stored: Record<string, string>): MaintenanceWindow[] {
    const entries = new Map(Object.entries(stored).map(([id, json]) => [id, JSON.parse(json) as StoredEntry]));
    const fromRules = (this.rules?.().tenants[tenant]?.maintenance ?? []).map((rule) => rulesWindow(tenant, rule));
    const rulesOnes = fromRules.filter((w) => entries.get(w.id)?.endedAt === undefined);
    const apiOnes = [...entries.values()].flatMap((e) => (e.window && e.endedAt === undefined ? [e.window] : []));
    return [...rulesOnes, ...apiOnes];
  }

  /** Drops what ended more than a day ago: the hash stays as small as the current windows. */
  private async prune(tenant: string, now: Date): Promise<void> {
    const stored = await this.redis.hgetall(this.keys.maintenance(tenant));
    const old = Object.entries(stored).flatMap(([id, json]) => {
      const entry = JSON.parse(json) as StoredEntry;
      const end = Date.parse(entry.window?.until ?? entry.until ?? '');
      return end < now.getTime() - KEEP_AFTER_END_MS ? [id] : [];
    });
    if (old.length > 0) await this.redis.hdel(this.keys.maintenance(tenant), ...old);
  }
}

/** Of the windows in force at `now`, the one ending last. */
function activeAt(windows: MaintenanceWindow[], now: Date): MaintenanceWindow | undefined {
  const at = now.getTime();
  const active = windows.filter((w) => Date.parse(w.from) <= at && at < Date.parse(w.until));
  return active.sort((a, b) => Date.parse(b.until) - Date.parse(a.until))[0];
}

/** A rules window's id is its content's hash: the same window keeps its id across reloads (and its early end with it). */
function rulesWindow(tenant: string, rule: MaintenanceWindowRule): MaintenanceWindow {
  const id = `r-${createHash('sha256').update(`${tenant}\u0000${rule.from}\u0000${rule.until}`).digest('hex').slice(0, 12)}`;
  return { id, tenant, from: rule.from, until: rule.until, reason: rule.reason, source: 'rules' };
}
