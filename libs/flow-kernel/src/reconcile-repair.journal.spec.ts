import { type DriftItem, PermanentFailure } from '@brygga/domain';
import { rejectionOf } from '@brygga/testing';
import type { FlowEvent } from './flow-event';
import { repairEach, sendRepairWrites } from './reconcile-repair.journal';

class Refused extends PermanentFailure {
  readonly reasonCode = 'planning-refused';
  readonly status = 400;
}

const attempt = { runId: 'c-0011223344556677', attempt: 'a1', by: 'schedule' as const };
const subject = { refs: { tenant: 'kommunen', customerId: 'C-1' }, personKey: 'P-abc' };
const items: DriftItem[] = [
  { flow: 'interventions', kind: 'serviceOrderDiffers', tenant: 'kommunen', customerId: 'C-1', serviceOrderId: 'SO-2', fields: ['minutesPerVisit'] },
  { flow: 'interventions', kind: 'customerDiffers', tenant: 'kommunen', customerId: 'C-1', fields: ['teamId'] },
  { flow: 'interventions', kind: 'serviceOrderDiffers', tenant: 'kommunen', customerId: 'C-1', serviceOrderId: 'SO-1', fields: ['goal'] },
];
const operations = [
  { kind: 'deleteServiceOrder' as const, customerId: 'C-1', serviceOrderId: 'SO-3' },
  { kind: 'deleteServiceOrder' as const, customerId: 'C-1', serviceOrderId: 'SO-4' },
];

describe('sendRepairWrites: one record’s repair, journaled with the planning tool’s answer', () => {
  const told: FlowEvent[] = [];
  const outcomes = { outcome: () => undefined, confirmed: () => undefined, event: (e: FlowEvent) => void told.push(e) };
  beforeEach(() => (told.length = 0));

  it('a refusal: journaled as refused with the status and reason code, then thrown as itself', async () => {
    const refusal = new Refused('planning tool answered 400');
    const error = await rejectionOf(sendRepairWrites(outcomes, { attempt, subject, items, rulesVersion: 'r7', operations }, () => Promise.reject(refusal)));
    expect(error).toBe(refusal);
    expect(told).toEqual([
      {
        kind: 'reconcile.repair',
        status: 'refused',
        refs: { runId: attempt.runId, tenant: 'kommunen', customerId: 'C-1' },
        personKey: 'P-abc',
        rulesVersion: 'r7',
        answer: { status: '400', code: 'planning-refused' },
        reasons: ['customerDiffers', 'serviceOrderDiffers'],
        detail: { attempt: 'a1', by: 'schedule', operations: 'deleteServiceOrder', count: 2 },
      },
    ]);
  });

  it('nothing to send: nothing sent, journaled as unchanged', async () => {
    let sent = 0;
    await sendRepairWrites(outcomes, { attempt, subject, items, rulesVersion: 'r7', operations: [] }, async () => void sent++);
    expect(sent).toBe(0);
    expect(told).toEqual([expect.objectContaining({ status: 'unchanged', detail: { attempt: 'a1', by: 'schedule', count: 0 } })]);
    expect(told[0].answer).toBeUndefined();
  });
});

describe('repairEach: one record failing keeps none of the others from their repair', () => {
  it.each<[string, Array<number | Error>, number | string]>([
    ['all sent: the operations summed', [2, 3], 5],
    ['one failed: the others still tried, its own error thrown on', [2, new Error('planning tool answered 400'), 3], 'planning tool answered 400'],
    ['two failed: how many, and the first', [new Error('locked'), 1, new Error('503')], '2 records failed to repair (the others were sent); the first: locked'],
  ])('%s', async (_name, outcomes, expected) => {
    const tried: number[] = [];
    const result = repairEach(outcomes.keys(), async (i) => {
      tried.push(i);
      const outcome = outcomes[i];
      if (outcome instanceof Error) throw outcome;
      return outcome;
    });
    if (typeof expected === 'number') await expect(result).resolves.toBe(expected);
    else await expect(result).rejects.toThrow(expected);
    expect(tried).toEqual([...outcomes.keys()]);
  });
});
