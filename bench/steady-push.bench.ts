import { createPlanningIds } from '@brygga/planning-tool';
import { BenchResult, percentile, result, round, sleep } from './bench-result';
import { BENCH_TOKENS } from './bench-stack';
import { openLoop, post } from './open-loop';
import { confirmations } from './planning-confirmations';
import type { ProcessStack } from './process-stack';
import type { SingleExport } from './single-uppdrag';

export interface SteadyPushOptions {
  rate: number;
  seconds: number;
  /** How long after the last push every confirmation may take; a bound, past it the rest count as unconfirmed. */
  drainTimeoutSeconds: number;
}

/** The tenant the one-assignment documents go to (provider HT-NORR). */
const TENANT = 'kommunen';
const CONFIRMATIONS_EVERY_MS = 250;

export const PUSH_HEADERS = { 'Content-Type': 'application/xml', Authorization: `Bearer ${BENCH_TOKENS.caseInbound}` };

/**
 * Part 3: one-assignment documents, each a new person, pushed to `POST /inbound/case-system`
 * at `rate` a second (open loop) for `seconds`; each timed from its `202` (as this process
 * saw it; from sending it too, in the detail: when the API is the slower part, the planning
 * tool may confirm before the 202 arrives, and 202 -> confirmed goes below zero) until the planning simulator accepted the last write for its customer (as the
 * simulator's `_sim/{tenant}/confirmations` tells, read once a while rather than polled per
 * assignment). Same machine, one wall clock.
 */
export async function benchSteadyPush(stack: ProcessStack, next: () => SingleExport, options: SteadyPushOptions): Promise<BenchResult> {
  const ids = createPlanningIds(BENCH_TOKENS.customerIdKey);
  const pushes = new Map<string, { sentAt: number; acceptedAt: number }>();
  const refused: Record<string, number> = {};
  const since = Date.now();
  const cpuBefore = stack.cpuSeconds();
  const run = await openLoop(options.rate, options.seconds, async () => {
    const doc = next();
    const sentAt = Date.now();
    const answer = await post(`${stack.middleware}/inbound/case-system`, doc.body, PUSH_HEADERS);
    if (answer.status === 202) pushes.set(ids.customerId(doc.identityNumber), { sentAt, acceptedAt: Date.now() });
    else {
      const key = answer.error ? `error ${answer.error}` : `status ${answer.status}`;
      refused[key] = (refused[key] ?? 0) + 1;
    }
  });
  const deadline = Date.now() + options.drainTimeoutSeconds * 1000;
  let confirmed: Record<string, number> = {};
  for (;;) {
    confirmed = (await confirmations(stack.http, stack.planningTool, TENANT, since)).lastWriteAt;
    const missing = [...pushes.keys()].filter((id) => confirmed[id] === undefined).length;
    if (missing === 0 || Date.now() > deadline) break;
    await sleep(CONFIRMATIONS_EVERY_MS);
  }
  const cpu = cpuSpent(cpuBefore, stack.cpuSeconds());
  const done = [...pushes].filter(([id]) => confirmed[id] !== undefined);
  const fromAccepted = done.map(([id, p]) => confirmed[id] - p.acceptedAt);
  const fromSent = done.map(([id, p]) => confirmed[id] - p.sentAt);
  return result(`steady push ${options.rate}/s for ${options.seconds} s: 202 -> confirmed`, 'assignments', done.length, run.seconds, fromAccepted, {
    pushed: run.sent,
    accepted: pushes.size,
    unconfirmed: pushes.size - done.length,
    'sent -> confirmed p50 ms': percentile(fromSent, 0.5),
    'sent -> confirmed p99 ms': percentile(fromSent, 0.99),
    'sender late p99 ms': round(percentile(run.lateMs, 0.99), 1),
    ...refused,
    ...cpu,
  });
}

/** CPU seconds each process of the stack spent between two readings, as detail entries. */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((role) => [`cpu s ${role}`, round(after[role] - (before[role] ?? 0), 1)]));
}
