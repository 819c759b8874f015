import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import { reasonCodes, type Reason } from '@brygga/domain';
import type { KernelKeys } from './kernel-keys';

export interface QuarantineEntry {
  at: string;
  /** Assignment id (or employee id for schedules): an id, never a person's data. */
  ref: string;
  version?: number;
  documentId?: string;
  reasons: Reason[];
  rulesVersion?: string;
}

const MAX_QUARANTINE_ENTRIES = 10_000;

/**
 * Counters and the quarantine list of one flow, for the demo summary and operations.
 * Counter names are fixed words; quarantines are also counted per reason code
 * (`quarantined:<code>`), each code once per entry.
 */
export class FlowStatsStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KernelKeys,
    private readonly flow: string,
  ) {}

  async increment(counter: string, by = 1): Promise<void> {
    if (by !== 0) await this.redis.hincrby(this.keys.stats(this.flow), counter, by);
  }

  async incrementMany(counters: Record<string, number>): Promise<void> {
    await this.incrementManyIn(this.redis.multi(), counters).exec();
  }

  /** The same, as part of a caller's transaction. */
  incrementManyIn(multi: ChainableCommander, counters: Record<string, number>): ChainableCommander {
    for (const [name, by] of Object.entries(counters)) if (by !== 0) multi.hincrby(this.keys.stats(this.flow), name, by);
    return multi;
  }

  async read(): Promise<Record<string, number>> {
    const raw = await this.redis.hgetall(this.keys.stats(this.flow));
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  async quarantine(entry: Omit<QuarantineEntry, 'at'>): Promise<void> {
    const full: QuarantineEntry = { at: new Date().toISOString(), ...entry };
    const multi = this.redis
      .multi()
      .lpush(this.keys.quarantine(this.flow), JSON.stringify(full))
      .ltrim(this.keys.quarantine(this.flow), 0, MAX_QUARANTINE_ENTRIES - 1)
      .hincrby(this.keys.stats(this.flow), 'quarantined', 1);
    for (const code of reasonCodes(entry.reasons)) multi.hincrby(this.keys.stats(this.flow), `quarantined:${code}`, 1);
    await multi.exec();
  }

  async listQuarantine(limit = 100): Promise<QuarantineEntry[]> {
    const items = await this.redis.lrange(this.keys.quarantine(this.flow), 0, limit - 1);
    return items.map((i) => withStructuredReasons(JSON.parse(i) as StoredEntry));
  }
}

/** Entries written before reasons had codes hold their reasons as text; they stay readable. */
type StoredEntry = Omit<QuarantineEntry, 'reasons'> & { reasons: Array<Reason | string> };

function withStructuredReasons(entry: StoredEntry): QuarantineEntry {
  return { ...entry, reasons: entry.reasons.map((r) => (typeof r === 'string' ? { code: 'legacy.unstructured', text: r } : r)) };
}
