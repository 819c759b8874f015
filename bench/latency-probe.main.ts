import Redis from 'ioredis';
import { createPlanningIds } from '@brygga/planning-tool';
import { percentile, sleep } from './bench-result';
import { BENCH_TOKENS } from './bench-stack';
import { benchFullLoad } from './full-load.bench';
import { openLoop, post } from './open-loop';
import { confirmations } from './planning-confirmations';
import { startProcessStack } from './process-stack';
import { uniquePersonExports } from './single-uppdrag';
import { PUSH_HEADERS } from './steady-push.bench';

/**
 * Where a steady push's latency goes, second by second: after a full load of CLIENTS, RATE
 * one-assignment pushes a second for SECONDS; for each second, the pushes sent, their
 * 202 p50/p99, how many were confirmed by the planning tool and their 202 -> confirmed p99,
 * and each process's CPU in that second; then Redis's slow log (commands over 10 ms).
 */
const CLIENTS = Number(process.env.CLIENTS ?? 8000);
const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 30);

async function main(): Promise<void> {
  const stack = await startProcessStack({ workers: 1, env: { CASE_SYSTEM_POLL_SECONDS: '1', WORKER_CONCURRENCY: '16' } });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const slower = (await redis.config('GET', 'slowlog-log-slower-than')) as string[];
  try {
    if (CLIENTS > 0) console.log(JSON.stringify(await benchFullLoad(stack, 'probe', { clients: CLIENTS, timeoutSeconds: 900 })));
    await redis.config('SET', 'slowlog-log-slower-than', '10000');
    await redis.slowlog('RESET');
    const ids = createPlanningIds(BENCH_TOKENS.customerIdKey);
    const exports = uniquePersonExports(stack.prefix.slice(-8));
    const pushes: Array<{ id: string; sentAt: number; ms: number; status: number }> = [];
    const cpu: Array<Record<string, number>> = [];
    const since = Date.now();
    const sampler = setInterval(() => cpu.push(stack.cpuSeconds()), 1000);
    cpu.push(stack.cpuSeconds());
    let n = 0;
    await openLoop(RATE, SECONDS, async () => {
      const doc = exports(n++);
      const sentAt = Date.now();
      const answer = await post(`${stack.middleware}/inbound/case-system`, doc.body, PUSH_HEADERS);
      pushes.push({ id: ids.customerId(doc.identityNumber), sentAt, ms: answer.ms, status: answer.status });
    });
    await sleep(5000);
    clearInterval(sampler);
    const confirmed = (await confirmations(stack.http, stack.planningTool, 'kommunen', since)).lastWriteAt;
    for (let s = 0; s * 1000 < Date.now() - since - 5000; s++) {
      const inSecond = pushes.filter((p) => p.sentAt - since >= s * 1000 && p.sentAt - since < (s + 1) * 1000);
      const ack = inSecond.map((p) => p.ms);
      const toConfirm = inSecond.filter((p) => confirmed[p.id] !== undefined).map((p) => confirmed[p.id] - (p.sentAt + p.ms));
      const c0 = cpu[s] ?? {};
      const c1 = cpu[s + 1] ?? c0;
      const load = Object.keys(c1).map((k) => `${k} ${Math.round((c1[k] - (c0[k] ?? 0)) * 100)}%`).join(', ');
      console.log(`s${String(s).padStart(3)} sent ${inSecond.length} ack p50 ${Math.round(percentile(ack, 0.5))} p99 ${Math.round(percentile(ack, 0.99))} | confirmed ${toConfirm.length} 202->conf p50 ${Math.round(percentile(toConfirm, 0.5))} p99 ${Math.round(percentile(toConfirm, 0.99))} | ${load}`);
    }
    const slow = (await redis.slowlog('GET', 50)) as Array<[number, number, number, string[]]>;
    console.log(`redis slow log (over 10 ms): ${slow.length}`);
    for (const [, at, micros, args] of slow) console.log(`  +${at * 1000 - since} ms ${Math.round(micros / 1000)} ms ${args.slice(0, 4).join(' ').slice(0, 120)}`);
  } finally {
    await redis.config('SET', 'slowlog-log-slower-than', slower[1] ?? '10000');
    redis.disconnect();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[probe] failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
