import Redis from 'ioredis';
import { DataSealer, readDataKeyRing } from '@brygga/data-seal';
import type { PlanningStaffDay } from '@brygga/domain';
import type { SentStaff } from '@brygga/mapping';
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
  const sealer = new DataSealer(readDataKeyRing({}));
  let prefix: string;
  let store: ScheduleStateStore;

  beforeEach(() => {
    prefix = uniquePrefix('sched-state');
    store = new ScheduleStateStore(redis, scheduleKeys(prefix), sealer);
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

  it('seals the parts and the staff sent (names, sick leave); reads values stored in clear before sealing', async () => {
    const sick: PlanningStaffDay = { shifts: [], absences: [{ start: '2026-11-24T00:00:00+01:00', end: '2026-11-25T00:00:00+01:00', reason: 'SICK' }] };
    const anna: SentStaff = { hash: 'h1', unitId: 'NORR-1', staff: { employmentNumber: 'E1', firstName: 'Annabella', lastName: 'Lindqvist', teamId: 'NORR-1', skills: [] }, qualification: 'USK', delegations: [] };
    await store.recordApplied('kommunen', 'NORR-1', [{ staffId: 'E1', date: '2026-11-24', day: sick }], new Map());
    await store.recordStaff('kommunen', [{ staffId: 'E1', sent: anna }]);
    const keys = scheduleKeys(prefix);
    const part = await redis.hgetBuffer(keys.contributions('kommunen', 'E1'), '2026-11-24|NORR-1');
    const staff = await redis.hgetBuffer(keys.staff('kommunen'), 'E1');
    for (const stored of [part!, staff!]) expect(sealer.stateOf(stored)).toBe('current');
    expect(part!.includes(Buffer.from('SICK'))).toBe(false);
    expect(staff!.includes(Buffer.from('Lindqvist'))).toBe(false);
    expect(await store.contributions('kommunen', 'E1')).toEqual(new Map([['2026-11-24|NORR-1', sick]]));
    expect(await store.sentStaff('kommunen', ['E1', 'E2'])).toEqual(new Map([['E1', anna]]));
    const clear = { ...anna, staff: { ...anna.staff, employmentNumber: 'E2' } };
    await redis.hset(keys.staff('kommunen'), 'E2', JSON.stringify(clear));
    await redis.hset(keys.contributions('kommunen', 'E1'), '2026-11-23|NORR-1', JSON.stringify(work));
    expect(await store.allStaff('kommunen')).toEqual(new Map([['E1', anna], ['E2', clear]]));
    expect((await store.contributions('kommunen', 'E1')).get('2026-11-23|NORR-1')).toEqual(work);
  });

  it('sent days round-trip, per tenant', async () => {
    await store.recordDays('kommunen', [{ staffId: 'E1', date: '2026-11-23', day: { hash: contentHash(work), empty: false } }]);
    expect((await store.sentDays('kommunen', 'E1', ['2026-11-23', '2026-11-24'])).sent).toEqual(new Map([['2026-11-23', { hash: contentHash(work), empty: false }]]));
    expect((await store.sentDays('omsorgshuset', 'E1', ['2026-11-23'])).sent).toEqual(new Map());
  });

  it('"may have been written": noted before the writes, read with what was sent, each part gone once what replaced it is recorded', async () => {
    const d1 = { hash: contentHash(work), empty: false };
    const listed = new Map([['2026-11-23', ['E1', 'E2']]]);
    const staff = new Map([
      ['E1', { records: ['s1'], days: new Map([['2026-11-23', [d1]], ['2026-11-24', [d1]]]) }],
      ['E2', { days: new Map([['2026-11-23', [{ hash: 'h2', empty: true }]]]) }],
    ]);
    await store.noteMaybeWritten('kommunen', 'NORR-1', { listed, staff });
    expect(await store.unitDatesForApply('NORR-1', ['2026-11-23', '2026-11-24'])).toEqual({ applied: new Map(), maybeListed: listed });
    // The note is not an applied date: staleness, the poller and the alerts read dates only.
    expect(await store.unitDates('NORR-1', ['2026-11-23'])).toEqual(new Map());
    expect(await store.sentDays('kommunen', 'E1', ['2026-11-23', '2026-11-24'])).toEqual({ sent: new Map(), maybe: new Map([['2026-11-23', [d1]], ['2026-11-24', [d1]]]) });
    expect(await store.sentStaffForApply('kommunen', ['E1', 'E2'])).toEqual({ sent: new Map(), maybe: new Map([['E1', ['s1']]]) });
    // Ids, dates and hashes only: nothing there to seal.
    expect(JSON.stringify(await redis.hgetall(scheduleKeys(prefix).maybeWritten('kommunen', 'E1')))).not.toContain('07:00');

    const anna: SentStaff = { hash: 's1', unitId: 'NORR-1', staff: { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: [] }, qualification: 'USK', delegations: [] };
    await store.recordSent('kommunen', [{ staffId: 'E1', sent: anna }], [{ staffId: 'E1', date: '2026-11-23', day: d1 }]);
    expect(await store.sentDays('kommunen', 'E1', ['2026-11-23', '2026-11-24'])).toEqual({ sent: new Map([['2026-11-23', d1]]), maybe: new Map([['2026-11-24', [d1]]]) });
    expect(await store.sentStaffForApply('kommunen', ['E1'])).toEqual({ sent: new Map([['E1', anna]]), maybe: new Map() });
    await store.recordApplied('kommunen', 'NORR-1', [], new Map([['2026-11-23', { revision: 4, staffIds: ['E1'] }]]));
    expect(await store.unitDatesForApply('NORR-1', ['2026-11-23'])).toEqual({ applied: new Map([['2026-11-23', { revision: 4, staffIds: ['E1'] }]]), maybeListed: new Map() });
  });
});
