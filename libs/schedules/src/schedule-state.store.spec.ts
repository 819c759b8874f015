import Redis from 'ioredis';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { scheduleKeys } from './schedule-keys';
import { isStale, periodOf, ScheduleStateStore } from './schedule-state.store';

describe('ScheduleStateStore (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  let prefix: string;
  let store: ScheduleStateStore;

  beforeEach(() => {
    prefix = uniquePrefix('sched-state');
    store = new ScheduleStateStore(redis, scheduleKeys(prefix));
  });
  afterEach(async () => deletePrefix(redis, prefix));
  afterAll(() => redis.disconnect());

  it('a revision is stale at or below the applied one, except the same revision for another period', async () => {
    const week = periodOf('2026-11-23', '2026-11-29');
    expect(isStale(await store.unitState('NORR-1'), 1, week)).toBe(false);
    await store.recordApplied('NORR-1', 5, week);
    const state = await store.unitState('NORR-1');
    expect(isStale(state, 4, week)).toBe(true);
    expect(isStale(state, 5, week)).toBe(true);
    expect(isStale(state, 5, periodOf('2026-11-24', '2026-11-30'))).toBe(false);
    expect(isStale(state, 6, week)).toBe(false);
    await store.recordApplied('NORR-1', 6, periodOf('2026-11-24', '2026-11-30'));
    expect(await store.unitState('NORR-1')).toEqual({ revision: 6, periods: ['2026-11-24/2026-11-30'] });
  });

  it('keeps days, staff and unit listings per key, and only what was recorded', async () => {
    await store.recordDays('kommunen', [{ staffId: 'E1', date: '2026-11-23', day: { unitId: 'NORR-1', hash: 'h1', empty: false } }]);
    expect(await store.sentDays('kommunen', 'E1', ['2026-11-23', '2026-11-24'])).toEqual(new Map([['2026-11-23', { unitId: 'NORR-1', hash: 'h1', empty: false }]]));
    expect((await store.sentDays('omsorgshuset', 'E1', ['2026-11-23'])).size).toBe(0);
    const sent = { hash: 'x', unitId: 'NORR-1', staff: { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: [] }, qualification: 'VB' as const, delegations: [] };
    await store.recordStaff('kommunen', [{ staffId: 'E1', sent }]);
    expect(await store.staffTenants()).toEqual(['kommunen']);
    expect((await store.allStaff('kommunen')).get('E1')).toEqual(sent);
    await store.recordUnitDays('NORR-1', new Map([['2026-11-23', ['E2', 'E1']]]));
    expect(await store.unitDays('NORR-1', ['2026-11-23', '2026-11-24'])).toEqual(new Map([['2026-11-23', ['E1', 'E2']]]));
  });

  it('one holder of a unit lock at a time', async () => {
    const release = await store.tryLock('NORR-1', 10_000);
    expect(release).not.toBeNull();
    expect(await store.tryLock('NORR-1', 10_000)).toBeNull();
    expect(await store.tryLock('NORR-2', 10_000)).not.toBeNull();
    await release?.();
    expect(await store.tryLock('NORR-1', 10_000)).not.toBeNull();
  });
});
