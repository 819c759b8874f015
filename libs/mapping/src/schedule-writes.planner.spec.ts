import type { PlanningStaff, PlanningStaffDay } from '@brygga/domain';
import { shippedMappingRules } from './schedule-rules.fixture';
import { PlannedStaffWrite, planScheduleWrites, planSkillsResend, ScheduleWriteCounts, ScheduleWritesInput, StaffDayPlan } from './schedule-writes.planner';
import type { ContentHash, SentDay, SentStaff } from './sent-schedule.types';

// Any injective function will do: the planner only compares hashes.
const hash: ContentHash = (body) => `#${JSON.stringify(body)}`;
const staff: PlanningStaff = { employmentNumber: 'E1', firstName: 'A', lastName: 'B', teamId: 'NORR-1', skills: ['USK'] };
const work: PlanningStaffDay = { shifts: [{ start: '2026-11-23T07:00:00+01:00', end: '2026-11-23T16:00:00+01:00', kind: 'DAG', teamId: 'NORR-1', breaks: [] }], absences: [] };
const off: PlanningStaffDay = { shifts: [], absences: [] };
const employee = { qualification: 'USK' as const, delegations: [] };
const sentStaff: SentStaff = { hash: hash(staff), unitId: 'NATT', staff, qualification: 'USK', delegations: [] };

const sent = (day: PlanningStaffDay): SentDay => ({ hash: hash(day), empty: day.shifts.length + day.absences.length === 0 });
const day = (date: string, body: PlanningStaffDay, previous?: PlanningStaffDay, over: Partial<StaffDayPlan> = {}): StaffDayPlan => ({
  staffId: 'E1',
  date,
  day: body,
  previous: previous && sent(previous),
  removed: false,
  ...over,
});

function input(over: Partial<ScheduleWritesInput> = {}): ScheduleWritesInput {
  return { unitId: 'NORR-1', staff: [{ staffId: 'E1', staff, employee }], sentStaff: new Map(), days: [day('2026-11-23', work), day('2026-11-24', off)], contentHash: hash, ...over };
}

/** `putStaff E1`, `putStaffDay E1 2026-11-23`: what and where, in order. */
const named = (writes: PlannedStaffWrite[]) => writes.map(({ operation: o }) => [o.kind, o.staffId, ...(o.kind === 'putStaffDay' ? [o.date] : [])].join(' '));

describe('planScheduleWrites', () => {
  it.each<[string, Partial<ScheduleWritesInput>, string[], Partial<ScheduleWriteCounts>]>([
    [
      'first time: the staff record first, then only the days with content',
      {},
      ['putStaff E1', 'putStaffDay E1 2026-11-23'],
      { staffWritten: 1, daysWritten: 1, daysUnchanged: 1, daysWrittenForRemoved: 0 },
    ],
    [
      'nothing changed: nothing written',
      { sentStaff: new Map([['E1', sentStaff]]), days: [day('2026-11-23', work, work), day('2026-11-24', off, off)] },
      [],
      { staffWritten: 0, daysWritten: 0, daysUnchanged: 2 },
    ],
    ['a day that became empty is written empty, whichever unit filled it', { staff: [], days: [day('2026-11-23', off, work)] }, ['putStaffDay E1 2026-11-23'], { daysWritten: 1 }],
    ['a changed staff record is written again', { sentStaff: new Map([['E1', { ...sentStaff, hash: 'older' }]]), days: [] }, ['putStaff E1'], { staffWritten: 1 }],
    [
      'days of an employee the unit no longer lists are counted apart, staff records before any day',
      { days: [day('2026-11-23', off, work, { staffId: 'E9', removed: true }), day('2026-11-24', work)] },
      ['putStaff E1', 'putStaffDay E1 2026-11-24', 'putStaffDay E9 2026-11-23'],
      { daysWritten: 1, daysWrittenForRemoved: 1 },
    ],
    // A killed apply's bodies (sent, never recorded) are possibly present beside the recorded one.
    [
      'a day an unrecorded apply may have filled, now empty and never recorded: written empty',
      { staff: [], days: [day('2026-11-23', off, undefined, { maybe: [sent(work)] })] },
      ['putStaffDay E1 2026-11-23'],
      { daysWritten: 1 },
    ],
    [
      'the same for an employee the unit no longer lists',
      { staff: [], days: [day('2026-11-23', off, off, { maybe: [sent(work)], removed: true })] },
      ['putStaffDay E1 2026-11-23'],
      { daysWrittenForRemoved: 1 },
    ],
    ['recorded as wanted, but an unrecorded apply may have sent another body: written again', { staff: [], days: [day('2026-11-23', work, work, { maybe: [sent(off)] })] }, ['putStaffDay E1 2026-11-23'], { daysWritten: 1 }],
    ['every possibly present body already equal: nothing written', { staff: [], days: [day('2026-11-23', work, work, { maybe: [sent(work)] }), day('2026-11-24', off, undefined, { maybe: [sent(off)] })] }, [], { daysUnchanged: 2 }],
    [
      'a staff record recorded as wanted, but an unrecorded apply may have sent another: written again',
      { sentStaff: new Map([['E1', sentStaff]]), maybeStaff: new Map([['E1', ['other']]]), days: [] },
      ['putStaff E1'],
      { staffWritten: 1 },
    ],
    ['a staff record whose possibly present versions all equal it: not written', { sentStaff: new Map([['E1', sentStaff]]), maybeStaff: new Map([['E1', [hash(staff)]]]), days: [] }, [], { staffWritten: 0 }],
  ])('%s', (_name, over, operations, counts) => {
    const planned = planScheduleWrites(input(over));
    expect(named(planned.writes)).toEqual(operations);
    expect(planned.counts).toMatchObject(counts);
  });

  it('carries the bodies, and what to record once each is accepted', () => {
    const { writes } = planScheduleWrites(input());
    expect(writes[0]).toEqual({ operation: { kind: 'putStaff', staffId: 'E1', staff }, staff: { staffId: 'E1', sent: { hash: hash(staff), unitId: 'NORR-1', staff, qualification: 'USK', delegations: [] } }, replaces: '' });
    expect(writes[1]).toEqual({ operation: { kind: 'putStaffDay', staffId: 'E1', date: '2026-11-23', day: work }, day: { staffId: 'E1', date: '2026-11-23', day: sent(work) }, replaces: '' });
  });

  it('names what each write may replace, recorded first, so the same body sent over another version is a new write (Idempotency-Key)', () => {
    const over = (previous: PlanningStaffDay | undefined, maybe: SentDay[] = []) =>
      planScheduleWrites(input({ staff: [], days: [day('2026-11-23', work, previous, { maybe })] })).writes[0]?.replaces;
    expect(over(undefined)).toBe('');
    expect(over(off)).toBe(hash(off));
    expect(over(undefined, [sent(work)])).toBe(`,${hash(work)}`);
    expect(over(off, [sent(work)])).toBe(`${hash(off)},${hash(work)}`);
    const record = planScheduleWrites(input({ sentStaff: new Map([['E1', { ...sentStaff, hash: 'old' }]]), maybeStaff: new Map([['E1', ['other']]]), days: [] })).writes[0];
    expect(record.replaces).toBe('old,other');
  });
});

describe('planSkillsResend', () => {
  const rules = shippedMappingRules();
  const delegated = (validTo: string): SentStaff => {
    const skills = [...rules.qualificationSkills.USK, `${rules.delegationSkillPrefix}INSULIN`].sort();
    const body = { ...staff, skills };
    return { ...sentStaff, staff: body, hash: hash(body), delegations: [{ type: 'insulin', validTo }] };
  };

  it.each<[string, SentStaff, string, string[] | undefined]>([
    ['skills unchanged: nothing', delegated('2026-12-31'), '2026-11-23', undefined],
    ['the delegation still valid on its last day: nothing', delegated('2026-11-23'), '2026-11-23', undefined],
    ['a delegation expired: the record again without it', delegated('2026-11-22'), '2026-11-23', [...rules.qualificationSkills.USK].sort()],
  ])('%s', (_name, before, date, skills) => {
    const planned = planSkillsResend('E1', before, rules, date, hash);
    if (skills === undefined) return expect(planned).toBeUndefined();
    const body = { ...before.staff, skills };
    expect(planned).toEqual({ operation: { kind: 'putStaff', staffId: 'E1', staff: body }, staff: { staffId: 'E1', sent: { ...before, staff: body, hash: hash(body) } } });
  });
});
