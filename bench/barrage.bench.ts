import { startBarrage } from '../test/hostile/barrage.sender';
import { barrageRequests, HOSTILE_PUSHES, timeGoodPush } from '../test/hostile/hostile-traffic';
import { BenchResult, result, secondsSince } from './bench-result';
import { BENCH_TOKENS } from './bench-stack';
import type { ProcessStack } from './process-stack';

export interface BarrageBenchOptions {
  label: string;
  /** Good documents timed alone, and as many amid the barrage. */
  pushes: number;
  timeoutSeconds: number;
}

/**
 * Issue 7: a good document pushed in the middle of the hostile barrage (every case of
 * test/hostile, sent four at a time by a process of its own) is applied as fast as without
 * it. Push -> customer readable through the contract's own GET, polled every 5 ms; the
 * same number of good documents alone, then amid rounds of the barrage (only those applied
 * while a round was still in flight count). Run against the process stack, as installed.
 */
export async function benchBarrage(stack: ProcessStack, options: BarrageBenchOptions): Promise<BenchResult[]> {
  // Test persons 200 and up: personnummer(n) has room for n < 900.
  let n = 200;
  const timeGood = (): Promise<number> => {
    const which = n++;
    return timeGoodPush(stack, BENCH_TOKENS.customerIdKey, `BENCH-GOOD-${which}`, which, options.timeoutSeconds * 1000);
  };

  // Warm-up: JIT, connection pools, the parse thread.
  for (let i = 0; i < 5; i++) await timeGood();
  const aloneStarted = process.hrtime.bigint();
  const alone: number[] = [];
  for (let i = 0; i < options.pushes; i++) alone.push(await timeGood());
  const aloneSeconds = secondsSince(aloneStarted);

  const cpuBefore = stack.cpuSeconds();
  const amidStarted = process.hrtime.bigint();
  const amid: number[] = [];
  let rounds = 0;
  while (amid.length < options.pushes && rounds < 50) {
    rounds++;
    let inFlight = true;
    const sender = startBarrage(barrageRequests(stack));
    const answered = sender.done.finally(() => (inFlight = false));
    while (inFlight && amid.length < options.pushes) {
      const took = await timeGood();
      if (inFlight) amid.push(took);
    }
    await answered;
  }
  const cpuAfter = stack.cpuSeconds();
  // What the barrage cost each process, per round: on 2 cores, this is the share the good documents compete with.
  const cpuPerRound = Object.fromEntries(Object.keys(cpuAfter).map((role) => [`cpu ${role} s/round`, Math.round(((cpuAfter[role] - cpuBefore[role]) / rounds) * 100) / 100]));
  return [
    result(`barrage, ${options.label}: good push -> visible, alone`, 'pushes', alone.length, aloneSeconds, alone),
    result(`barrage, ${options.label}: good push -> visible, amid it`, 'pushes', amid.length, secondsSince(amidStarted), amid, { barrageRounds: rounds, requestsPerRound: HOSTILE_PUSHES.length, ...cpuPerRound }),
  ];
}
