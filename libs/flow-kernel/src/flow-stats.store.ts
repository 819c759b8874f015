import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import type { KernelKeys } from './kernel-keys';

export interface QuarantineEntry {
  at: string;
  /** Assignment id (or employee id for schedules): an id, never a person's data. */
  ref: string;
  version?: number;
  documentId?: string;
  reasons: string[];
  rulesVersion?: string;
}

const MAX_QUARANTINE_ENTRIES = 10_000;

/**
 * Counters and the quarantine list of one flow, for the demo summary and operations.
 * Counter names are fixed words; reasons are kept per kind (`quarantined:<kind>`).
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
    const kinds = [...new Set(entry.reasons.map(reasonKind))];
    const multi = this.redis
      .multi()
      .lpush(this.keys.quarantine(this.flow), JSON.stringify(full))
      .ltrim(this.keys.quarantine(this.flow), 0, MAX_QUARANTINE_ENTRIES - 1)
      .hincrby(this.keys.stats(this.flow), 'quarantined', 1);
    for (const kind of kinds) multi.hincrby(this.keys.stats(this.flow), `quarantined:${kind}`, 1);
    await multi.exec();
  }

  async listQuarantine(limit = 100): Promise<QuarantineEntry[]> {
    const items = await this.redis.lrange(this.keys.quarantine(this.flow), 0, limit - 1);
    return items.map((i) => JSON.parse(i) as QuarantineEntry);
  }
}

// An id has capitals and digits (INS-3, BES-88120, E10234); a plain number ("1 to 200") is
// not one and becomes N, so the words around it stay readable.
const ID_TOKEN = /(?<![\w.:-])(?=[A-ZÅÄÖ0-9_.:-]*[A-ZÅÄÖ])(?=[A-ZÅÄÖ0-9_.:-]*\d)[A-ZÅÄÖ0-9_.:-]*[A-ZÅÄÖ0-9](?!\w)/g;

/**
 * The kind of a reason, for counting: the words without ids, codes or numbers, so
 * `Insats INS-3: unknown intervention code 'XYZ'` and the same for INS-7 count together.
 */
export function reasonKind(reason: string): string {
  const afterPath = reason.includes(': ') ? reason.slice(reason.indexOf(': ') + 2) : reason;
  return afterPath
    .replace(/'[^']*'|"[^"]*"/g, '')
    .replace(ID_TOKEN, '')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}
