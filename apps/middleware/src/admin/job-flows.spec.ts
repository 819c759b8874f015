import { INTERVENTIONS_FLOW } from '@brygga/interventions';
import { JOB_FLOW } from '@brygga/operations';
import { SCHEDULES_FLOW } from '@brygga/schedules';

// The operations lib names flows without importing them; here, where both are in reach, the names are held to the flows' own.
describe("JOB_FLOW (operations' job-to-flow map)", () => {
  it('names only the flows there are, each by its own name', () => {
    // `rules` and `reconcile`: the operations runs over both flows' stores (the rules replay, reconciliation).
    expect(new Set(Object.values(JOB_FLOW))).toEqual(new Set([INTERVENTIONS_FLOW, SCHEDULES_FLOW, 'rules', 'reconcile']));
    expect(JOB_FLOW['assignment.apply']).toBe(INTERVENTIONS_FLOW);
    expect(JOB_FLOW['schedule-document.apply']).toBe(SCHEDULES_FLOW);
  });
});
