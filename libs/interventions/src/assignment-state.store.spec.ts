import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { Assignment } from '@brygga/domain';
import { parseUppdragsexport } from '@brygga/case-system';
import { contractsDir } from '@brygga/config';
import { DataSealer, readDataKeyRing } from '@brygga/data-seal';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { AssignmentStateStore } from './assignment-state.store';
import { dataKeys } from './redis-keys';

function example(file: string): Assignment {
  const [result] = parseUppdragsexport(readFileSync(join(contractsDir(), 'case-system/examples', file))).results;
  if (!result.ok) throw new Error(`example ${file} did not parse: ${result.reasons.map((r) => r.text).join('; ')}`);
  return result.assignment;
}

describe('AssignmentStateStore (real Redis)', () => {
  const sealer = new DataSealer(readDataKeyRing({}));
  let redis: Redis;
  let prefix: string;
  let store: AssignmentStateStore;
  const v1 = example('uppdrag-ny.xml');
  const v2 = example('uppdrag-andrad.xml');
  const v3 = example('uppdrag-avslutad.xml');

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => redis.quit());
  beforeEach(() => {
    prefix = uniquePrefix('asg-state');
    store = new AssignmentStateStore(redis, dataKeys(prefix), sealer);
  });
  afterEach(async () => deletePrefix(redis, prefix));

  it('stores each version sealed (no name or identity number in Redis) and reads one stored in clear before sealing', async () => {
    await store.storeVersion(v1);
    const stored = await redis.getBuffer(dataKeys(prefix).assignmentVersion(v1.id, v1.version));
    expect(sealer.stateOf(stored!)).toBe('current');
    expect(stored!.includes(Buffer.from(v1.client.identityNumber))).toBe(false);
    expect(stored!.includes(Buffer.from(v1.client.lastName))).toBe(false);
    expect(await store.loadVersion(v1.id, v1.version)).toEqual(v1);
    await redis.set(dataKeys(prefix).assignmentVersion(v1.id, 99), JSON.stringify({ ...v1, version: 99 }));
    expect(await store.loadVersion(v1.id, 99)).toEqual({ ...v1, version: 99 });
  });

  it('keeps the first content stored for a version', async () => {
    await store.storeVersion(v1);
    const changed: Assignment = { ...v1, changedAt: '2026-11-30T10:00:00+01:00', status: 'avslutad' };
    await store.storeVersion(changed);
    expect(await store.loadVersion(v1.id, 1)).toEqual(v1);
    expect(await store.loadVersion(v1.id, 2)).toBeNull();
    expect(await redis.ttl(dataKeys(prefix).assignmentVersion(v1.id, 1))).toBeGreaterThan(0);
  });

  it('only raises latestSeen', async () => {
    await store.storeVersion(v3);
    await store.storeVersion(v2);
    await store.storeVersion(v1);
    const state = await store.get(v1.id);
    expect(state.latestSeen).toBe(3);
    expect(state.appliedVersion).toBe(0);
    expect(await store.loadVersion(v1.id, 2)).toEqual(v2);
  });

  it('stores a page in one call: each version kept, latestSeen the highest of the page whatever its order', async () => {
    const other: Assignment = { ...v1, id: 'UPP-OTHER' };
    await store.storeVersions([v3, other, v1, v2]);
    expect([(await store.get(v1.id)).latestSeen, (await store.get(other.id)).latestSeen]).toEqual([3, 1]);
    expect(await Promise.all([store.loadVersion(v1.id, 1), store.loadVersion(v1.id, 2), store.loadVersion(v1.id, 3), store.loadVersion(other.id, 1)])).toEqual([v1, v2, v3, other]);
    expect(await redis.ttl(dataKeys(prefix).assignmentVersion(other.id, 1))).toBeGreaterThan(0);
  });

  it('knows nothing of an assignment never seen', async () => {
    expect(await store.get('UPP-NONE')).toEqual({ appliedVersion: 0, latestSeen: 0, serviceOrderIds: [] });
  });

  it('round-trips what was applied, without losing latestSeen', async () => {
    await store.storeVersion(v2);
    await store.recordApplied(v1.id, 1, { tenant: 'kommunen', customerId: 'C-X', serviceOrderIds: ['SO-A', 'SO-B'], rulesVersion: 'r1', outcome: 'applied' });
    expect(await store.get(v1.id)).toEqual({
      appliedVersion: 1,
      latestSeen: 2,
      tenant: 'kommunen',
      customerId: 'C-X',
      serviceOrderIds: ['SO-A', 'SO-B'],
      rulesVersion: 'r1',
      outcome: 'applied',
    });
    // A later record with no tenant (notServed) clears the old one rather than keeping it.
    await store.recordApplied(v1.id, 2, { serviceOrderIds: [], outcome: 'notServed' });
    expect(await store.get(v1.id)).toEqual({ appliedVersion: 2, latestSeen: 2, serviceOrderIds: [], outcome: 'notServed' });
  });

  it('gives the lock to one holder until it is released', async () => {
    const release = await store.tryLock('UPP-1', 60_000);
    expect(release).not.toBeNull();
    expect(await store.tryLock('UPP-1', 60_000)).toBeNull();
    expect(await store.tryLock('UPP-2', 60_000)).not.toBeNull();
    await release?.();
    const again = await store.tryLock('UPP-1', 60_000);
    expect(again).not.toBeNull();
    await again?.();
  });

  it('takes the lock and reads the state and the version (opened) with it; busy: null; released with the applied state in one transaction', async () => {
    await store.storeVersion(v1);
    await store.noteMaybeWritten(v1.id, []);
    const held = await store.lockAndRead(v1.id, v1.version, 60_000);
    expect(held?.assignment).toEqual(v1);
    expect(held?.state).toEqual({ appliedVersion: 0, latestSeen: v1.version, serviceOrderIds: [], maybeWritten: [] });
    expect(await store.lockAndRead(v1.id, v1.version, 60_000)).toBeNull();
    expect((await store.lockAndRead('UPP-none', 7, 60_000))?.assignment).toBeNull();
    const multi = redis.multi();
    store.recordAppliedIn(multi, v1.id, v1.version, { serviceOrderIds: ['SO-1'], outcome: 'applied' });
    held?.releaseIn(multi);
    await multi.exec();
    held?.released();
    const next = await store.lockAndRead(v1.id, v1.version, 60_000);
    expect(next?.state).toMatchObject({ appliedVersion: v1.version, serviceOrderIds: ['SO-1'] });
    await next?.release();
  });

  it('does not let a stale holder release the lock another holder took after expiry', async () => {
    const stale = await store.tryLock('UPP-1', 60_000);
    expect(stale).not.toBeNull();
    // Expire the stale holder's lock without waiting for its TTL.
    await redis.del(dataKeys(prefix).assignmentLock('UPP-1'));
    const current = await store.tryLock('UPP-1', 60_000);
    expect(current).not.toBeNull();
    await stale?.();
    expect(await store.tryLock('UPP-1', 60_000)).toBeNull();
    await current?.();
    expect(await store.tryLock('UPP-1', 60_000)).not.toBeNull();
  });

  it('sets the lock to expire by itself', async () => {
    await store.tryLock('UPP-1', 60_000);
    const ttl = await redis.pttl(dataKeys(prefix).assignmentLock('UPP-1'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('lists ended assignments whose last day is before the date, until they are forgotten', async () => {
    await store.noteEnded('UPP-A', '2027-01-14');
    await store.noteEnded('UPP-B', '2027-01-15');
    await store.noteEnded('UPP-C', '2027-01-16');
    await store.noteEnded('UPP-D', '2026-12-31');
    const due = await store.endedBefore('2027-01-15');
    expect(due.sort()).toEqual(['UPP-A', 'UPP-D']);
    expect((await store.endedBefore('2027-01-15')).sort()).toEqual(['UPP-A', 'UPP-D']);
    await store.forgetEnded(due);
    expect(await store.endedBefore('2027-01-15')).toEqual([]);
    expect(await store.endedBefore('2027-01-16')).toEqual(['UPP-B']);
    expect((await store.endedBefore('2027-02-01')).sort()).toEqual(['UPP-B', 'UPP-C']);
  });

  it('moves an assignment noted as ended twice to its newer end date', async () => {
    await store.noteEnded('UPP-A', '2027-01-14');
    await store.noteEnded('UPP-A', '2027-03-01');
    expect(await store.endedBefore('2027-02-01')).toEqual([]);
    expect(await store.endedBefore('2027-03-02')).toEqual(['UPP-A']);
  });
});
