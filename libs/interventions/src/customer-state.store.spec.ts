import Redis from 'ioredis';
import type { CustomerContribution } from '@brygga/mapping';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { CustomerStateStore } from './customer-state.store';
import { dataKeys } from './redis-keys';

const part = (assignmentId: string): CustomerContribution => ({
  assignmentId,
  version: 1,
  status: 'aktiv',
  startDate: '2026-11-23',
  changedAt: '2026-11-19T14:12:00+01:00',
  customer: { identityNumber: 'x', protectedIdentity: false, firstName: 'A', lastName: 'B', address: { street: 's', postalCode: '90326', city: 'c' }, key: { kind: 'NONE' }, teamId: 'NORR-1' },
  serviceOrderIds: [`SO-${assignmentId}`],
});

describe('CustomerStateStore (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  let prefix: string;
  let store: CustomerStateStore;
  const kommunen = { tenant: 'kommunen', customerId: 'C-1' };
  const privat = { tenant: 'omsorgshuset', customerId: 'C-1' };

  beforeEach(() => {
    prefix = uniquePrefix('cust-state');
    store = new CustomerStateStore(redis, dataKeys(prefix));
  });
  afterEach(async () => deletePrefix(redis, prefix));
  afterAll(() => redis.disconnect());

  it('keeps each customer’s parts apart, replaces them whole, and forgets a deleted customer', async () => {
    await store.save([{ place: kommunen, contributions: [part('UPP-A'), part('UPP-B')] }, { place: privat, contributions: [part('UPP-C')] }]);
    const held = await store.load([kommunen, privat, { tenant: 'kommunen', customerId: 'C-2' }]);
    expect([...held.values()].map((cs) => cs.map((c) => c.assignmentId).sort())).toEqual([['UPP-A', 'UPP-B'], ['UPP-C'], []]);
    await store.save([{ place: kommunen, contributions: [part('UPP-B')] }, { place: privat, contributions: [] }]);
    expect([...(await store.load([kommunen, privat])).values()].map((cs) => cs.map((c) => c.assignmentId))).toEqual([['UPP-B'], []]);
    expect(await redis.exists(dataKeys(prefix).customer('omsorgshuset', 'C-1'))).toBe(0);
  });

  it('locks every customer of a change or none, and releases only its own', async () => {
    const release = await store.tryLock([kommunen], 10_000);
    expect(release).not.toBeNull();
    // A move touches both customers: refused whole while one is held, so the free one stays free.
    expect(await store.tryLock([privat, kommunen], 10_000)).toBeNull();
    const other = await store.tryLock([privat], 10_000);
    expect(other).not.toBeNull();
    await other?.();
    await release?.();
    const both = await store.tryLock([privat, kommunen], 10_000);
    expect(both).not.toBeNull();
    await redis.set(dataKeys(prefix).customerLock('kommunen', 'C-1'), 'someone-else');
    await both?.();
    expect(await redis.get(dataKeys(prefix).customerLock('kommunen', 'C-1'))).toBe('someone-else');
    expect(await redis.exists(dataKeys(prefix).customerLock('omsorgshuset', 'C-1'))).toBe(0);
  });
});
