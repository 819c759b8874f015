import Redis from 'ioredis';
import { journalKeys, JournalStore } from '@brygga/journal';
import { BenchResult, result, secondsSince, sleep } from './bench-result';
import { BENCH_TOKENS, BenchStack } from './bench-stack';

export interface JournalMemoryOptions {
  clients: number;
  churnRounds: number;
  /** Changes per round of churn (the case system's mix: extents, additions, withdrawals, ends, annulments, switches). */
  churnChanges: number;
  timeoutSeconds: number;
}

const DAY_MS = 24 * 3600 * 1000;
const GROUPS: ReadonlyArray<[string, (key: string, prefix: string) => boolean]> = [
  ['journal', (k, p) => k.startsWith(`${p}:data:journal:`)],
  ['documents', (k, p) => k.startsWith(`${p}:data:doc:`)],
  ['otherData', (k, p) => k.startsWith(`${p}:data:`)],
  ['queues', () => true],
];

/** Bytes held under the prefix by group (MEMORY USAGE of every key, exact: SAMPLES 0), and the key counts. */
async function memoryOf(redis: Redis, prefix: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const [group] = GROUPS.find(([, matches]) => matches(key, prefix)) ?? ['queues'];
      out[`${group}Bytes`] = (out[`${group}Bytes`] ?? 0) + Number(sizes[i][1] ?? 0);
      out[`${group}Keys`] = (out[`${group}Keys`] ?? 0) + 1;
    });
  } while (cursor !== '0');
  return out;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

async function interventions(stack: BenchStack): Promise<{ received: number; queued: number }> {
  const headers = { Authorization: `Bearer ${BENCH_TOKENS.viewer}` };
  const [flows, queues] = await Promise.all([stack.http.get(`${stack.middleware}/admin/api/flows`, { headers }), stack.http.get(`${stack.middleware}/admin/api/queues`, { headers })]);
  const q = queues.data.queues as Record<string, Record<string, number>>;
  const queued = ['case-documents', 'assignments'].reduce((n, name) => n + (q[name]?.waiting ?? 0) + (q[name]?.active ?? 0) + (q[name]?.delayed ?? 0) + (q[name]?.prioritized ?? 0), 0);
  return { received: flows.data.flows.interventions?.received ?? 0, queued };
}

/** Until the feed has brought `atLeast` assignments and nothing is queued, and the count stood still for three polls of the feed. */
async function settled(stack: BenchStack, atLeast: number, deadline: number): Promise<number> {
  let last = -1;
  let still = 0;
  for (;;) {
    const s = await interventions(stack);
    still = s.received === last && s.queued === 0 && s.received >= atLeast ? still + 1 : 0;
    last = s.received;
    if (still >= 3) return s.received;
    if (Date.now() > deadline) throw new Error(`not settled: received ${s.received} (at least ${atLeast} expected), ${s.queued} queued`);
    await sleep(1000);
  }
}

/**
 * The journal's cost in Redis: a generated municipality pulled from the feed, then rounds
 * of churn, measured under the run's prefix after each phase (MEMORY USAGE of every key,
 * by group, so other work on the same Redis does not blur it; INFO used_memory beside it).
 * Then the retention at work: the same journal with a 1-day retention and the clock two days
 * ahead, written once (the stream trims) and pruned (everything goes); and every index set
 * carries a TTL of at most the retention, so an id never written to again leaves on its own.
 */
export async function benchJournalMemory(stack: BenchStack, options: JournalMemoryOptions): Promise<BenchResult[]> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const results: BenchResult[] = [];
  try {
    await stack.fresh();
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    const usedBefore = await usedMemory(redis);
    const started = process.hrtime.bigint();
    const { data } = await stack.http.post<{ clients: number; assignments: number }>(`${stack.caseSystem}/_sim/generate`, { clients: options.clients, seed: 1 });
    let received = await settled(stack, data.assignments, deadline);
    const afterLoad = await memoryOf(redis, stack.prefix);
    results.push(result(`journal memory: ${options.clients} clients loaded`, 'clients', options.clients, secondsSince(started), undefined, { ...afterLoad, journalBytesPerClient: Math.round(afterLoad.journalBytes / options.clients), streamEntries: await redis.xlen(journalKeys(stack.prefix).stream) }));
    for (let round = 1; round <= options.churnRounds; round++) {
      const { data: counts } = await stack.http.post<{ total: number }>(`${stack.caseSystem}/_sim/churn`, { changes: options.churnChanges, seed: 1000 + round });
      received = await settled(stack, received + Math.floor(counts.total / 2), deadline);
    }
    const afterChurn = await memoryOf(redis, stack.prefix);
    const usedAfter = await usedMemory(redis);
    results.push(
      result(`journal memory: + ${options.churnRounds} rounds of ${options.churnChanges} changes`, 'clients', options.clients, secondsSince(started), undefined, {
        ...afterChurn,
        journalBytesPerClient: Math.round(afterChurn.journalBytes / options.clients),
        streamEntries: await redis.xlen(journalKeys(stack.prefix).stream),
        usedMemoryDeltaBytes: usedAfter - usedBefore,
      }),
    );

    const ttls = await maxIndexTtl(redis, stack.prefix);
    const journal = new JournalStore(redis, journalKeys(stack.prefix), 1);
    const later = new Date(Date.now() + 2 * DAY_MS);
    // One write with the clock moved on trims the stream by whole nodes, at most 10,000 entries a write.
    await journal.append({ kind: 'job.failed', status: 'failed', refs: { jobId: 'bench-retention-probe' }, reasons: ['bench'] }, later);
    const afterWrite = await memoryOf(redis, stack.prefix);
    const streamAfterWrite = await redis.xlen(journalKeys(stack.prefix).stream);
    const pruned = await journal.prune(later);
    const afterPrune = await memoryOf(redis, stack.prefix);
    results.push(
      result('journal memory: 1-day retention, clock +2 days', 'clients', options.clients, secondsSince(started), undefined, {
        journalBytesAfterOneWrite: afterWrite.journalBytes,
        streamEntriesAfterOneWrite: streamAfterWrite,
        prunedEntries: pruned.entries,
        prunedIndexMembers: pruned.indexMembers,
        journalBytesAfterPrune: afterPrune.journalBytes,
        journalKeysAfterPrune: afterPrune.journalKeys ?? 0,
        indexKeysWithoutTtl: ttls.withoutTtl,
        longestIndexTtlHours: Math.round(ttls.maxMs / 3600_000),
      }),
    );
    return results;
  } finally {
    redis.disconnect();
  }
}

async function maxIndexTtl(redis: Redis, prefix: string): Promise<{ maxMs: number; withoutTtl: number }> {
  let cursor = '0';
  let maxMs = 0;
  let withoutTtl = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:data:journal:ix:*`, 'COUNT', 2000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.pttl(key);
    for (const [, ttl] of (await pipeline.exec()) ?? []) {
      if (Number(ttl) < 0) withoutTtl++;
      maxMs = Math.max(maxMs, Number(ttl));
    }
  } while (cursor !== '0');
  return { maxMs, withoutTtl };
}
