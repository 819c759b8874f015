import { BenchResult } from './bench-result';
import type { PipelineOptions } from './bench-options';
import { settled } from './admin-stats';
import { benchFullLoad } from './full-load.bench';
import { benchInboundAck } from './inbound-ack.bench';
import { startProcessStack, type ProcessStack } from './process-stack';
import { benchRawQueue } from './raw-queue.bench';
import { redisMemory, type RedisMemory } from './redis-memory';
import { uniquePersonExports } from './single-uppdrag';
import { benchSteadyPush } from './steady-push.bench';

export interface PipelineRun {
  raw: BenchResult;
  /** Part 6, one entry per worker count; the first is part 2's run. */
  loads: Array<{ workers: number; load: BenchResult; peakRssMiB: Record<string, number> }>;
  steady: BenchResult;
  ack: BenchResult;
  /** Part 5: every process of part 2's stack after parts 2 to 4, and Redis after part 2. */
  peakRssMiB: Record<string, number>;
  redis: RedisMemory;
}

type Recorder = (r: BenchResult) => void;

/**
 * The six parts in one run, against one Redis, each stack in the production shape
 * (simulators, API and workers as processes of their own; process-stack.ts). The parts
 * that need a loaded system (steady push, acceptance) run on part 2's stack after its load.
 */
export async function benchPipeline(o: PipelineOptions, record: Recorder): Promise<PipelineRun> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  console.log(`[bench] 1. raw BullMQ: ${o.rawJobs} no-op jobs, concurrency ${o.concurrency}, worker process of its own`);
  const raw = await benchRawQueue({ jobs: o.rawJobs, concurrency: o.concurrency, timeoutSeconds: o.loadTimeoutSeconds });
  record(raw);

  const loads: PipelineRun['loads'] = [];
  let rest: Pick<PipelineRun, 'steady' | 'ack' | 'peakRssMiB' | 'redis'> | undefined;
  for (const workers of o.scaleOut) {
    console.log(`[bench] ${loads.length === 0 ? '2.' : '6.'} full load: ${o.clients} clients, ${workers} worker process(es)`);
    const stack = await startProcessStack({ workers, env: { CASE_SYSTEM_POLL_SECONDS: '1', WORKER_CONCURRENCY: String(o.concurrency) } });
    try {
      const load = await benchFullLoad(stack, `${workers} worker${workers > 1 ? 's' : ''}`, { clients: o.clients, timeoutSeconds: o.loadTimeoutSeconds });
      record(load);
      if (!rest) rest = await loadedParts(stack, o, redisUrl, record);
      loads.push({ workers, load, peakRssMiB: stack.peakRssMb() });
    } finally {
      await stack.close();
    }
  }
  if (!rest) throw new Error('no full load ran: the scale-out list is empty');
  return { raw, loads, ...rest };
}

async function loadedParts(stack: ProcessStack, o: PipelineOptions, redisUrl: string, record: Recorder): Promise<Pick<PipelineRun, 'steady' | 'ack' | 'peakRssMiB' | 'redis'>> {
  const redis = await redisMemory(redisUrl, stack.prefix);
  let n = 0;
  const persons = uniquePersonExports(stack.prefix.slice(-8));
  const next = () => persons(n++);
  console.log(`[bench] 3. steady push: ${o.steady.rate} assignments/s for ${o.steady.seconds} s`);
  const steady = await benchSteadyPush(stack, next, o.steady);
  record(steady);
  console.log(`[bench] 4. inbound acceptance: ${o.ack.rate} requests/s for ${o.ack.seconds} s`);
  const ack = await benchInboundAck(stack, next, o.ack);
  record(ack);
  // Peak RSS counts the applying of what was accepted too.
  await settled(stack, 0, o.loadTimeoutSeconds, 'after the acceptance part');
  return { steady, ack, peakRssMiB: stack.peakRssMb(), redis };
}
