import { createPlanningIds } from './planning-ids';

const PLANNING_ID = /^[A-Za-z0-9_.:-]{1,80}$/;
const key = 'test-key-0123456789abcdef';

describe('createPlanningIds', () => {
  const ids = createPlanningIds(key);

  it('gives a stable customer id that matches the planning pattern and hides the number', () => {
    const id = ids.customerId('19380412-5676');
    expect(id).toBe(createPlanningIds(key).customerId('19380412-5676'));
    expect(id).toMatch(/^C-[A-Z2-7]{26}$/);
    expect(id).toMatch(PLANNING_ID);
    expect(id).not.toMatch(/380412|5676/);
  });

  it('gives different customers different ids, and a different key different ids', () => {
    expect(ids.customerId('19380412-5676')).not.toBe(ids.customerId('19470161-2345'));
    expect(createPlanningIds('another-key-0123456789').customerId('19380412-5676')).not.toBe(ids.customerId('19380412-5676'));
  });

  it('gives service-order ids within the pattern even for Swedish letters', () => {
    const id = ids.serviceOrderId('UPP-ÅÄÖ-1', 'INS-1');
    expect(id).toMatch(/^SO-[A-Z2-7]{26}$/);
    expect(id).toMatch(PLANNING_ID);
    expect(id).toBe(createPlanningIds(key).serviceOrderId('UPP-ÅÄÖ-1', 'INS-1'));
  });

  it('does not confuse how the two ids are split', () => {
    expect(ids.serviceOrderId('A-1', 'B')).not.toBe(ids.serviceOrderId('A', '1-B'));
    expect(ids.serviceOrderId('UPP-1', 'INS-1')).not.toBe(ids.serviceOrderId('UPP-1', 'INS-2'));
    expect(ids.serviceOrderId('UPP-1', 'INS-1')).not.toBe(ids.serviceOrderId('UPP-2', 'INS-1'));
  });

  it('refuses a short key', () => {
    expect(() => createPlanningIds('short')).toThrow(/at least 16/);
  });
});
