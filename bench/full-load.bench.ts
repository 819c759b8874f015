import { BenchResult, result } from './bench-result';
import { failedJobs, settled } from './admin-stats';
import { plannedTotals } from './planning-confirmations';
import type { ProcessStack } from './process-stack';

export interface FullLoadOptions {
  clients: number;
  /** A bound, not an expectation: the run fails rather than hang. */
  timeoutSeconds: number;
}

const COUNTED = ['applied', 'notServed', 'quarantined', 'failed', 'customersWritten', 'serviceOrdersWritten'];

/**
 * Parts 2 and 6: the case simulator generates a municipality of `clients` (seed 1); the
 * workers pull it from the feed (polled every second) and apply it. Timed from the
 * generate call until every assignment was received and the flow's queues are empty;
 * counted in the service orders the planning simulator then holds.
 */
export async function benchFullLoad(stack: ProcessStack, label: string, options: FullLoadOptions): Promise<BenchResult> {
  const started = Date.now();
  const generated = await stack.http.post<{ clients: number; assignments: number }>(`${stack.caseSystem}/_sim/generate`, { clients: options.clients, seed: 1 });
  if (generated.status !== 200 && generated.status !== 201) throw new Error(`case simulator: generate answered ${generated.status}`);
  const s = await settled(stack, generated.data.assignments, options.timeoutSeconds, `full load (${label})`);
  const seconds = (Date.now() - started) / 1000;
  const totals = await plannedTotals(stack.http, stack.planningTool);
  const detail: Record<string, number> = { clients: options.clients, assignments: generated.data.assignments, customers: totals.customers };
  for (const kind of COUNTED) if (s.interventions[kind]) detail[kind] = s.interventions[kind];
  detail.failedJobs = failedJobs(s);
  return result(`full load, ${label}`, 'service orders', totals.serviceOrders, seconds, undefined, detail);
}
