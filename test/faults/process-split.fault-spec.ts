import { TEST_REDIS_URL } from '@brygga/testing';
import { settledEndState } from './support/end-state.check';
import { startLoad } from './support/fault-load';
import { type FaultStack, http, startFaultStack } from './support/fault-stack';
import { differingPaths } from '../support/planning-state';
import { goldenStaffView } from '../support/staff-state';

type SimCustomer = Record<string, unknown> & { serviceOrders: Array<Record<string, unknown> & { source: { assignmentId: string; interventionId: string } }> };

/**
 * The planning simulator's state without its own ids: what two runs of the same load must
 * agree on. Customers are keyed by their orders' assignment ids, never by a person's data,
 * so a difference can be printed as a path.
 */
async function planningView(stack: FaultStack): Promise<Record<string, unknown>> {
  const view: Record<string, unknown> = {};
  for (const tenant of ['kommunen', 'omsorgshuset']) {
    const { data } = await http.get(`${stack.planningTool}/_sim/${tenant}/state`);
    const customers = (data.customers as SimCustomer[]).map(({ id: _id, serviceOrders, ...c }) => [
      [...new Set(serviceOrders.map((o) => o.source.assignmentId))].sort().join('+') || 'no orders',
      { ...c, serviceOrders: Object.fromEntries(serviceOrders.map(({ id: _o, ...o }) => [o.source.interventionId, o])) },
    ]);
    const staff = (data.staff as Array<Record<string, unknown> & { id: string }>).map((s) => [s.id, s]);
    view[tenant] = { customers: Object.fromEntries(customers), staff: Object.fromEntries(staff) };
  }
  return goldenStaffView(view) as Record<string, unknown>;
}

describe('two worker processes and one API give the same end state as one process', () => {
  let stack: FaultStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  }, 120_000);

  it('the same generated load (seed 41) through ROLE=all alone, then API + two workers: both exact, and equal', async () => {
    const views: Array<Record<string, unknown>> = [];
    for (const shape of [{ single: true, workers: 0 }, { single: false, workers: 2 }]) {
      stack = await startFaultStack({ redisUrl: TEST_REDIS_URL, ...shape });
      const started = Date.now();
      const load = startLoad(stack, 41);
      const figures = await load.finished;
      const end = await settledEndState(stack, figures.period, 360_000);
      console.log(`[faults] ${shape.single ? 'one process (ROLE=all)' : 'API + two workers'}: exact after ${((Date.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify({ ...figures, period: undefined, end: { ...end, differences: end.differences.length } })}`);
      expect(figures.assignments).toBeGreaterThanOrEqual(2000);
      expect(end.differences).toEqual([]);
      expect(end.failedJobs).toBe(0);
      views.push(await planningView(stack));
      await stack.close();
      stack = undefined;
    }
    // Paths only (assignment and staff ids, field names): never a value.
    expect(differingPaths(views[0], views[1])).toEqual([]);
  });
});
