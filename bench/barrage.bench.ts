import { createPlanningIds } from '@brygga/planning-tool';
import { startBarrage } from '../test/hostile/barrage.sender';
import { CASE_PUSH_CASES, GOOD_IDENTITY, goodDocument, HostileCase, SCHEDULE_PUSH_CASES } from '../test/hostile/hostile-documents';
import { BenchResult, result, secondsSince, sleep } from './bench-result';
import { BENCH_TOKENS } from './bench-stack';
import type { ProcessStack } from './process-stack';

export interface BarrageBenchOptions {
  label: string;
  /** Good documents timed alone, and as many amid the barrage. */
  pushes: number;
  timeoutSeconds: number;
}

const PUSH_TOKENS = { 'case-system': 'case-push-demo-token', 'scheduling-system': 'schedule-push-demo-token' } as const;

/**
 * Issue 7: a good document pushed in the middle of the hostile barrage (every case of
 * test/hostile, sent four at a time by a process of its own) is applied as fast as without
 * it. Push -> customer readable through the contract's own GET, polled every 5 ms; the
 * same number of good documents alone, then amid rounds of the barrage (only those applied
 * while a round was still in flight count). Run against the process stack, as installed.
 */
export async function benchBarrage(stack: ProcessStack, options: BarrageBenchOptions): Promise<BenchResult[]> {
  const ids = createPlanningIds(BENCH_TOKENS.customerIdKey);
  // Test persons 200 and up: personnummer(n) has room for n < 900.
  let n = 200;
  const timeGood = async (): Promise<number> => {
    const which = n++;
    const started = process.hrtime.bigint();
    const response = await stack.http.post(`${stack.middleware}/inbound/case-system`, goodDocument(`BENCH-GOOD-${which}`, which), {
      headers: { 'Content-Type': 'application/xml', Authorization: `Bearer ${PUSH_TOKENS['case-system']}` },
    });
    if (response.status !== 202) throw new Error(`good document ${which}: expected 202, got ${response.status}`);
    const url = `${stack.planningTool}/kommunen/api/v1/customers/${ids.customerId(GOOD_IDENTITY(which))}`;
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    while ((await stack.http.get(url, { headers: { Authorization: `Bearer ${BENCH_TOKENS.kommunen}` } })).status !== 200) {
      if (Date.now() > deadline) throw new Error(`good document ${which} not visible within ${options.timeoutSeconds} s`);
      await sleep(5);
    }
    return secondsSince(started) * 1000;
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
    result(`barrage, ${options.label}: good push -> visible, amid it`, 'pushes', amid.length, secondsSince(amidStarted), amid, { barrageRounds: rounds, requestsPerRound: barrageSize(), ...cpuPerRound }),
  ];
}

const CASES: Array<['case-system' | 'scheduling-system', HostileCase]> = [
  ...CASE_PUSH_CASES.map((c) => ['case-system', c] as ['case-system', HostileCase]),
  ...SCHEDULE_PUSH_CASES.map((c) => ['scheduling-system', c] as ['scheduling-system', HostileCase]),
];

function barrageSize(): number {
  return CASES.length;
}

function barrageRequests(stack: ProcessStack): Array<{ name: string; url: string; headers: Record<string, string>; body: Buffer }> {
  return CASES.map(([system, c]) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${PUSH_TOKENS[system]}`, 'Content-Type': 'application/xml' };
    for (const [k, v] of Object.entries(c.headers ?? {})) {
      if (v === null) delete headers[k];
      else headers[k] = v;
    }
    return { name: c.name, url: `${stack.middleware}/inbound/${system}${c.query ?? ''}`, headers, body: c.body() };
  });
}
