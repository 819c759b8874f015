import type { PlanningStaffDay } from '@brygga/domain';
import { mergeStaffDay } from './staff-day.merger';

type DayShift = PlanningStaffDay['shifts'][number];
type DayAbsence = PlanningStaffDay['absences'][number];

const shift = (start: string, end: string, teamId: string): DayShift => ({ start: `2026-11-25T${start}:00+01:00`, end: `2026-11-${end}:00+01:00`, kind: 'DAG', teamId, breaks: [] });
const absence = (start: string, end: string, reason: DayAbsence['reason'] = 'SICK'): DayAbsence => ({ start: `2026-11-25T${start}:00+01:00`, end: `2026-11-25T${end}:00+01:00`, reason });
const day = (shifts: DayShift[], absences: DayAbsence[] = []): PlanningStaffDay => ({ shifts, absences });

const dayShift = shift('07:00', '25T15:00', 'NORR-1');
const nightShift = shift('21:15', '26T07:15', 'NATT');
const morning = absence('08:00', '12:00', 'TRAINING');
const wholeDay = absence('00:00', '23:59');

describe('mergeStaffDay', () => {
  const cases: Array<[string, PlanningStaffDay[], PlanningStaffDay]> = [
    ['no unit lists the day: empty', [], day([])],
    ['one unit: its part as it is', [day([dayShift], [morning])], day([dayShift], [morning])],
    ['a day and a night in two units: both, ordered by start, each with its team', [day([nightShift]), day([dayShift])], day([dayShift, nightShift])],
    ['an empty part adds nothing', [day([dayShift]), day([])], day([dayShift])],
    ['the same absence from two units counts once', [day([], [wholeDay]), day([nightShift], [wholeDay])], day([nightShift], [wholeDay])],
    ['different absences are all kept, ordered by start', [day([], [morning]), day([], [wholeDay])], day([], [wholeDay, morning])],
    ['same times, another reason: two absences', [day([], [morning]), day([], [{ ...morning, reason: 'OTHER' }])], day([], [{ ...morning, reason: 'OTHER' }, morning])],
    ['the same absence written with another offset is the same instant', [day([], [morning]), day([], [{ ...morning, start: '2026-11-25T07:00:00Z', end: '2026-11-25T11:00:00Z' }])], day([], [morning])],
  ];

  it.each(cases)('%s', (_name, contributions, expected) => {
    expect(mergeStaffDay(contributions)).toEqual(expected);
  });

  it('gives the same body whichever order the units come in (equal starts broken on end, then team)', () => {
    const a = shift('07:00', '25T15:00', 'NORR-1');
    const b = shift('07:00', '25T15:00', 'NORR-2');
    const c = shift('07:00', '25T12:00', 'VAST-1');
    const one = mergeStaffDay([day([a]), day([b]), day([c])]);
    const other = mergeStaffDay([day([c]), day([b]), day([a])]);
    expect(JSON.stringify(one)).toBe(JSON.stringify(other));
    expect(one.shifts.map((s) => s.teamId)).toEqual(['VAST-1', 'NORR-1', 'NORR-2']);
  });

  it('leaves its inputs as they were', () => {
    const parts = [day([nightShift]), day([dayShift])];
    const before = JSON.stringify(parts);
    mergeStaffDay(parts);
    expect(JSON.stringify(parts)).toBe(before);
  });
});
