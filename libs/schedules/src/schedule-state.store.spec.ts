import Redis from 'ioredis';
import type { PlanningStaffDay } from '@brygga/domain';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '@brygga/testing';
import { scheduleKeys } from './schedule-keys';
import { contentHash, datesToApply, ScheduleStateStore, UnitDate } from './schedule-state.store';

const work: PlanningStaffDay = { shifts: [{ start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', kind: 'DAG', teamId: 'NORR-1', breaks: [] }], absences: [] };

describe('datesToApply: staleness per unit and date', () => {
  const applied = new Map<string, UnitDate>([
    ['2026-11-23', { revision: 5, staffIds: [] }],
    ['2026-11-24', { revision: 7, staffIds: [] }],
  ]);
  const dates = ['2026-11-23', '2026-11-24', '2026-11-25'];
  it.each([
    [4, ['2026-11-25']],
    [5, ['2026-11-25']],
    [6, ['2026-11-23', '2026-11-25']],
    [7, ['2026-11-23', '2026-11-25']],
    [8, dates],
  ])('revision %i applies to %j', (revision, expected) => {
    expect(datesToApply(applied, revision, dates)).toEqual(expected);
  });
});

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

  it('records a unit\'s parts and its revision and listing per date in one go', async () => {
    await store.recordApplied('kommunen', 'NATT', [{ staffId: 'E1', date: '2026-11-23', day: work }], new Map([['2026-11-23', { revision: 3, staffIds: ['E2', 'E1'] }]]));
    await store.recordApplied('kommunen', 'NORR-1', [{ staffId: 'E1', date: '2026-11-23', day: work }], new Map());
    expect(await store.unitDates('NATT', ['2026-11-23', '2026-11-24'])).toEqual(new Map([['2026-11-23', { revision: 3, staffIds: ['E1', 'E2'] }]]));
    expect([...(await store.contributions('kommunen', 'E1')).keys()].sort()).toEqual(['2026-11-23|NATT', '2026-11-23|NORR-1']);
    await store.recordApplied('kommunen', 'NATT', [{ staffId: 'E1', date: '2026-11-23', day: null }], new Map());
    expect([...(await store.contributions('kommunen', 'E1')).keys()]).toEqual(['2026-11-23|NORR-1']);
  });

  it('sent days round-trip, per tenant', async () => {
    await store.recordDays('kommunen', [{ staffId: 'E1', date: '2026-11-23', day: { hash: contentHash(work), empty: false } }]);
    expect(await store.sentDays('kommunen', 'E1', ['2026-11-23', '2026-11-24'])).toEqual(new Map([['2026-11-23', { hash: contentHash(work), empty: false }]]));
    expect(await store.sentDays('omsorgshuset', 'E1', ['2026-11-23'])).toEqual(new Map());
  });
});
