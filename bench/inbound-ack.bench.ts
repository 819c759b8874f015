import { BenchResult, percentile, result, round } from './bench-result';
import { openLoop, post } from './open-loop';
import type { ProcessStack } from './process-stack';
import type { SingleExport } from './single-uppdrag';
import { cpuSpent, PUSH_HEADERS } from './steady-push.bench';

export interface InboundAckOptions {
  rate: number;
  seconds: number;
}

/**
 * Part 4: one-assignment documents, each a new person, to `POST /inbound/case-system` at
 * `rate` a second (open loop) for `seconds`, timed from sending until the answer was read:
 * what a vendor system waits for its acknowledgement while the workers apply what came
 * before. Every answer counts, a refusal or an error too (listed by status or error code);
 * a request unanswered after 10 s is given up and counts as 10 s. With more than one API
 * process, the pushes go round them in turn.
 */
export async function benchInboundAck(stack: ProcessStack, next: () => SingleExport, options: InboundAckOptions): Promise<BenchResult> {
  const latencies: number[] = [];
  // Those that went out on a connection opened for them: where an API behind the sender's rate makes it wait.
  const onNewConnections: number[] = [];
  const answers: Record<string, number> = {};
  const cpuBefore = stack.cpuSeconds();
  const run = await openLoop(options.rate, options.seconds, async (n) => {
    const answer = await post(`${stack.apis[n % stack.apis.length]}/inbound/case-system`, next().body, PUSH_HEADERS);
    // A request given up on counts at the time it was given up: a floor, not its real time.
    latencies.push(answer.ms);
    if (answer.newConnection) onNewConnections.push(answer.ms);
    const key = answer.error ? `error ${answer.error}` : `status ${answer.status}`;
    answers[key] = (answers[key] ?? 0) + 1;
  });
  return result(`inbound acceptance ${options.rate}/s for ${options.seconds} s: response time`, 'requests', run.sent, run.seconds, latencies, {
    ...answers,
    'sender late p99 ms': round(percentile(run.lateMs, 0.99), 1),
    'on new connections': onNewConnections.length,
    ...(onNewConnections.length > 0 && { 'their p50 ms': round(percentile(onNewConnections, 0.5), 1) }),
    ...cpuSpent(cpuBefore, stack.cpuSeconds()),
  });
}
