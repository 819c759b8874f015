import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { parseUppdragsexport } from '@brygga/case-system';
import { contractsDir } from '@brygga/config';
import { DataSealer, readDataKeyRing } from '@brygga/data-seal';
import { BenchResult, result } from './bench-result';

/** The values the hot path seals, by size: a customer's part, an assignment version, a feed page of 500, a 10 MB push. */
function values(): Array<{ label: string; plain: Buffer; n: number }> {
  const doc = readFileSync(join(contractsDir(), 'case-system/examples', 'uppdrag-ny.xml'));
  const [first] = parseUppdragsexport(doc).results;
  if (!first.ok) throw new Error('uppdrag-ny.xml did not parse');
  const version = Buffer.from(JSON.stringify(first.assignment));
  const part = Buffer.from(JSON.stringify({ assignmentId: first.assignment.id, version: 1, customer: first.assignment.client, serviceOrderIds: ['SO-1'] }));
  const page = Buffer.concat(Array.from({ length: 500 }, () => doc));
  return [
    { label: `customer part ${part.length} B`, plain: part, n: 20_000 },
    { label: `assignment version ${version.length} B`, plain: version, n: 20_000 },
    { label: `feed page ${(page.length / 1e6).toFixed(1)} MB`, plain: page, n: 40 },
    { label: '10 MB push', plain: Buffer.concat(Array.from({ length: Math.ceil(10e6 / doc.length) }, () => doc)).subarray(0, 10e6), n: 10 },
  ];
}

/**
 * The cost of sealing on the hot path, before and after side by side: per value size,
 * the store's round trip (SET then GET of the value, one connection, as a job does) in
 * clear and sealed (seal before the SET, open after the GET), and seal+open alone.
 */
export async function benchDataSeal(redisUrl: string): Promise<BenchResult[]> {
  const sealer = new DataSealer(readDataKeyRing({}));
  const redis = new Redis(redisUrl);
  const key = `brygga-bench:seal:${process.pid}`;
  const out: BenchResult[] = [];
  try {
    for (const { label, plain, n } of values()) {
      const roundTrips = Math.max(10, Math.round(n / 4));
      // Interleaved, so that a busy machine slows both alike: one clear round trip, one sealed, and so on.
      const [clear, sealed] = await interleaved(roundTrips, [
        async () => {
          await redis.set(key, plain);
          await redis.getBuffer(key);
        },
        async () => {
          await redis.set(key, sealer.seal(plain));
          sealer.open((await redis.getBuffer(key)) as Buffer);
        },
      ]);
      out.push(result(`seal: ${label}, clear SET+GET`, 'values', roundTrips, clear.seconds, clear.latencies));
      out.push(result(`seal: ${label}, sealed SET+GET`, 'values', roundTrips, sealed.seconds, sealed.latencies));
      const [alone] = await interleaved(n, [async () => void sealer.open(sealer.seal(plain))]);
      out.push(result(`seal: ${label}, seal+open only`, 'values', n, alone.seconds, undefined, { bytes: plain.length, overheadBytes: sealer.seal(plain).length - plain.length, microsPerValue: Math.round((alone.seconds / n) * 1e7) / 10 }));
    }
  } finally {
    await redis.del(key);
    redis.disconnect();
  }
  return out;
}

/** Runs each op in turn, n times after a warm-up; answers each op's total seconds and latencies (ms). */
async function interleaved(n: number, ops: Array<() => Promise<void>>): Promise<Array<{ seconds: number; latencies: number[] }>> {
  for (let i = 0; i < Math.min(50, n); i++) for (const op of ops) await op();
  const out = ops.map(() => ({ seconds: 0, latencies: [] as number[] }));
  for (let i = 0; i < n; i++) {
    for (const [j, op] of ops.entries()) {
      const t = process.hrtime.bigint();
      await op();
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      out[j].latencies.push(ms);
      out[j].seconds += ms / 1000;
    }
  }
  return out;
}
