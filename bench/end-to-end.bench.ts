import { createPlanningIds } from '@brygga/planning-tool';
import { BenchResult, result, secondsSince, sleep } from './bench-result';
import { BENCH_TOKENS, BenchStack } from './bench-stack';
import { failedJobs, settled } from './admin-stats';
import { singleExports } from './single-uppdrag';

const DONE_KINDS = ['applied', 'deleted', 'skippedStale', 'skippedSuperseded', 'notServed', 'quarantined', 'failed'];
const VISIBLE_EVERY_MS = 5;

export interface SyncBenchOptions {
  label: string;
  clients: number;
  /** A bound, not an expectation: the run fails rather than hang. */
  timeoutSeconds: number;
}

/**
 * The case system generates a municipality; the middleware pulls it from the feed
 * (polled every second) and applies it. Timed from the generate call until every
 * assignment was received and the flow's queues are empty.
 */
export async function benchFullSync(stack: BenchStack, options: SyncBenchOptions): Promise<BenchResult> {
  await stack.fresh();
  const started = process.hrtime.bigint();
  const { data } = await stack.http.post<{ clients: number; assignments: number }>(`${stack.caseSystem}/_sim/generate`, { clients: options.clients, seed: 1 });
  const s = await settled(stack, data.assignments, options.timeoutSeconds, `${options.label} sync`);
  const seconds = secondsSince(started);
  const i = s.interventions;
  const detail: Record<string, number> = {};
  for (const kind of [...DONE_KINDS, 'customersWritten', 'serviceOrdersWritten']) if (i[kind]) detail[kind] = i[kind];
  detail.failedJobs = failedJobs(s);
  return result(`end to end: ${options.label} full sync via the feed`, 'assignments', data.assignments, seconds, undefined, detail);
}

export interface LatencyBenchOptions {
  label: string;
  pushes: number;
  /** Per push; a bound so that a stuck pipeline ends the run. */
  timeoutSeconds: number;
}

async function customerVisible(stack: BenchStack, customerId: string): Promise<boolean> {
  const { data } = await stack.http.get<{ customers: Array<{ id: string }> }>(`${stack.planningTool}/_sim/kommunen/state`);
  return data.customers.some((c) => c.id === customerId);
}

/**
 * One pushed one-assignment document until its customer is in the planning tool, one
 * push at a time. The tenant is emptied first: the state endpoint returns every
 * customer, and reading thousands of them every few milliseconds in this same process
 * would measure the poll, not the middleware.
 */
export async function benchPushLatency(stack: BenchStack, options: LatencyBenchOptions): Promise<BenchResult> {
  await stack.http.delete(`${stack.planningTool}/_sim/kommunen`);
  const ids = createPlanningIds(BENCH_TOKENS.customerIdKey);
  const exportFor = singleExports(`${options.label.replace(/[^A-Za-z0-9]/g, '')}${Date.now().toString(36)}`);
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let n = 0; n < options.pushes; n++) {
    const doc = exportFor(n);
    const customerId = ids.customerId(doc.identityNumber);
    const pushed = process.hrtime.bigint();
    const response = await stack.http.post(`${stack.middleware}/inbound/case-system`, doc.body, {
      headers: { 'Content-Type': 'application/xml', Authorization: `Bearer ${BENCH_TOKENS.caseInbound}` },
      validateStatus: () => true,
    });
    if (response.status !== 202) throw new Error(`push ${doc.assignmentId}: expected 202, got ${response.status}`);
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    while (!(await customerVisible(stack, customerId))) {
      if (Date.now() > deadline) throw new Error(`assignment ${doc.assignmentId}: customer not visible within ${options.timeoutSeconds} s`);
      await sleep(VISIBLE_EVERY_MS);
    }
    latencies.push(secondsSince(pushed) * 1000);
  }
  return result(`end to end: ${options.label} push -> customer visible`, 'pushes', options.pushes, secondsSince(started), latencies);
}
