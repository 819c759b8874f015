import type { AxiosInstance } from 'axios';
import { sleep } from './bench-result';
import { BENCH_TOKENS } from './bench-stack';

type Counters = Record<string, number>;
export interface AdminStats {
  interventions: Counters;
  queues: Record<string, Counters>;
}

/** The middleware's API as the benchmarks reach it. */
export interface AdminTarget {
  http: AxiosInstance;
  middleware: string;
}

/** The queues an assignment passes through; the scheduler's next tick is always delayed, so it is not one. */
const FLOW_QUEUES = ['case-documents', 'assignments'];
const STATS_EVERY_MS = 250;

/** The interventions flow's counters and every queue's counts, through the admin API (viewer token). */
export async function adminStats(target: AdminTarget): Promise<AdminStats> {
  const headers = { Authorization: `Bearer ${BENCH_TOKENS.viewer}` };
  const [flows, queues] = await Promise.all([target.http.get(`${target.middleware}/admin/api/flows`, { headers }), target.http.get(`${target.middleware}/admin/api/queues`, { headers })]);
  if (flows.status !== 200 || queues.status !== 200) throw new Error(`admin API answered ${flows.status} and ${queues.status}`);
  return { interventions: flows.data.flows.interventions ?? {}, queues: queues.data.queues };
}

/** Jobs of the flow not yet done: waiting, running, delayed (retries) or prioritized. */
export function queued(s: AdminStats): number {
  return FLOW_QUEUES.reduce((n, name) => {
    const q = s.queues[name] ?? {};
    return n + (q.waiting ?? 0) + (q.active ?? 0) + (q.delayed ?? 0) + (q.prioritized ?? 0);
  }, 0);
}

export function failedJobs(s: AdminStats): number {
  return Object.values(s.queues).reduce((n, q) => n + (q.failed ?? 0), 0);
}

/**
 * Polls until at least `received` assignments were taken in and the flow's queues are
 * empty; the stats at that moment. A bound, not an expectation: past it the run fails.
 */
export async function settled(target: AdminTarget, received: number, timeoutSeconds: number, label: string): Promise<AdminStats> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const s = await adminStats(target);
    if ((s.interventions.received ?? 0) >= received && queued(s) === 0) return s;
    if (Date.now() > deadline) {
      throw new Error(`${label}: not settled within ${timeoutSeconds} s: received ${s.interventions.received ?? 0} of ${received}, ${queued(s)} jobs queued`);
    }
    await sleep(STATS_EVERY_MS);
  }
}
