import Redis from 'ioredis';
import { DataSealer, readDataKeyRing } from '@brygga/data-seal';
import { type CustomerContribution, placeKey } from '@brygga/mapping';
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
  const sealer = new DataSealer(readDataKeyRing({}));
  let prefix: string;
  let store: CustomerStateStore;
  const kommunen = { tenant: 'kommunen', customerId: 'C-1' };
  const privat = { tenant: 'omsorgshuset', customerId: 'C-1' };

  beforeEach(() => {
    prefix = uniquePrefix('cust-state');
    store = new CustomerStateStore(redis, dataKeys(prefix), sealer);
  });
  afterEach(async () => deletePrefix(redis, prefix));
  afterAll(() => redis.disconnect());

  const ids = (held: Map<string, CustomerContribution[]>) => [...held.values()].map((cs) => cs.map((c) => c.assignmentId).sort());
  const C2 = { tenant: 'kommunen', customerId: 'C-2' };

  it('reads what each customer holds as it locks; a commit replaces it whole and forgets a deleted customer', async () => {
    const first = await store.lockAndLoad([kommunen, privat, C2], 10_000);
    expect(first && ids(first.contributions)).toEqual([[], [], []]);
    await first?.commit([{ place: kommunen, contributions: [part('UPP-A'), part('UPP-B')] }, { place: privat, contributions: [part('UPP-C')] }]);
    const second = await store.lockAndLoad([kommunen, privat, C2], 10_000);
    expect(second && ids(second.contributions)).toEqual([['UPP-A', 'UPP-B'], ['UPP-C'], []]);
    await second?.commit([{ place: kommunen, contributions: [part('UPP-B')] }, { place: privat, contributions: [] }]);
    const third = await store.lockAndLoad([kommunen, privat], 10_000);
    expect(third && ids(third.contributions)).toEqual([['UPP-B'], []]);
    await third?.release();
    expect(await redis.exists(dataKeys(prefix).customer('omsorgshuset', 'C-1'))).toBe(0);
  });

  it('keeps each part sealed, and reads a part stored in clear before sealing', async () => {
    const named = { ...part('UPP-A'), customer: { ...part('UPP-A').customer, lastName: 'Lindqvist', identityNumber: '19380412-5676' } };
    const held = await store.lockAndLoad([kommunen], 10_000);
    await held?.commit([{ place: kommunen, contributions: [named] }]);
    const stored = await redis.hgetBuffer(dataKeys(prefix).customer('kommunen', 'C-1'), 'UPP-A');
    expect(sealer.stateOf(stored!)).toBe('current');
    expect(stored!.includes(Buffer.from('Lindqvist'))).toBe(false);
    await redis.hset(dataKeys(prefix).customer('kommunen', 'C-1'), 'UPP-B', JSON.stringify(part('UPP-B')));
    const again = await store.lockAndLoad([kommunen], 10_000);
    expect(again?.contributions.get(placeKey(kommunen))).toEqual(expect.arrayContaining([named, part('UPP-B')]));
    await again?.release();
  });

  it('locks every customer of a change or none, commits release the locks, and only its own', async () => {
    const held = await store.lockAndLoad([kommunen], 10_000);
    expect(held).not.toBeNull();
    // A move touches both customers: refused whole while one is held, so the free one stays free.
    expect(await store.lockAndLoad([privat, kommunen], 10_000)).toBeNull();
    const other = await store.lockAndLoad([privat], 10_000);
    expect(other).not.toBeNull();
    await other?.release();
    await held?.commit([]);
    const both = await store.lockAndLoad([privat, kommunen], 10_000);
    expect(both).not.toBeNull();
    await redis.set(dataKeys(prefix).customerLock('kommunen', 'C-1'), 'someone-else');
    await both?.release();
    await both?.release();
    expect(await redis.get(dataKeys(prefix).customerLock('kommunen', 'C-1'))).toBe('someone-else');
    expect(await redis.exists(dataKeys(prefix).customerLock('omsorgshuset', 'C-1'))).toBe(0);
  });
});
